/**
 * One plain TCP connect to a node's port: how boot confirmation and node detection learn that
 * something listens without the BMC (which answers nothing else while an upload runs).
 */
import net from 'node:net'

export interface TcpTarget {
  host: string
  port: number
  /** Per attempt; default 3 s. */
  connectTimeoutMs?: number
}

export interface TcpProbeResult {
  ok: boolean
  error?: string
}

/** One plain TCP connect; resolves (never rejects) with the outcome. */
export function probeTcp(target: TcpTarget, signal?: AbortSignal): Promise<TcpProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.host, port: target.port })
    const finish = (result: TcpProbeResult): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(result)
    }
    const onAbort = (): void => finish({ ok: false, error: 'aborted' })
    const timer = setTimeout(
      () => finish({ ok: false, error: 'ETIMEDOUT' }),
      target.connectTimeoutMs ?? 3000
    )
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => finish({ ok: true }))
    socket.once('error', (err: NodeJS.ErrnoException) =>
      finish({ ok: false, error: err.code ?? err.message })
    )
  })
}
