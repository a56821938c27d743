/**
 * Console text of emulated RK1 nodes: kernel-log lines with their timestamps and the boot loader
 * and kernel start every lab OS prints, shared by the BMC's default boot logs and the lab nodes.
 */
import type { BootLine } from './bmc/types'

/** A kernel-log line: `[   12.345678] text` at `atMs` after power-on. */
export function kernelLine(atMs: number, text: string): BootLine {
  const secs = Math.floor(atMs / 1000)
  const micros = Math.round((atMs % 1000) * 1000)
  return {
    atMs,
    text: `[${String(secs).padStart(5)}.${String(micros).padStart(6, '0')}] ${text}\r\n`
  }
}

/** A line without a kernel timestamp (boot loader, login prompt). */
export function rawLine(atMs: number, text: string): BootLine {
  return { atMs, text: `${text}\r\n` }
}

export function bootloader(): BootLine[] {
  return [
    rawLine(600, 'DDR Version V1.08 20220617'),
    rawLine(900, 'U-Boot SPL board init'),
    rawLine(1500, 'U-Boot 2024.07 (turing-rk1)'),
    rawLine(1600, 'Model: Turing Machines RK1'),
    rawLine(2500, 'Starting kernel ...'),
    rawLine(2510, '')
  ]
}

export function kernel(startMs: number, version: string): BootLine[] {
  return [
    kernelLine(startMs, 'Booting Linux on physical CPU 0x0000000000 [0x412fd050]'),
    kernelLine(startMs + 1, `Linux version ${version} (builder@lab) #1 SMP PREEMPT`),
    kernelLine(startMs + 2, 'Machine model: Turing Machines RK1'),
    kernelLine(startMs + 400, 'rk_gmac-dwmac fe1c0000.ethernet: eth0: Link is Up - 1Gbps/Full'),
    kernelLine(startMs + 900, 'mmcblk0: mmc0:0001 A3A562 29.1 GiB')
  ]
}
