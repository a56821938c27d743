/**
 * The lab end of the stand-in channel: a unix socket (bind-mounted into every sandbox) that takes
 * one JSON call per connection and answers stdout/stderr/exit code. Calls run one at a time, so
 * the node state never sees two writers.
 */
import { rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import {
  fail,
  type ToolCall,
  type ToolContext,
  type ToolImpl,
  type ToolResult
} from './tool-context'
import { mkfs, parted, sgdisk, wipefs } from './tools/disk-tools'
import { mount, umount } from './tools/mount'
import { k3sBinary, k3sInstall, k3sKillall, k3sUninstall, curl } from './tools/k3s'
import { blkid, findmnt, lsblk } from './tools/lsblk'
import { aptGet } from './tools/packages'
import { systemctl } from './tools/systemctl'
import {
  reboot,
  hostnamectl,
  iscsiInameTool,
  lsmod,
  modprobe,
  netplan,
  swapoff,
  swapon,
  sysctl
} from './tools/system'

const TOOLS: Record<string, ToolImpl> = {
  'apt-get': aptGet,
  systemctl,
  hostnamectl,
  netplan,
  modprobe,
  lsmod,
  sysctl,
  lsblk,
  blkid,
  findmnt,
  wipefs,
  sgdisk,
  parted,
  'mkfs.ext4': (ctx) => mkfs(ctx, 'ext4'),
  'mkfs.xfs': (ctx) => mkfs(ctx, 'xfs'),
  mount,
  umount,
  swapoff,
  swapon,
  'iscsi-iname': iscsiInameTool,
  curl,
  'k3s-install': k3sInstall,
  'k3s-killall': k3sKillall,
  'k3s-uninstall': (ctx) => k3sUninstall(ctx, 'server'),
  'k3s-agent-uninstall': (ctx) => k3sUninstall(ctx, 'agent'),
  reboot
}

export async function runTool(ctx: ToolContext): Promise<ToolResult> {
  const { tool } = ctx.call
  ctx.state.calls.push([tool, ...ctx.call.args].join(' '))
  if (ctx.state.calls.length > 1000) ctx.state.calls.splice(0, ctx.state.calls.length - 1000)
  try {
    if (tool.startsWith('k3s:')) return k3sBinary(ctx, tool.slice(4))
    const impl = TOOLS[tool]
    if (!impl) return fail(127, `lab: unknown stand-in ${tool}`)
    return await impl(ctx)
  } catch (error) {
    return fail(1, `${tool}: lab stand-in failed: ${(error as Error).message}`)
  } finally {
    ctx.save()
  }
}

export class ToolServer {
  private server: Server | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private readonly sockets = new Set<Socket>()

  constructor(
    readonly socketPath: string,
    private readonly context: (call: ToolCall) => ToolContext
  ) {}

  async start(): Promise<void> {
    rmSync(this.socketPath, { force: true })
    const server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket))
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.socketPath, () => resolve())
    })
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    const chunks: Buffer[] = []
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('end', () => {
      let call: ToolCall
      try {
        const raw = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<ToolCall>
        call = {
          tool: String(raw.tool ?? ''),
          args: Array.isArray(raw.args) ? raw.args.map(String) : [],
          env: raw.env && typeof raw.env === 'object' ? (raw.env as Record<string, string>) : {},
          cwd: typeof raw.cwd === 'string' ? raw.cwd : '/'
        }
      } catch {
        socket.end(JSON.stringify(fail(2, 'lab: malformed stand-in call')))
        return
      }
      const work = this.queue.then(() => runTool(this.context(call)))
      this.queue = work.catch(() => undefined)
      void work.then(
        (result) => socket.end(JSON.stringify(result)),
        (error: unknown) => socket.end(JSON.stringify(fail(1, String(error))))
      )
    })
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(this.socketPath, { force: true })
  }
}
