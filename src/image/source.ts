import { homedir } from 'node:os'
import { basename, isAbsolute, resolve } from 'node:path'
import { ImageError } from './errors'
import { formatFromName, type ImageFormat } from './format'

export type ImageSource =
  | { kind: 'local'; path: string; name: string; nameFormat: ImageFormat | undefined }
  | {
      kind: 'url'
      url: URL
      /** The URL as shown in logs and errors: no credentials, no query string (signed tokens). */
      display: string
      name: string
      nameFormat: ImageFormat | undefined
    }

const URL_LIKE = /^([a-z][a-z0-9+.-]+):\/\//i

/** True for IPv4 literals in 127.0.0.0/8, the only hosts plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const parts = hostname.split('.')
  if (parts.length !== 4 || parts[0] !== '127') return false
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
}

export function displayUrl(url: URL): string {
  const query = url.search ? '?…' : ''
  return `${url.protocol}//${url.host}${url.pathname}${query}`
}

/**
 * Throws unless `url` may be fetched: https anywhere, http only on 127.0.0.0/8 (the lab), never
 * credentials in the URL (they would end up in logs). `from` is the previous hop of a redirect;
 * https → http is refused even to loopback.
 */
export function checkUrlAllowed(url: URL, from?: URL): void {
  const shown = displayUrl(url)
  const hop = from ? ` (redirected from ${displayUrl(from)})` : ''
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw new ImageError(`Refusing plain http for ${shown}${hop}.`, {
        evidence: `host ${url.hostname} is not in 127.0.0.0/8`,
        advice: 'Use an https:// URL; plain http is only accepted for 127.0.0.0/8 test servers.'
      })
    }
    if (from?.protocol === 'https:') {
      throw new ImageError(`Refusing a redirect from https to http: ${shown}${hop}.`, {
        advice: 'Use a URL that stays on https.'
      })
    }
  } else if (url.protocol !== 'https:') {
    throw new ImageError(`Unsupported image URL scheme "${url.protocol}" in ${shown}${hop}.`, {
      advice: 'Use an https:// URL or a local file path.'
    })
  }
  if (url.username || url.password) {
    throw new ImageError(`Image URLs must not contain credentials: ${shown}${hop}.`, {
      advice: 'Remove user:password@ from the URL; credentials in URLs end up in logs.'
    })
  }
}

/** A name safe as a single path component, kept close to the original for the BMC's logs. */
export function sanitizeFileName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._+-]/g, '_')
    .replace(/^\.+/, '')
    .slice(-200)
  return cleaned === '' ? 'image' : cleaned
}

export function nameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? ''
  let decoded = last
  try {
    decoded = decodeURIComponent(last)
  } catch {
    // keep the raw segment
  }
  return sanitizeFileName(decoded)
}

/**
 * Parses an inventory image source: an https URL (http only to 127.0.0.0/8) or a local path,
 * relative paths resolved against `baseDir`. Compressions the BMC cannot decompress are rejected
 * here already, by name.
 */
export function parseSource(source: string, baseDir: string): ImageSource {
  const text = source.trim()
  if (text === '') {
    throw new ImageError('The image source is empty.', {
      advice: 'Set the image to an https:// URL or a path to a .img, .raw or .xz file.'
    })
  }
  if (URL_LIKE.test(text)) {
    let url: URL
    try {
      url = new URL(text)
    } catch (error) {
      throw new ImageError(`The image URL "${text}" cannot be parsed.`, {
        evidence: error instanceof Error ? error.message : String(error),
        advice: 'Check the URL for typos.'
      })
    }
    checkUrlAllowed(url)
    const name = nameFromUrl(url)
    return { kind: 'url', url, display: displayUrl(url), name, nameFormat: formatFromName(name) }
  }
  const expanded = text === '~' || text.startsWith('~/') ? resolve(homedir(), text.slice(2)) : text
  const path = isAbsolute(expanded) ? resolve(expanded) : resolve(baseDir, expanded)
  const name = sanitizeFileName(basename(path))
  return { kind: 'local', path, name, nameFormat: formatFromName(name) }
}
