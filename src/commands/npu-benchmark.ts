// npu-benchmark: read the inputs, take the cluster lock, run the harness as one Job per node and
// suite, write the records, upload them as one artifact, summarise, and fail only when a node
// failed or nothing at all could be measured.
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { SUITES, type BenchMode, type Suite } from '../bench/contract'
import { chooseBenchImage, isPinnedByDigest, NO_IMAGE_ADVICE } from '../bench/image-pin'
import { benchDataDir, jobManifest, jobName } from '../bench/manifest'
import { modelPlanRows } from '../bench/models'
import type { BenchRecord } from '../bench/records'
import { runBenchmark, type BenchmarkReport } from '../bench/run'
import {
  BenchmarkFailedError,
  CANCEL_UPLOAD_MS,
  cancelledError,
  imagePullError,
  nodeStatus,
  runStatus,
  withinMs
} from './npu-benchmark-outcome'
import {
  headline,
  notMeasured,
  SUMMARY_HEADER,
  summaryRows,
  throttledLines
} from '../bench/summary'
import { errorText } from '../common/errors'
import type { Host } from '../common/host'
import { maskConfigSecrets } from '../common/mask-config'
import { selectNodes, type DistroName, type Inventory, type InventoryNode } from '../inventory'
import { lockTimeoutMs, withInventoryLock } from './cluster-lock-input'
import { commandInventory } from './command-inventory'
import type { CommandContext } from './command-context'
import { readKubeconfig } from './kubeconfig-input'

interface Settings {
  inventory: Inventory
  distro: DistroName
  nodes: InventoryNode[]
  suites: Suite[]
  mode: BenchMode
  image: string
  /** Where the image came from, for the log. */
  imageFrom: string
  cooldownS: number
  timeoutS: number
  lockTimeoutMs: number
  kubeconfig: string
  resultsDir: string
  dryRun: boolean
}

function readSuites(context: CommandContext): Suite[] {
  const text = context.inputs.string('suites')
  const words = text
    .split(/[\s,]+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean)
  if (words.length === 0 || words.includes('all')) return [...SUITES]
  const unknown = words.filter((w) => !(SUITES as readonly string[]).includes(w))
  if (unknown.length)
    context.inputs.problem(
      'suites',
      `unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.join(', ')}, all`
    )
  // The harness order (NPU first, while the node is coolest), each suite once.
  return SUITES.filter((s) => words.includes(s))
}

async function readSettings(context: CommandContext): Promise<Settings> {
  const { host, inputs } = context
  const { inventory, distro } = await commandInventory(context)
  let nodes: InventoryNode[] = []
  try {
    nodes = selectNodes(inventory, inputs.string('nodes'))
  } catch (e) {
    inputs.problem('nodes', (e as Error).message)
  }
  const suites = readSuites(context)
  const mode = inputs.choice<BenchMode>('mode', ['quick', 'full'], 'quick') ?? 'quick'
  const chosen = chooseBenchImage(
    inputs.optional('benchmark-image'),
    inventory.versions.benchmarkImage
  )
  if (!chosen) inputs.problem('benchmark-image', `no benchmark image: ${NO_IMAGE_ADVICE}`)
  const image = chosen?.image ?? ''
  const cooldownS = inputs.integer('cooldown', { min: 0, max: 3600 })
  const timeoutS = inputs.integer('timeout', { min: 30, max: 24 * 3600 })
  const lockMs = lockTimeoutMs(inputs)
  const dryRun = inputs.boolean('dry-run')
  const kubeconfig = dryRun ? undefined : await readKubeconfig(context)
  // The CLI removes its temp folder at exit, so its results default to a folder that stays.
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const resultsDir = resolve(
    inputs.optional('results-dir') ??
      (host.run
        ? join(host.tempDir, `rk1-bench-${distro}`)
        : join('.rk1', 'bench', `${distro}-${stamp}`))
  )
  inputs.assertValid()
  if (kubeconfig) maskConfigSecrets((s) => host.mask(s), kubeconfig)
  return {
    inventory,
    distro,
    nodes,
    suites,
    mode,
    image,
    imageFrom:
      chosen?.from === 'inventory'
        ? "the inventory's versions.benchmarkImage"
        : 'the benchmark-image input',
    cooldownS,
    timeoutS,
    lockTimeoutMs: lockMs,
    kubeconfig: kubeconfig ?? '',
    resultsDir,
    dryRun
  }
}

