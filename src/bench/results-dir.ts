/**
 * The results folder, as uploaded in one artifact and read by `report`:
 *   records/<node>/<workload>--<variant>.json   one run record each (schema rk1-bench/run v1)
 *   evidence/<node>/<workload>--<variant>.samples.json | .fio.json   raw samples, fio's own JSON
 *   logs/<node>-<suite>.log                     the pod log, with how the Job ended
 *   result.json                                 the headline (no `schema` field: not a record)
 * Evidence files carry no `schema` field, so `report` passes over them.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { HarnessResult } from './contract'
import type { BenchRecord } from './records'

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_')

export class ResultsWriter {
  readonly files: string[] = []
  private readonly taken = new Set<string>()

  constructor(readonly dir: string) {}

  private async put(rel: string, text: string): Promise<string> {
    const path = join(this.dir, rel)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, text)
    if (!this.files.includes(path)) this.files.push(path)
    return rel
  }

  /** A name not used before in this run (a workload run twice on a node keeps both). */
  private unique(base: string): string {
    let name = base
    for (let i = 2; this.taken.has(name); i++) name = `${base}-${i}`
    this.taken.add(name)
    return name
  }

  async log(
    node: string,
    suite: string,
    text: string,
    outcome: { state: string; detail: string; evidence?: string }
  ): Promise<string> {
    const header = `# rk1 npu-benchmark: suite ${suite} on ${node}: ${outcome.state} (${outcome.detail})\n`
    const tail = outcome.evidence ? `\n# Kubernetes said:\n${outcome.evidence}\n` : ''
    return this.put(join('logs', `${safe(node)}-${safe(suite)}.log`), header + text + tail)
  }

  async evidence(node: string, r: HarnessResult): Promise<{ samples?: string; fio_json?: string }> {
    const base = this.unique(
      join('evidence', safe(node), `${safe(r.workload.id)}--${safe(r.workload.variant)}`)
    )
    const out: { samples?: string; fio_json?: string } = {}
    if (Array.isArray(r.samples_ms) && r.samples_ms.length)
      out.samples = await this.put(`${base}.samples.json`, `${JSON.stringify(r.samples_ms)}\n`)
    if (r.fio_json !== undefined)
      out.fio_json = await this.put(`${base}.fio.json`, `${JSON.stringify(r.fio_json, null, 1)}\n`)
    return out
  }

  async record(r: BenchRecord): Promise<string> {
    const base = this.unique(
      join('records', safe(r.node.name), `${safe(r.workload.id)}--${safe(r.workload.variant)}`)
    )
    return this.put(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`)
  }
}
