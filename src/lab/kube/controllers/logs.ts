// Container logs of lab pods: Job pods write their process output here; `kubectl logs` (with or
// without -f) reads it through the pods/log subresource.
const MAX_LOG = 8 * 1024 * 1024

interface LogBuffer {
  text: string
  done: boolean
  listeners: Set<(chunk: string | null) => void>
}

export class PodLogs {
  private readonly buffers = new Map<string, LogBuffer>()

  private id(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`
  }

  open(ns: string, pod: string, container: string): void {
    const id = this.id(ns, pod, container)
    if (!this.buffers.has(id)) this.buffers.set(id, { text: '', done: false, listeners: new Set() })
  }

  append(ns: string, pod: string, container: string, chunk: string): void {
    const b = this.buffers.get(this.id(ns, pod, container))
    if (!b || b.done) return
    if (b.text.length < MAX_LOG) b.text += chunk.slice(0, MAX_LOG - b.text.length)
    for (const l of b.listeners) l(chunk)
  }

  finish(ns: string, pod: string, container: string): void {
    const b = this.buffers.get(this.id(ns, pod, container))
    if (!b || b.done) return
    b.done = true
    for (const l of b.listeners) l(null)
    b.listeners.clear()
  }

  get(ns: string, pod: string, container: string): { text: string; done: boolean } | undefined {
    const b = this.buffers.get(this.id(ns, pod, container))
    return b ? { text: b.text, done: b.done } : undefined
  }

  /** Calls fn with each new chunk, then with null at the end. Returns an unsubscribe function. */
  follow(
    ns: string,
    pod: string,
    container: string,
    fn: (chunk: string | null) => void
  ): () => void {
    const b = this.buffers.get(this.id(ns, pod, container))
    if (!b || b.done) {
      fn(null)
      return () => undefined
    }
    b.listeners.add(fn)
    return () => b.listeners.delete(fn)
  }

  drop(ns: string, pod: string): void {
    for (const [id, b] of this.buffers) {
      if (!id.startsWith(`${ns}/${pod}/`)) continue
      for (const l of b.listeners) l(null)
      this.buffers.delete(id)
    }
  }

  closeAll(): void {
    for (const b of this.buffers.values()) {
      for (const l of b.listeners) l(null)
      b.listeners.clear()
    }
  }
}
