/**
 * On-the-fly xz decompression through the system `xz -dc`, as bmcd does for `.xz` file names:
 * compressed chunks in, decompressed chunks out, back-pressure in both directions.
 */
import { spawn } from 'node:child_process'
import type { Writable } from 'node:stream'

export async function* xzDecompress(
  input: AsyncIterable<Buffer>,
  signal: AbortSignal
): AsyncGenerator<Buffer> {
  const child = spawn('xz', ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  let spawnError: Error | undefined
  child.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString()
  })
  child.on('error', (e) => (spawnError = e))
  // xz exits early on corrupt input; writes after that fail with EPIPE, reported via the exit code.
  child.stdin.on('error', () => undefined)
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  signal.addEventListener('abort', kill, { once: true })

  let feedError: unknown
  const feeding = (async () => {
    try {
      for await (const chunk of input) {
        if (!child.stdin.write(chunk)) await drained(child.stdin)
        if (child.stdin.destroyed) break
      }
      child.stdin.end()
    } catch (error) {
      feedError = error
      kill()
    }
  })()

  try {
    for await (const chunk of child.stdout) yield chunk as Buffer
    const code = await exited
    await feeding
    if (feedError) throw feedError
    signal.throwIfAborted()
    if (spawnError) throw new Error(`xz decompression failed: ${spawnError.message}`)
    if (code !== 0) {
      const why = stderr.trim().replace(/^xz: \(stdin\): /, '') || `exit status ${code}`
      throw new Error(`xz decompression failed: ${why}`)
    }
  } finally {
    signal.removeEventListener('abort', kill)
    kill()
    child.stdin.destroy()
  }
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done)
      stream.off('close', done)
      stream.off('error', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
    stream.on('error', done)
  })
}
