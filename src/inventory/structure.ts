/**
 * Structural checks that must run before (or instead of) the YAML composer: nesting depth, which
 * the composer handles by recursion (100 000 levels overflow the stack), and flow collections that
 * are never closed, which the parser only notices lines later, under an unrelated key.
 */
import { CST, Lexer } from 'yaml'
import { MAX_ENTRIES, MAX_NESTING_DEPTH } from './limits'

/** A block collection open at a column: a sequence (`-`) or a mapping (`key:`). */
interface Open {
  column: number
  kind: 'seq' | 'map'
}

/** Where the text first passes a structural limit, and which. */
export interface LimitPassed {
  offset: number
  limit: 'depth' | 'entries'
}

/**
 * Where nesting first exceeds `depthLimit` or the count of keys and list entries exceeds
 * `entryLimit`, or undefined. Works on lexer tokens, so it stops as soon as a limit is passed and
 * never builds the deep or huge structure. Block depth is counted from indentation and the
 * `-`/`?`/`:` indicators; flow depth from brackets; entries from those indicators and commas.
 */
export function findStructuralExcess(
  text: string,
  depthLimit: number = MAX_NESTING_DEPTH,
  entryLimit: number = MAX_ENTRIES
): LimitPassed | undefined {
  let entries = 0
  let offset = 0
  let lineStart = 0
  let flow = 0
  let atScalar = false
  /** Column where the current block key (or value) began on this line. */
  let contentColumn: number | undefined
  const open: Open[] = []
  const close = (column: number): void => {
    while (open.length > 0 && (open[open.length - 1]?.column ?? 0) > column) open.pop()
  }
  const enter = (column: number, kind: Open['kind']): void => {
    close(column)
    const top = open[open.length - 1]
    if (top?.column === column) {
      if (top.kind === kind) return
      // `key:` then `- item` at the same indentation: a sequence inside the mapping. A key at a
      // sequence's column ends that sequence.
      if (kind === 'map') {
        open.pop()
        const parent = open[open.length - 1]
        if (parent?.column === column && parent.kind === 'map') return
      }
    }
    open.push({ column, kind })
  }

  for (const source of new Lexer().lex(text)) {
    const start = offset
    if (atScalar) {
      atScalar = false
      offset += source.length
      contentColumn ??= start - lineStart
      continue
    }
    const type = CST.tokenType(source)
    if (type === 'scalar') {
      atScalar = true
      continue
    }
    if (type === 'doc-mode' || type === 'flow-error-end') continue
    offset += source.length
    switch (type) {
      case 'newline':
        lineStart = offset
        contentColumn = undefined
        continue
      case 'space':
      case 'comment':
        continue
      case 'flow-seq-start':
      case 'flow-map-start':
        flow++
        entries++
        break
      case 'comma':
        entries++
        break
      case 'flow-seq-end':
      case 'flow-map-end':
        flow = Math.max(0, flow - 1)
        break
      case 'seq-item-ind':
      case 'explicit-key-ind':
        entries++
        if (flow === 0) {
          enter(start - lineStart, type === 'seq-item-ind' ? 'seq' : 'map')
          contentColumn = undefined
        }
        break
      case 'map-value-ind':
        entries++
        if (flow === 0) {
          enter(contentColumn ?? start - lineStart, 'map')
          contentColumn = undefined
        }
        break
      default:
        contentColumn ??= start - lineStart
    }
    if (open.length + flow > depthLimit) return { offset: start, limit: 'depth' }
    if (entries > entryLimit) return { offset: start, limit: 'entries' }
  }
  return undefined
}

/** Offsets of `[` and `{` that are never closed, found in the parser's concrete syntax tree. */
export function findUnclosedFlow(tokens: readonly CST.Token[]): { offset: number; char: string }[] {
  const found: { offset: number; char: string }[] = []
  const pending: (CST.Token | null | undefined)[] = [...tokens]
  // Iterative: the depth is already capped, but a walk that cannot overflow costs nothing extra.
  while (pending.length > 0) {
    const token = pending.pop()
    if (!token) continue
    switch (token.type) {
      case 'document':
        pending.push(token.value)
        break
      case 'block-map':
      case 'block-seq':
        for (const item of token.items) pending.push(item.value, 'key' in item ? item.key : null)
        break
      case 'flow-collection': {
        const closer = token.start.source === '[' ? ']' : '}'
        if (!token.end.some((t) => t.source === closer))
          found.push({ offset: token.start.offset, char: token.start.source })
        for (const item of token.items) pending.push(item.value, item.key)
        break
      }
      default:
        break
    }
  }
  return found.sort((a, b) => a.offset - b.offset)
}
