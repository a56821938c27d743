/**
 * The seam of the one provision story (./story.ts): what a distro does at each step. Talos
 * (./talos/talos-driver.ts) and K3s (./k3s/k3s-driver.ts) implement it; the story runs the steps
 * in the same order for both: plan → detect every node → decide (the rule table, ./decide.ts) →
 * refuse what is not provably ours → flash queue and configure → cluster check → outputs and
 * summary. Inside "flash queue and configure" each driver gives, per node, its image (Talos: the
 * one image; K3s: a personalised copy), what follows its boot (Talos: maintenance mode; K3s: SSH
 * with our key) and its configuration, all through the one flash queue (./flash-queue.ts).
 */
import type { NodeVerdict } from '../distro/detect'
import type { NodeLink } from '../distro/k3s/node-link'
import type { DistroName } from '../inventory'

/**
 * What detection found on one node: the shared verdict (src/distro/detect, both the Talos API and
 * SSH are probed whatever distro is asked) and the driver's own words for it. Wipe reads the same
 * verdicts (src/wipe/detect.ts), so a driver's detection can serve it as it is.
 */
export interface DetectedNode<State> {
  verdict: NodeVerdict
  state: State
  /** Open SSH link when our key works; the driver closes it in `close`. */
  link?: NodeLink
}

/** Per slot: every node the run probed (the selected ones and the control plane / server). */
export type Detection<State> = Map<number, DetectedNode<State>>

export interface ProvisionDriver<State, Action, Run> {
  readonly distro: DistroName
  /** Local only (output folder, key or secrets, configs, tools): nothing touches a node yet. */
  plan(): Promise<void>
  /** The state of every node that matters, one log line each (the story groups them). */
  detect(): Promise<Detection<State>>
  /** The rule table per selected node (./decide.ts, in the driver's action names). */
  decide(found: Detection<State>): Map<number, Action>
  /** Throws an Rk1Error (step detect) when a node is not provably ours; touches nothing. */
  refuse(found: Detection<State>, actions: Map<number, Action>): void
  /** The BMC only when a node needs flashing; the flash queue, then each node configured. */
  flashAndConfigure(found: Detection<State>, actions: Map<number, Action>): Promise<Run>
  /** Cluster health, a fresh kubeconfig, Ready Kubernetes nodes (failures recorded in the run). */
  clusterReady(run: Run): Promise<void>
  /** Outputs and summary; then the one run failure (./run-error.ts) when anything failed. */
  outputs(run: Run, totalMs: number): Promise<void>
  /** Closes what detection opened (SSH links), whatever happened. */
  close(): Promise<void>
  /** A step threw before the outputs: what the driver still records (e.g. the summary so far). */
  abandoned?(): Promise<void>
}
