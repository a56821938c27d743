/**
 * `wipe`: every selected node back to blank, per node, whatever it runs. The story: confirm →
 * BMC power states → what each node runs (provision's detection) → refuse what is not ours or
 * would destroy `/` → plan (dry run stops here) → reset, workers first → power off, verified →
 * blank eMMC → forget what the runner kept → summary.
 */
import { Rk1Error } from '../common/errors'
import type { Host } from '../common/host'
import type { BmcClient } from '../bmc'
import type { Inventory, InventoryNode } from '../inventory'
import { bmcClient, detectBmc, type BmcCredentials } from '../provision/bmc-session'
import { requireConfirmation } from '../provision/confirm'
import { openNodeAccess, type NodeAccess } from './access'
import { detectAllForWipe, foundText, type Found } from './detect'
import { errorOf, executePlan, initialResult, type WipeNodeResult } from './execute'
import { checkPlan } from './guards'
import { planNode, type PlannedNode, type WipeOptions } from './plan'
import { blankEmmc, blankImage, powerOffVerified } from './power'
import { clearRunnerState } from './runner-state'
import { summariseWipe, wipeFailed, wipeResultJson, type WipeRun } from './summary'

export class WipeFailedError extends Rk1Error {}

export interface WipeSettings extends WipeOptions {
  inventory: Inventory
  inventoryPath: string
  nodes: InventoryNode[]
  dryRun: boolean
  confirm?: string
  bmc: BmcCredentials
  sshPrivateKey?: string
  talosSecrets?: string
  outputDir?: string
  forgetSecrets: boolean
  timeoutMs: number
}

async function detectStates(
  host: Host,
  s: WipeSettings,
  client: BmcClient
): Promise<{ found: Found[]; controlPlane?: Found; access: NodeAccess }> {
  const power = await client.getPower()
  const access = await openNodeAccess(host, s.inventory, s)
  const cps = s.inventory.nodes.filter((n) => n.role === 'control-plane')
  const probed = [...s.nodes, ...cps.filter((c) => !s.nodes.includes(c))]
  const all = await host.log.group('Node states', async () => {
    const found = await detectAllForWipe(probed, {
      talosctl: access.talosctl,
      talosconfig: access.talosconfig,
      haveSecrets: access.haveSecrets,
      ssh: access.ssh,
      inventory: s.inventory,
      power,
      log: host.log,
      signal: host.signal
    })
    for (const f of found)
      host.log.info(`slot ${f.node.slot} (${f.node.hostname}): ${foundText[f.kind]}; ${f.detail}`)
    return found
  })
  const found = all.filter((f) => s.nodes.includes(f.node))
  for (const f of all) if (!s.nodes.includes(f.node)) await f.link?.close()
  return { found, controlPlane: all.find((f) => f.node === cps[0]), access }
}

function logPlan(host: Host, plan: PlannedNode[], s: WipeSettings): void {
  host.log.info(
    `Plan for cluster "${s.inventory.name}": ${plan.length} node(s)` +
      `${s.wipeData ? ', with the data disks' : ''}${s.emmc ? ', eMMC made unbootable' : ''}.`
  )
  for (const p of plan)
    host.log.info(`  slot ${p.node.slot} (${p.node.hostname}): ${p.steps.join('; ')}`)
}

/** BMC power off (verified), then the eMMC blanking, one transfer at a time. */
async function finishOnBmc(
  host: Host,
  client: BmcClient,
  plan: PlannedNode[],
  results: Map<number, WipeNodeResult>
): Promise<void> {
  const ok = (p: PlannedNode): boolean => results.get(p.node.slot)?.result !== 'failed'
  const off = plan.filter((p) => p.powerOff && ok(p)).map((p) => p.node.slot)
  const errors = await powerOffVerified(client, off, { signal: host.signal })
  for (const [slot, error] of errors) {
    const r = results.get(slot) as WipeNodeResult
    r.power = error ? 'on' : 'off'
    if (error) {
      r.result = 'failed'
      r.error = {
        step: 'power-off',
        message: `slot ${slot} was not powered off.`,
        evidence: error,
        advice: 'Check the BMC (`tpi power status`) and power the node off by hand.'
      }
    }
  }
  const blank = plan.filter((p) => p.blankEmmc && ok(p))
  if (blank.length === 0) return
  const image = await blankImage(host.tempDir)
  for (const p of blank) {
    const r = results.get(p.node.slot) as WipeNodeResult
    try {
      await blankEmmc(client, p.node.slot, image, { log: host.log, signal: host.signal })
      r.emmc = 'blanked'
      r.power = 'off'
      if (r.result === 'already-off' || r.result === 'nothing') r.result = 'wiped'
    } catch (error) {
      r.result = 'failed'
      r.error = errorOf(error, 'emmc')
    }
  }
}

