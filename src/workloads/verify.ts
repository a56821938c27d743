// The verification step after the graph: every UI answers through the ingress IP by host name,
// from outside the cluster. Results are added to the checks of the component that owns the UI.
import { errorText } from '../common/errors'
import { ingressHosts, probeHost } from './http-check'
import type { ComponentResult, WorkloadSettings } from './types'

export async function verifyIngressHosts(
  results: ComponentResult[],
  opts: { ingressIp: string; settings: WorkloadSettings; signal?: AbortSignal }
): Promise<void> {
  const waitS = Math.min(opts.settings.timeoutS, 60)
  await Promise.all(
    results.map(async (r) => {
      if (r.status === 'failed' || r.status === 'skipped' || r.status === 'removed') return
      const hosts = ingressHosts(opts.settings.domain).filter((h) => h.component === r.name)
      for (const { host } of hosts) {
        const name = `HTTP through the ingress (${host})`
        try {
          r.checks.push({
            name,
            ok: true,
            detail: await probeHost(opts.ingressIp, host, waitS, opts.signal)
          })
        } catch (e) {
          r.checks.push({ name, ok: false, detail: errorText(e) })
          r.status = 'failed'
          r.message = `${r.message ? `${r.message}; ` : `${r.name}: checks failed: `}${name}: ${errorText(e)}`
        }
      }
    })
  )
}
