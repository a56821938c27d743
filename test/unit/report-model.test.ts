import { describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateSeries } from '../../src/report/alert-rule'
import { buildReport } from '../../src/report/build'
import { loadRecords } from '../../src/report/load'
import { renderComment, COMMENT_LIMIT } from '../../src/report/markdown'
import { matrixTable } from '../../src/report/model'
import { night, record } from '../helpers/bench-records'

const pts = (values: number[], fp = 'a') =>
  values.map((value, i) => ({ value, fingerprint: fp, at: String(i) }))

describe('alert rule', () => {
  test('a lasting 10 % step alerts once, on its second night, and recovers', () => {
    const values = [...Array(10).fill(100), ...Array(8).fill(110), ...Array(6).fill(100)]
    const e = evaluateSeries(pts(values.map((v, i) => v + (i % 3) * 0.2)), 0.05, true)
    const regressions = e.events.filter((x) => x.type === 'regression')
    expect(regressions.map((x) => x.index)).toEqual([11])
    expect(e.events.filter((x) => x.type === 'recovered').map((x) => x.index)).toEqual([19])
    expect(e.open).toBeUndefined()
  })

  test('a one-night spike does not alert; an unchanged regression is not re-reported', () => {
    const spike = [100, 101, 99, 100, 100, 130, 100, 101, 99]
    expect(evaluateSeries(pts(spike), 0.05, true).events).toEqual([])
    const e = evaluateSeries(pts([...Array(8).fill(100), ...Array(20).fill(120)]), 0.05, true)
    expect(e.events.map((x) => x.type)).toEqual(['regression'])
    expect(e.open?.confirmedAt).toBe(9)
  })

  test('a changed environment is reported, not compared', () => {
    const e = evaluateSeries(
      [...pts([100, 100, 100, 100]), ...pts([150, 150, 150], 'b')],
      0.05,
      true
    )
    expect(e.events).toEqual([{ type: 'environment-changed', index: 4 }])
  })
})

