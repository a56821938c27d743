// Public surface of the lab Kubernetes API emulator.
export { SIMULATED_ANNOTATION, startKubeApiEmulator } from './emulator'
export type { KubeApiEmulator, ObjectFilter } from './emulator'
export { NEVER_READY_ANNOTATION } from './controllers/pods'
export type {
  ApiErrorRule,
  JobCommandContext,
  KubeApiOptions,
  KubeFaults,
  KubeObject,
  NodeRegistration,
  ObjectMatcher,
  Taint
} from './types'