/** Where these results belong: the Actions run and attempt, or a local run id. */
function runIdentity(host: Host): { suiteId: string; source?: BenchRecord['source'] } {
  const run = host.run
  if (!run) return { suiteId: host.env.RK1_RUN_ID || `local-${randomUUID().slice(0, 8)}` }
  return {
    suiteId: `${run.runId}-${run.runAttempt}`,
    source: {
      repo: `${run.owner}/${run.repo}`,
      commit: run.sha,
      ref: run.ref,
      workflow: run.workflowFile,
      trigger: run.eventName
    }
  }
}

/** `rk1-bench-<distro>-<cluster>[-<run>-<attempt>]`: report finds every `rk1-bench-*` artifact. */
function artifactName(host: Host, s: Settings): string {
  const cluster = s.inventory.name.replace(/[^A-Za-z0-9._-]+/g, '-')
  const run = host.run ? `-${host.run.runId}-${host.run.runAttempt}` : ''
  return `rk1-bench-${s.distro}-${cluster}${run}`
}

function headlineJson(s: Settings, report: BenchmarkReport, suiteId: string) {
  return {
    status: runStatus(report),
    simulated: report.simulated,
    distro: s.distro,
    cluster: s.inventory.name,
    suite_id: suiteId,
    mode: s.mode,
    suites: s.suites,
    nodes: report.nodes.map((n) => ({
      name: n.name,
      status: nodeStatus(n),
      failures: n.failures
    })),
    records: report.records.map((r) => {
      const h = headline(r)
      return {
        node: r.node.name,
        workload: r.workload.id,
        variant: r.workload.variant,
        status: r.status,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(h.metric ? { metric: h.metric, unit: h.unit, p50: h.p50, p90: h.p90 } : {}),
        ...(h.throughput ? { throughput: h.throughput } : {}),
        throttled: r.telemetry?.throttled === true
      }
    })
  }
}

function summarise(host: Host, s: Settings, report: BenchmarkReport, link?: string): void {
  const label = report.simulated ? ' (SIMULATED: rk1 virtual lab)' : ''
  host.summary.heading(`npu-benchmark ${s.distro} (${s.mode})${label}`, 2)
  if (report.cancelled)
    host.summary.paragraph(
      'Cancelled: the records of the work that finished are kept; the rest is skipped. The benchmark Jobs and the namespace were removed.'
    )
  const counts = ['ok', 'degraded', 'skipped', 'failed']
    .map((st) => `${report.records.filter((r) => r.status === st).length} ${st}`)
    .join(', ')
  host.summary.paragraph(
    `${report.records.length} records on ${report.nodes.length} node(s): ${counts}.` +
      (report.simulated ? ' Stand-in engines: no figure here is a measurement of an RK1.' : '')
  )
  const rows = summaryRows(report.records)
  if (rows.length) host.summary.table(SUMMARY_HEADER, rows)
  const throttled = throttledLines(report.records)
  if (throttled.length) {
    host.summary.heading('Throttled', 3)
    host.summary.paragraph(
      'Measured while the node throttled (status degraded): the figures are kept, but they are not comparable with an unthrottled run.'
    )
    host.summary.list(throttled)
  }
  const failed = notMeasured(report.records, 'failed')
  if (failed.length) {
    host.summary.heading('Failed', 3)
    host.summary.list(failed)
  }
  const skipped = notMeasured(report.records, 'skipped')
  if (skipped.length) {
    host.summary.heading('Skipped', 3)
    host.summary.list(skipped)
  }
  if (link) host.summary.paragraph(`Records, evidence and logs: ${link}`)
}

/** dry-run: the Jobs that would run, one line each, and the first manifest; no cluster call. */
async function plan(host: Host, s: Settings): Promise<void> {
  const jobs = s.nodes.flatMap((n) =>
    s.suites.map((suite) => ({
      node: n.hostname,
      suite,
      job: jobName(suite, n.hostname),
      storage:
        suite === 'storage' ? (n.disks.data ? benchDataDir(s.distro) : 'skipped: no NVMe') : ''
    }))
  )
  if (!isPinnedByDigest(s.image))
    host.log.warn(
      `The benchmark image ${s.image} is not pinned by digest: real hardware refuses it.`
    )
  host.summary.heading(`npu-benchmark plan (${s.distro}, ${s.mode})`, 2)
  host.summary.table(
    ['node', 'suite', 'Job', 'NVMe directory'],
    jobs.map((j) => [j.node, j.suite, j.job, j.storage])
  )
  const first = s.nodes[0]
  if (first && s.suites[0]) {
    const manifest = jobManifest({
      suite: s.suites[0],
      node: first.hostname,
      distro: s.distro,
      image: s.image,
      mode: s.mode,
      cooldownS: s.cooldownS,
      timeoutS: s.timeoutS,
      runLabel: 'plan',
      hasNvme: first.disks.data !== null
    })
    host.summary.code(JSON.stringify(manifest, null, 2), 'json')
  }
  const models = modelPlanRows(s.inventory, s.suites, s.distro)
  if (models.length) {
    host.summary.heading('Models (fetched into each node cache, checked by SHA-256)', 3)
    host.summary.table(
      ['file', 'suite', 'source', 'sha256'],
      models.map((m) => [m.file, m.suite, m.source, m.sha256])
    )
  }
  for (const j of jobs) host.log.info(`would run ${j.job} (${j.suite} on ${j.node})`)
  host.setOutput('result', JSON.stringify({ plan: true, distro: s.distro, jobs, models }))
  host.setOutput('results-dir', '')
  host.setOutput('artifact-id', '')
  await host.summary.write()
}

