// Child process of bench/flash.ts: one flash with our client, so its peak RSS is ours alone.
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { BmcClient, flashNode } from '../src/bmc'
import type { Logger } from '../src/common/host'

const [url, password, fingerprint, imagePath] = process.argv.slice(2) as [
  string,
  string,
  string,
  string
]
const quiet: Logger = {
  info: () => {},
  warn: () => {},
  error: (m) => process.stderr.write(`${m}\n`),
  debug: () => {},
  group: (_t, fn) => fn()
}
const { hostname, port } = new URL(url)
const client = new BmcClient({
  host: hostname,
  port: Number(port),
  tls: { mode: 'fingerprint', fingerprint },
  username: 'root',
  password
})
const size = (await stat(imagePath)).size
const result = await flashNode(
  client,
  1,
  { path: imagePath, size, fileName: basename(imagePath) },
  {
    log: quiet,
    skipCrc: true,
    powerOn: false,
    uartSnapshot: false,
    pollIntervalMs: 100
  }
)
client.close()
process.stdout.write(
  `${JSON.stringify({ bytes: result.bytes, uploadMs: result.uploadMs, maxRssKiB: process.resourceUsage().maxRSS })}\n`
)
