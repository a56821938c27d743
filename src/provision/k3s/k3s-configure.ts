/** Each node once it reached its OS: setup and K3s install; the server's token gates the agents. */
import type { InventoryNode } from '../../inventory'
import {
  generateToken,
  renderAgentConfig,
  renderMarker,
  renderServerConfig
} from '../../distro/k3s/config'
import {
  installK3s,
  readConfigToken,
  readServerToken,
  runSetup,
  waitFirstBoot
} from '../../distro/k3s/operations'
import { type Detected } from './k3s-detect'
import { type Reached } from './k3s-pipeline'
import { type K3sNodeResult } from './k3s-summary'
import {
  describe,
  gate,
  K3sProvisionError,
  type K3sRunContext,
  type K3sTokens
} from './k3s-context'

/** Kept from the server's config when it already runs this cluster, else new. */
export async function serverTokens(ctx: K3sRunContext): Promise<K3sTokens> {
  const { server, actions, host } = ctx
  const serverState = (ctx.detected.get(server.slot) as Detected).state
  const serverLink = ctx.links.get(server.slot)
  let serverToken: string | undefined
  if (serverState.kind === 'ours' && serverLink && actions.get(server.slot) !== 'flash')
    serverToken = await readConfigToken(serverLink)
  serverToken ??= generateToken()
  host.mask(serverToken)
  const joinToken = gate<string>()
  if (!actions.has(server.slot) && serverLink) {
    const full = await readServerToken(serverLink, 30_000)
    host.mask(full)
    joinToken.open(full)
  }
  return { server: serverToken, join: joinToken }
}

/** One node that reached its OS (flashed or not): setup, K3s install; agents wait for the server. */
export async function configureNode(
  ctx: K3sRunContext,
  tokens: K3sTokens,
  reached: Reached
): Promise<void> {
  const { settings, inventory, log, host } = ctx
  const node = ctx.selected.find((n) => n.slot === reached.slot) as InventoryNode
  const res = ctx.results.get(node.slot) as K3sNodeResult
  const isServer = node.slot === ctx.server.slot
  res.flash = reached.flash
  res.flashPath = reached.flashPath
  res.writeMs = reached.writeMs
  res.bootMs = reached.bootMs
  const link = reached.link
  try {
    if (reached.error || !link) throw new K3sProvisionError(reached.error ?? 'no SSH link')
    ctx.links.set(node.slot, link)
    const t0 = performance.now()
    await waitFirstBoot(link, settings.bootTimeoutMs)
    const setup = await runSetup(link, {
      allowFormatData: settings.allowFormatData,
      timeoutMs: 15 * 60_000
    })
    res.setupChanges = setup.changed
    res.facts = setup.facts
    const token = isServer ? tokens.server : await tokens.join.promise
    if (!isServer && !token)
      throw new K3sProvisionError('not joined: the K3s server did not come up (see its error).')
    const config = isServer
      ? renderServerConfig(inventory, node, token as string)
      : renderAgentConfig(inventory, node, token as string)
    res.install = await installK3s(link, {
      role: isServer ? 'server' : 'agent',
      version: ctx.version,
      config,
      marker: renderMarker(inventory, node),
      airGap: settings.airGap,
      timeoutMs: 10 * 60_000
    })
    if (isServer) {
      const full = await readServerToken(link, settings.bootTimeoutMs)
      host.mask(full)
      tokens.join.open(full)
    }
    res.configureMs = performance.now() - t0
    res.status = 'ready'
    log.info(
      `slot ${node.slot} (${node.hostname}): set up${setup.changed.length ? ` (${setup.changed.join(', ')})` : ' (no change)'}; K3s ${res.install}.`
    )
  } catch (error) {
    res.status = 'failed'
    res.error = describe(error)
    log.error(`slot ${node.slot} (${node.hostname}): ${res.error}`)
    if (isServer) tokens.join.open(undefined)
  }
}
