// Step summary rows: component, version, status, time, checks.
import type { ComponentResult } from './types'

export const RESULT_HEADER = ['component', 'version', 'status', 'time', 'checks']

export function resultRows(results: ComponentResult[]): string[][] {
  return results.map((r) => [
    r.name,
    r.chartVersion,
    r.status,
    r.status === 'skipped' ? '-' : `${(r.durationMs / 1000).toFixed(1)} s`,
    r.checks.length === 0
      ? (r.message ?? '-')
      : `${r.checks.filter((c) => c.ok).length}/${r.checks.length} passed` +
        (r.checks.some((c) => !c.ok)
          ? `: ${r.checks
              .filter((c) => !c.ok)
              .map((c) => c.name)
              .join(', ')}`
          : '')
  ])
}
