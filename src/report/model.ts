import type { ClaimCheck } from './claims'
import type { BadRecord } from './load'
import type { MatrixRow, Side } from './matrix'
import type { NodeDeviation } from './nodes'
import type { NodeEnvironment } from './environment'
import type { Alert, Trend } from './trends'
import { NODE_OUTLIER_PERCENT } from './nodes'
import { formatNumber, formatPercent } from './stats'

/** Everything a rendering shows, computed once. */
export interface ReportModel {
  generatedAt: string
  simulated: boolean
  clusterId?: string
  recordCount: number
  /** This run: distros that sent records, and where the report artifact is. */
  distros: string[]
  bad: BadRecord[]
  /** What was left out on purpose (simulated or real records of the other kind). */
  leftOut: string[]
  history: { nights: number; notes: string[] }
  matrix: MatrixRow[]
  claims: ClaimCheck[]
  nodes: NodeDeviation[]
  environment: NodeEnvironment[]
  trends: Trend[]
  alerts: Alert[]
  artifactLink?: string
}

/** A table, independent of how it is drawn (Markdown, summary, HTML). */
export interface Table {
  title: string
  header: string[]
  rows: string[][]
}

function sideText(s: Side): string {
  if (s.median === undefined) return s.missing ?? '—'
  const range = s.nodes > 1 ? ` (${formatNumber(s.min)}–${formatNumber(s.max)})` : ''
  const stack = s.stack ? ` [${s.stack}]` : ''
  return `${formatNumber(s.median)}${range}${stack}`
}

function age(at: string | undefined, now: string): string {
  if (!at) return ''
  const days = Math.floor((Date.parse(now) - Date.parse(at)) / 86_400_000)
  return days >= 1 ? ` · ${days} d old` : ''
}

export function matrixTable(m: ReportModel): Table {
  return {
    title: 'Talos vs K3s',
    header: [
      'workload',
      'variant',
      'metric',
      'Talos',
      'K3s',
      'Δ K3s vs Talos',
      'reference',
      'ratio',
      'flags'
    ],
    rows: m.matrix.map((r) => {
      const ages = r.ageGapDays
        ? [age(r.talos.measuredAt, m.generatedAt), age(r.k3s.measuredAt, m.generatedAt)]
        : ['', '']
      return [
        r.workload,
        r.variant,
        `${r.headline.label}${r.unit ? ` (${r.unit})` : ''}${r.lowerIsBetter ? ' ↓' : ' ↑'}`,
        sideText(r.talos) + ages[0],
        sideText(r.k3s) + ages[1],
        formatPercent(r.delta),
        r.reference
          ? `${formatNumber(r.reference.value)} ${r.reference.unit ?? ''} (${r.reference.source})`.replace(
              '  ',
              ' '
            )
          : '—',
        r.referenceRatio !== undefined ? `×${r.referenceRatio.toFixed(2)}` : '—',
        [
          ...r.talos.flags.map((f) => `Talos ${f}`),
          ...r.k3s.flags.map((f) => `K3s ${f}`),
          ...r.notes
        ].join('; ') || ''
      ]
    })
  }
}

export function claimsTable(m: ReportModel): Table {
  return {
    title: 'Claims check',
    header: ['claim', 'distro', 'measured', 'reference', 'verdict'],
    rows: m.claims.map((c) => [
      c.claim,
      c.distro ?? 'both',
      c.measured ?? '—',
      c.reference ?? '—',
      c.verdict
    ])
  }
}

export function nodesTable(m: ReportModel): Table {
  return {
    title: 'Per node: deviation from the cluster median',
    header: [
      'distro',
      'node',
      'workload',
      'variant',
      'metric',
      'value',
      'cluster median',
      'worse by',
      'kernel / driver'
    ],
    rows: m.nodes.map((d) => [
      d.distro,
      d.node,
      d.workload,
      d.variant,
      d.headline,
      formatNumber(d.value),
      formatNumber(d.clusterMedian),
      `${formatPercent(d.worseBy)}${d.worseBy > NODE_OUTLIER_PERCENT ? ' ⚠' : ''}`,
      [d.kernel, d.driver].filter(Boolean).join(' / ')
    ])
  }
}

/** The headline cut of the per-node table: only nodes worse than the others by a clear margin. */
export function nodeOutliersTable(m: ReportModel): Table {
  const all = nodesTable(m)
  return {
    title: `Nodes more than ${NODE_OUTLIER_PERCENT} % worse than their cluster's median`,
    header: all.header,
    rows: all.rows.filter((_, i) => m.nodes[i]!.worseBy > NODE_OUTLIER_PERCENT)
  }
}

export function environmentTable(m: ReportModel): Table {
  return {
    title: 'Environment',
    header: [
      'distro',
      'node',
      'version',
      'kernel',
      'kubernetes',
      'runtime',
      'NPU driver',
      'clock mode',
      'governor',
      'storage'
    ],
    rows: m.environment.map((e) => [
      e.distro,
      e.node,
      e.distroVersion ?? '—',
      e.kernel ?? '—',
      e.kubernetes ?? '—',
      e.runtime ?? '—',
      e.npu ?? '—',
      e.clockMode ?? '—',
      e.governors ?? '—',
      e.storage ?? '—'
    ])
  }
}

export function trendsTable(m: ReportModel): Table {
  return {
    title: 'Trends (Δ against the median of the last 7 comparable nights)',
    header: ['series', 'nights', 'last', 'Δ vs baseline', 'status'],
    rows: m.trends.map((t) => [
      t.key,
      String(t.points.length),
      `${formatNumber(t.points[t.points.length - 1]?.value)} ${t.unit}`.trim(),
      formatPercent(t.delta),
      t.status + (t.note ? `: ${t.note}` : '')
    ])
  }
}

export function alertsTable(m: ReportModel): Table {
  return {
    title: 'Alerts',
    header: ['state', 'series', 'before', 'after', 'change', 'since'],
    rows: m.alerts.map((a) => [
      a.state,
      a.key,
      `${formatNumber(a.before)} ${a.unit}`.trim(),
      `${formatNumber(a.after)} ${a.unit}`.trim(),
      formatPercent(a.changePercent),
      a.since.slice(0, 10)
    ])
  }
}

export function badTable(m: ReportModel): Table {
  return {
    title: 'Records left out',
    header: ['file', 'problem'],
    rows: m.bad.map((b) => [b.file, b.problem])
  }
}

/** The lines that say what this report is made of, first in every rendering. */
export function preamble(m: ReportModel): string[] {
  const lines: string[] = []
  if (m.simulated)
    lines.push(
      '**SIMULATED**: these results come from the virtual lab, not from hardware. They are never compared with real runs.'
    )
  lines.push(
    `${m.recordCount} record(s) from ${m.distros.length ? m.distros.join(' and ') : 'no distro'}` +
      `${m.clusterId ? ` of cluster ${m.clusterId}` : ''}; history: ${m.history.nights ? `${m.history.nights} earlier night(s)` : 'none yet (first night)'}.`
  )
  lines.push(...m.history.notes, ...m.leftOut)
  if (m.bad.length)
    lines.push(
      `${m.bad.length} record(s) could not be used; they are listed under "Records left out".`
    )
  if (!m.distros.includes('talos') || !m.distros.includes('k3s'))
    lines.push(
      `Only ${m.distros.join(', ') || 'no distro'} sent results this run: the other side of the comparison is missing.`
    )
  return lines
}
