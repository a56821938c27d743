/** What a talosctl command needs from its process: output streams, environment, working directory. */
export interface Io {
  out(text: string): void
  err(text: string): void
  env: Record<string, string | undefined>
  cwd: string
}

/** A failure printed as-is on stderr (talosctl has no `Error:` prefix), exit 1. */
export class CliError extends Error {}

/** The talosctl version this lab binary claims to be. */
export function clientVersion(io: Io): string {
  return io.env.RK1_LAB_TALOSCTL_VERSION ?? 'v1.13.9'
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
