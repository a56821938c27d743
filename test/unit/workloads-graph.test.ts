// The dependency-graph executor: order, concurrency of independent tasks, failure isolation.
import { describe, expect, test } from '@jest/globals'
import { runGraph, topoOrder } from '../../src/workloads/graph'

/** A task that records when it starts and finishes only when released. */
function gate() {
  let release!: () => void
  const done = new Promise<void>((r) => (release = r))
  return { done, release }
}

describe('dependency graph', () => {
  test('topological order puts dependencies first and rejects cycles and unknown names', () => {
    const order = topoOrder([
      { name: 'kps', dependsOn: ['longhorn', 'ingress'] },
      { name: 'ingress', dependsOn: ['metallb'] },
      { name: 'longhorn', dependsOn: [] },
      { name: 'metallb', dependsOn: [] }
    ])
    expect(order.indexOf('metallb')).toBeLessThan(order.indexOf('ingress'))
    expect(order.indexOf('ingress')).toBeLessThan(order.indexOf('kps'))
    expect(order.indexOf('longhorn')).toBeLessThan(order.indexOf('kps'))
    expect(() =>
      topoOrder([
        { name: 'a', dependsOn: ['b'] },
        { name: 'b', dependsOn: ['a'] }
      ])
    ).toThrow('dependency cycle: a -> b -> a')
    expect(() => topoOrder([{ name: 'a', dependsOn: ['x'] }])).toThrow('a depends on unknown "x"')
  })

  test('independent tasks run at the same time; a dependent waits for its dependencies', async () => {
    const started: string[] = []
    const gates = { metallb: gate(), longhorn: gate() }
    const task = (name: 'metallb' | 'longhorn') => ({
      name,
      dependsOn: [] as string[],
      run: async () => {
        started.push(name)
        await gates[name].done
        return name
      }
    })
    const running = runGraph([
      {
        name: 'kps',
        dependsOn: ['metallb', 'longhorn'],
        run: async () => (started.push('kps'), 'kps')
      },
      task('metallb'),
      task('longhorn')
    ])
    // Both independent tasks start before either is released: they run concurrently.
    while (started.length < 2) await new Promise((r) => setImmediate(r))
    expect(started.sort()).toEqual(['longhorn', 'metallb'])
    gates.metallb.release()
    await new Promise((r) => setImmediate(r))
    expect(started).not.toContain('kps')
    gates.longhorn.release()
    const out = await running
    expect(out.map((o) => [o.name, o.state])).toEqual([
      ['metallb', 'done'],
      ['longhorn', 'done'],
      ['kps', 'done']
    ])
  })

  test('a failure is reported, its dependents skipped, independent tasks still run', async () => {
    const ran: string[] = []
    const ok = (name: string, dependsOn: string[] = []) => ({
      name,
      dependsOn,
      run: async () => (ran.push(name), name)
    })
    const out = await runGraph([
      ok('metallb'),
      ok('ingress', ['metallb']),
      { name: 'longhorn', dependsOn: [], run: () => Promise.reject(new Error('never ready')) },
      ok('kps', ['longhorn', 'ingress']),
      ok('dashboards', ['kps'])
    ])
    expect(ran.sort()).toEqual(['ingress', 'metallb'])
    expect(out.map((o) => [o.name, o.state])).toEqual([
      ['metallb', 'done'],
      ['ingress', 'done'],
      ['longhorn', 'failed'],
      ['kps', 'skipped'],
      ['dashboards', 'skipped']
    ])
    const kps = out.find((o) => o.name === 'kps')
    expect(kps).toEqual({ name: 'kps', state: 'skipped', reason: 'skipped: longhorn failed' })
    expect(out.find((o) => o.name === 'dashboards')).toMatchObject({
      reason: 'skipped: kps skipped'
    })
  })

  test('dependencies outside the selection count as already deployed', async () => {
    const out = await runGraph([{ name: 'kps', dependsOn: ['longhorn'], run: async () => 1 }])
    expect(out).toEqual([{ name: 'kps', state: 'done', value: 1 }])
  })
})
