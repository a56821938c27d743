/**
 * Maps paths inside the parsed YAML back to line/column, so every problem points at the text the
 * user wrote. Paths are segment arrays (`['nodes', 1, 'ip']`); ajv reports JSON pointers.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml'
import type { Document, LineCounter, Node, Pair } from 'yaml'

export type PathSegment = string | number

/** `/nodes/1/ip` → `['nodes', 1, 'ip']` (RFC 6901 unescaping; digit segments become numbers). */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s))
}

/** `['nodes', 1, 'ip']` → `nodes[1].ip`; odd keys are quoted: `a["b.c"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg
    else out += `[${JSON.stringify(seg)}]`
  }
  return out
}

export interface Position {
  line: number
  column: number
}

/** What to point at for a path: the value (default) or the key naming it (unknown keys). */
export type Target = 'value' | 'key'

type YamlNode = Node | Pair | null | undefined

function keyMatches(pair: Pair, seg: PathSegment): boolean {
  const key = pair.key
  const value = isScalar(key) ? key.value : key
  return String(value) === String(seg)
}

function rangeStart(node: YamlNode): number | undefined {
  if (!node || isPair(node)) return undefined
  return node.range?.[0]
}

export class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter
  ) {}

  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset)
    return { line, column: col }
  }

  /**
   * Where `path` is in the source. When the path does not exist (a missing key), the deepest
   * existing ancestor is returned, which is where the key has to be added.
   */
  locate(path: readonly PathSegment[], target: Target = 'value'): Position | undefined {
    let node: YamlNode = this.doc.contents
    let offset = rangeStart(node)
    for (const [index, seg] of path.entries()) {
      const last = index === path.length - 1
      if (isAlias(node)) node = node.resolve(this.doc)
      if (isMap(node)) {
        const pair = node.items.find((p) => keyMatches(p, seg))
        if (!pair) break
        const keyStart = rangeStart(pair.key as YamlNode)
        const value = pair.value as YamlNode
        const valueStart = rangeStart(value)
        // A key without value (`ip:`) has an empty scalar after the colon; the key reads better.
        const empty = isScalar(value) && value.range?.[0] === value.range?.[1]
        offset =
          (last && target === 'key') || empty || valueStart === undefined ? keyStart : valueStart
        node = value
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as YamlNode
        if (!item) break
        offset = rangeStart(item) ?? offset
        node = item
      } else break
    }
    return offset === undefined ? undefined : this.position(offset)
  }

  /** The path of the innermost node containing `offset` (for YAML errors, which carry offsets). */
  pathAt(offset: number): PathSegment[] {
    const path: PathSegment[] = []
    let node: YamlNode = this.doc.contents
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((p) => contains(p, offset))
        if (!pair) return path
        const key = isScalar(pair.key) ? pair.key.value : undefined
        if (typeof key !== 'string' && typeof key !== 'number') return path
        path.push(String(key))
        node = pair.value as YamlNode
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => contains(item as YamlNode, offset))
        if (index < 0) return path
        path.push(index)
        node = node.items[index] as YamlNode
      } else return path
    }
  }
}

function contains(node: YamlNode | Pair, offset: number): boolean {
  if (!node) return false
  if (isPair(node)) {
    const start = rangeStart(node.key as YamlNode)
    const value = node.value as YamlNode
    const end = value && !isPair(value) ? value.range?.[2] : undefined
    return start !== undefined && offset >= start && offset < (end ?? start + 1)
  }
  const range = node.range
  return range !== undefined && range !== null && offset >= range[0] && offset < range[2]
}

/** A problem found before its position is looked up: a path, or a raw offset for YAML errors. */
export interface PendingProblem {
  path: PathSegment[]
  message: string
  /** Point at the key rather than the value (unknown keys). */
  target?: Target
  /** Source offset, when the YAML parser gave one. */
  offset?: number
}
