// Run records from recorded harness output: valid against the published schema and the report's
// reader, SIMULATED when the lab or the harness says so, references attached, failures explained;
// the results folder is what `report` reads.
import { describe, expect, test } from '@jest/globals'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseHarnessLog } from '../../src/bench/contract'
import { runRecordJsonSchema } from '../../src/bench/record-schema'
import {
  failedRecord,
  recordFromResult,
  type NodeContext,
  type RunContextInfo
} from '../../src/bench/records'
import { ResultsWriter } from '../../src/bench/results-dir'
import { notMeasured, summaryRows } from '../../src/bench/summary'
import { recordProblems } from '../../src/bench/validate'
import { loadRecords } from '../../src/report/load'

const ROOT = join(import.meta.dirname, '../..')
const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/bench', name), 'utf8')
const published = JSON.parse(readFileSync(join(ROOT, 'schema/run-record.schema.json'), 'utf8'))

const run = (o: Partial<RunContextInfo> = {}): RunContextInfo => ({
  suiteId: '4242-1',
  distro: 'k3s',
  clusterId: 'turing-lab',
  labSimulated: false,
  source: { repo: 'o/r', commit: 'abc', ref: 'refs/heads/main', trigger: 'schedule' },
  ...o
})

function nodeOf(log: string, name = 'lab-w1'): NodeContext {
  const p = parseHarnessLog(log)
  return {
    name,
    slot: 2,
    info: { kubeletVersion: 'v1.35.8+k3s1', containerRuntimeVersion: 'containerd://2.1.4' },
    environment: p.environment,
    harnessVersion: p.start?.harness_version,
    harnessSimulated: p.start?.simulated === true,
    log: `logs/${name}-npu.log`
  }
}

describe('run records', () => {
  const log = fixture('k3s-all-suites.log')
  const parsed = parseHarnessLog(log)
  const records = parsed.results.map((r) => recordFromResult(run(), nodeOf(log), r))

  test('the published schema is generated from src/bench/record-schema.ts', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(runRecordJsonSchema)))
  })

  test('every record is valid for the published schema (plain ajv) and the report reader', () => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    const validate = ajv.compile(published)
    expect(records.length).toBe(parsed.results.length)
    for (const r of records) {
      expect(recordProblems(r)).toEqual([])
      expect(validate(r)).toBe(true)
    }
  })

  test('fingerprint, provenance and SIMULATED from the harness even off the lab', () => {
    const r = records.find(
      (x) => x.workload.variant === 'npu-core0' && x.workload.id === 'resnet50'
    )!
    expect(r).toMatchObject({
      schema: 'rk1-bench/run',
      schema_version: 1,
      suite_id: '4242-1',
      simulated: true,
      harness_version: '1.0.0',
      source: { repo: 'o/r', trigger: 'schedule' },
      cluster: {
        distro: 'k3s-armbian',
        cluster_id: 'turing-lab',
        kubernetes_version: 'v1.35.8+k3s1',
        container_runtime: 'containerd://2.1.4',
        simulated: true
      },
      node: { name: 'lab-w1', slot: 2, soc: 'rk3588' },
      workload: { engine: 'rknnlite', params: { core_mask: 1 } },
      method: { timing_scope: 'end_to_end', clock_mode: 'as-deployed' },
      references: [{ metric: 'latency_ms', value: 9.1, unit: 'ms' }]
    })
    expect(new Set(records.map((x) => x.run_id)).size).toBe(records.length)
    // Raw samples go beside the record, not inside it.
    expect(r).not.toHaveProperty('samples_ms')
    expect(r.node).not.toHaveProperty('simulated')
  })

  test('a lab cluster makes a record SIMULATED even when the harness did not say so', () => {
    const honest = { ...parsed.results[0]!, simulated: false }
    const ctx = { ...nodeOf(log), harnessSimulated: false }
    expect(recordFromResult(run(), ctx, honest).simulated).toBe(false)
    expect(recordFromResult(run({ labSimulated: true }), ctx, honest).simulated).toBe(true)
  })

  test('a failed record without any result: valid, says why, carries the log tail', () => {
    const f = failedRecord(
      run({ distro: 'talos' }),
      { name: 'lab-w2' },
      {
        suite: 'storage',
        reason: 'the benchmark Job failed: exit 137 (Error)',
        evidence: 'line 1\nline 2',
        startedAt: '2026-12-03T05:00:00.000Z'
      }
    )
    expect(recordProblems(f)).toEqual([])
    expect(f).toMatchObject({
      status: 'failed',
      workload: { id: 'storage', variant: 'storage-suite' },
      cluster: { distro: 'talos' },
      evidence: 'line 1\nline 2',
      metrics: {}
    })
    const noReason = { ...f, reason: undefined }
    delete noReason.reason
    expect(recordProblems(noReason)).toContain("(record) must have required property 'reason'")
  })

  test('the results folder: records and evidence beside them, all of it readable by report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-bench-records-'))
    const w = new ResultsWriter(dir)
    const ctx = nodeOf(log)
    const written = []
    for (const r of parsed.results) {
      const files = await w.evidence(ctx.name, r)
      written.push(recordFromResult(run(), ctx, r, files))
    }
    for (const r of written) await w.record(r)
    const fio = written.find((r) => r.workload.variant === 'fio-seqread-1m')!
    expect(fio.artifacts?.fio_json).toBe('evidence/lab-w1/fio--fio-seqread-1m.fio.json')
    const samples = JSON.parse(readFileSync(join(dir, written[0]!.artifacts!.samples!), 'utf8'))
    expect(samples).toHaveLength(12)
    const loaded = await loadRecords([dir])
    expect(loaded.bad).toEqual([])
    expect(loaded.records).toHaveLength(written.length)
  })

  test('summary rows: measured records with p50, p90, throughput and the reference ratio', () => {
    const rows = summaryRows(records)
    const npu = rows.find((r) => r[1] === 'resnet50' && r[2] === 'npu-core0')!
    expect(npu[3]).toBe('ok')
    expect(npu[4]).toMatch(/ ms$/)
    expect(npu[6]).toMatch(/ fps$/)
    expect(npu[8]).toMatch(/^9\.10 ms \(×1\.\d+\)$/)
    const talos = parseHarnessLog(fixture('talos-npu-llm.log'))
    const skipped = talos.results.map((r) => recordFromResult(run(), nodeOf(log, 'lab-cp1'), r))
    expect(summaryRows(skipped)).toEqual([])
    const lines = notMeasured(skipped, 'skipped')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^no rknpu driver on Talos .*: lab-cp1 \(resnet50\/npu-core0, /)
  })
})
