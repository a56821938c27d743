/**
 * Host-key checking. Armbian regenerates host keys on first boot, so after every flash the key is
 * new (tools spec §4.2): the caller either pins known fingerprints, or uses `learn-once`, which
 * trusts the first key seen through that policy object and pins it for the rest of the run. There
 * is deliberately no "accept anything" mode (actions spec §6.6).
 */
import { createHash } from 'node:crypto'
import { SshHostKeyError } from './ssh-errors'

export type HostKeyPolicy =
  | { mode: 'pin'; fingerprints: string[] }
  /** Create one object per node per flash and reuse it for every connection to that node. */
  | { mode: 'learn-once' }

/** Fingerprints learned by learn-once policies, keyed by the policy object itself. */
const learned = new WeakMap<object, string>()

/** `SHA256:<base64 without padding>` of a public key blob, exactly as `ssh-keygen -l` prints. */
export function fingerprintOf(publicKeyBlob: Buffer): string {
  const digest = createHash('sha256').update(publicKeyBlob).digest('base64')
  return `SHA256:${digest.replace(/=+$/, '')}`
}

/** Accepts `SHA256:abc`, `abc` or `abc=`; returns `SHA256:abc`, or undefined if not a SHA256. */
export function normalizeFingerprint(value: string): string | undefined {
  const raw = value
    .trim()
    .replace(/^SHA256:/i, '')
    .replace(/=+$/, '')
  if (!/^[A-Za-z0-9+/]{43}$/.test(raw)) return undefined
  return `SHA256:${raw}`
}

/** The fingerprint a learn-once policy has pinned so far (save it to pin it in a later run). */
export function learnedFingerprint(policy: HostKeyPolicy): string | undefined {
  return policy.mode === 'learn-once' ? learned.get(policy) : undefined
}

export interface HostKeyWhere {
  host: string
  port: number
  node?: number
}

/**
 * One connection's view of the policy. `verify` runs inside the key exchange; a learn-once key is
 * only committed by `commit` after the handshake proved the server holds the private key, so a
 * half-finished impostor cannot poison the pin.
 */
export class HostKeyCheck {
  private seenFingerprint?: string
  /** Set when verify rejected the key; the connection then fails with this error. */
  rejection?: SshHostKeyError

  constructor(
    private readonly policy: HostKeyPolicy,
    private readonly where: HostKeyWhere
  ) {
    if (policy.mode === 'pin') {
      const bad = policy.fingerprints.filter((f) => normalizeFingerprint(f) === undefined)
      if (policy.fingerprints.length === 0 || bad.length > 0) {
        throw new SshHostKeyError(`Invalid host key pin for ${where.host}:${where.port}.`, {
          node: where.node,
          step: 'ssh',
          expected: policy.fingerprints,
          seen: '(not connected)',
          evidence: bad.length
            ? `not a SHA256 fingerprint: ${bad.join(', ')}`
            : 'the pin list is empty',
          advice:
            'Give fingerprints as `ssh-keygen -lf <key>.pub` prints them (SHA256:...), or use ' +
            'learn-once right after a flash.'
        })
      }
    }
  }

  get fingerprint(): string | undefined {
    return this.seenFingerprint
  }

  /** ssh2 hostVerifier: returns whether the key is acceptable. */
  verify(key: Buffer): boolean {
    const seen = fingerprintOf(key)
    this.seenFingerprint = seen
    const expected = this.expected()
    if (expected === undefined || expected.includes(seen)) return true
    this.rejection = this.mismatch(expected, seen)
    return false
  }

  /** Called once the handshake completed: pins the key for a learn-once policy. */
  commit(): void {
    if (this.policy.mode !== 'learn-once' || !this.seenFingerprint) return
    if (!learned.has(this.policy)) learned.set(this.policy, this.seenFingerprint)
  }

  /** Re-checks after the handshake: a parallel connection may have learned another key first. */
  confirm(): SshHostKeyError | undefined {
    const expected = this.expected()
    const seen = this.seenFingerprint
    if (!seen || expected === undefined || expected.includes(seen)) return undefined
    this.rejection = this.mismatch(expected, seen)
    return this.rejection
  }

  private mismatch(expected: string[], seen: string): SshHostKeyError {
    const learnedHere = this.policy.mode === 'learn-once'
    return new SshHostKeyError(
      `The SSH host key of ${this.where.host}:${this.where.port} does not match the ${
        learnedHere ? 'key seen earlier in this run' : 'pinned fingerprint'
      }.`,
      {
        node: this.where.node,
        step: 'ssh',
        expected,
        seen,
        advice: learnedHere
          ? 'The node presented a different host key than earlier in this run. Unless it was ' +
            're-flashed in between (then start a new learn-once policy), something else answers ' +
            'on this address: do not continue.'
          : 'If the node was re-flashed, its host key was regenerated: update the pinned ' +
            'fingerprint (or use learn-once right after the flash). Otherwise another machine ' +
            'answers on this address or the connection is intercepted: do not continue.'
      }
    )
  }

  private expected(): string[] | undefined {
    if (this.policy.mode === 'pin')
      return this.policy.fingerprints.map((f) => normalizeFingerprint(f) as string)
    const pinned = learned.get(this.policy)
    return pinned === undefined ? undefined : [pinned]
  }
}
