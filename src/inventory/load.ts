/**
 * Reads `cluster.yaml`: size, encoding and nesting first, then YAML syntax, JSON Schema and
 * cross-field rules, all in one pass so the user sees every problem at once, each with its path
 * and line. Nothing is touched before this succeeds.
 */
import { open } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Composer, LineCounter, Parser, YAMLParseError } from 'yaml'
import type { Document, YAMLError } from 'yaml'
import { InputError } from '../common/errors'
import type { InputProblem } from '../common/errors'
import { buildInventory } from './build'
import type { RawInventory } from './build'
import { decodeUtf8, stringOffset } from './encoding'
import type { DecodedText } from './encoding'
import { formatBytes, MAX_ENTRIES, MAX_INVENTORY_BYTES, MAX_NESTING_DEPTH } from './limits'
import { formatPath, Locator } from './locate'
import type { PendingProblem } from './locate'
import { checkSemantics } from './semantic'
import { findStructuralExcess, findUnclosedFlow } from './structure'
import type { Inventory } from './types'
import { validateAgainstSchema } from './validate-schema'

export interface LoadedInventory {
  inventory: Inventory
  /** Not fatal but worth fixing (e.g. unpinned BMC certificate); show them to the user. */
  warnings: InputProblem[]
}

const EXAMPLE_HINT = 'start from examples/cluster.yaml'

/**
 * Parses and validates inventory text. `file` names the source in problems and anchors relative
 * paths (image sources, caFile). Throws `InputError` listing every problem.
 */
export function parseInventory(text: string, file: string): LoadedInventory {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_INVENTORY_BYTES) throw tooLarge(file, bytes)
  return check(text, file, NO_ENCODING_PROBLEMS)
}

/** Invalid UTF-8 found in the bytes: where, as offsets into the decoded text, and how many. */
interface EncodingProblems {
  /** Where each listed bad sequence starts, and its first byte in hex. */
  offsets: { offset: number; byte: string }[]
  /** Bytes or sequences in all, listed or not. */
  count: number
}

const NO_ENCODING_PROBLEMS: EncodingProblems = { offsets: [], count: 0 }

