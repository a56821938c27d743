/**
 * The loopback /24 a lab lives in: nodes at .1-.4, the MetalLB pool at .80-.89. `rk1 lab up` uses
 * 127.0.1.0/24 unless told otherwise (`--subnet`); programmatic labs take a random block so that
 * labs started side by side (parallel test files) never compete for the same addresses and ports.
 * Before a lab starts, every address and port it will serve is tried, so a second lab on the same
 * block is refused with a clear message instead of answering for (or crashing into) the first.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { Rk1Error } from '../common/errors'

export interface LabAddressBlock {
  /** e.g. `127.0.1`; nodes are `<prefix>.1` to `<prefix>.4`. */
  prefix: string
}

export const STANDARD_LAB_BLOCK: LabAddressBlock = { prefix: '127.0.1' }

/** The first address of the MetalLB pool: the lab ingress serves HTTP on it, port 80. */
export const INGRESS_HOST = 80

export function randomBlock(): LabAddressBlock {
  const [a, b] = randomBytes(2)
  // 127.16.0.0-127.254.255.0: clear of 127.0.x, which people use for their own services.
  return { prefix: `127.${16 + ((a as number) % 239)}.${b as number}` }
}

export function labNodeIps(block: LabAddressBlock): string[] {
  return [1, 2, 3, 4].map((n) => `${block.prefix}.${n}`)
}

export function blockCidr(block: LabAddressBlock): string {
  return `${block.prefix}.0/24`
}

/** `127.0.2.0/24`, `127.0.2.0` or `127.0.2` → the block; undefined when it is not a loopback /24. */
export function parseSubnet(text: string): LabAddressBlock | undefined {
  const m = /^127\.(\d{1,3})\.(\d{1,3})(?:\.0)?(?:\/24)?$/.exec(text.trim())
  if (!m) return undefined
  const [b, c] = [Number(m[1]), Number(m[2])]
  if (b > 255 || c > 255) return undefined
  return { prefix: `127.${b}.${c}` }
}

function nextBlock(block: LabAddressBlock): string {
  const [, b, c] = block.prefix.split('.').map(Number) as [number, number, number]
  return `127.${b}.${(c + 1) % 256}.0/24`
}

export class LabAddressInUseError extends Rk1Error {}

/** Resolves to the error code when `host:port` cannot be listened on, undefined when it can. */
function tryListen(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)))
  })
}

/**
 * Every node address with its ports, and the ingress address on port 80 (when this process may
 * listen there), must be free. EACCES on port 80 is not a collision: the lab then runs without
 * its HTTP ingress (not root), as it always did.
 */
export async function assertBlockFree(block: LabAddressBlock, ports: number[]): Promise<void> {
  const targets = labNodeIps(block).flatMap((ip) => ports.map((port) => ({ ip, port })))
  targets.push({ ip: `${block.prefix}.${INGRESS_HOST}`, port: 80 })
  const results = await Promise.all(
    targets.map(async (t) => ({ ...t, code: await tryListen(t.ip, t.port) }))
  )
  const taken = results.filter((r) => r.code === 'EADDRINUSE')
  if (taken.length === 0) return
  throw new LabAddressInUseError(
    `The lab's addresses ${blockCidr(block)} are in use: ${taken.map((t) => `${t.ip}:${t.port}`).join(', ')}`,
    {
      step: 'lab',
      evidence: 'listen EADDRINUSE (another lab, or another program, serves there)',
      advice: `Stop the other lab (rk1 lab down), or choose a free block with --subnet, e.g. --subnet ${nextBlock(block)}.`
    }
  )
}
