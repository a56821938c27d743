/**
 * The one way to mask a credentials document (kubeconfig, talosconfig, Talos secrets bundle):
 * register exactly its secret values, never the document. The Actions runner masks a multi-line
 * secret line by line, so registering a kubeconfig whole would turn `apiVersion: v1`, `user:` and
 * `server: https://…:6443` into masks and blank the API address in every later log line.
 *
 * Secret: tokens, passwords, private keys, client certificates (they identify the holder and
 * travel with their key) and the Talos cluster id/secrets; base64 PEM values are also masked
 * decoded, line by line (a derived secret, GitHub's guidance). Not secret: server URLs, names,
 * CA certificates (public trust anchors), file paths and every key.
 */
import { parseAllDocuments } from 'yaml'

type Mask = (secret: string) => void

/** Keys whose string value is a credential, in any of the three documents. */
const SECRET_KEY =
  /^(token|password|secret|key|crt|client-key-data|client-certificate-data|id-token|refresh-token|access-token|client-secret|bootstraptoken|secretboxencryptionsecret|aescbcencryptionsecret)$/i

function isSecretLeaf(path: readonly string[]): boolean {
  const key = path.at(-1) ?? ''
  if (SECRET_KEY.test(key)) return true
  // Talos secrets bundle: cluster.id is the discovery identity of the cluster.
  return key === 'id' && path.at(-2) === 'cluster' && path.length === 2
}

function maskDecodedPem(mask: Mask, value: string): void {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) return
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  if (!decoded.includes('-----BEGIN')) return
  for (const line of decoded.split(/\r?\n/)) {
    const t = line.trim()
    if (t.length >= 16 && !t.startsWith('-----')) mask(t)
  }
}

function walk(node: unknown, path: string[], mask: Mask): void {
  if (Array.isArray(node)) {
    node.forEach((item) => walk(item, path, mask))
    return
  }
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>))
      walk(v, [...path, k], mask)
    return
  }
  if (typeof node !== 'string' && typeof node !== 'number') return
  const value = String(node).trim()
  if (!value || !isSecretLeaf(path)) return
  mask(value)
  maskDecodedPem(mask, value)
}

/** Text that does not parse as YAML: mask every `key: value` whose key looks like a credential. */
function maskLines(mask: Mask, text: string): void {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:- )?([A-Za-z-]+):\s*["']?([^\s"']+)["']?\s*$/.exec(line)
    if (m?.[1] && m[2] && SECRET_KEY.test(m[1])) mask(m[2])
  }
}

/** Registers every secret value of a kubeconfig, talosconfig or Talos secrets bundle, and only those. */
export function maskConfigSecrets(mask: Mask, text: string): void {
  let docs: unknown[]
  try {
    const parsed = parseAllDocuments(text)
    if (!Array.isArray(parsed) || parsed.some((d) => d.errors.length > 0)) throw new Error('bad')
    docs = parsed.map((d) => d.toJS() as unknown)
  } catch {
    maskLines(mask, text)
    return
  }
  for (const doc of docs) walk(doc, [], mask)
}
