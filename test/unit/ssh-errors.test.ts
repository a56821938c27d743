import { describe, expect, it } from '@jest/globals'
import {
  SshAuthError,
  SshCommandError,
  SshError,
  SshUnreachableError,
  classifyConnectError,
  commandLabel,
  isRetryable,
  tail
} from '../../src/node-access/ssh-errors'

const ctx = { host: '127.0.0.1', port: 2222, username: 'root', node: 3 }

function ssh2Error(message: string, level?: string, code?: string): Error {
  return Object.assign(new Error(message), { level, code })
}

describe('classifyConnectError', () => {
  it('auth failures are final', () => {
    const e = classifyConnectError(
      ssh2Error('All configured authentication methods failed', 'client-authentication'),
      ctx
    )
    expect(e).toBeInstanceOf(SshAuthError)
    expect(e.node).toBe(3)
    expect(e.message).toContain('root@127.0.0.1:2222')
    expect(isRetryable(e)).toBe(false)
  })

  it.each([
    ['connect ECONNREFUSED 127.0.0.1:2222', 'client-socket', 'ECONNREFUSED'],
    ['read ECONNRESET', undefined, 'ECONNRESET'],
    ['Timed out while waiting for handshake', 'client-timeout', undefined],
    ['Connection lost before handshake', 'protocol', undefined],
    ['getaddrinfo EAI_AGAIN node1', 'client-dns', 'EAI_AGAIN']
  ])('%s is "not reachable (yet)" and retryable', (message, level, code) => {
    const e = classifyConnectError(ssh2Error(message, level, code), ctx)
    expect(e).toBeInstanceOf(SshUnreachableError)
    expect(isRetryable(e)).toBe(true)
    expect(e.evidence).toContain(message)
  })

  it('anything else is a plain, final SshError', () => {
    const e = classifyConnectError(
      ssh2Error('Handshake failed: no matching cipher', 'handshake'),
      ctx
    )
    expect(e.constructor).toBe(SshError)
    expect(isRetryable(e)).toBe(false)
  })
})

describe('command errors never carry more than the first line', () => {
  it('labels and tails', () => {
    expect(commandLabel('echo hi')).toBe('echo hi')
    expect(commandLabel('set -e\nexport TOKEN=secret')).toBe('set -e ...')
    expect(commandLabel('x'.repeat(200))).toHaveLength(120)
    const many = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n') + '\n\n'
    expect(tail(many, 3)).toBe('line 47\nline 48\nline 49')
    expect(tail('y'.repeat(5000), 20, 100)).toHaveLength(100)
  })

  it('SshCommandError shows the stderr tail as evidence', () => {
    const e = new SshCommandError('failed', {
      command: 'apt-get install x',
      code: 100,
      stderrTail: 'E: no'
    })
    expect(e.describe()).toBe('failed\nSeen: E: no')
    expect(e.timedOut).toBe(false)
  })
})
