/**
 * The address of this machine that the nodes reach, for the image server Talos nodes download
 * from (they have no SSH to push through). Rule: the source address the kernel picks for the
 * route to the control plane; a UDP "connect" only selects the route, no packet is sent. A runner
 * behind NAT or with several links can pass the address instead (input `runner-address`).
 */
import { createSocket } from 'node:dgram'
import { isIP } from 'node:net'
import { Rk1Error } from '../common/errors'

export class RunnerAddressError extends Rk1Error {}

export async function runnerAddressFor(nodeIp: string, given?: string): Promise<string> {
  if (given?.trim()) {
    const address = given.trim()
    if (isIP(address) === 0)
      throw new RunnerAddressError(`runner-address "${address}" is not an IP address.`, {
        step: 'node-write',
        evidence: address,
        advice: 'Give the IPv4 or IPv6 address of this machine that the nodes can reach.'
      })
    return address
  }
  const socket = createSocket(isIP(nodeIp) === 6 ? 'udp6' : 'udp4')
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      // Any port: connect() on UDP only picks the route and the source address.
      socket.connect(9, nodeIp, () => resolve())
    })
    return socket.address().address
  } catch (error) {
    throw new RunnerAddressError(`No route from this machine to ${nodeIp}.`, {
      step: 'node-write',
      evidence: error instanceof Error ? error.message : String(error),
      advice:
        'Pass runner-address (an address of this machine the nodes reach), or flash-path: bmc.'
    })
  } finally {
    socket.close()
  }
}
