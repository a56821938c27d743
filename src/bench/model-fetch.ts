/**
 * A node's model fetch, before its benchmark Jobs: one Job of the image's rk1_models.py, which
 * fills the node's cache and says per file whether it is usable (cached or fetched, SHA-256
 * checked) or why not. The answer becomes, per file, either a verified source for the records or
 * the reason its workloads fail without running. A fetch Job that fails or says nothing about a
 * file leaves that file unusable: nothing unchecked is ever run.
 */
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import type { Kubectl } from '../kube/kubectl'
import { deleteJob, runJob, type JobOutcome } from './job'
import { fetchJobManifest, jobName } from './manifest'
import { parseModelLines, problemOf, type ModelPlan } from './models'
import type { ResultsWriter } from './results-dir'

export interface NodeModels {
  /** file → why its workloads fail (nothing of them runs). */
  problems: Map<string, string>
  /** file → what was checked, for the records. */
  verified: Map<string, { sha256: string; source: string }>
  /** The image could not be pulled: no suite of this node can run either. */
  imagePull?: JobOutcome['imagePull']
}

export interface FetchOnNodeOptions {
  kubectl: Kubectl
  node: string
  image: string
  plan: ModelPlan
  timeoutS: number
  runLabel: string
  writer: ResultsWriter
  log: Logger
  signal?: AbortSignal
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '' : ` (${(bytes / 1e6).toFixed(1)} MB)`
}

export async function fetchModelsOnNode(o: FetchOnNodeOptions): Promise<NodeModels> {
  const out: NodeModels = { problems: new Map(o.plan.problems), verified: new Map() }
  if (o.plan.fetch.length === 0) return out
  const name = jobName('models', o.node)
  o.log.info(`${o.node}: models (Job ${name}): ${o.plan.fetch.map((f) => f.file).join(', ')}`)
  let outcome: JobOutcome
  try {
    outcome = await runJob(
      o.kubectl,
      name,
      fetchJobManifest({
        node: o.node,
        image: o.image,
        spec: JSON.stringify(o.plan.fetch),
        timeoutS: o.timeoutS,
        runLabel: o.runLabel
      }),
      { deadline: Date.now() + (o.timeoutS + 60) * 1000, signal: o.signal }
    )
  } catch (e) {
    if (o.signal?.aborted) throw e
    outcome = { state: 'failed', detail: errorText(e).split('\n')[0] ?? 'error', log: '' }
  }
  await o.writer.log(o.node, 'models', outcome.log, outcome)
  if (outcome.imagePull) {
    await deleteJob(o.kubectl, name).catch(() => undefined)
    return { ...out, imagePull: outcome.imagePull }
  }
  const { lines } = parseModelLines(outcome.log)
  for (const item of o.plan.fetch) {
    const line = lines.find((l) => l.file === item.file)
    if (!line) {
      out.problems.set(
        item.file,
        `model ${item.file}: the model fetch Job said nothing about it (${outcome.detail}); nothing of this workload ran`
      )
      continue
    }
    const problem = problemOf({ ...line, source: item.source }, o.plan.entries.get(item.file))
    if (problem) {
      out.problems.set(item.file, problem)
      o.log.warn(`${o.node}: ${problem}`)
      continue
    }
    out.verified.set(item.file, { sha256: line.sha256 ?? item.sha256 ?? '', source: item.source })
    o.log.info(
      `${o.node}: ${item.file} ${line.status === 'cached' ? 'cached, sha256 checked' : `fetched and checked${mb(line.bytes)}`}`
    )
  }
  await deleteJob(o.kubectl, name).catch((e: unknown) =>
    o.log.warn(`${o.node}: Job ${name} not deleted: ${errorText(e).split('\n')[0]}`)
  )
  return out
}
