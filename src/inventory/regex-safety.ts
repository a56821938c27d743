/**
 * Refuses boot patterns that could backtrack catastrophically. A boot pattern runs against the
 * node console on every poll, inside the action's event loop: `^(a+)+$` on a line of 30 `a`s and a
 * `!` would freeze the whole provision run, BMC watchdogs and all. JavaScript has no bounded regex
 * engine without a V8 flag, so the shapes that cause super-linear backtracking are rejected:
 * back-references, a repetition inside a repetition, a repeated alternation whose branches can
 * start alike, and two adjacent unbounded repetitions over overlapping characters.
 * The check is conservative: it may refuse a pattern that would have been fine, never the reverse
 * for those shapes, and the message says how to rewrite it.
 */

/** Sorted, disjoint, inclusive UTF-16 code unit ranges (non-unicode-mode regexes). */
type CharSet = readonly (readonly [number, number])[]

interface Term {
  atom: Atom
  min: number
  max: number
  /** Offset of the term in the pattern, and its end, for the message. */
  start: number
  end: number
}
type Sequence = Term[]
type Atom =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'group'; alternatives: Sequence[]; lookaround: boolean }
  | { kind: 'assertion' }
  | { kind: 'backreference' }

const MAX_UNIT = 0xffff
const DIGIT: CharSet = [[0x30, 0x39]]
const WORD: CharSet = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a]
]
const SPACE: CharSet = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff]
]
const LINE_TERMINATORS: CharSet = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029]
]

function normalise(ranges: (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1]
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi)
    else out.push([lo, hi])
  }
  return out
}

function complement(set: CharSet): CharSet {
  const out: [number, number][] = []
  let next = 0
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1])
    next = hi + 1
  }
  if (next <= MAX_UNIT) out.push([next, MAX_UNIT])
  return out
}

function overlaps(a: CharSet, b: CharSet): boolean {
  return a.some(([lo, hi]) => b.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi))
}

const single = (code: number): CharSet => [[code, code]]

/** A lenient parser: the pattern already compiled, so only its shape is of interest. */
class PatternParser {
  private pos = 0
  constructor(private readonly p: string) {}

  parse(): Sequence[] {
    return this.alternatives()
  }

  private alternatives(): Sequence[] {
    const out = [this.sequence()]
    while (this.p[this.pos] === '|') {
      this.pos++
      out.push(this.sequence())
    }
    return out
  }

  private sequence(): Sequence {
    const terms: Term[] = []
    while (this.pos < this.p.length && this.p[this.pos] !== '|' && this.p[this.pos] !== ')') {
      const start = this.pos
      const atom = this.atom()
      const [min, max] = this.quantifier() ?? [1, 1]
      terms.push({ atom, min, max, start, end: this.pos })
    }
    return terms
  }

  private quantifier(): [number, number] | undefined {
    const c = this.p[this.pos]
    let q: [number, number] | undefined
    if (c === '*') q = [0, Infinity]
    else if (c === '+') q = [1, Infinity]
    else if (c === '?') q = [0, 1]
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.pos))
      if (!m) return undefined // a literal `{` (Annex B)
      const min = Number(m[1])
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
      this.pos += m[0].length - 1
      q = [min, max]
    }
    if (!q) return undefined
    this.pos++
    if (this.p[this.pos] === '?') this.pos++ // lazy: same backtracking, other order
    return q
  }

  private atom(): Atom {
    const c = this.p[this.pos++] ?? ''
    switch (c) {
      case '^':
      case '$':
        return { kind: 'assertion' }
      case '.':
        return { kind: 'chars', set: complement(LINE_TERMINATORS) }
      case '(':
        return this.group()
      case '[':
        return { kind: 'chars', set: this.characterClass() }
      case '\\':
        return this.escape()
      default:
        return { kind: 'chars', set: single(c.charCodeAt(0)) }
    }
  }

  private group(): Atom {
    let lookaround = false
    if (this.p.startsWith('?:', this.pos)) this.pos += 2
    else if (/^\?<?[=!]/.test(this.p.slice(this.pos, this.pos + 3))) {
      lookaround = true
      this.pos += this.p[this.pos + 1] === '<' ? 3 : 2
    } else if (this.p.startsWith('?<', this.pos)) this.pos = this.p.indexOf('>', this.pos) + 1
    const alternatives = this.alternatives()
    this.pos++ // `)`
    return { kind: 'group', alternatives, lookaround }
  }

  private escape(): Atom {
    const c = this.p[this.pos++] ?? ''
    const set = this.classEscape(c)
    if (set) return { kind: 'chars', set }
    if (c === 'b' || c === 'B') return { kind: 'assertion' }
    if (/[1-9]/.test(c) || c === 'k') {
      while (/[0-9]/.test(this.p[this.pos] ?? '')) this.pos++
      if (c === 'k' && this.p[this.pos] === '<') this.pos = this.p.indexOf('>', this.pos) + 1
      return { kind: 'backreference' }
    }
    return { kind: 'chars', set: single(this.escapedChar(c)) }
  }

  private classEscape(c: string): CharSet | undefined {
    switch (c) {
      case 'd':
        return DIGIT
      case 'D':
        return complement(DIGIT)
      case 'w':
        return WORD
      case 'W':
        return complement(WORD)
      case 's':
        return SPACE
      case 'S':
        return complement(SPACE)
      default:
        return undefined
    }
  }

  /** The code unit of a single-character escape (`\n`, `\x41`, `\u0041`, `\.`). */
  private escapedChar(c: string): number {
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 }
    if (c in simple) return simple[c] ?? 0
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : 0
    if (hex) {
      const digits = this.p.slice(this.pos, this.pos + hex)
      if (new RegExp(`^[0-9A-Fa-f]{${hex}}$`).test(digits)) {
        this.pos += hex
        return parseInt(digits, 16)
      }
    }
    if (c === 'c' && /[A-Za-z]/.test(this.p[this.pos] ?? ''))
      return (this.p.charCodeAt(this.pos++) ?? 0) % 32
    return c.charCodeAt(0)
  }

  private characterClass(): CharSet {
    const negated = this.p[this.pos] === '^'
    if (negated) this.pos++
    const ranges: (readonly [number, number])[] = []
    // `[]` matches nothing and `[^]` anything: the first `]` always closes the class.
    while (this.pos < this.p.length && this.p[this.pos] !== ']') {
      const from = this.classAtom()
      if (
        typeof from === 'number' &&
        this.p[this.pos] === '-' &&
        this.p[this.pos + 1] !== ']' &&
        this.pos + 1 < this.p.length
      ) {
        this.pos++
        const to = this.classAtom()
        if (typeof to === 'number') {
          ranges.push([from, to])
          continue
        }
        ranges.push([from, from], [0x2d, 0x2d], ...to)
        continue
      }
      if (typeof from === 'number') ranges.push([from, from])
      else ranges.push(...from)
    }
    this.pos++ // `]`
    const set = normalise(ranges)
    return negated ? complement(set) : set
  }

  private classAtom(): number | CharSet {
    const c = this.p[this.pos++] ?? ''
    if (c !== '\\') return c.charCodeAt(0)
    const e = this.p[this.pos++] ?? ''
    if (e === 'b') return 8
    return this.classEscape(e) ?? this.escapedChar(e)
  }
}

