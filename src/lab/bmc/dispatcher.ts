/**
 * The "legacy" dispatcher `GET /api/bmc?opt=get|set&type=…` (§3, §4): enveloped answers, bmcd's
 * error texts and status codes, ad-hoc objects with sorted keys.
 */
import { sleep } from '../../common/abort'
import type { Board } from './board'
import { sortedJson } from './format'
import { ParamError, parseInteger, parseNode, requireParam } from './params'
import {
  aboutPayload,
  infoPayload,
  otherPayload,
  routeName,
  sdcardPayload,
  type Profile
} from './profiles'
import { decodeUart, UART_ENCODINGS, type RingBuffer } from './uart'
import type { Slot } from './types'

export interface DispatchEnv {
  board: Board
  profile: Profile
  rings: RingBuffer[]
  timeScale: number
  /** Real ms for a simulated duration. */
  scale(ms: number): number
  /** reload / reboot / reboot&fel: the daemon goes down after this response. */
  scheduleRestart(kind: 'reload' | 'reboot' | 'fel'): void
}

export type Reply =
  | { status: number; json: string }
  | { uart: string }
  /** The handler panicked: the connection is dropped without a response. */
  | { panic: true }

type Handler = (env: DispatchEnv, q: URLSearchParams) => Reply | Promise<Reply>

const OK: Reply = { status: 200, json: '"ok"' }
const ok = (result: unknown, sorted = true): Reply => ({
  status: 200,
  json: sorted ? sortedJson(result) : JSON.stringify(result)
})
const fail = (status: number, message: string): Reply => ({ status, json: JSON.stringify(message) })
const slotOf = (q: URLSearchParams): Slot => (parseNode(q) + 1) as Slot

const HOST_NOT_SUPPORTED =
  'Failed to set USB mode: Selecting one of the nodes as USB Host role is not supported by the current hardware'
const V25_ONLY = 'This command is only available on v2.5+ boards'

/** Types that exist on every 2.x profile. */
const HANDLERS: Record<string, Handler> = {
  'get:power': ({ board }) => {
    const result: Record<string, string> = {}
    for (const n of board.nodes) result[`node${n.slot}`] = n.powerBit ? '1' : '0'
    return ok([result])
  },
  'set:power': async ({ board }, q) => {
    const changes: Array<[Slot, boolean]> = []
    for (const slot of [1, 2, 3, 4] as Slot[]) {
      const value = q.get(`node${slot}`)
      if (value === null) continue
      if (value !== '0' && value !== '1') {
        return fail(400, `Invalid value \`${value}\` for parameter \`node${slot}\``)
      }
      changes.push([slot, value === '1'])
    }
    if (changes.length === 0) {
      return fail(500, 'Failed to set power state: Condition failed: `node_states != 0`')
    }
    for (const [slot, on] of changes) await board.setPower(slot, on)
    return OK
  },
  'set:reset': async ({ board }, q) => {
    await board.reset(slotOf(q))
    return OK
  },
  'get:usb': ({ board, profile }) => {
    const usb = board.activeUsb
    const result: Record<string, string> = {
      mode: usb.mode,
      node: `Node ${usb.node + 1}`,
      route: routeName(profile, usb.route)
    }
    if (profile.modern) result.bus_type = profile.board === 'v2.5' ? 'Usb hub' : 'Single bus'
    return ok([result])
  },
  'set:usb': ({ board, profile }, q) => {
    const node = parseNode(q)
    const mode = parseInteger(q, 'mode')
    const low = mode & 3
    if (low === 3) return { panic: true }
    if (low === 0 && profile.board === 'v2.5') return fail(500, HOST_NOT_SUPPORTED)
    board.usb = {
      mode: low === 0 ? 'Host' : low === 1 ? 'Device' : 'Flash',
      node,
      route: mode & 4 ? 'Bmc' : 'AlternativePort'
    }
    if (low === 2) board.setUsbBootPin((node + 1) as Slot, true)
    else board.clearUsbBootPins()
    board.save()
    return OK
  },
  'set:usb_boot': ({ board }, q) => {
    board.setUsbBootPin(slotOf(q), true)
    return OK
  },
  'set:clear_usb_boot': ({ board }) => {
    board.clearUsbBootPins()
    return OK
  },
  'set:node_to_msd': async ({ board, scale }, q) => {
    const slot = slotOf(q)
    await board.setPower(slot, false)
    board.setUsbBootPin(slot, true)
    board.physicalOn(slot)
    await sleep(scale(1000))
    board.clearUsbBootPins()
    await sleep(scale(5000))
    const node = board.node(slot)
    if (node.powered) node.mode = 'msd'
    return OK
  },
  'get:uart': ({ rings, profile }, q) => {
    const node = parseNode(q)
    const encoding = q.get('encoding') ?? 'utf8'
    const ring = rings[node]!
    if (decodeUart(Buffer.alloc(0), encoding) === undefined) {
      return fail(
        400,
        `Invalid \`encoding\` parameter. Expected one of: ${UART_ENCODINGS.join(', ')}`
      )
    }
    return { uart: decodeUart(profile.modern ? ring.snapshot() : ring.drain(), encoding) ?? '' }
  },
  'set:uart': ({ board }, q) => {
    const slot = slotOf(q)
    const cmd = requireParam(q, 'cmd')
    board.consoleInput(slot, `${cmd}\r\n`)
    return OK
  },
  'get:other': ({ profile }) => ok([otherPayload(profile)]),
  'get:info': ({ profile }) => ok(infoPayload(profile), false),
  'get:about': ({ profile }) => ok(aboutPayload(profile)),
  'get:sdcard': () => ok([sdcardPayload()]),
  'set:sdcard': () => fail(501, 'not implemented'),
  'get:nodeinfo': () => ok([{ node1: 0, node2: 0, node3: 0, node4: 0 }]),
  'set:nodeinfo': () => fail(501, 'not implemented'),
  'set:network': () => OK,
  'set:reboot': (env, q) => {
    env.scheduleRestart(env.profile.modern && q.has('fel') ? 'fel' : 'reboot')
    return OK
  },
  'set:reload': (env) => {
    env.scheduleRestart('reload')
    return OK
  }
}

