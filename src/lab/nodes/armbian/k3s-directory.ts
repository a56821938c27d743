/**
 * Where lab K3s servers publish their join token, so an agent on another lab node can check the
 * token it was given (a real agent would be refused by the server's supervisor port).
 */
export interface K3sServerEntry {
  ip: string
  /** `K10<hash>::server:<password>` */
  token: string
  password: string
}

export class K3sDirectory {
  private readonly servers = new Map<string, K3sServerEntry>()

  publish(entry: K3sServerEntry): void {
    this.servers.set(entry.ip, entry)
  }

  withdraw(ip: string): void {
    this.servers.delete(ip)
  }

  server(ip: string): K3sServerEntry | undefined {
    return this.servers.get(ip)
  }

  /** Agents may present the full secure token or the bare password. */
  accepts(ip: string, token: string): boolean {
    const entry = this.servers.get(ip)
    if (!entry) return false
    return token === entry.token || token === entry.password
  }
}

export const defaultK3sDirectory = new K3sDirectory()