/** Whether a sequence can match the empty string. */
function nullable(sequence: Sequence): boolean {
  return sequence.every((t) => t.min === 0 || atomNullable(t.atom))
}

function atomNullable(atom: Atom): boolean {
  if (atom.kind === 'chars') return false
  if (atom.kind === 'group') return atom.lookaround || atom.alternatives.some(nullable)
  return true
}

/** The characters a sequence's match can start with. */
function firstChars(sequence: Sequence): CharSet {
  let out: (readonly [number, number])[] = []
  for (const term of sequence) {
    const atom = term.atom
    if (atom.kind === 'chars') out = out.concat(atom.set)
    else if (atom.kind === 'group' && !atom.lookaround)
      for (const alternative of atom.alternatives) out = out.concat(firstChars(alternative))
    else if (atom.kind === 'backreference') return [[0, MAX_UNIT]]
    if (term.min > 0 && !atomNullable(atom)) break
  }
  return normalise(out)
}

function innerRepetition(alternatives: readonly Sequence[]): Term | undefined {
  for (const sequence of alternatives)
    for (const term of sequence) {
      if (term.max > 1 && term.atom.kind !== 'assertion') return term
      if (term.atom.kind === 'group') {
        const inner = innerRepetition(term.atom.alternatives)
        if (inner) return inner
      }
    }
  return undefined
}

/** Product of bounds above which a bounded repetition inside another counts as catastrophic. */
const NESTED_BOUND = 1000

/** Plain-language reasons the pattern could backtrack catastrophically; empty when it is safe. */
export function backtrackingRisks(pattern: string): string[] {
  const problems: string[] = []
  const quote = (t: Term): string =>
    `\`${pattern.slice(t.start, t.end)}\` at character ${t.start + 1}`
  const visit = (alternatives: readonly Sequence[]): void => {
    for (const sequence of alternatives) {
      sequence.forEach((term, i) => {
        const atom = term.atom
        if (atom.kind === 'backreference')
          problems.push(
            `${quote(term)} is a back-reference, which can take exponential time; write the text out instead`
          )
        if (atom.kind === 'group') {
          if (term.max > 1) {
            const inner = innerRepetition(atom.alternatives)
            if (
              inner &&
              (term.max === Infinity ||
                inner.max === Infinity ||
                term.max * inner.max > NESTED_BOUND)
            )
              problems.push(
                `${quote(term)} repeats a group that itself repeats (${quote(inner)}), which can ` +
                  'backtrack catastrophically; repeat only one of them'
              )
            else if (atom.alternatives.length > 1 && ambiguous(atom.alternatives))
              problems.push(
                `${quote(term)} repeats alternatives that can match the same text, which can ` +
                  'backtrack catastrophically; make each alternative start differently'
              )
          }
          visit(atom.alternatives)
        }
        const next = sequence[i + 1]
        if (
          next &&
          term.max === Infinity &&
          next.max === Infinity &&
          atom.kind === 'chars' &&
          next.atom.kind === 'chars' &&
          overlaps(atom.set, next.atom.set)
        )
          problems.push(
            `${quote(term)} and ${quote(next)} repeat the same characters back to back, which ` +
              'backtracks in polynomial time on long console lines; merge them into one'
          )
      })
    }
  }
  visit(new PatternParser(pattern).parse())
  return problems
}

function ambiguous(alternatives: readonly Sequence[]): boolean {
  if (alternatives.some(nullable)) return true
  const firsts = alternatives.map(firstChars)
  return firsts.some((a, i) => firsts.slice(i + 1).some((b) => overlaps(a, b)))
}
