/** What both distros' runs record of one node (each adds its own detection and configuration). */
import type { FlashResult } from '../bmc'
import type { FlashPathTaken } from '../node-flash'

export interface ProvisionedNode {
  slot: number
  hostname: string
  role: string
  foundVersion?: string
  status: 'ready' | 'failed'
  flash?: FlashResult
  /** Which path wrote the node (BMC or its own OS) and why (and the node path's failure when the BMC took over). */
  flashPath?: FlashPathTaken
  /** Flash start to its own write's end (node path) or to the confirmed boot. */
  writeMs?: number
  bootMs?: number
  configureMs?: number
  error?: string
}

/** " via its own OS (why)" / " via BMC (why)" after a node's flash action, for both distros. */
export function flashPathText(p: FlashPathTaken | undefined): string {
  if (!p) return ''
  return ` via ${p.path === 'node' ? 'its own OS' : 'BMC'} (${p.reason})`
}
