/**
 * npu-benchmark as a story: open a private kube session, see whether the cluster is the lab
 * (SIMULATED), read the nodes as Kubernetes knows them, make the privileged namespace, run every
 * selected node's suites (nodes side by side, suites one after the other on a node), write and
 * validate the records, and remove every Job and the namespace afterwards, also on failure or
 * cancel.
 */
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import type { DistroName, Inventory, InventoryNode } from '../inventory/types'
import { resolveKubeTools } from '../kube/install'
import { kubectlDriver, type Kubectl } from '../kube/kubectl'
import { openKubeSession } from '../kube/session'
import type { KubeToolPaths } from '../kube/tools'
import { SIMULATED_ANNOTATION } from '../workloads/run'
import type { BenchMode, Suite } from './contract'
import { checkImagePin } from './image-pin'
import { deleteRunJobs } from './job'
import { prepareModels, type ModelPlan } from './models'
import { BENCH_NAMESPACE, namespaceManifest } from './manifest'
import { benchmarkNode, type NodeOutcome } from './node-run'
import type { BenchRecord, NodeInfo, RunContextInfo } from './records'
import { ResultsWriter } from './results-dir'
import { recordProblems } from './validate'

export interface BenchmarkOptions {
  inventory: Inventory
  distro: DistroName
  nodes: readonly InventoryNode[]
  suites: readonly Suite[]
  mode: BenchMode
  image: string
  cooldownS: number
  timeoutS: number
  kubeconfig: string
  resultsDir: string
  suiteId: string
  source?: BenchRecord['source']
  log: Logger
  env: NodeJS.ProcessEnv
  tempDir?: string
  cacheDir?: string
  signal?: AbortSignal
  tools?: KubeToolPaths
}

export interface BenchmarkReport {
  simulated: boolean
  /** SIGINT/SIGTERM (Ctrl-C, the Actions cancel) stopped the run; finished work is kept. */
  cancelled: boolean
  records: BenchRecord[]
  nodes: NodeOutcome[]
  /** Every file written under resultsDir (records, evidence, logs). */
  files: string[]
  /** Clean-up that did not happen (the run's result stands; a person should look). */
  cleanupProblems: string[]
}

interface KubeNode {
  metadata: { name: string }
  spec?: { unschedulable?: boolean }
  status?: {
    conditions?: { type: string; status: string; reason?: string; message?: string }[]
    nodeInfo?: NodeInfo
  }
}

async function readNodes(
  kubectl: Kubectl
): Promise<Map<string, { ready: boolean; info?: NodeInfo; reason?: string }>> {
  const list = await kubectl.getJson<{ items: KubeNode[] }>(['get', 'nodes'])
  return new Map(
    list.items.map((n) => {
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready')
      return [
        n.metadata.name,
        {
          ready: ready?.status === 'True',
          info: n.status?.nodeInfo,
          reason: ready?.status === 'True' ? undefined : (ready?.reason ?? ready?.message)
        }
      ]
    })
  )
}

async function isLab(kubectl: Kubectl): Promise<boolean> {
  const ns = await kubectl.find<{ metadata: { annotations?: Record<string, string> } }>(
    'namespace',
    'kube-system'
  )
  return ns?.metadata.annotations?.[SIMULATED_ANNOTATION] === 'true'
}

async function cleanUp(
  o: BenchmarkOptions,
  tools: KubeToolPaths,
  runLabel: string,
  cancelled: boolean
): Promise<string[]> {
  // A cancelled Actions job is killed ~10 s after its SIGINT: the Jobs (and so the workloads) go
  // first and are waited for; the namespace's termination then finishes on the server.
  const nsWait = cancelled ? '--timeout=5s' : '--timeout=120s'
  // A cancelled run's signal is already aborted: clean-up gets a session of its own.
  const session = openKubeSession({ kubeconfig: o.kubeconfig, tools, parentDir: o.tempDir })
  const problems: string[] = []
  try {
    const kubectl = kubectlDriver(session)
    await deleteRunJobs(kubectl, runLabel).catch((e: unknown) =>
      problems.push(`Jobs of this run not deleted: ${errorText(e).split('\n')[0]}`)
    )
    await kubectl
      .run(['delete', 'namespace', BENCH_NAMESPACE, '--ignore-not-found', nsWait])
      .catch((e: unknown) =>
        problems.push(`namespace ${BENCH_NAMESPACE} not deleted: ${errorText(e).split('\n')[0]}`)
      )
  } finally {
    session.close()
  }
  return problems
}