describe('report model', () => {
  test('matrix: medians across nodes, Δ, reference ratio, Talos NPU without rknpu', () => {
    const m = buildReport({ current: night({ night: 0 }), history: [], bad: [], historyNotes: [] })
    const cpu = m.matrix.find((r) => r.key === 'resnet50/cpu-ort-4t/latency_ms p50')!
    expect(cpu.talos.nodes).toBe(4)
    expect(cpu.talos.median).toBeCloseTo(61 * 1.006, 1)
    expect(cpu.delta).toBeCloseTo(((58 - 61) / 61) * 100, 0)
    const npu = m.matrix.find((r) => r.key === 'resnet50/npu-core0/latency_ms p50')!
    expect(npu.talos.missing).toBe('— skipped: no rknpu driver (rocket present)')
    expect(npu.referenceRatio).toBeCloseTo((10.4 * 1.006) / 9.1, 2)
    const teflon = m.matrix.find((r) => r.variant === 'npu-teflon')!
    expect(teflon.talos.stack).toBe('Teflon/Rocket (Mesa 25.3.1)')
    expect(teflon.k3s.missing).toBe('not measured')
    // Records without a reference get the published one, with its source.
    const llm = m.matrix.find((r) => r.workload === 'tinyllama-1.1b')!
    expect(llm.reference).toMatchObject({
      value: 24.43,
      source: expect.stringContaining('rknn-llm')
    })
    expect(llm.talos.missing).toBe('— (no rknpu)')
    expect(m.history.nights).toBe(0)
    expect(m.environment).toHaveLength(8)
    expect(m.environment[0]).toMatchObject({
      distro: 'k3s',
      node: 'rk1-1',
      kernel: '6.1.115-vendor-rk35xx',
      kubernetes: 'v1.31.4+k3s1',
      npu: 'rknpu 0.9.8',
      governors: 'performance',
      storage: 'Samsung 980 · fw 3B4QFXO7 · xfs · 8.0 GT/s x4'
    })
  })

  test('matrix: ages when the distros were measured on different days; throttled and failed flags', () => {
    const talos = night({ night: 0 }).filter((r) => r.cluster.distro === 'talos')
    const k3s = night({ night: 3 }).filter((r) => r.cluster.distro !== 'talos')
    k3s[0] = { ...k3s[0]!, telemetry: { throttled: true } }
    const failed = { ...k3s[1]!, status: 'failed' as const, reason: 'fio exited 1', metrics: {} }
    k3s[1] = failed
    const m = buildReport({
      current: [...talos, ...k3s],
      history: [],
      bad: [],
      historyNotes: [],
      now: new Date('2026-11-04T12:00:00Z')
    })
    const cpu = m.matrix.find((r) => r.key === 'resnet50/cpu-ort-4t/latency_ms p50')!
    expect(cpu.ageGapDays).toBe(3)
    expect(cpu.k3s.flags).toContain('⚠ throttled (rk1-1)')
    const seq = m.matrix.find((r) => r.variant === 'fio-seqread-qd32')!
    expect(seq.k3s.flags).toContain('✖ failed (rk1-1): fio exited 1')
    expect(seq.k3s.nodes).toBe(3)
    const table = matrixTable(m)
    const row = table.rows.find((r) => r[1] === 'cpu-ort-4t' && r[2]!.startsWith('latency_ms p50'))!
    expect(row[3]).toMatch(/· 3 d old$/)
    expect(row[4]).not.toMatch(/d old/)
  })

  test('matrix: nodes of one distro on different environments are said to differ', () => {
    const records = night({ night: 0 }).map((r) =>
      r.node.name === 'rk1-4' && r.cluster.distro === 'talos'
        ? { ...r, node: { ...r.node, kernel: '6.18.2-talos' } }
        : r
    )
    const m = buildReport({ current: records, history: [], bad: [], historyNotes: [] })
    const cpu = m.matrix.find((r) => r.key === 'resnet50/cpu-ort-4t/latency_ms p50')!
    expect(cpu.notes.join()).toMatch(
      /talos nodes run different environments \(kernel 6.18.1-talos → 6.18.2-talos\)/
    )
  })

  test('claims: within ±15 %, off by, not measured with a reason', () => {
    const m = buildReport({ current: night({ night: 0 }), history: [], bad: [], historyNotes: [] })
    const byId = (id: string, d?: string) =>
      m.claims.find((c) => c.id === id && (!d || c.distro === d))!
    expect(byId('resnet50-npu').verdict).toMatch(/off by \+31 %/)
    expect(byId('nvme-seq-read', 'talos').verdict).toMatch(/within ±15 %/)
    expect(byId('yolov5-npu').verdict).toMatch(/^not measured: no record/)
    expect(byId('storage-equivalent').verdict).toMatch(/equivalent within/)
    expect(byId('llm-1b').verdict).toMatch(/within ±15 % of the reference/)
  })

  test('per-node deviations find the slow node', () => {
    const m = buildReport({
      current: night({ night: 0, slow: { distro: 'k3s', node: 'rk1-3', factor: 1.3 } }),
      history: [],
      bad: [],
      historyNotes: []
    })
    expect(m.nodes[0]).toMatchObject({ distro: 'k3s', node: 'rk1-3' })
    expect(m.nodes[0]!.worseBy).toBeGreaterThan(20)
  })

  test('trends: a regression of the last two nights is a new alert; simulated history is left out', () => {
    const history = [...Array(8).keys()].flatMap((n) => night({ night: n }))
    const lab = night({ night: 3, simulated: true, start: '2026-10-01T02:17:00Z' })
    history.push(
      ...night({ night: 8, slow: { distro: 'k3s', node: 'rk1-2', factor: 1.12 } }),
      ...lab
    )
    const current = night({ night: 9, slow: { distro: 'k3s', node: 'rk1-2', factor: 1.12 } })
    const m = buildReport({ current, history, bad: [], historyNotes: [] })
    const fresh = m.alerts.filter((a) => a.state === 'new')
    expect(fresh.length).toBeGreaterThan(0)
    expect(fresh.every((a) => a.node === 'rk1-2' && a.distro === 'k3s')).toBe(true)
    expect(m.leftOut.join(' ')).toMatch(/SIMULATED record\(s\) of the history left out/)
    const next = buildReport({
      current: night({ night: 10, slow: { distro: 'k3s', node: 'rk1-2', factor: 1.12 } }),
      history: [...history, ...current],
      bad: [],
      historyNotes: []
    })
    expect(next.alerts.every((a) => a.state === 'ongoing')).toBe(true)
  })

  test('bad records are reported one by one and left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-bad-'))
    mkdirSync(join(dir, 'k3s'))
    const good = night({ night: 0 }).slice(0, 2)
    writeFileSync(join(dir, 'k3s', 'good.json'), JSON.stringify(good))
    writeFileSync(join(dir, 'truncated.json'), JSON.stringify(good).slice(0, 100))
    writeFileSync(join(dir, 'v9.json'), JSON.stringify({ ...good[0], schema_version: 9 }))
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ ...good[0], status: 'meh', cluster: { distro: 'talos' } })
    )
    writeFileSync(
      join(dir, 'other.json'),
      JSON.stringify(record({ ...good[0]!, cluster: { distro: 'talos', cluster_id: 'elsewhere' } }))
    )
    writeFileSync(join(dir, 'fio-raw.json'), JSON.stringify({ 'fio version': '3.39', jobs: [] }))
    writeFileSync(join(dir, 'k3s', 'resnet50.samples.json'), JSON.stringify([10.1, 10.3, 10.2]))
    const loaded = await loadRecords([dir], { clusterId: 'turing-cluster' })
    expect(loaded.records).toHaveLength(2)
    const problems = Object.fromEntries(loaded.bad.map((b) => [b.file, b.problem]))
    expect(Object.keys(problems).sort()).toEqual([
      'broken.json',
      'other.json',
      'truncated.json',
      'v9.json'
    ])
    expect(problems['truncated.json']).toMatch(/truncated or not JSON/)
    expect(problems['v9.json']).toMatch(/unknown schema_version 9/)
    expect(problems['broken.json']).toMatch(/cluster.cluster_id is missing.*status must be one of/)
    expect(problems['other.json']).toMatch(/from cluster "elsewhere"/)
  })

  test('record text cannot inject HTML or mentions into the PR comment', () => {
    const records = night({ night: 0 }).map((r) =>
      r.status === 'skipped' ? { ...r, reason: '<img src=x> ping @admin | x' } : r
    )
    const body = renderComment(
      buildReport({ current: records, history: [], bad: [], historyNotes: [] }),
      undefined
    )
    expect(body).toContain('&lt;img src=x&gt; ping @\u200badmin \\| x')
    expect(body).not.toContain('<img')
  })

  test('the PR comment stays under the limit with a huge matrix', () => {
    const many = [...Array(400).keys()].flatMap((i) =>
      night({ night: 0 }).map((r) => ({
        ...r,
        workload: { ...r.workload, variant: `${r.workload.variant}-${i}` }
      }))
    )
    const m = buildReport({ current: many, history: [], bad: [], historyNotes: [] })
    const body = renderComment(m, 'https://github.com/o/r/actions/runs/1/artifacts/2')
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toContain('<!-- rk1-actions report -->')
    expect(body).toContain('more row(s) in the report artifact')
  })
})
