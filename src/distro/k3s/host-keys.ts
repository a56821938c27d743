/**
 * Host keys of this cluster's nodes between runs: learned right after a flash (Armbian makes new
 * ones on first boot), pinned afterwards. Stored in the runner's cache, one file per cluster.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { HostKeyPolicy } from '../../node-access/ssh'

export class HostKeyStore {
  private pins: Record<string, string> = {}
  /** readOnly: pins are used but nothing is stored (a dry run changes nothing, not even the cache). */
  constructor(
    readonly path: string,
    private readonly readOnly = false
  ) {}

  static async open(
    cacheDir: string,
    cluster: string,
    opts: { readOnly?: boolean } = {}
  ): Promise<HostKeyStore> {
    const store = new HostKeyStore(
      join(cacheDir, 'k3s-host-keys', `${cluster.replace(/[^\w.-]/g, '_')}.json`),
      opts.readOnly
    )
    try {
      store.pins = JSON.parse(await readFile(store.path, 'utf8')) as Record<string, string>
    } catch {
      store.pins = {}
    }
    return store
  }

  /** Pinned when known, otherwise trust on first use for this run only. */
  policy(slot: number): HostKeyPolicy {
    const pin = this.pins[String(slot)]
    return pin ? { mode: 'pin', fingerprints: [pin] } : { mode: 'learn-once' }
  }

  async save(slot: number, fingerprint: string): Promise<void> {
    if (!fingerprint.startsWith('SHA256:') || this.readOnly) return
    this.pins[String(slot)] = fingerprint
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 })
    await writeFile(this.path, `${JSON.stringify(this.pins, null, 2)}\n`, { mode: 0o600 })
  }

  /** A wiped node makes new host keys when it is set up again: its pin must go. */
  async forget(slots: number[]): Promise<number> {
    const before = Object.keys(this.pins).length
    for (const slot of slots) delete this.pins[String(slot)]
    const removed = before - Object.keys(this.pins).length
    if (Object.keys(this.pins).length === 0) await rm(this.path, { force: true })
    else if (removed > 0)
      await writeFile(this.path, `${JSON.stringify(this.pins, null, 2)}\n`, { mode: 0o600 })
    return removed
  }
}
