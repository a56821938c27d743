/**
 * Reads `cluster.yaml`: YAML syntax, JSON Schema, then cross-field rules, all in one pass so the
 * user sees every problem at once, each with its path and line. Nothing is touched before this
 * succeeds.
 */
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import type { YAMLError } from 'yaml'
import { InputError } from '../common/errors'
import type { InputProblem } from '../common/errors'
import { buildInventory } from './build'
import type { RawInventory } from './build'
import { formatPath, Locator } from './locate'
import type { PendingProblem } from './locate'
import { checkSemantics } from './semantic'
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
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const locator = new Locator(doc, lineCounter)
  const errors: PendingProblem[] = doc.errors.map((e) => yamlProblem(e, locator))
  const warnings: PendingProblem[] = doc.warnings.map((e) => yamlProblem(e, locator))

  // Duplicate keys leave a usable document; real syntax errors do not, and checking the debris
  // would only add misleading messages.
  let data: unknown
  if (doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) {
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
      // A value the schema already rejected would only be reported twice, less clearly.
      const rejected = new Set(schemaErrors.map((p) => formatPath(p.path)))
      errors.push(
        ...schemaErrors,
        ...findings.errors.filter((p) => !rejected.has(formatPath(p.path)))
      )
      warnings.push(...findings.warnings)
    }
  }

  if (errors.length > 0) {
    const problems = finish(errors, locator, file)
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
    throw new InputError(`The cluster inventory ${file} has ${count}.`, problems)
  }
  const inventory = buildInventory(data as RawInventory, dirname(resolve(file)))
  return { inventory, warnings: finish(warnings, locator, file) }
}

/** Reads and parses an inventory file; a missing or unreadable file is an `InputError` too. */
export async function loadInventory(path: string): Promise<LoadedInventory> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
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
  return parseInventory(text, path)
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
