/**
 * Serves images to Talos nodes (which have no SSH): a plain HTTP server on the runner's address
 * facing the nodes, one random token per node. GET /<token>/image streams the file paced on the
 * shared uplink; GET /<token>/report?p=<phase> records what the node's Job reports, so the runner
 * follows the write without the Kubernetes API (which may live on a node being rewritten).
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import type { Logger } from '../common/host'
import { ProgressReporter } from '../image/progress'
import type { NodeImage } from './image'
import { PhaseTracker } from './progress'
import { describePhase } from './ssh-writer'
import type { SharedUplink } from './uplink'

export interface ImageOffer {
  imageUrl: string
  reportUrl: string
  tracker: PhaseTracker
  /** performance.now() of the last request from this node (image bytes or a report). */
  lastHeard: number
  /** Bytes of the image sent so far. */
  sent: number
  /** Resolves at the next report (or after `ms`). */
  nextReport(ms: number): Promise<void>
  withdraw(): void
}

interface Entry {
  offer: ImageOffer
  label: string
  image: NodeImage
  wake: (() => void)[]
}

export class ImageServer {
  private readonly entries = new Map<string, Entry>()

  private constructor(
    private readonly server: Server,
    private readonly base: string,
    private readonly uplink: SharedUplink,
    private readonly log: Logger
  ) {}

  /** Listens on `host` (the runner's address on the nodes' network), an ephemeral port. */
  static async start(o: { host: string; uplink: SharedUplink; log: Logger }): Promise<ImageServer> {
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, o.host, () => resolve())
    })
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const host = o.host.includes(':') ? `[${o.host}]` : o.host
    const self = new ImageServer(server, `http://${host}:${port}`, o.uplink, o.log)
    server.on('request', (req, res) => {
      self.handle(req.url ?? '/', res).catch(() => res.destroy())
    })
    return self
  }

  offer(label: string, image: NodeImage): ImageOffer {
    const token = randomBytes(16).toString('hex')
    const entry: Entry = {
      label,
      image,
      wake: [],
      offer: {
        imageUrl: `${this.base}/${token}/image`,
        reportUrl: `${this.base}/${token}/report`,
        tracker: new PhaseTracker(),
        lastHeard: performance.now(),
        sent: 0,
        nextReport: (ms) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms)
            entry.wake.push(() => {
              clearTimeout(timer)
              resolve()
            })
          }),
        withdraw: () => this.entries.delete(token)
      }
    }
    this.entries.set(token, entry)
    return entry.offer
  }

  private async handle(url: string, res: ServerResponse): Promise<void> {
    const parsed = new URL(url, 'http://x')
    const [, token, what] = parsed.pathname.split('/')
    const entry = token ? this.entries.get(token) : undefined
    if (!entry) {
      res.writeHead(404).end()
      return
    }
    const { offer } = entry
    offer.lastHeard = performance.now()
    if (what === 'report') {
      const line = parsed.searchParams.get('p') ?? ''
      for (const phase of [offer.tracker.line(line)].filter((p) => p !== undefined))
        this.log.info(`${entry.label}: ${describePhase(phase)}`)
      res.writeHead(204).end()
      for (const w of entry.wake.splice(0)) w()
      return
    }
    if (what !== 'image') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(entry.image.bytes)
    })
    const progress = new ProgressReporter(
      this.log,
      `${entry.label}: sending the image`,
      entry.image.bytes
    )
    await pipeline(
      createReadStream(entry.image.path),
      this.uplink.stream((sent) => {
        offer.sent = sent
        offer.lastHeard = performance.now()
        progress.update(sent)
      }),
      res
    )
  }

  async close(): Promise<void> {
    this.entries.clear()
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