function isNothing(r: WipeNodeResult): boolean {
  return ['already-off', 'nothing', 'already-clean'].includes(r.result) && r.power !== 'off'
}

async function report(host: Host, run: WipeRun): Promise<void> {
  host.setOutput('result', wipeResultJson(run))
  summariseWipe(host.summary, run)
  await host.summary.write()
  if (run.nothingToDo)
    host.log.info(`Cluster "${run.clusterName}" is already wiped: nothing was done.`)
  if (wipeFailed(run) && !run.dryRun) {
    const bad = run.nodes.filter((n) => n.result === 'failed')
    throw new WipeFailedError(`Wipe failed on ${bad.length} of ${run.nodes.length} node(s).`, {
      step: 'wipe',
      evidence: bad
        .map(
          (n) =>
            `slot ${n.slot} (${n.hostname}), step ${n.error?.step ?? '?'}: ${n.error?.message ?? ''}`
        )
        .join('\n'),
      advice:
        'The other nodes were wiped. Fix what each failure says, then run wipe again: it only acts on what is left.'
    })
  }
}

export async function runWipe(host: Host, s: WipeSettings): Promise<WipeRun> {
  const started = performance.now()
  if (!s.dryRun)
    requireConfirmation(
      s.inventory.name,
      s.confirm,
      `wipe ${s.nodes.length} node(s) of "${s.inventory.name}"`
    )
  const client = await bmcClient(host, s.inventory, s.bmc)
  try {
    const simulated = await detectBmc(host, client, s.inventory)
    const { found, controlPlane, access } = await detectStates(host, s, client)
    const plan = found.map((f) => planNode(f, s))
    await checkPlan(plan, s)
    logPlan(host, plan, s)
    const base = { clusterName: s.inventory.name, simulated, dryRun: s.dryRun }
    if (s.dryRun) {
      await Promise.all(found.map((f) => f.link?.close()))
      const nodes = plan.map((p) => ({ ...initialResult(p, 'planned'), done: p.steps }))
      const run = { ...base, nodes, nothingToDo: false, totalMs: performance.now() - started }
      await report(host, run)
      return run
    }
    const wiped = new Set(s.nodes.map((n) => n.slot))
    const results = await executePlan(plan, {
      ops: { talosctl: access.talosctl, talosconfig: access.talosconfig, signal: host.signal },
      options: s,
      log: host.log,
      controlPlaneAlive: controlPlane?.kind === 'ours-talos',
      controlPlaneStays: s.inventory.nodes.some(
        (n) => n.role === 'control-plane' && !wiped.has(n.slot)
      )
    })
    await finishOnBmc(host, client, plan, results)
    const nodes = plan.map((p) => results.get(p.node.slot) as WipeNodeResult)
    const runner = await clearRunnerState({
      cacheDir: host.cacheDir,
      cluster: s.inventory.name,
      slots: nodes.filter((n) => n.result !== 'failed').map((n) => n.slot),
      wholeCluster:
        s.inventory.nodes.every((n) => wiped.has(n.slot)) &&
        nodes.every((n) => n.result !== 'failed'),
      outputDir: s.outputDir,
      forgetSecrets: s.forgetSecrets
    })
    const run = {
      ...base,
      nodes,
      runner,
      nothingToDo: nodes.every(isNothing),
      totalMs: performance.now() - started
    }
    await report(host, run)
    return run
  } finally {
    client.close()
  }
}
