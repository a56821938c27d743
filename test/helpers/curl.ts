/**
 * Runs the real `curl` binary the way tpi and the web UI talk to the BMC: HTTP/1.1, certificate
 * not verified (-k) unless a CA file is given, multipart uploads with -F. Loopback only.
 */
import { execFile } from 'node:child_process'

export interface CurlResult {
  /** Final HTTP status (after any 100 Continue); 0 when no response arrived. */
  status: number
  headers: Record<string, string>
  body: string
  /** curl's exit code: 0 ok, 7 connection refused, 52 empty reply (server dropped the connection). */
  exitCode: number
  stderr: string
}

export interface CurlOptions {
  method?: string
  /** `Authorization: Bearer <token>` */
  token?: string
  /** `-u user:password` (Basic) */
  basic?: string
  /** Raw `Authorization` header value. */
  authorization?: string
  /** `--data-binary` */
  data?: string
  /** `-F name=@path` style form fields. */
  form?: string[]
  headers?: Record<string, string>
  /** Source address, e.g. 127.0.0.2, to appear as another peer. */
  fromAddress?: string
  /** Extra raw curl arguments. */
  args?: string[]
}

export function curl(url: string, options: CurlOptions = {}): Promise<CurlResult> {
  if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|\[::1\]|localhost)[:/]/.test(url)) {
    throw new Error(`curl helper: only loopback URLs, got ${url}`)
  }
  const args = ['-sS', '-k', '-i', '--http1.1', '--max-time', '120']
  if (options.method) args.push('-X', options.method)
  if (options.token) args.push('-H', `Authorization: Bearer ${options.token}`)
  if (options.authorization) args.push('-H', `Authorization: ${options.authorization}`)
  if (options.basic) args.push('-u', options.basic)
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}: ${v}`)
  if (options.data !== undefined) args.push('--data-binary', options.data)
  for (const field of options.form ?? []) args.push('-F', field)
  if (options.fromAddress) args.push('--interface', options.fromAddress)
  args.push(...(options.args ?? []), url)
  return new Promise((resolve) => {
    execFile(
      'curl',
      args,
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? Number((error as { code?: number }).code ?? 1) : 0
        resolve({ ...parseResponse(stdout), exitCode, stderr: stderr.toString() })
      }
    )
  })
}

function parseResponse(raw: Buffer): Pick<CurlResult, 'status' | 'headers' | 'body'> {
  let rest = raw
  let status = 0
  let headers: Record<string, string> = {}
  while (rest.subarray(0, 5).toString() === 'HTTP/') {
    const end = rest.indexOf('\r\n\r\n')
    if (end < 0) break
    const lines = rest.subarray(0, end).toString('latin1').split('\r\n')
    status = Number(lines[0]!.split(' ')[1])
    headers = {}
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':')
      if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
    }
    rest = rest.subarray(end + 4)
    if (status !== 100) break
  }
  // A lone `100 Continue` means the connection died before the real answer.
  if (status === 100) status = 0
  return { status, headers, body: rest.toString('utf8') }
}

/** Logs in like tpi and returns the token (`id` of the body). */
export async function login(base: string, user = 'root', password = 'turing'): Promise<string> {
  const res = await curl(`${base}/api/bmc/authenticate`, {
    method: 'POST',
    data: JSON.stringify({ username: user, password })
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`)
  return (JSON.parse(res.body) as { id: string }).id
}