function check(text: string, file: string, encoding: EncodingProblems): LoadedInventory {
  const lineCounter = new LineCounter()
  // The composer recurses once per level and compares every key with the earlier ones, so depth
  // and size are checked on the flat token stream first.
  const excess = findStructuralExcess(text)
  if (excess) {
    // Counted directly: running the parser over such text would cost seconds.
    const before = text.slice(0, excess.offset)
    const line = before.split('\n').length
    const column = excess.offset - before.lastIndexOf('\n')
    const message =
      excess.limit === 'depth'
        ? `nested more than ${MAX_NESTING_DEPTH} levels deep here; an inventory needs at most 5 ` +
          '(e.g. distros.talos.image.source), so this is not a cluster.yaml or has a runaway ' +
          '`[`/`{` or indentation'
        : `holds more than ${MAX_ENTRIES} keys and list entries by here; a four-node inventory ` +
          'has about 100, so this is not a cluster.yaml or was generated wrong'
    throw rejected(file, [{ path: '', message, line, column, file }])
  }

  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text))
  const doc = compose(tokens, text.length)
  const locator = new Locator(doc, lineCounter)
  let yamlErrors = doc.errors
  const errors: PendingProblem[] = []
  // The parser notices an unclosed `[` only where the next key no longer fits, lines later and
  // under another key; the bracket itself is what needs fixing, and what follows it is debris.
  const unclosed = findUnclosedFlow(tokens)
  const firstUnclosed = unclosed[0]
  if (firstUnclosed) {
    yamlErrors = yamlErrors.filter((e) => e.pos[0] < firstUnclosed.offset)
    for (const u of unclosed) {
      const closer = u.char === '[' ? ']' : '}'
      errors.push({
        path: locator.pathAt(u.offset),
        message: `YAML syntax error: this \`${u.char}\` is never closed; add the matching \`${closer}\``,
        offset: u.offset
      })
    }
  }
  const encodingProblems = locateEncoding(encoding, locator)
  errors.push(...encodingProblems, ...yamlErrors.map((e) => yamlProblem(e, locator)))
  const warnings: PendingProblem[] = doc.warnings.map((e) => yamlProblem(e, locator))

  // Duplicate keys leave a usable document; real syntax errors do not, and checking the debris
  // would only add misleading messages.
  let data: unknown
  if (!firstUnclosed && doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) {
    try {
      data = doc.toJS({ maxAliasCount: 100 })
    } catch (e) {
      errors.push({ path: [], message: `cannot be read: ${(e as Error).message}` })
    }
    if (data === null || data === undefined) {
      if (errors.length === 0)
        errors.push({ path: [], message: `the file is empty; ${EXAMPLE_HINT}` })
    } else if (typeof data !== 'object' || Array.isArray(data)) {
      errors.push({
        path: [],
        message: `must be a mapping with name, bmc, nodes and network (got ${Array.isArray(data) ? 'a list' : 'a scalar'}); ${EXAMPLE_HINT}`
      })
    } else {
      const schemaErrors = validateAgainstSchema(data)
      const findings = checkSemantics(data as Record<string, unknown>)
      // A value the schema already rejected would only be reported twice, less clearly; so
      // would a value whose bytes were not UTF-8 (its U+FFFD fails the pattern too).
      const reported = new Set([
        ...schemaErrors.map((p) => formatPath(p.path)),
        ...encodingProblems.filter((p) => p.path.length > 0).map((p) => formatPath(p.path))
      ])
      const garbled = new Set(encodingProblems.map((p) => formatPath(p.path)))
      errors.push(
        ...schemaErrors.filter((p) => !garbled.has(formatPath(p.path))),
        ...findings.errors.filter((p) => !reported.has(formatPath(p.path)))
      )
      warnings.push(...findings.warnings)
    }
  }

  if (errors.length > 0) throw rejected(file, finish(errors, locator, file))
  const inventory = buildInventory(data as RawInventory, dirname(resolve(file)))
  return { inventory, warnings: finish(warnings, locator, file) }
}

/** `parseDocument`, from tokens already in hand (they are needed for the bracket check too). */
function compose(tokens: Parameters<Composer['compose']>[0], length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true })
  let doc: Document.Parsed | undefined
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) doc = next
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'multiple documents')
      )
      break
    }
  }
  // forceDoc guarantees one document, even for empty input.
  return doc as Document.Parsed
}

function rejected(file: string, problems: InputProblem[]): InputError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  return new InputError(`The cluster inventory ${file} has ${count}.`, problems)
}

function tooLarge(file: string, bytes: number): InputError {
  return new InputError(`Cannot load the cluster inventory ${file}.`, [
    {
      path: '',
      message:
        `is ${bytes > MAX_INVENTORY_BYTES + 1 ? formatBytes(bytes) : `over ${formatBytes(MAX_INVENTORY_BYTES)}`}; an inventory may be at most ${formatBytes(MAX_INVENTORY_BYTES)} ` +
        '(a four-node cluster.yaml is about 3 KiB), so it was not read; check that the ' +
        '`inventory` input or --inventory names the cluster.yaml and not an image or a log',
      file
    }
  ])
}

/**
 * Reads and parses an inventory file; a missing, oversized, unreadable or non-UTF-8 file is an
 * `InputError` too. The size is checked on the open file before reading, and reading stops one
 * byte past the limit, so neither a 50 MB file nor a device or pipe is slurped.
 */
