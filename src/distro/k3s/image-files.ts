/**
 * What personalisation writes into a node's copy of the Armbian image: hostname and hosts, an
 * optional static netplan, and a complete first-login preset so the console wizard (autologin on
 * tty1 and serial) finishes unattended instead of blocking (`../shared/specs/tools.md` §4.3).
 */
import type { Inventory, InventoryNode } from '../../inventory'

/** The preset is sourced by bash: only `KEY="value"` lines with values that need no escaping. */
function presetValue(value: string): string {
  if (!/^[A-Za-z0-9 ._@:/+,=-]*$/.test(value))
    throw new Error(
      `preset value has characters that bash would interpret: ${JSON.stringify(value)}`
    )
  return `"${value}"`
}

export interface PresetOptions {
  /** Throwaway password the wizard sets (it also sets the image's hash; both are random). */
  rootPassword: string
  /** The mandatory extra user the wizard creates; its password is random too. */
  userName: string
  userPassword: string
  timezone?: string
  locale?: string
}

/**
 * Every directive the wizard asks about, so it never prompts. `PRESET_ROOT_KEY` stays empty: its
 * download would replace the authorized_keys we put in the image.
 */
export function renderPreset(o: PresetOptions): string {
  const lines: [string, string][] = [
    ['PRESET_NET_CHANGE_DEFAULTS', '0'],
    ['PRESET_CONNECT_WIRELESS', 'n'],
    ['SET_LANG_BASED_ON_LOCATION', 'n'],
    ['PRESET_LOCALE', o.locale ?? 'C.UTF-8'],
    ['PRESET_TIMEZONE', o.timezone ?? 'Etc/UTC'],
    ['PRESET_ROOT_PASSWORD', o.rootPassword],
    ['PRESET_ROOT_KEY', ''],
    ['PRESET_USER_NAME', o.userName],
    ['PRESET_USER_PASSWORD', o.userPassword],
    ['PRESET_USER_KEY', ''],
    ['PRESET_DEFAULT_REALNAME', o.userName],
    ['PRESET_USER_SHELL', 'bash']
  ]
  return `${lines.map(([k, v]) => `${k}=${presetValue(v)}`).join('\n')}\n`
}

export function renderHostname(node: InventoryNode): string {
  return `${node.hostname}\n`
}

/** Every node by name, so the cluster resolves itself without DNS. */
export function renderHosts(node: InventoryNode, inventory: Inventory): string {
  const lines = ['127.0.0.1\tlocalhost', `127.0.1.1\t${node.hostname}`]
  for (const n of inventory.nodes)
    if (n.slot !== node.slot || !n.ip.startsWith('127.')) lines.push(`${n.ip}\t${n.hostname}`)
  lines.push('::1\tlocalhost ip6-localhost ip6-loopback', 'ff02::1\tip6-allnodes')
  return `${[...new Set(lines)].join('\n')}\n`
}

function prefixLength(cidr: string): number {
  const n = Number(cidr.split('/')[1])
  return Number.isInteger(n) && n >= 1 && n <= 32 ? n : 24
}

/** Static address for the node NIC; replaces Armbian's DHCP-on-everything default. */
export function renderStaticNetplan(node: InventoryNode, inventory: Inventory): string {
  const net = inventory.network
  return [
    'network:',
    '  version: 2',
    '  renderer: networkd',
    '  ethernets:',
    `    ${net.interface}:`,
    '      dhcp4: false',
    '      dhcp6: false',
    `      addresses: [${node.ip}/${prefixLength(net.cidr)}]`,
    '      routes:',
    '        - to: default',
    `          via: ${net.gateway}`,
    '      nameservers:',
    `        addresses: [${net.dns.join(', ')}]`,
    ''
  ].join('\n')
}
