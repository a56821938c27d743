// Flash throughput and memory: our client vs curl streaming the same image to the same
// unthrottled lab BMC emulator (design.md §5: ≥ 90 % of curl, peak RSS < 100 MiB for 4 GiB).
// Usage: npm run bench:flash -- [--size-mib 4096] [--rounds 3]
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBmcEmulator } from '../src/lab/bmc/emulator'

const { values } = parseArgs({
  options: { 'size-mib': { type: 'string' }, rounds: { type: 'string' } }
})
const sizeBytes = Number(values['size-mib'] ?? 1024) * 1024 * 1024
const rounds = Number(values.rounds ?? 3)
const password = `bench-${process.pid}-${Math.random().toString(36).slice(2)}`

const dir = await mkdtemp(join(tmpdir(), 'rk1-bench-flash-'))
const imagePath = join(dir, 'bench.img')
// A sparse file: the bytes are zeros either way, and creating it costs nothing.
const handle = await open(imagePath, 'w')
await handle.truncate(sizeBytes)
await handle.close()

const bmc = await startBmcEmulator({
  users: { root: password },
  writeRateBytesPerSec: Infinity,
  verifyRateBytesPerSec: Infinity,
  prepDelayMs: 0,
  storageDir: join(dir, 'emmc'),
  // The emulator discards nothing: it writes the eMMC file, which is what we want to compare against.
  timeScale: 1
})

async function curlUpload(): Promise<number> {
  const login = await fetchJson('/api/bmc/authenticate', {
    method: 'POST',
    body: JSON.stringify({ username: 'root', password })
  })
  const token = (login as { id: string }).id
  const start = (await fetchJson(
    `/api/bmc?opt=set&type=flash&node=0&file=bench.img&length=${sizeBytes}&skip_crc`,
    {
      headers: { authorization: `Bearer ${token}` }
    }
  )) as { handle: number }
  const t0 = performance.now()
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      'curl',
      [
        '-sS',
        '-k',
        '--fail',
        '-o',
        '/dev/null',
        '-H',
        `Authorization: Bearer ${token}`,
        '-F',
        `file=@${imagePath}`,
        `${bmc.url}/api/bmc/upload/${start.handle}`
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] }
    )
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`curl exited ${code}`))))
  })
  const ms = performance.now() - t0
  await waitIdle(token)
  return ms
}

async function ourUpload(): Promise<{ uploadMs: number; maxRssKiB: number }> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        join(import.meta.dirname, 'flash-client.mjs'),
        bmc.url,
        password,
        bmc.fingerprintSha256,
        imagePath
      ],
      { maxBuffer: 1 << 20 },
      (error, out) => (error ? reject(error) : resolve(out))
    )
  })
  return JSON.parse(stdout.trim()) as { uploadMs: number; maxRssKiB: number }
}

async function fetchJson(
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> }
): Promise<unknown> {
  // Node's fetch cannot skip certificate checks per request; shell out to curl for the control calls.
  return new Promise((resolve, reject) => {
    const args = ['-sS', '-k', '--fail-with-body', '-X', init.method ?? 'GET']
    for (const [k, v] of Object.entries(init.headers ?? {})) args.push('-H', `${k}: ${v}`)
    if (init.body) args.push('--data', init.body)
    execFile('curl', [...args, `${bmc.url}${path}`], (error, out) =>
      error ? reject(error) : resolve(JSON.parse(out))
    )
  })
}

async function waitIdle(token: string): Promise<void> {
  for (;;) {
    const status = await fetchJson('/api/bmc?opt=get&type=flash', {
      headers: { authorization: `Bearer ${token}` }
    })
    if (typeof status === 'object' && status && ('Done' in status || 'Error' in status)) return
    await new Promise((r) => setTimeout(r, 100))
  }
}

const mbps = (ms: number): number => sizeBytes / 1e6 / (ms / 1000)
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const curlRates: number[] = []
const ourRates: number[] = []
let peakRss = 0
try {
  for (let i = 0; i < rounds; i++) {
    curlRates.push(mbps(await curlUpload()))
    const ours = await ourUpload()
    ourRates.push(mbps(ours.uploadMs))
    peakRss = Math.max(peakRss, ours.maxRssKiB)
  }
} finally {
  await bmc.close()
  await rm(dir, { recursive: true, force: true })
}
const ratio = median(ourRates) / median(curlRates)
console.log(
  `image: ${(sizeBytes / 2 ** 20).toFixed(0)} MiB raw, ${rounds} round(s), unthrottled lab BMC emulator`
)
console.log(
  `curl -F upload:   median ${median(curlRates).toFixed(0)} MB/s  (${curlRates.map((r) => r.toFixed(0)).join(', ')})`
)
console.log(
  `rk1 flashNode:    median ${median(ourRates).toFixed(0)} MB/s  (${ourRates.map((r) => r.toFixed(0)).join(', ')})`
)
console.log(`ratio:            ${(ratio * 100).toFixed(1)} % of curl (target ≥ 90 %)`)
console.log(`peak RSS (client): ${(peakRss / 1024).toFixed(1)} MiB (target < 100 MiB)`)