export async function runBenchmark(o: BenchmarkOptions): Promise<BenchmarkReport> {
  const tools = await resolveKubeTools({ ...o, versions: o.inventory.versions })
  const session = openKubeSession({
    kubeconfig: o.kubeconfig,
    tools,
    parentDir: o.tempDir,
    signal: o.signal,
    retry: { log: (m) => o.log.info(m), budgetMs: Math.min(o.timeoutS, 300) * 1000 }
  })
  const writer = new ResultsWriter(o.resultsDir)
  // Label values: 63 characters of [A-Za-z0-9_.-].
  const runLabel = o.suiteId.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 63)
  let outcomes: NodeOutcome[] = []
  let simulated = false
  let cancelled: boolean
  let cleanupProblems: string[]
  let models: ModelPlan | undefined
  try {
    const kubectl = kubectlDriver(session)
    simulated = await isLab(kubectl)
    if (simulated) o.log.warn('This cluster is the rk1 virtual lab: every result is SIMULATED.')
    checkImagePin(o.image, simulated, o.log)
    models = await prepareModels({ ...o, simulated })
    const kubeNodes = await readNodes(kubectl)
    await kubectl.apply(JSON.stringify(namespaceManifest()))
    const run: RunContextInfo = {
      suiteId: o.suiteId,
      distro: o.distro,
      clusterId: o.inventory.name,
      labSimulated: simulated,
      source: o.source
    }
    // allSettled: on a cancel every node's loop stops before the session and the Jobs go.
    const settled = await Promise.allSettled(
      o.nodes.map((node) =>
        benchmarkNode({
          run,
          node,
          kube: kubeNodes.get(node.hostname),
          suites: o.suites,
          distro: o.distro,
          mode: o.mode,
          image: o.image,
          cooldownS: o.cooldownS,
          timeoutS: o.timeoutS,
          runLabel,
          kubectl,
          writer,
          log: o.log,
          signal: o.signal,
          models
        })
      )
    )
    const broken = settled.find((x) => x.status === 'rejected')
    if (broken) throw broken.reason
    outcomes = settled.map((x) => (x as PromiseFulfilledResult<NodeOutcome>).value)
    cancelled = o.signal?.aborted === true || outcomes.some((n) => n.cancelled)
    // Before the clean-up: a cancelled run may be killed soon (the runner's SIGKILL follows).
    await writeRecords(writer, outcomes)
  } catch (e) {
    // Cancelled before any node ran (nodes, namespace): nothing to keep, still clean up.
    if (!o.signal?.aborted) throw e
    cancelled = true
  } finally {
    await models?.close()
    session.close()
    if (o.signal?.aborted) o.log.warn('Cancelled: removing the benchmark Jobs and the namespace.')
    cleanupProblems = await cleanUp(o, tools, runLabel, o.signal?.aborted === true)
    for (const p of cleanupProblems) o.log.warn(p)
  }
  const records = outcomes.flatMap((n) => n.records)
  return {
    simulated: simulated || records.some((r) => r.simulated === true),
    cancelled,
    records,
    nodes: outcomes,
    files: writer.files,
    cleanupProblems
  }
}

async function writeRecords(writer: ResultsWriter, outcomes: NodeOutcome[]): Promise<void> {
  for (const r of outcomes.flatMap((n) => n.records)) {
    // Results were checked as they came in; this also covers the records made here.
    const problems = recordProblems(r)
    if (problems.length)
      throw new Error(`internal: record ${r.node.name} ${r.workload.id}: ${problems.join('; ')}`)
    await writer.record(r)
  }
}
