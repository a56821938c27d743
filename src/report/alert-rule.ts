import { mad, median } from './stats'

/**
 * The regression rule, on one series (one distro/node/workload/variant/metric, one point per
 * night):
 * - baseline = median of the last 7 comparable nights of the current level; at least 3 are needed;
 * - a night exceeds when |value − baseline| > max(floor × |baseline|, 3 × 1.4826 × MAD);
 * - a step is confirmed when 2 nights running exceed in the same direction (a spike that reverses
 *   the next night is noise, as in asv and conbench);
 * - once confirmed, the new level becomes the baseline (so an unchanged regression is reported
 *   once, not every night: github-action-benchmark's nightly trap) and the regression stays open
 *   until 2 nights running are back within the threshold of the level before it;
 * - a changed environment fingerprint starts a new level and is reported, never compared.
 */

export const BASELINE_NIGHTS = 7
export const MIN_BASELINE_NIGHTS = 3
export const MAD_FACTOR = 3
export const SPREAD_NIGHTS = 14

export interface SeriesPoint {
  value: number
  fingerprint: string
  /** Night label (ISO time of the run) and run id, for the tables. */
  at: string
  runId?: string
}

export type StepEvent =
  | { type: 'regression'; index: number; since: number; before: number; after: number }
  | { type: 'improvement'; index: number; since: number; before: number; after: number }
  | { type: 'recovered'; index: number; since: number; before: number; after: number }
  | { type: 'environment-changed'; index: number }

export interface PointVerdict {
  baseline?: number
  threshold?: number
  /** +1 worse than the baseline past the threshold, −1 better, 0 within. */
  exceed: -1 | 0 | 1
}

export interface SeriesEvaluation {
  points: PointVerdict[]
  events: StepEvent[]
  /** The regression still open after the last night, if any. */
  open?: { since: number; before: number; after: number; confirmedAt: number }
}

interface Open {
  since: number
  before: number
  after: number
  threshold: number
  confirmedAt: number
}

function judge(
  values: number[],
  start: number,
  t: number,
  floor: number,
  lowerIsBetter: boolean,
  end = t
): PointVerdict {
  const window = values.slice(Math.max(start, end - BASELINE_NIGHTS), end)
  if (window.length < MIN_BASELINE_NIGHTS) return { exceed: 0 }
  const baseline = median(window)
  // The spread comes from a longer stretch of the same level when there is one: a MAD of 7
  // nights is itself noisy, and a spread that is too small by chance is what makes false alarms.
  const spread = values.slice(Math.max(start, end - SPREAD_NIGHTS), end)
  const threshold = Math.max(floor * Math.abs(baseline), MAD_FACTOR * mad(spread))
  const d = values[t]! - baseline
  if (Math.abs(d) <= threshold) return { baseline, threshold, exceed: 0 }
  const worse = lowerIsBetter ? d > 0 : d < 0
  return { baseline, threshold, exceed: worse ? 1 : -1 }
}

export function evaluateSeries(
  points: readonly SeriesPoint[],
  floor: number,
  lowerIsBetter: boolean
): SeriesEvaluation {
  const values = points.map((p) => p.value)
  const verdicts: PointVerdict[] = []
  const events: StepEvent[] = []
  let start = 0
  let open: Open | undefined
  let backNights = 0
  for (let t = 0; t < points.length; t++) {
    if (t > 0 && points[t]!.fingerprint !== points[t - 1]!.fingerprint) {
      events.push({ type: 'environment-changed', index: t })
      start = t
      open = undefined
      backNights = 0
      verdicts.push({ exceed: 0 })
      continue
    }
    // A night that follows an exceeding one is judged against the same baseline: the suspect
    // night must not pull the baseline towards itself before it is confirmed or cleared.
    const suspect = verdicts[t - 1]?.exceed ? t - 1 : t
    const v = judge(values, start, t, floor, lowerIsBetter, Math.max(start, suspect))
    verdicts.push(v)
    if (open) {
      backNights = Math.abs(values[t]! - open.before) <= open.threshold ? backNights + 1 : 0
      if (backNights >= 2) {
        events.push({
          type: 'recovered',
          index: t,
          since: t - 1,
          before: open.after,
          after: median(values.slice(t - 1, t + 1))
        })
        open = undefined
        backNights = 0
        start = t - 1
        verdicts[t] = { ...v, exceed: 0 }
        continue
      }
    }
    const prev = verdicts[t - 1]
    if (
      v.exceed !== 0 &&
      t - 1 >= start &&
      prev?.exceed === v.exceed &&
      prev.baseline !== undefined
    ) {
      const after = median(values.slice(t - 1, t + 1))
      const step = { index: t, since: t - 1, before: prev.baseline, after }
      if (v.exceed === 1) {
        events.push({ type: 'regression', ...step })
        open = {
          since: t - 1,
          before: prev.baseline,
          after,
          threshold: prev.threshold!,
          confirmedAt: t
        }
        backNights = 0
      } else if (open) {
        // A step back past the old level: the open regression is over.
        events.push({ type: 'recovered', ...step, before: open.after })
        open = undefined
      } else {
        events.push({ type: 'improvement', ...step })
      }
      start = t - 1
      // The confirmed step is consumed: the next night starts a fresh pair.
      verdicts[t] = { ...v, exceed: 0 }
    }
  }
  return {
    points: verdicts,
    events,
    open: open
      ? { since: open.since, before: open.before, after: open.after, confirmedAt: open.confirmedAt }
      : undefined
  }
}
