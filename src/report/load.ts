import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { checkRecord, isSimulated, type RunRecord } from './records'

/** A file that was left out, and why (shown one by one in every rendering). */
export interface BadRecord {
  file: string
  problem: string
}

export interface LoadedRecords {
  records: RunRecord[]
  bad: BadRecord[]
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const files: string[] = []
  for (const e of entries) {
    const path = join(dir, e.name)
    if (e.isDirectory()) files.push(...(await jsonFiles(path)))
    else if (e.name.endsWith('.json')) files.push(path)
  }
  return files.sort()
}

/** Records may come one per file or as an array (a per-distro bundle). */
function documents(parsed: unknown): unknown[] {
  return Array.isArray(parsed) ? parsed : [parsed]
}

/**
 * Reads every `*.json` under `dirs` as run records. Files that are not records at all (no
 * `schema` field, e.g. a raw fio output kept next to them) are skipped quietly; anything that
 * claims to be a record and is not usable is reported. `clusterId`, when given, rejects records
 * of another cluster; `label` prefixes the file names shown (e.g. `run 123/`).
 */
export async function loadRecords(
  dirs: readonly string[],
  options: { clusterId?: string; label?: string } = {}
): Promise<LoadedRecords> {
  const records: RunRecord[] = []
  const bad: BadRecord[] = []
  for (const dir of dirs) {
    for (const path of await jsonFiles(dir)) {
      const file = `${options.label ?? ''}${relative(dir, path) || path}`
      const text = await readFile(path, 'utf8')
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch (error) {
        bad.push({ file, problem: `truncated or not JSON (${(error as Error).message})` })
        continue
      }
      documents(parsed).forEach((doc, i) => {
        const at = Array.isArray(parsed) ? `${file}[${i}]` : file
        // Evidence beside the records (raw samples, fio JSON, repeats) is not a record: skip it.
        if (typeof doc !== 'object' || doc === null || !('schema' in doc)) return
        const problems = checkRecord(doc)
        if (problems.length) return bad.push({ file: at, problem: problems.join('; ') })
        const record = doc as RunRecord
        if (options.clusterId && record.cluster.cluster_id !== options.clusterId)
          return bad.push({
            file: at,
            problem: `from cluster "${record.cluster.cluster_id}", not "${options.clusterId}"`
          })
        records.push(record)
      })
    }
  }
  return { records, bad }
}

/** Splits records by simulated vs real; the report only ever uses one side. */
export function splitSimulated(records: readonly RunRecord[]): {
  real: RunRecord[]
  simulated: RunRecord[]
} {
  return {
    real: records.filter((r) => !isSimulated(r)),
    simulated: records.filter((r) => isSimulated(r))
  }
}
