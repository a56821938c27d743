/**
 * The SSH key the nodes trust: the `ssh-private-key` input (RK1_SSH_PRIVATE_KEY in the CLI) or a
 * new ed25519 key for this run, which is then an output the user must keep to manage the nodes.
 */
import ssh2 from 'ssh2'
import { InputError } from '../../common/errors'
import type { Host } from '../../common/host'
import { generateEd25519KeyPair } from '../../node-access/ssh-keygen'

export interface NodeKey {
  privateKey: string
  /** `ssh-ed25519 AAAA… rk1-actions` */
  publicKey: string
  /** `file`: written by an earlier run into output-dir (see src/common/secret-files.ts). */
  origin: 'input' | 'file' | 'generated'
  /** Where the key came from (`file`). */
  path?: string
}

/** Masks the key as a whole and line by line (logs split multi-line values). */
export function maskKey(host: Pick<Host, 'mask'>, privateKey: string): void {
  host.mask(privateKey.trim())
  for (const line of privateKey.split('\n'))
    if (line.trim().length >= 16 && !line.startsWith('-----')) host.mask(line.trim())
}

export function publicKeyOf(privateKey: string): string {
  const parsed = ssh2.utils.parseKey(privateKey)
  const key = Array.isArray(parsed) ? parsed[0] : parsed
  if (!key || key instanceof Error || key.isPrivateKey() === false)
    throw new InputError('The SSH private key cannot be used', [
      {
        path: 'ssh-private-key',
        file: 'inputs',
        message:
          'is not an unencrypted OpenSSH or PEM private key (' +
          (key instanceof Error ? key.message : 'not a private key') +
          ')'
      }
    ])
  return `${key.type} ${key.getPublicSSH().toString('base64')} rk1-actions`
}

/** The input, else the key an earlier run kept in output-dir, else a new one. */
export function resolveNodeKey(
  host: Pick<Host, 'mask'>,
  input: string | undefined,
  stored?: { path: string; value: string }
): NodeKey {
  if (input && input.trim()) {
    const privateKey = `${input.trim()}\n`
    maskKey(host, privateKey)
    return { privateKey, publicKey: publicKeyOf(privateKey), origin: 'input' }
  }
  if (stored) {
    const privateKey = `${stored.value.trim()}\n`
    maskKey(host, privateKey)
    return { privateKey, publicKey: publicKeyOf(privateKey), origin: 'file', path: stored.path }
  }
  const pair = generateEd25519KeyPair('rk1-actions')
  maskKey(host, pair.private)
  return { privateKey: pair.private, publicKey: pair.public.trim(), origin: 'generated' }
}
