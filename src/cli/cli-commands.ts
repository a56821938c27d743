import type { InputSpec } from '../commands/inputs'
import { commands } from '../commands/registry'

/**
 * What the CLI offers, for usage, help and the test that runs every command: the commands of the
 * registry (the same as the actions) and the CLI-only lab commands, declared the same way.
 */
export interface CliCommandInfo {
  /** As typed after `rk1`: `provision`, `lab up`. */
  readonly name: string
  readonly description: string
  readonly options: readonly InputSpec[]
  /** Registry commands have --summary-file, --output-file, --verbose. */
  readonly runSwitches: boolean
}

export const DEFAULT_LAB_DIR = '.rk1/lab'
export const DEFAULT_DEMO_DIR = '.rk1/demo'
export const DEFAULT_LAB_SUBNET = '127.0.1.0/24'

const timeScale: InputSpec = {
  name: 'time-scale',
  description: 'Divide the realistic timings (flash, boots) by this factor.',
  default: '50'
}

export const labCommands: readonly CliCommandInfo[] = [
  {
    name: 'lab up',
    description:
      'Start the virtual lab in the foreground: an emulated Turing Pi 2 with four RK1 nodes on loopback (SIMULATED). Ctrl-C or "rk1 lab down" stops it.',
    options: [
      {
        name: 'dir',
        description: 'Folder for the inventory, lab.env, emulated eMMCs and node state.',
        default: DEFAULT_LAB_DIR
      },
      {
        name: 'subnet',
        description:
          'Loopback /24 for the nodes (.1-.4) and the MetalLB pool (.80-.89), e.g. 127.0.2.0/24.',
        default: DEFAULT_LAB_SUBNET
      },
      timeScale
    ],
    runSwitches: false
  },
  {
    name: 'lab down',
    description: 'Stop a lab started with "rk1 lab up".',
    options: [
      {
        name: 'dir',
        description: `The lab's folder. Default: ${DEFAULT_LAB_DIR} if a lab runs from it, else the only running lab.`
      }
    ],
    runSwitches: false
  },
  {
    name: 'demo',
    description:
      'The whole life on a fresh lab (SIMULATED): per distro provision, deploy the workloads, benchmark, wipe; then the report over both. Says how each step went and how long it took; keeps its folder (report, outputs, lab files) and stops the lab.',
    options: [
      {
        name: 'distro',
        description: 'talos, k3s or both (Talos first, then K3s on the same nodes).',
        default: 'both'
      },
      {
        name: 'dir',
        description:
          "Folder the demo writes and keeps; an earlier demo's folder is replaced, any other non-empty folder refused.",
        default: DEFAULT_DEMO_DIR
      },
      {
        name: 'keep',
        description:
          'Leave the lab running after the demo (Ctrl-C or "rk1 lab down --dir <dir>/lab" stops it).',
        default: 'false'
      },
      timeScale
    ],
    runSwitches: false
  }
]

export function cliCommands(): CliCommandInfo[] {
  return [
    ...commands.map((c) => ({
      name: c.name,
      description: c.description,
      options: c.inputs,
      runSwitches: true
    })),
    ...labCommands
  ]
}
