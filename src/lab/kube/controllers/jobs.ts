// Job controller and the Job-pod half of the kubelet: pods run their container command for real
// (see job-runner.ts); the Job completes or fails by exit code, retries with the real controller's
// exponential backoff (scaled) up to backoffLimit, and records events on failure. Pods of the
// rk1-bench image run the repository's benchmark harness (bench-job.ts).
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { now } from '../api'
import { ApiError } from '../status'
import type {
  Condition,
  Container,
  Dict,
  JobCommandContext,
  KubeObject,
  PodSpec,
  PodTemplate
} from '../types'
import { labBenchCommand } from './bench-job'
import { JobRunner } from './job-runner'
import {
  conditions,
  controllerOf,
  isTrue,
  owned,
  ownerRef,
  podPhase,
  podReady,
  randomSuffix,
  setCondition,
  writeStatus,
  type ControllerContext
} from './runtime'

export interface JobOptions {
  sandboxDir?: string
  baseEnv?: Record<string, string>
  resolveCommand?: (ctx: JobCommandContext) => string[] | null
}

export class JobController {
  readonly runner: JobRunner
  private readonly sandbox: string
  /** A sandbox we made ourselves is removed on close; a caller's one is left for inspection. */
  private readonly ownSandbox: boolean
  private readonly retryTimers = new Map<string, NodeJS.Timeout | undefined>()

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: JobOptions
  ) {
    this.runner = new JobRunner(ctx.logs)
    this.ownSandbox = opts.sandboxDir === undefined
    this.sandbox =
      opts.sandboxDir ?? path.join(tmpdir(), `rk1-lab-jobs-${process.pid}-${randomSuffix(8)}`)
  }

  handle(ns: string, name: string): void {
    const { api, events } = this.ctx
    const jobRt = api.rt('batch/v1', 'Job')
    const podRt = api.rt('v1', 'Pod')
    const job = api.find(jobRt, ns, name)
    if (!job) return
    if (isTrue(job, 'Complete') || isTrue(job, 'Failed')) {
      this.scheduleTtl(job)
      return
    }
    const spec = job.spec as Dict & { template: PodTemplate }
    const prev = (job.status ?? {}) as Dict
    const pods = owned(api, podRt, job)
    const active = pods.filter((p) => !['Succeeded', 'Failed'].includes(podPhase(p)))
    const succeeded = pods.filter((p) => podPhase(p) === 'Succeeded').length
    const failed = pods.filter((p) => podPhase(p) === 'Failed').length
    const completions = Number(spec.completions ?? 1)
    const backoffLimit = Number(spec.backoffLimit ?? 6)
    const t = now()
    const status: Dict = {
      ...prev,
      startTime: prev.startTime ?? (spec.suspend ? undefined : t),
      active: active.length,
      ready: active.filter(podReady).length,
      succeeded,
      failed,
      terminating: 0,
      uncountedTerminatedPods: {}
    }
    let conds = conditions(job)
    const deadline = Number(spec.activeDeadlineSeconds ?? 0)
    const overDeadline =
      deadline > 0 &&
      typeof status.startTime === 'string' &&
      Date.now() - Date.parse(status.startTime) >= deadline * 1000
    if (succeeded >= completions) {
      conds = setCondition(conds, {
        type: 'SuccessCriteriaMet',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: t
      })
      conds = setCondition(conds, {
        type: 'Complete',
        status: 'True',
        reason: 'CompletionsReached',
        message: 'Reached expected number of succeeded pods',
        lastProbeTime: t
      })
      status.completionTime = t
      events.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller')
    } else if (failed > backoffLimit || overDeadline) {
      const reason = overDeadline ? 'DeadlineExceeded' : 'BackoffLimitExceeded'
      const message = overDeadline
        ? 'Job was active longer than specified deadline'
        : 'Job has reached the specified backoff limit'
      for (const p of active) this.deletePod(ns, p)
      status.active = 0
      status.ready = 0
      conds = setCondition(conds, {
        type: 'FailureTarget',
        status: 'True',
        reason,
        message,
        lastProbeTime: t
      })
      conds = setCondition(conds, {
        type: 'Failed',
        status: 'True',
        reason,
        message,
        lastProbeTime: t
      })
      events.record(job, 'Warning', reason, message, 'job-controller')
    } else if (!spec.suspend) {
      const want = Math.min(Number(spec.parallelism ?? 1), completions - succeeded) - active.length
      if (want > 0) this.createPods(job, want, failed)
      if (deadline > 0) this.ctx.clock.afterReal(deadline * 1000, () => this.handle(ns, name))
    }
    status.conditions = conds.length > 0 ? conds : undefined
    for (const k of ['active', 'ready', 'succeeded', 'failed'])
      if (status[k] === 0) delete status[k]
    if (status.conditions === undefined) delete status.conditions
    if (status.startTime === undefined) delete status.startTime
    writeStatus(api, jobRt, job, status)
  }

  /** ttlSecondsAfterFinished: finished Jobs (and, through GC, their pods) go away. */
  private scheduleTtl(job: KubeObject): void {
    const ttl = (job.spec as Dict).ttlSecondsAfterFinished
    const uid = job.metadata.uid ?? ''
    if (typeof ttl !== 'number' || this.retryTimers.has(`ttl/${uid}`)) return
    this.retryTimers.set(
      `ttl/${uid}`,
      this.ctx.clock.after(ttl * 1000, () => {
        const { api } = this.ctx
        const cur = api.store.peek('jobs.batch', job.metadata.namespace, job.metadata.name ?? '')
        if (cur?.metadata.uid !== uid) return
        try {
          api.delete(api.rt('batch/v1', 'Job'), job.metadata.namespace, job.metadata.name ?? '', {
            propagationPolicy: 'Background'
          })
        } catch (e) {
          if (!(e instanceof ApiError)) throw e
        }
      })
    )
  }

  private createPods(job: KubeObject, count: number, failed: number): void {
    const { api, clock } = this.ctx
    const ns = job.metadata.namespace ?? ''
    const name = job.metadata.name ?? ''
    if (failed > 0) {
      const delay = Math.min(10_000 * 2 ** (failed - 1), 360_000)
      const lastFailure = owned(api, api.rt('v1', 'Pod'), job)
        .filter((p) => podPhase(p) === 'Failed')
        .map(finishedAt)
        .reduce((a, b) => Math.max(a, b), 0)
      const wait = lastFailure + delay / clock.timeScale - Date.now()
      if (wait > 0) {
        const k = `${job.metadata.uid}/${failed}`
        if (!this.retryTimers.has(k))
          this.retryTimers.set(
            k,
            clock.afterReal(wait, () => this.handle(ns, name))
          )
        return
      }
    }
    const tpl = structuredClone((job.spec as { template: PodTemplate }).template)
    for (let i = 0; i < count; i++) {
      api.create(api.rt('v1', 'Pod'), ns, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...(tpl.metadata ?? {}),
          name: `${name}-${randomSuffix()}`,
          namespace: ns,
          ownerReferences: [ownerRef(job)]
        },
        spec: tpl.spec
      })
    }
  }

  private deletePod(ns: string, p: KubeObject): void {
    this.runner.kill(ns, p.metadata.name ?? '')
    try {
      this.ctx.api.delete(this.ctx.api.rt('v1', 'Pod'), ns, p.metadata.name ?? '')
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
    }
  }

  private resolveEnv(pod: KubeObject, c: Container): Record<string, string> {
    const { store } = this.ctx.api
    const ns = pod.metadata.namespace
    const env: Record<string, string> = {}
    const decode = (s: unknown): string => Buffer.from(String(s ?? ''), 'base64').toString('utf8')
    for (const from of (c.envFrom as Dict[] | undefined) ?? []) {
      const cm = from.configMapRef as Dict | undefined
      const sec = from.secretRef as Dict | undefined
      const prefix = String(from.prefix ?? '')
      if (cm)
        for (const [k, v] of Object.entries(
          (store.peek('configmaps', ns, String(cm.name))?.data ?? {}) as Dict
        ))
          env[prefix + k] = String(v)
      if (sec)
        for (const [k, v] of Object.entries(
          (store.peek('secrets', ns, String(sec.name))?.data ?? {}) as Dict
        ))
          env[prefix + k] = decode(v)
    }
    for (const e of c.env ?? []) {
      if (e.value !== undefined)
        env[e.name] = e.value.replace(
          /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
          (m, v: string) => env[v] ?? m
        )
      const vf = e.valueFrom
      if (vf?.secretKeyRef) {
        const d = (store.peek('secrets', ns, vf.secretKeyRef.name)?.data ?? {}) as Dict
        if (d[vf.secretKeyRef.key] !== undefined) env[e.name] = decode(d[vf.secretKeyRef.key])
      } else if (vf?.configMapKeyRef) {
        const d = (store.peek('configmaps', ns, vf.configMapKeyRef.name)?.data ?? {}) as Dict
        if (d[vf.configMapKeyRef.key] !== undefined) env[e.name] = String(d[vf.configMapKeyRef.key])
      } else if (vf?.fieldRef) {
        const f = vf.fieldRef.fieldPath
        const st = (pod.status ?? {}) as Dict
        const map: Record<string, unknown> = {
          'metadata.name': pod.metadata.name,
          'metadata.namespace': ns,
          'metadata.uid': pod.metadata.uid,
          'spec.nodeName': (pod.spec as PodSpec).nodeName,
          'spec.serviceAccountName': (pod.spec as Dict).serviceAccountName ?? 'default',
          'status.podIP': st.podIP,
          'status.hostIP': st.hostIP
        }
        env[e.name] = String(map[f] ?? '')
      }
    }
    return env
  }

  /** Kubelet hook: starts a Job pod's first container. Returns false for non-Job pods. */
  startPod(pod: KubeObject): boolean {
    const ref = controllerOf(pod)
    if (ref?.kind !== 'Job') return false
    const { api, events } = this.ctx
    const podRt = api.rt('v1', 'Pod')
    const ns = pod.metadata.namespace ?? ''
    const podName = pod.metadata.name ?? ''
    const c = (pod.spec as PodSpec).containers[0]
    if (!c) return false
    const job = api.store.peek('jobs.batch', ns, ref.name)
    let command: string[] | null = [...(c.command ?? []), ...(c.args ?? [])]
    const nodeName = (pod.spec as PodSpec).nodeName
    const bench = labBenchCommand({
      image: c.image ?? '',
      command,
      nodeName,
      nodeAnnotations: nodeName
        ? (api.store.peek('nodes', undefined, nodeName)?.metadata.annotations ?? {})
        : {},
      sandboxDir: this.sandbox
    })
    if (bench) command = bench
    else if (this.opts.resolveCommand) {
      command = this.opts.resolveCommand({
        namespace: ns,
        job: ref.name,
        pod: podName,
        image: c.image ?? '',
        command,
        nodeName: (pod.spec as PodSpec).nodeName
      })
    } else if (command.length === 0) command = null
    const t = now()
    const running = (ready: boolean, state: Dict): Dict => {
      const cur = api.store.peek('pods', ns, podName) ?? pod
      const st = (cur.status ?? {}) as Dict
      let conds = (st.conditions as Condition[] | undefined) ?? []
      conds = setCondition(conds, { type: 'PodReadyToStartContainers', status: 'True' })
      conds = setCondition(conds, { type: 'Initialized', status: 'True' })
      const r = ready
        ? { status: 'True' as const }
        : { status: 'False' as const, reason: 'PodCompleted' }
      conds = setCondition(conds, { type: 'Ready', ...r })
      conds = setCondition(conds, { type: 'ContainersReady', ...r })
      return {
        ...st,
        startTime: st.startTime ?? t,
        conditions: conds,
        containerStatuses: [
          {
            name: c.name,
            image: c.image ?? '',
            imageID: '',
            ready,
            started: ready,
            restartCount: 0,
            state
          }
        ]
      }
    }
    const finish = (exitCode: number, reason: string, message?: string): void => {
      const cur = api.store.peek('pods', ns, podName)
      if (!cur || cur.metadata.uid !== pod.metadata.uid) return
      // A stopped kubelet reports nothing: the pod stays as it was last seen.
      if (nodeName && this.ctx.faults.stoppedKubelets?.includes(nodeName)) return
      const terminated: Dict = {
        exitCode,
        reason,
        startedAt: t,
        finishedAt: now(),
        ...(message ? { message } : {})
      }
      const phase = exitCode === 0 ? 'Succeeded' : 'Failed'
      writeStatus(api, podRt, cur, { ...running(false, { terminated }), phase })
      if (exitCode !== 0) {
        const text = message ?? `Container ${c.name} failed with exit code ${exitCode}`
        events.record(
          cur,
          'Warning',
          reason === 'StartError' ? 'Failed' : 'BackOff',
          text,
          'kubelet'
        )
      }
    }
    writeStatus(api, podRt, pod, {
      ...running(true, { running: { startedAt: t } }),
      phase: 'Running'
    })
    if (command === null) {
      this.ctx.logs.open(ns, podName, c.name)
      this.ctx.logs.append(
        ns,
        podName,
        c.name,
        `lab: image ${c.image ?? ''} has no command to run here; simulated success\n`
      )
      this.ctx.logs.finish(ns, podName, c.name)
      this.ctx.clock.afterReal(0, () => finish(0, 'Completed'))
      return true
    }
    const base = this.opts.baseEnv ?? {}
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOSTNAME: podName,
      ...base,
      ...this.resolveEnv(pod, c)
    }
    const cwd = path.join(
      this.sandbox,
      ns,
      `${ref.name}-${(job?.metadata.uid ?? ref.uid).slice(0, 8)}`
    )
    env.HOME ??= cwd
    this.runner.run({ ns, pod: podName, container: c.name, command, env, cwd }, (r) =>
      finish(r.exitCode, r.reason, r.message)
    )
    return true
  }

  /** The node's kubelet stopped: its containers die with it, unreported. */
  kubeletStopped(node: string): void {
    for (const p of this.ctx.api.store.scan('pods'))
      if ((p.spec as PodSpec | undefined)?.nodeName === node)
        this.runner.kill(p.metadata.namespace ?? '', p.metadata.name ?? '')
  }

  onPodDeleted(ns: string, name: string): void {
    this.runner.kill(ns, name)
  }

  async close(): Promise<void> {
    await this.runner.closeAll()
    if (this.ownSandbox) rmSync(this.sandbox, { recursive: true, force: true })
  }
}

function finishedAt(p: KubeObject): number {
  const cs = ((p.status as Dict | undefined)?.containerStatuses as Dict[] | undefined)?.[0]
  const term = (cs?.state as Dict | undefined)?.terminated as Dict | undefined
  return Date.parse(String(term?.finishedAt ?? '')) || 0
}
