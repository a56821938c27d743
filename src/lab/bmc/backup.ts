/** `GET /api/bmc/backup`: a small tar.gz of the BMC's persistent files (§1.2). */
import { gzipSync } from 'node:zlib'
import type { Board } from './board'

export function backupArchive(board: Board): { name: string; data: Buffer } {
  const now = new Date()
  const dd = String(now.getDate()).padStart(2, '0')
  const mm = String(now.getMonth() + 1).padStart(2, '0')
  const state = {
    power: board.nodes.map((n) => n.powerBit),
    usb: board.usb,
    node_info: board.nodes.map((n) => n.info),
    cooling: board.cooling
  }
  const files: Array<[string, string]> = [
    ['etc/bmcd/config.yaml', 'host: "::"\nport: 443\nredirect_http: true\n'],
    ['var/lib/bmcd/bmcd.json', `${JSON.stringify(state, null, 2)}\n`]
  ]
  const blocks: Buffer[] = []
  for (const [name, text] of files) {
    const content = Buffer.from(text)
    blocks.push(tarHeader(name, content.length, now), content)
    blocks.push(Buffer.alloc((512 - (content.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return {
    name: `tp2-backup-${dd}-${mm}-${now.getFullYear()}.tar.gz`,
    data: gzipSync(Buffer.concat(blocks))
  }
}

function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(512)
  const field = (offset: number, length: number, value: string): void => {
    h.write(value, offset, length, 'ascii')
  }
  const octal = (value: number, length: number): string =>
    `${value.toString(8).padStart(length - 1, '0')}\0`
  field(0, 100, name)
  field(100, 8, octal(0o644, 8))
  field(108, 8, octal(0, 8))
  field(116, 8, octal(0, 8))
  field(124, 12, octal(size, 12))
  field(136, 12, octal(Math.floor(mtime.getTime() / 1000), 12))
  field(148, 8, '        ')
  field(156, 1, '0')
  field(257, 6, 'ustar\0')
  field(263, 2, '00')
  field(265, 32, 'root')
  field(297, 32, 'root')
  let sum = 0
  for (const byte of h) sum += byte
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
  return h
}
