/**
 * The Talos image from the Image Factory (`../shared/specs/tools.md` §2.2-2.4): post the RK1
 * schematic, check that the factory's ID is the one we computed (the installer image of
 * `gen config` is built from it), then name `metal-arm64.raw.xz` for the pinned version with its
 * `.sha256` when the factory publishes one. The download itself goes through `src/image`.
 */
import { Rk1Error } from '../../common/errors'
import type { Logger } from '../../common/host'
import { httpRequest, statusError } from '../../image/http'
import type { ImageSpec } from '../../image/prepare'
import { displayUrl } from '../../image/source'
import {
  factoryImageUrl,
  installerImage,
  resolveRk1Schematic,
  type ResolvedSchematic,
  type Rk1SchematicSettings
} from './schematic'

export class ImageFactoryError extends Rk1Error {}

export interface FactoryOptions {
  log: Logger
  signal?: AbortSignal
}

const SCHEMATIC_ID = /^[0-9a-f]{64}$/

async function bodyText(body: AsyncIterable<unknown>, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    if (size < limit) chunks.push(buf)
    size += buf.length
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit)
}

const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 300) ?? ''

/** `POST <factory>/schematics`; returns the ID after checking it is the one we computed. */
export async function postSchematic(
  factory: string,
  schematic: ResolvedSchematic,
  opts: FactoryOptions
): Promise<string> {
  const url = new URL(`${factory.replace(/\/+$/, '')}/schematics`)
  const res = await httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/yaml', accept: 'application/json' },
    body: schematic.yaml,
    signal: opts.signal,
    idleTimeoutMs: 120_000
  })
  const text = await bodyText(res.body)
  if (res.status !== 201)
    throw new ImageFactoryError(
      `The Image Factory did not accept the schematic (HTTP ${res.status}).`,
      {
        step: 'image',
        evidence: `POST ${displayUrl(url)}: ${firstLine(text) || 'empty answer'}`,
        advice:
          res.status === 400
            ? 'Check distros.talos.extensions: every entry must be an official extension for this Talos version.'
            : 'Check distros.talos.factory, or set distros.talos.image to a downloaded image.'
      }
    )
  let id: unknown
  try {
    id = (JSON.parse(text) as { id?: unknown }).id
  } catch {
    id = undefined
  }
  if (typeof id !== 'string' || !SCHEMATIC_ID.test(id))
    throw new ImageFactoryError('The Image Factory answered without a schematic ID.', {
      step: 'image',
      evidence: `POST ${displayUrl(url)}: HTTP 201, body ${firstLine(text) || 'empty'}`,
      advice: 'Check that distros.talos.factory points at a Talos Image Factory.'
    })
  if (id !== schematic.id)
    throw new ImageFactoryError(
      `The Image Factory returned schematic ID ${id}, but our schematic hashes to ${schematic.id}.`,
      {
        step: 'image',
        evidence: `posted:\n${schematic.yaml}`,
        advice:
          'The installer image of the machine configs uses our ID, so upgrades would lose the overlay or ' +
          'extensions. If the factory is right, set distros.talos.schematicId to its ID; otherwise report it.'
      }
    )
  return id
}

/**
 * `<image>.sha256`: the digest when the factory publishes one; undefined for 402 (an Enterprise
 * feature, §2.3) and 404.
 */
export async function fetchFactoryChecksum(
  imageUrl: string,
  opts: FactoryOptions
): Promise<string | undefined> {
  const url = new URL(`${imageUrl}.sha256`)
  const res = await httpRequest(url, { method: 'GET', signal: opts.signal, idleTimeoutMs: 120_000 })
  if (res.status === 402 || res.status === 404) {
    res.body.resume()
    opts.log.info(
      `${displayUrl(url)}: HTTP ${res.status}, no checksum from this factory. The xz stream's own ` +
        "check and the BMC's sha256 of the upload protect the bytes."
    )
    return undefined
  }
  if (res.status !== 200) throw statusError(res, url)
  const text = await bodyText(res.body, 4096)
  const hex = /^([0-9a-f]{64})(\s|$)/i.exec(text.trim())?.[1]
  if (!hex)
    throw new ImageFactoryError('The Image Factory sent a checksum file that holds no sha256.', {
      step: 'image',
      evidence: `${displayUrl(url)}: ${firstLine(text) || 'empty'}`,
      advice: 'Run again; if it persists, set distros.talos.image with a sha256 you trust.'
    })
  opts.log.info(`${displayUrl(url)}: sha256 ${hex.toLowerCase()}.`)
  return hex.toLowerCase()
}

export interface FactoryPlan {
  schematic: ResolvedSchematic
  factory: string
  imageUrl: string
  installer: string
}

/** What the factory path will use, without any network (dry runs, logs). */
export function planFactoryImage(
  talos: Rk1SchematicSettings & { factory: string },
  version: string
): FactoryPlan {
  const schematic = resolveRk1Schematic(talos)
  return {
    schematic,
    factory: talos.factory,
    imageUrl: factoryImageUrl(schematic.id, version, talos.factory),
    installer: installerImage(schematic.id, version, talos.factory)
  }
}

/** Registers the schematic (unless its ID is given) and names the image with its checksum. */
export async function resolveFactoryImage(
  talos: Rk1SchematicSettings & { factory: string },
  version: string,
  opts: FactoryOptions
): Promise<ImageSpec> {
  const plan = planFactoryImage(talos, version)
  if (plan.schematic.given)
    opts.log.info(
      `Schematic ${plan.schematic.id} from distros.talos.schematicId: not posting it to the factory.`
    )
  else {
    opts.log.info(`Registering schematic ${plan.schematic.id} with ${plan.factory}.`)
    await postSchematic(plan.factory, plan.schematic, opts)
  }
  opts.log.info(`Talos ${version} image from the Image Factory: ${plan.imageUrl}`)
  const sha256 = await fetchFactoryChecksum(plan.imageUrl, opts)
  return sha256 ? { source: plan.imageUrl, sha256 } : { source: plan.imageUrl }
}