/** Types added in bmcd 2.3.x. */
const MODERN_HANDLERS: Record<string, Handler> = {
  'get:usb_node1': ({ board }) => ok(board.usbNode1Alt),
  'set:usb_node1': ({ board, profile }, q) => {
    if (profile.board !== 'v2.5') return fail(500, `Failed to ${V25_ONLY}: ${V25_ONLY}`)
    board.usbNode1Alt = q.has('alternative_port')
    board.save()
    return OK
  },
  'get:node_info': ({ board, timeScale }) => {
    const now = performance.now()
    const result = board.nodes.map((n) => ({
      name: n.info.name,
      module_name: n.info.module_name,
      power_on_time:
        n.powerOnAt === null ? null : Math.floor(((now - n.powerOnAt) * timeScale) / 1000),
      uart_baud: n.info.uart_baud
    }))
    return ok(result, false)
  },
  'get:cooling': ({ board }) => ok(board.cooling, false),
  'set:cooling': ({ board }, q) => {
    const device = requireParam(q, 'device')
    const speed = parseInteger(q, 'speed')
    const target = board.cooling.find((c) => c.device === device)
    if (!target) {
      return fail(500, `Failed to set Cooling state: cooling device: \`${device}\` does not exist`)
    }
    if (speed > target.max_speed || speed < 0) {
      return fail(
        500,
        `Failed to set Cooling state: given speed '${speed}' exceeds maximum speed of '${target.max_speed}'`
      )
    }
    target.speed = speed
    board.save()
    return OK
  }
}

/** The handler for opt/type, or an error reply for a bad opt/type. */
export function resolveHandler(
  profile: Profile,
  q: URLSearchParams
): { handler: Handler; opt: string; type: string } | Reply {
  const opt = q.get('opt')
  if (opt !== 'get' && opt !== 'set') return fail(400, 'Missing `opt` parameter')
  const type = q.get('type')
  if (type === null) return fail(400, 'Missing `type` parameter')
  const key = `${opt}:${type}`
  const handler = HANDLERS[key] ?? (profile.modern ? MODERN_HANDLERS[key] : undefined)
  if (!handler) return fail(400, `Invalid \`type\` parameter ${type}`)
  return { handler, opt, type }
}

/** Runs a resolved handler, turning parameter errors into their 400s. */
export async function runHandler(
  handler: Handler,
  env: DispatchEnv,
  q: URLSearchParams
): Promise<Reply> {
  try {
    return await handler(env, q)
  } catch (error) {
    if (error instanceof ParamError) return fail(error.status, error.message)
    const message = error instanceof Error ? error.message : String(error)
    return fail(500, `${message}: ${message}`)
  }
}
