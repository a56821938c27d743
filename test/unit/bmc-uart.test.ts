/** New-text detection on the 16 KiB UART ring (spec §4.6, §8). */
import { describe, expect, it } from '@jest/globals'
import { UartWatcher, newTextSince, uartTail } from '../../src/bmc/uart'

const RING = 16 * 1024

/** Models bmcd's ring: append, then keep the last 16 KiB. */
function ring(previous: string, added: string): string {
  const all = previous + added
  return all.length > RING ? all.slice(all.length - RING) : all
}

function bootLog(tag: string, lines: number): string {
  let out = ''
  for (let i = 0; i < lines; i++) out += `[${(i * 0.01).toFixed(6)}] ${tag} kernel line ${i}\r\n`
  return out
}

describe('newTextSince', () => {
  it('ring not full: the old text is a prefix', () => {
    expect(newTextSince('abc', 'abcdef')).toBe('def')
    expect(newTextSince('', 'xyz')).toBe('xyz')
    expect(newTextSince('abc', 'abc')).toBe('')
  })

  it('full ring that wrapped: finds the snapshot tail and returns only the new part', () => {
    const snapshot = ring('', bootLog('old', 600) + 'ubuntu login: ')
    expect(snapshot.length).toBe(RING)
    const added = bootLog('new', 30) + 'Welcome\r\n'
    const current = ring(snapshot, added)
    expect(newTextSince(snapshot, current)).toBe(added)
  })

  it('snapshot tail scrolled out completely: everything is new', () => {
    const snapshot = ring('', bootLog('old', 600) + 'ubuntu login: ')
    const added = bootLog('new', 600)
    const current = ring(snapshot, added)
    expect(current).not.toContain('ubuntu login')
    expect(newTextSince(snapshot, current)).toBe(current)
  })

  it('snapshot tail partly scrolled out: its remains do not count as new', () => {
    const snapshot = ring('', bootLog('old', 600) + 'ubuntu login: ')
    const added = 'x'.repeat(RING - 6)
    const current = ring(snapshot, added)
    expect(current.startsWith('ogin: ')).toBe(true)
    expect(newTextSince(snapshot, current)).toBe(added)
  })

  it('a cut multi-byte character at the ring front is tolerated', () => {
    const snapshot = ring('', bootLog('old', 600) + 'ünïcödé login: ')
    const added = bootLog('new', 10)
    const shifted = ring(snapshot, added)
    const current = '\uFFFD\uFFFD' + shifted.slice(1)
    expect(newTextSince(snapshot, current)).toBe(added)
  })

  it('repeated prompts: identical old text is never counted as new', () => {
    const snapshot = ring('', 'login: \r\n'.repeat(3000))
    const current = ring(snapshot, 'login: \r\n')
    expect(newTextSince(snapshot, current)).toBe('')
  })

  it('a restarted/drained buffer counts as new', () => {
    const snapshot = bootLog('old', 50) + 'ubuntu login: '
    expect(newTextSince(snapshot, 'fresh boot\r\n')).toBe('fresh boot\r\n')
  })
})

describe('UartWatcher', () => {
  const pattern = /login:\s*$/m

  it('old login: text in the snapshot does not match; a new prompt does', () => {
    const snapshot = bootLog('old', 100) + 'ubuntu login: '
    const w = new UartWatcher(snapshot)
    let buffer = ring(snapshot, bootLog('new', 20))
    w.update(buffer)
    expect(pattern.test(w.newText)).toBe(false)
    buffer = ring(buffer, 'Ubuntu 22.04 LTS rk1 ttyS9\r\n\r\nrk1 login: ')
    expect(w.update(buffer)).toBe('Ubuntu 22.04 LTS rk1 ttyS9\r\n\r\nrk1 login: ')
    expect(pattern.test(w.newText)).toBe(true)
  })

  it('accumulates across reads while the ring wraps', () => {
    const snapshot = ring('', bootLog('old', 700) + 'rk1 login: ')
    const w = new UartWatcher(snapshot)
    let buffer = snapshot
    let expected = ''
    for (let i = 0; i < 10; i++) {
      const chunk = bootLog(`boot${i}`, 40)
      expected += chunk
      buffer = ring(buffer, chunk)
      w.update(buffer)
    }
    expect(w.newText).toBe(expected)
    expect(w.newText).not.toContain('old kernel')
  })

  it('uartTail keeps the last lines without control characters', () => {
    const text = bootLog('x', 30) + '\x1b[1;32mOK\x1b[0m done\r\n\r\n'
    const tail = uartTail(text, 3).split('\n')
    expect(tail).toEqual(['[0.280000] x kernel line 28', '[0.290000] x kernel line 29', 'OK done'])
  })
})
