/**
 * Flashing through the running OS (the node path): a node of this cluster writes its own eMMC
 * from RAM, in parallel with the others, and the BMC is the fallback. The public face.
 */
export { choosePath, FLASH_PATH_MODES } from './choose-path'
export type { FlashPathMode, NodeFacts, PathChoice } from './choose-path'
export { FlashNotAttemptedError, NodeWriteError } from './errors'
export { describeNodeImage } from './image'
export type { NodeImage } from './image'
export { FlashScheduler } from './scheduler'
export type { FlashOutcome, FlashPathTaken, FlashTask } from './scheduler'
export {
  ARMBIAN_STOP_UNITS,
  DEFAULT_MEMORY_MARGIN_BYTES,
  describePhase,
  writeOverSsh
} from './ssh-writer'
export type { NodeWriteResult, SshWriteOptions } from './ssh-writer'
export { DEFAULT_UPLINK_BYTES_PER_SEC, SharedUplink } from './uplink'
export { parseTalosMemAvailable, restartText, restartTalosNode, talosFacts } from './talos-node'
export type { TalosAccess, TalosRestart, TalosRestartOptions } from './talos-node'
export { TalosNodePath } from './talos-path'
export type { TalosNodePathOptions } from './talos-path'
export { runnerAddressFor } from './runner-address'
