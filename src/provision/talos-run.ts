import type { Host } from '../common/host'
import type { BmcProvider } from './bmc-session'
import { runTalosProvision, setTalosOutputs, type TalosProvisionSettings } from './talos-provision'
import { provisionRunFailed } from './run-error'
import { flashedSlots, summariseTalos, talosFailed, talosResultJson } from './talos-summary'

/** Talos: state first, flash only where needed, then configure, bootstrap, kubeconfig, report. */
export async function provisionTalos(
  host: Host,
  settings: TalosProvisionSettings,
  bmc: BmcProvider
): Promise<void> {
  const run = await runTalosProvision(host, settings, bmc).catch(async (error: unknown) => {
    await host.summary.write()
    throw error
  })
  await setTalosOutputs(host, run)
  summariseTalos(host.summary, run)
  host.setOutput('result', talosResultJson(run))
  host.setOutput('flashed-nodes', flashedSlots(run).join(','))
  await host.summary.write()
  if (talosFailed(run))
    throw provisionRunFailed({
      what: 'Talos provisioning',
      failed: run.nodes.filter((n) => n.status === 'failed'),
      cluster: [
        run.bootstrapError && 'bootstrap failed',
        run.healthError && 'the cluster is not healthy'
      ],
      clusterEvidence: run.bootstrapError ?? run.healthError
    })
}
