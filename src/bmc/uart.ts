/**
 * New-text detection on the BMC's UART ring (spec §4.6, §8). bmcd 2.3.x returns the whole 16 KiB
 * ring on every read and never clears it, so an old `login:` from a previous boot is still there;
 * only text that arrived after a snapshot may count.
 */

/** Length of the snapshot tail we look for in later reads. */
export const ANCHOR_CHARS = 256

/**
 * The ring drops bytes, not characters: a cut multi-byte character reads as one or more U+FFFD at
 * the front. Leading replacement characters are therefore ignored when comparing.
 */
function stripCut(text: string): string {
  return text.replace(/^\uFFFD+/, '')
}

/**
 * Returns the part of `current` that is newer than `previous`, for a buffer that only ever drops
 * bytes from the front and appends at the back.
 */
export function newTextSince(
  previous: string,
  current: string,
  anchorChars = ANCHOR_CHARS
): string {
  if (previous.length === 0) return current
  // Ring not full yet: nothing dropped, the old text is a prefix.
  if (current.startsWith(previous)) return current.slice(previous.length)
  const anchor = previous.slice(-anchorChars)
  // Candidate ends of the old text, latest first: with repeated output (prompts, a second boot
  // printing the same lines) the latest consistent one keeps old text from counting as new.
  let from = current.length - anchor.length
  while (from >= 0) {
    const at = current.lastIndexOf(anchor, from)
    if (at < 0) break
    const end = at + anchor.length
    if (isSuffixOf(current.slice(0, end), previous)) return current.slice(end)
    from = at - 1
  }
  // The snapshot tail scrolled out of the ring (or bmcd restarted / drained it): everything is
  // new, except what is left of the snapshot tail at the front.
  return current.slice(leadingOverlap(anchor, current))
}

function isSuffixOf(head: string, previous: string): boolean {
  return previous.endsWith(stripCut(head))
}

/** Length of the leading part of `current` that is the remains of `anchor`'s end. */
function leadingOverlap(anchor: string, current: string): number {
  const body = stripCut(current)
  const cut = current.length - body.length
  for (let start = 0; start < anchor.length; start++) {
    const tail = anchor.slice(start)
    if (body.startsWith(tail)) return cut + tail.length
  }
  return cut
}

/** Tracks what a node printed since a snapshot, read after read. */
export class UartWatcher {
  private last: string
  private fresh = ''

  /** Text kept in memory; the ring itself is only 16 KiB. */
  private static readonly KEEP = 64 * 1024

  constructor(snapshot: string) {
    this.last = snapshot
  }

  /** Feeds the latest full buffer; returns the text that is new since the previous read. */
  update(current: string): string {
    const added = newTextSince(this.last, current)
    this.last = current
    if (added) {
      this.fresh += added
      if (this.fresh.length > UartWatcher.KEEP) this.fresh = this.fresh.slice(-UartWatcher.KEEP)
    }
    return added
  }

  /** All text seen since the snapshot. */
  get newText(): string {
    return this.fresh
  }

  /** The latest full buffer as read. */
  get buffer(): string {
    return this.last
  }
}

/** Last `lines` lines of console text, control characters removed, for error evidence. */
export function uartTail(text: string, lines = 20): string {
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
  const all = clean.split('\n')
  while (all.length > 0 && all[all.length - 1]!.trim() === '') all.pop()
  return all
    .slice(-lines)
    .map((l) => (l.length > 200 ? `${l.slice(0, 200)}...` : l))
    .join('\n')
}