export async function loadInventory(path: string): Promise<LoadedInventory> {
  let bytes: Buffer | number
  try {
    bytes = await readCapped(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const message =
      code === 'ENOENT'
        ? `no such file (looked for ${resolve(path)}); set the \`inventory\` input or --inventory, ` +
          `${EXAMPLE_HINT}, or run \`rk1 lab up\` for the virtual lab`
        : code === 'EISDIR'
          ? 'is a directory; give the path of the cluster.yaml file inside it'
          : `cannot be read: ${(e as Error).message}`
    throw new InputError(`Cannot load the cluster inventory ${path}.`, [
      { path: '', message, file: path }
    ])
  }
  if (typeof bytes === 'number') throw tooLarge(path, bytes)
  const decoded = decodeUtf8(bytes)
  if (decoded.otherEncoding)
    throw rejected(path, [
      {
        path: '',
        message: `is encoded as ${decoded.otherEncoding} (it starts with its byte-order mark); save it as UTF-8`,
        line: 1,
        column: 1,
        file: path
      }
    ])
  return check(decoded.text, path, encodingProblems(bytes, decoded))
}

/** The file's bytes, or its size when that is over the limit. */
async function readCapped(path: string): Promise<Buffer | number> {
  const handle = await open(path, 'r')
  try {
    const info = await handle.stat()
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
    if (info.size > MAX_INVENTORY_BYTES) return info.size
    const buffer = Buffer.alloc(MAX_INVENTORY_BYTES + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    // Files that grow while read, pipes and devices report no useful size up front.
    if (length > MAX_INVENTORY_BYTES) return length
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

function encodingProblems(bytes: Buffer, decoded: DecodedText): EncodingProblems {
  return {
    offsets: decoded.invalid.map((offset) => ({
      offset: stringOffset(bytes, offset),
      byte: (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')
    })),
    count: decoded.invalidCount
  }
}

const notUtf8 = (byte: string): string =>
  `the file is not valid UTF-8: byte 0x${byte} here is not part of a UTF-8 character (the ` +
  'file was probably saved as Latin-1 or Windows-1252); save it as UTF-8'

/** One problem per value (or comment) holding bad bytes, so a garbled line is one entry. */
function locateEncoding(encoding: EncodingProblems, locator: Locator): PendingProblem[] {
  const seen = new Set<string>()
  const problems: PendingProblem[] = []
  for (const { offset, byte } of encoding.offsets) {
    const path = locator.pathAt(offset)
    const key = formatPath(path)
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({ path, message: notUtf8(byte), offset })
  }
  const last = problems[problems.length - 1]
  const unlisted = encoding.count - problems.length
  if (last && unlisted > 0) last.message += ` (${unlisted} more invalid bytes in the file)`
  return problems
}

function yamlProblem(e: YAMLError, locator: Locator): PendingProblem {
  const offset = e.pos[0]
  const path = locator.pathAt(offset)
  let message = e.message
  if (e.code === 'DUPLICATE_KEY') {
    const key = path[path.length - 1]
    message = `duplicate key${key === undefined ? '' : ` "${String(key)}"`}: each key may appear only once in a mapping`
  } else if (e.code === 'MULTIPLE_DOCS') {
    message = 'the file must hold one YAML document; remove the `---` separator and what follows it'
  } else if (e.name === 'YAMLParseError') {
    message = `YAML syntax error: ${message}`
  }
  return { path, message, offset }
}

/** Positions, dedup and source order, so the list reads top to bottom like the file. */
function finish(
  pending: readonly PendingProblem[],
  locator: Locator,
  file: string
): InputProblem[] {
  const seen = new Set<string>()
  const problems: InputProblem[] = []
  for (const p of pending) {
    const path = formatPath(p.path)
    const key = `${path}\n${p.message}`
    if (seen.has(key)) continue
    seen.add(key)
    const position =
      p.offset !== undefined ? locator.position(p.offset) : locator.locate(p.path, p.target)
    problems.push({
      path,
      message: p.message,
      line: position?.line,
      column: position?.column,
      file
    })
  }
  const order = (p: InputProblem): number =>
    (p.line ?? Number.MAX_SAFE_INTEGER) * 10_000 + (p.column ?? 0)
  return problems.sort((a, b) => order(a) - order(b))
}