export async function runNpuBenchmark(context: CommandContext): Promise<void> {
  const { host } = context
  const s = await readSettings(context)
  if (s.dryRun) return plan(host, s)
  const { suiteId, source } = runIdentity(host)
  await mkdir(s.resultsDir, { recursive: true })
  host.log.info(
    `npu-benchmark on ${s.distro}: suites ${s.suites.join(', ')} (${s.mode}) on ${s.nodes.map((n) => n.hostname).join(', ')}; results in ${s.resultsDir}`
  )
  host.log.info(`Benchmark image ${s.image} (${s.imageFrom})`)
  const report = await withInventoryLock(
    host,
    s.inventory,
    { timeoutMs: s.lockTimeoutMs, command: 'npu-benchmark' },
    () =>
      runBenchmark({
        inventory: s.inventory,
        distro: s.distro,
        nodes: s.nodes,
        suites: s.suites,
        mode: s.mode,
        image: s.image,
        cooldownS: s.cooldownS,
        timeoutS: s.timeoutS,
        kubeconfig: s.kubeconfig,
        resultsDir: s.resultsDir,
        suiteId,
        source,
        log: host.log,
        env: host.env,
        tempDir: host.tempDir,
        cacheDir: host.cacheDir,
        signal: host.signal
      })
  )
  for (const line of throttledLines(report.records)) host.log.warn(line)
  const result = headlineJson(s, report, suiteId)
  const resultFile = join(s.resultsDir, 'result.json')
  await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`)
  host.setOutput('result', JSON.stringify(result))
  host.setOutput('results-dir', s.resultsDir)
  // A failed upload still leaves the folder, the outputs and the summary; it fails the run last.
  let link: string | undefined
  let uploadError: unknown
  try {
    const upload = host.artifacts.upload(
      artifactName(host, s),
      s.resultsDir,
      [...report.files, resultFile],
      { retentionDays: 90 }
    )
    // Cancelled: the runner kills the step ~10 s after its SIGINT; an upload cut off is never
    // finalised (no half artifact), and the folder stays where the CLI put it.
    const uploaded = report.cancelled
      ? await withinMs(upload, CANCEL_UPLOAD_MS, 'the upload was cut short by the cancel')
      : await upload
    link = host.artifacts.link(uploaded)
    host.setOutput('artifact-id', String(uploaded.id))
    host.log.info(`Uploaded ${report.files.length + 1} files as artifact ${uploaded.name}: ${link}`)
  } catch (e) {
    uploadError = e
    host.setOutput('artifact-id', '')
    host.log.error(`The results were not uploaded: ${errorText(e).split('\n')[0]}`)
  }
  summarise(host, s, report, link)
  await host.summary.write()

  if (report.cancelled) throw cancelledError(s, report)
  const pullError = imagePullError(s, report)
  if (pullError) throw pullError
  const failures = report.nodes.flatMap((n) => n.failures)
  const measured = report.records.filter((r) => r.status === 'ok' || r.status === 'degraded')
  if (failures.length > 0) {
    const names = report.nodes.filter((n) => n.failures.length).map((n) => n.name)
    throw new BenchmarkFailedError(
      `${names.length} node(s) failed: ${names.join(', ')}; the other nodes' results stand.\n` +
        failures.join('\n'),
      {
        step: 'npu-benchmark',
        advice:
          'Each failed record carries the reason and the log tail; logs/<node>-<suite>.log in the artifact has the whole pod log.'
      }
    )
  }
  if (measured.length === 0)
    throw new BenchmarkFailedError(
      'Nothing could be measured: every workload was skipped.\n' +
        notMeasured(report.records, 'skipped').join('\n'),
      {
        step: 'npu-benchmark',
        advice:
          'Check the suites against the distro (the NPU and LLM need the rknpu driver of K3s/Armbian) and the image.'
      }
    )
  if (uploadError) throw uploadError
}
