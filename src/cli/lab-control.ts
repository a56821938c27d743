/**
 * How `rk1 lab down` finds and stops a lab started by `rk1 lab up`, without ever signalling a
 * process id (a stale pid file may name any process by now). A running lab listens on a control
 * socket and keeps a record in a per-user folder; `lab down` asks it over the socket to stop, and
 * only a lab that answers counts as running. Records of labs that no longer answer are removed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface LabRecord {
  dir: string
  subnet: string
  pid: number
  bmcUrl: string
  startedAt: string
}

/** Short paths (a unix socket path has ~100 bytes at most), private to this user. */
export function labRegistryDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_RUNTIME_DIR || tmpdir()
  const dir = join(base, `rk1-labs-${process.getuid?.() ?? 'user'}`)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}

const recordName = (subnet: string): string => subnet.replace(/\/24$/, '')

/** Asks the lab behind `socket` something; resolves to its answer, or undefined if nobody answers. */
function ask(
  socket: string,
  question: 'ping' | 'stop',
  timeoutMs: number
): Promise<string | undefined> {
  return new Promise((resolve) => {
    let answer = ''
    const connection = createConnection(socket)
    const timer = setTimeout(() => {
      connection.destroy()
      resolve(undefined)
    }, timeoutMs)
    connection.on('connect', () => connection.write(`${question}\n`))
    connection.on('data', (d: Buffer) => (answer += d.toString()))
    connection.on('error', () => {
      clearTimeout(timer)
      resolve(undefined)
    })
    connection.on('close', () => {
      clearTimeout(timer)
      resolve(answer.trim() || undefined)
    })
  })
}

/** The labs that answer; stale records (their lab is gone) are removed on the way. */
export async function runningLabs(env: NodeJS.ProcessEnv = process.env): Promise<LabRecord[]> {
  const dir = labRegistryDir(env)
  const records: LabRecord[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const base = join(dir, file.replace(/\.json$/, ''))
    let record: LabRecord | undefined
    try {
      record = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as LabRecord
    } catch {
      record = undefined
    }
    if (record && (await ask(`${base}.sock`, 'ping', 2000)) === `pong ${record.dir}`)
      records.push(record)
    else {
      rmSync(`${base}.json`, { force: true })
      rmSync(`${base}.sock`, { force: true })
    }
  }
  return records
}

/** Stops the lab of `record`; resolves once it said it is down (true) or stopped answering. */
export async function stopLab(
  record: LabRecord,
  env: NodeJS.ProcessEnv = process.env
): Promise<boolean> {
  const socket = join(labRegistryDir(env), `${recordName(record.subnet)}.sock`)
  return (await ask(socket, 'stop', 60_000)) === 'stopped'
}

export interface LabControl {
  /** Resolves when `rk1 lab down` asked this lab to stop. */
  readonly stopRequested: Promise<void>
  /** After the lab closed: tells the waiting `lab down`, removes the record and the socket. */
  close(): Promise<void>
}

/** Registers a running lab and answers `ping` and `stop` on its control socket. */
export async function serveLabControl(
  record: LabRecord,
  env: NodeJS.ProcessEnv = process.env
): Promise<LabControl> {
  const base = join(labRegistryDir(env), recordName(record.subnet))
  rmSync(`${base}.sock`, { force: true })
  let requestStop: () => void = () => undefined
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve))
  const waiting: Socket[] = []
  const server: Server = createServer((connection) => {
    connection.on('data', (d: Buffer) => {
      const question = d.toString().trim()
      if (question === 'ping') connection.end(`pong ${record.dir}\n`)
      else if (question === 'stop') {
        waiting.push(connection)
        requestStop()
      } else connection.end('?\n')
    })
    connection.on('error', () => undefined)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(`${base}.sock`, () => resolve())
  })
  writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 })
  return {
    stopRequested,
    close: async () => {
      for (const connection of waiting) connection.end('stopped\n')
      rmSync(`${base}.json`, { force: true })
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(`${base}.sock`, { force: true })
    }
  }
}
