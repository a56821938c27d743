import type { Lab } from '../../src/lab/lab'
import { runBundle, type ActionRun } from './action-runner'

export interface WipeNode {
  slot: number
  found: string
  action: string
  result: string
  done: string[]
  power?: string
  emmc?: string
  dataWiped?: boolean
  error?: { step: string; message: string; evidence?: string; advice?: string }
}

export interface WipeResult {
  nothingToDo: boolean
  dryRun: boolean
  simulated: boolean
  nodes: WipeNode[]
  runner?: { hostKeys: number; files: string[] }
}

/** Every wipe run of the test file, for the final scan for secrets. */
export const wipeRuns: ActionRun[] = []

/** What a user can read of a run: masked-registration lines are the runner's, not output. */
export function visibleText(run: ActionRun): string {
  return run.allText
}

/** The built wipe action against a lab, as the runner runs it. */
export async function wipe(
  lab: Lab,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const run = await runBundle(
    'wipe.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      timeout: '60',
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string, ...env }, timeoutMs: 180_000 }
  )
  wipeRuns.push(run)
  return run
}

export function wipeResult(run: ActionRun): WipeResult {
  return JSON.parse(run.outputs.result ?? '{"nodes":[]}') as WipeResult
}

/** BMC requests after `since` that change something: any `opt=set`, upload, flash, cancel. */
export function mutatingBmcRequests(lab: Lab, since: number): string[] {
  return lab.bmc.requestLog
    .filter((r) => r.seq > since)
    .filter((r) => /(^|&)opt=set/.test(r.query) || /upload|cancel/.test(r.path))
    .map((r) => `${r.method} ${r.path}?${r.query}`)
}

export const lastSeq = (lab: Lab): number => lab.bmc.requestLog.at(-1)?.seq ?? 0

export async function bmcPower(lab: Lab): Promise<Record<number, boolean>> {
  const { BmcClient } = await import('../../src/bmc')
  const inv = (await import('../../src/inventory')).loadInventory
  const { inventory } = await inv(lab.inventoryPath)
  const client = new BmcClient({
    host: inventory.bmc.host,
    port: inventory.bmc.port,
    tls: { mode: inventory.bmc.tls.mode, fingerprint: inventory.bmc.tls.fingerprint },
    username: 'root',
    password: lab.env.RK1_BMC_PASSWORD as string,
    log: {
      info: () => {},
      warn: () => {},
      error: () => {},
      debug: () => {},
      group: (_t, fn) => fn()
    }
  })
  try {
    return await client.getPower()
  } finally {
    client.close()
  }
}
