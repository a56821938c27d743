/** What a stand-in implementation gets: the call, the node's state and files, the lab hub. */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync
} from 'node:fs'
import { dirname, join, posix } from 'node:path'
import type { LabKubeHub } from '../../hub'
import type { K3sDirectory } from './k3s-directory'
import { NODE_WRITABLE_DIRS } from './sandbox'
import type { ArmbianNodeState } from './types'

export interface ToolCall {
  tool: string
  args: string[]
  env: Record<string, string>
  cwd: string
}

export interface ToolResult {
  stdout: string
  stderr: string
  code: number
}

export const ok = (stdout = ''): ToolResult => ({ stdout, stderr: '', code: 0 })
export const fail = (code: number, stderr: string, stdout = ''): ToolResult => ({
  stdout,
  stderr: stderr.endsWith('\n') || stderr === '' ? stderr : `${stderr}\n`,
  code
})

/**
 * The node's writable files seen from the lab process. Paths are node paths (`/etc/hostname`);
 * only the node's writable trees are reachable, and a path whose real location leaves them (a
 * symlink planted by a node command) is treated as absent.
 */
export class NodeFiles {
  constructor(readonly fsDir: string) {}

  hostPath(nodePath: string, cwd = '/'): string | undefined {
    const abs = posix.resolve(cwd, nodePath)
    const top = NODE_WRITABLE_DIRS.find((d) => abs === `/${d}` || abs.startsWith(`/${d}/`))
    if (!top) return undefined
    const host = join(this.fsDir, abs)
    // The deepest existing ancestor must really live inside the node tree.
    let probe = host
    while (!existsSync(probe) && probe !== this.fsDir) probe = dirname(probe)
    let real: string
    try {
      real = realpathSync(probe)
    } catch {
      return undefined
    }
    const root = realpathSync(this.fsDir)
    return real === root || real.startsWith(`${root}/`) ? host : undefined
  }

  read(nodePath: string, cwd = '/'): string | undefined {
    const p = this.hostPath(nodePath, cwd)
    if (!p) return undefined
    try {
      return readFileSync(p, 'utf8')
    } catch {
      return undefined
    }
  }

  exists(nodePath: string, cwd = '/'): boolean {
    const p = this.hostPath(nodePath, cwd)
    if (!p) return false
    try {
      lstatSync(p)
      return true
    } catch {
      return false
    }
  }

  isDir(nodePath: string): boolean {
    const p = this.hostPath(nodePath)
    try {
      return !!p && lstatSync(p).isDirectory()
    } catch {
      return false
    }
  }

  write(nodePath: string, content: string, mode = 0o644): void {
    const p = this.hostPath(nodePath)
    if (!p) throw new Error(`lab: ${nodePath} is outside the node's writable tree`)
    mkdirSync(dirname(p), { recursive: true })
    rmSync(p, { force: true })
    writeFileSync(p, content, { mode })
    chmodSync(p, mode)
  }

  symlink(target: string, nodePath: string): void {
    const p = this.hostPath(nodePath)
    if (!p) throw new Error(`lab: ${nodePath} is outside the node's writable tree`)
    mkdirSync(dirname(p), { recursive: true })
    rmSync(p, { force: true })
    symlinkSync(target, p)
  }

  mkdir(nodePath: string): void {
    const p = this.hostPath(nodePath)
    if (p) mkdirSync(p, { recursive: true })
  }

  remove(nodePath: string): void {
    const p = this.hostPath(nodePath)
    if (p) rmSync(p, { recursive: true, force: true })
  }

  list(nodeDir: string): string[] {
    const p = this.hostPath(nodeDir)
    try {
      return p ? readdirSync(p).sort() : []
    } catch {
      return []
    }
  }
}

export interface ToolContext {
  call: ToolCall
  state: ArmbianNodeState
  files: NodeFiles
  hub: LabKubeHub
  k3s: K3sDirectory
  ip: string
  timeScale: number
  /** Persist `state` (call after every change). */
  save(): void
  /** Reboot the node at once (`reboot -f`); absent outside a running node. */
  reboot?(): void
}

export type ToolImpl = (ctx: ToolContext) => ToolResult | Promise<ToolResult>
