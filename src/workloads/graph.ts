// Runs tasks along a dependency graph: each task starts as soon as all its dependencies
// succeeded, so independent ones run concurrently. A failure never hides the others; dependents
// of a failed (or skipped) task are skipped with the reason.

export interface GraphTask<N extends string, R> {
  name: N
  dependsOn: readonly N[]
  run(): Promise<R>
}

export type GraphOutcome<N extends string, R> =
  | { name: N; state: 'done'; value: R }
  | { name: N; state: 'failed'; error: unknown }
  | { name: N; state: 'skipped'; reason: string }

/** Names in an order where every task follows its dependencies; throws on unknown names or cycles. */
export function topoOrder<N extends string>(
  tasks: readonly { name: N; dependsOn: readonly N[] }[]
): N[] {
  const byName = new Map(tasks.map((t) => [t.name, t]))
  const order: N[] = []
  const state = new Map<N, 'visiting' | 'done'>()
  const visit = (name: N, path: N[]): void => {
    if (state.get(name) === 'done') return
    if (state.get(name) === 'visiting')
      throw new Error(`dependency cycle: ${[...path, name].join(' -> ')}`)
    const task = byName.get(name)
    if (!task) throw new Error(`${path.at(-1) ?? '?'} depends on unknown "${name}"`)
    state.set(name, 'visiting')
    for (const dep of task.dependsOn) visit(dep, [...path, name])
    state.set(name, 'done')
    order.push(name)
  }
  for (const t of tasks) visit(t.name, [])
  return order
}

/**
 * Dependencies outside the task list are treated as satisfied (deploying one component assumes its
 * dependencies are already in the cluster). Outcomes come back in topological order.
 */
export async function runGraph<N extends string, R>(
  tasks: readonly GraphTask<N, R>[]
): Promise<GraphOutcome<N, R>[]> {
  const names = new Set(tasks.map((t) => t.name))
  const inGraph = tasks.map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => names.has(d)) }))
  const order = topoOrder(inGraph)
  const outcomes = new Map<N, Promise<GraphOutcome<N, R>>>()
  const start = (task: (typeof inGraph)[number]): Promise<GraphOutcome<N, R>> => {
    let p = outcomes.get(task.name)
    if (p) return p
    p = (async (): Promise<GraphOutcome<N, R>> => {
      const deps = await Promise.all(
        task.dependsOn.map((d) => start(inGraph.find((t) => t.name === d)!))
      )
      const blocked = deps.filter((d) => d.state !== 'done')
      if (blocked.length > 0)
        return {
          name: task.name,
          state: 'skipped',
          reason: `skipped: ${blocked.map((b) => `${b.name} ${b.state}`).join(', ')}`
        }
      try {
        return { name: task.name, state: 'done', value: await task.run() }
      } catch (error) {
        return { name: task.name, state: 'failed', error }
      }
    })()
    outcomes.set(task.name, p)
    return p
  }
  const all = await Promise.all(inGraph.map(start))
  return order.map((n) => all.find((o) => o.name === n)!)
}
