// The regression rule of `report` (src/report/alert-rule.ts) on simulated nightly series.
// Usage: node bench/run.mjs alerts [series=2000] [nights=60] [seed=1]
// Prints, per metric kind, the false-alarm rate on noise alone (alert nights / nights judged) and
// how often a 10 % step that makes the metric worse is flagged within 2 nights (on the step's
// second night at the latest). Last line: the worst figures over all kinds.
//
// Noise model, per night: multiplicative Gaussian noise with the kind's coefficient of variation
// (nightly medians of pinned-clock runs on dedicated hardware; rough figures from bench.md §6 and
// the github-action-benchmark adopters' notes), a slow random-walk drift, and 3 % outlier nights
// (+8 to +25 % worse: throttling, a background job) that do not persist.
import { evaluateSeries, type SeriesPoint } from '../src/report/alert-rule'
import { ALERT_FLOORS, type MetricKind } from '../src/report/metrics'

const seriesCount = Number(process.argv[2] ?? 2000)
const nights = Number(process.argv[3] ?? 60)
let seed = Number(process.argv[4] ?? 1)

function random(): number {
  // mulberry32: reproducible runs for a given seed.
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

const NOISE_CV: Record<MetricKind, number> = { npu: 0.01, llm: 0.015, cpu: 0.02, storage: 0.02 }
const OUTLIER_RATE = 0.03
const DRIFT_PER_NIGHT = 0.001

/** One series of a lower-is-better metric around 100; `stepAt` makes it 10 % worse from then on. */
function series(kind: MetricKind, stepAt?: number): SeriesPoint[] {
  const points: SeriesPoint[] = []
  let level = 100
  for (let n = 0; n < nights; n++) {
    level *= 1 + DRIFT_PER_NIGHT * gaussian()
    let v = level * (1 + NOISE_CV[kind] * gaussian())
    if (stepAt !== undefined && n >= stepAt) v *= 1.1
    if (random() < OUTLIER_RATE) v *= 1.08 + 0.17 * random()
    points.push({ value: v, fingerprint: 'same', at: String(n) })
  }
  return points
}

interface Figures {
  falseAlarmRate: number
  detectionRate: number
  /** Flagged by the step's third night (one more night of confirmation). */
  detection3Rate: number
}

function simulate(kind: MetricKind): Figures {
  const floor = ALERT_FLOORS[kind]
  let alarms = 0
  let judged = 0
  let detected = 0
  let detected3 = 0
  for (let i = 0; i < seriesCount; i++) {
    const quiet = evaluateSeries(series(kind), floor, true)
    alarms += quiet.events.filter((e) => e.type === 'regression' || e.type === 'improvement').length
    judged += quiet.points.filter((p) => p.baseline !== undefined).length
    const stepAt = 20 + Math.floor(random() * (nights - 25))
    const stepped = evaluateSeries(series(kind, stepAt), floor, true)
    const hit = stepped.events.find(
      (e) => e.type === 'regression' && e.index >= stepAt && e.index <= stepAt + 1
    )
    if (hit) detected++
    if (
      stepped.events.some(
        (e) => e.type === 'regression' && e.index >= stepAt && e.index <= stepAt + 2
      )
    )
      detected3++
  }
  return {
    falseAlarmRate: alarms / judged,
    detectionRate: detected / seriesCount,
    detection3Rate: detected3 / seriesCount
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`
let worstFalse = 0
let worstDetect = 1
console.log(
  `${seriesCount} series × ${nights} nights per kind and case; floors in code: ${JSON.stringify(ALERT_FLOORS)}`
)
for (const kind of Object.keys(ALERT_FLOORS) as MetricKind[]) {
  const f = simulate(kind)
  worstFalse = Math.max(worstFalse, f.falseAlarmRate)
  worstDetect = Math.min(worstDetect, f.detectionRate)
  console.log(
    `${kind.padEnd(8)} noise CV ${pct(NOISE_CV[kind]).padStart(7)}  false alarms ${pct(f.falseAlarmRate).padStart(7)} of nights   10 % step flagged within 2 nights: ${pct(f.detectionRate)} (3 nights: ${pct(f.detection3Rate)})`
  )
}
// Sensitivity: the same rule on noisier series than the real runs are expected to be.
for (const cv of [0.03, 0.05]) {
  NOISE_CV.storage = cv
  const f = simulate('storage')
  console.log(
    `storage at noise CV ${pct(cv)} (sensitivity): false alarms ${pct(f.falseAlarmRate)}, 10 % step flagged within 2 nights ${pct(f.detectionRate)}`
  )
}
console.log(
  `worst: false alarms ${pct(worstFalse)} of nights (target ≤ 5 %), 10 % step flagged within 2 nights ${pct(worstDetect)}`
)
