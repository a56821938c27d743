/**
 * Hard limits on what an inventory may be. A full four-node cluster.yaml is about 3 KiB and 5
 * levels deep, so these sit far above any real file and far below what could tie up a runner.
 */

/** Larger files are refused from their size alone, before a byte is read. */
export const MAX_INVENTORY_BYTES = 1024 * 1024

/** Deeper structures are refused before the YAML parser, whose composer recurses, sees them. */
export const MAX_NESTING_DEPTH = 32

/**
 * Keys and list entries in all (a four-node inventory has about 100). The YAML composer checks
 * each key against every earlier one, so 20 000 keys in one mapping take 40 s.
 */
export const MAX_ENTRIES = 2000

/** Longest boot pattern accepted; the defaults are under 100 characters. */
export const MAX_BOOT_PATTERN_LENGTH = 500

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}
