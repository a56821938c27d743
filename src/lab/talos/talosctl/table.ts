/** Go's tabwriter as talosctl configures it: columns padded to the widest cell plus 3 spaces. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3)))
        .join('')
        .trimEnd()
    )
    .map((line) => `${line}\n`)
    .join('')
}
