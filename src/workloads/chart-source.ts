// Where charts come from. Default: the upstream Helm repositories at the versions pinned in
// `inventory.versions.charts`. `RK1_CHART_SOURCE=lab:<dir>` uses the local stand-in charts of the
// virtual lab (`<dir>/<chart>`, e.g. lab/charts), whose Chart.yaml carries its own version.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { InputError } from '../common/errors'
import type { Component, ValuesContext } from './types'

export type ChartSource = { kind: 'repo' } | { kind: 'lab'; dir: string }

export interface ResolvedChart {
  /** What `helm upgrade` receives: a chart name (with `repo`) or a directory. */
  chart: string
  repo?: string
  version: string
}

export function parseChartSource(text: string | undefined): ChartSource {
  if (!text || text === 'repo') return { kind: 'repo' }
  if (text.startsWith('lab:') && text.length > 4)
    return { kind: 'lab', dir: path.resolve(text.slice(4)) }
  throw new InputError('RK1_CHART_SOURCE is not understood.', [
    {
      path: 'RK1_CHART_SOURCE',
      message: `"${text}": use "repo" or "lab:<folder of charts>"`,
      file: 'env'
    }
  ])
}

export function resolveChart(c: Component, ctx: ValuesContext, source: ChartSource): ResolvedChart {
  if (source.kind === 'repo')
    return { chart: c.chart.name, repo: c.chart.repo, version: c.chartVersion(ctx.inventory) }
  const dir = path.join(source.dir, c.chart.name)
  const meta = path.join(dir, 'Chart.yaml')
  if (!existsSync(meta))
    throw new InputError('A lab chart is missing.', [
      { path: 'RK1_CHART_SOURCE', message: `no chart at ${dir}`, file: 'env' }
    ])
  const { version } = parse(readFileSync(meta, 'utf8')) as { version: string }
  return { chart: dir, version }
}
