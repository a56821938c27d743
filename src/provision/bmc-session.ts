import { readFile } from 'node:fs/promises'
import { errorText } from '../common/errors'
import type { Host } from '../common/host'
import { BmcClient, type BmcVersion, type FlashImage } from '../bmc'
import type { Inventory } from '../inventory'

export interface BmcCredentials {
  user: string
  password: string
}

export async function bmcClient(
  host: Host,
  inventory: Inventory,
  credentials: BmcCredentials
): Promise<BmcClient> {
  const { caFile } = inventory.bmc.tls
  return new BmcClient({
    host: inventory.bmc.host,
    port: inventory.bmc.port,
    tls: {
      mode: inventory.bmc.tls.mode,
      fingerprint: inventory.bmc.tls.fingerprint,
      caPem: caFile ? await readFile(caFile, 'utf8') : undefined
    },
    username: credentials.user,
    password: credentials.password,
    log: host.log
  })
}

/** The lab's BMC says so in `about`; everything produced against it is labelled simulated. */
function isSimulated(version: BmcVersion): boolean {
  return /rk1[ -]lab/i.test(`${version.boardModel ?? ''} ${version.hostname ?? ''}`)
}

function describeBmc(version: BmcVersion): string {
  const parts = [
    version.boardModel ?? 'Turing Pi',
    version.board ? `board ${version.board}` : undefined,
    version.daemonVersion ? `bmcd ${version.daemonVersion}` : undefined,
    version.firmwareVersion ? `firmware ${version.firmwareVersion}` : undefined,
    version.api ? `API ${version.api}` : undefined
  ]
  return parts.filter(Boolean).join(', ')
}

/** Logs what the BMC is; returns whether it is the lab (then every result says SIMULATED). */
export async function detectBmc(
  host: Host,
  client: BmcClient,
  inventory: Inventory
): Promise<boolean> {
  const version = await host.log.group('BMC', async () => {
    const found = await client.detectVersion()
    host.log.info(`BMC ${inventory.bmc.host}: ${describeBmc(found)}`)
    return found
  })
  const simulated = isSimulated(version)
  if (simulated)
    host.log.warn('This BMC is the rk1 virtual lab: every result of this run is SIMULATED.')
  return simulated
}

/**
 * The one lazy "image + BMC" provider of provision (steps: flash, Talos, K3s): opened only when a
 * node must be flashed, so a run that flashes nothing never prepares the image or logs in.
 */
export interface BmcProvider {
  open(): Promise<{ client: BmcClient; image: FlashImage; simulated: boolean }>
  /**
   * Whether the BMC is the lab, for a run that flashes nothing (a re-run): its results are
   * SIMULATED as much as the first run's. Read-only (`about`); false when the BMC cannot say
   * (or the provider cannot ask).
   */
  simulated?(): Promise<boolean>
}

export function bmcProvider(
  host: Host,
  inventory: Inventory,
  credentials: BmcCredentials,
  prepareImage: () => Promise<FlashImage>,
  /** Runs once the BMC said what it is (the plan's time estimate means nothing for the lab). */
  opened?: (image: FlashImage, simulated: boolean) => Promise<void>
): BmcProvider {
  return {
    open: async () => {
      const image = await host.log.group('Image', prepareImage)
      const client = await bmcClient(host, inventory, credentials)
      try {
        const simulated = await detectBmc(host, client, inventory)
        await opened?.(image, simulated)
        return { client, image, simulated }
      } catch (error) {
        client.close()
        throw error
      }
    },
    simulated: async () => {
      let client: BmcClient | undefined
      try {
        client = await bmcClient(host, inventory, credentials)
        return await detectBmc(host, client, inventory)
      } catch (error) {
        host.log.warn(
          `The BMC did not say what it is (${errorText(error)}): results are not labelled SIMULATED.`
        )
        return false
      } finally {
        client?.close()
      }
    }
  }
}
