/** What an Armbian RK1 prints on its serial console (ttyS9 on the vendor kernel). */
import { kernelLine } from '../../console'
import type { BootLine } from '../../bmc/types'
import { KERNEL_RELEASE } from './tools/system'

const raw = (atMs: number, text: string): BootLine => ({ atMs, text: `${text}\r\n` })

/** Boot loader and kernel up to the root mount: what every boot (and a hung one) prints. */
export function earlyBoot(): BootLine[] {
  return [
    raw(0, 'DDR V1.16 fwver: 2023-11-10'),
    raw(300, 'U-Boot SPL 2026.07-armbian (Jul 14 2026 - 10:00:00 +0000)'),
    raw(900, 'U-Boot 2026.07-armbian (Jul 14 2026 - 10:00:00 +0000)'),
    raw(1000, 'Model: Turing Machines RK1'),
    raw(1500, 'Hit any key to stop autoboot:  0'),
    raw(2000, 'Starting kernel ...'),
    kernelLine(2100, `Booting Linux on physical CPU 0x0000000000 [0x412fd050]`),
    kernelLine(2101, `Linux version ${KERNEL_RELEASE} (armbian@next) #1 SMP`),
    kernelLine(2102, 'Machine model: Turing Machines RK1'),
    kernelLine(3500, 'mmcblk0: mmc0:0001 A3A562 29.1 GiB'),
    kernelLine(3501, ' mmcblk0: p1')
  ]
}

/** A boot that reaches the login: root is logged in automatically (CONSOLE_AUTOLOGIN). */
export function fullBoot(opts: {
  hostname: string
  version: string
  firstRun: boolean
  afterLogin: string
}): BootLine[] {
  const lines = [
    ...earlyBoot(),
    kernelLine(
      5000,
      'EXT4-fs (mmcblk0p1): mounted filesystem with writeback data mode. Quota mode: none.'
    ),
    kernelLine(6000, 'systemd[1]: systemd 257 running in system mode'),
    kernelLine(6001, `systemd[1]: Hostname set to <${opts.hostname}>.`)
  ]
  if (opts.firstRun) {
    lines.push(raw(8000, '[  OK  ] Started armbian-firstrun.service - Armbian first run tasks.'))
    lines.push(
      raw(8500, '[  OK  ] Finished armbian-resize-filesystem.service - Armbian filesystem resize.')
    )
  }
  lines.push(
    raw(11_000, '[  OK  ] Started ssh.service - OpenBSD Secure Shell server.'),
    raw(12_000, '[  OK  ] Reached target multi-user.target - Multi-User System.'),
    raw(14_000, ''),
    raw(14_001, `Armbian ${opts.version} Trixie ttyS9`),
    raw(14_002, ''),
    raw(14_003, `${opts.hostname} login: root (automatic login)`),
    { atMs: 14_500, text: opts.afterLogin }
  )
  return lines
}

/** No root filesystem: the kernel panics and nothing answers. */
export function panicBoot(): BootLine[] {
  return [
    ...earlyBoot(),
    kernelLine(13_000, 'VFS: Cannot open root device "UUID=" or unknown-block(0,0): error -6'),
    kernelLine(
      13_001,
      'Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)'
    )
  ]
}

/** The hung boot of the `neverBoots` fault. */
export function hungBoot(): BootLine[] {
  return [...earlyBoot(), kernelLine(5000, 'Waiting for root device UUID=…')]
}

export function motd(hostname: string, version: string): string {
  return (
    `\r\n  Armbian ${version} Trixie ttyS9\r\n` +
    `  Kernel: Linux ${KERNEL_RELEASE}\r\n\r\nroot@${hostname}:~# `
  )
}
