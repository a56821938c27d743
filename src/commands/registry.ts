import type { CommandDefinition } from './command-context'
import {
  deployWorkloadsInputs,
  npuBenchmarkInputs,
  provisionInputs,
  reportInputs,
  wipeInputs,
  type InputSpec
} from './inputs'

export type { CommandContext, CommandDefinition, OutputSpec } from './command-context'

export const commands: readonly CommandDefinition[] = [
  {
    name: 'provision',
    description:
      'Take the nodes to a healthy Talos or K3s cluster: flash through the BMC where needed, boot, configure, bootstrap, hand out a kubeconfig.',
    inputs: provisionInputs,
    outputs: [
      { name: 'result', description: 'Per-node results as JSON.' },
      { name: 'flashed-nodes', description: 'Comma-separated slots that were flashed.' },
      { name: 'kubeconfig', description: 'kubeconfig of the cluster (masked).' },
      { name: 'kubeconfig-path', description: 'The kubeconfig file in output-dir (mode 0600).' },
      { name: 'talosconfig', description: 'Talos: talosconfig of the cluster (masked).' },
      { name: 'talosconfig-path', description: 'Talos: the talosconfig file (mode 0600).' },
      {
        name: 'talos-secrets',
        description:
          'Talos: the cluster secrets (masked); store them and pass them back as the talos-secrets input.'
      },
      { name: 'talos-secrets-path', description: 'Talos: the secrets file (mode 0600).' },
      {
        name: 'ssh-private-key',
        description:
          'K3s: the SSH private key generated for the nodes (masked), when none was given or found; also written to output-dir/ssh-private-key (0600). In Actions pass it back as the ssh-private-key input.'
      }
    ],
    implemented: true,
    run: async (context) => (await import('./provision')).runProvision(context)
  },
  {
    name: 'deploy-workloads',
    description:
      'Install or update MetalLB, ingress, Longhorn and monitoring in order, verify them from outside, or plan.',
    inputs: deployWorkloadsInputs,
    outputs: [
      { name: 'result', description: 'Per-component results as JSON.' },
      { name: 'plan', description: 'Markdown plan of what would change (plan mode).' },
      {
        name: 'grafana-admin-password',
        description:
          'The generated Grafana admin password (masked), when none was given; also written to output-dir/grafana-admin-password (0600).'
      }
    ],
    implemented: true,
    run: async (context) => (await import('./deploy-workloads')).runDeployWorkloads(context)
  },
  {
    name: 'npu-benchmark',
    description:
      'Measure the NPU (RKNN), CPU (ONNX Runtime), NVMe (fio) and an LLM (RKLLM) on every selected node as Kubernetes Jobs; versioned run records, evidence and logs uploaded as one artifact.',
    inputs: npuBenchmarkInputs,
    outputs: [
      {
        name: 'result',
        description:
          'Headline JSON: per node ok/failed with reasons, per record status, p50/p90 and throughput.'
      },
      {
        name: 'results-dir',
        description: 'Folder with records/, evidence/, logs/ and result.json (what report reads).'
      },
      { name: 'artifact-id', description: 'Id of the uploaded rk1-bench-<distro>-… artifact.' }
    ],
    implemented: true,
    run: async (context) => (await import('./npu-benchmark')).runNpuBenchmark(context)
  },
  {
    name: 'wipe',
    description:
      'Take every selected node back to blank, whatever it runs: Talos reset or K3s uninstall per node, data disks on request, power off through the BMC (verified).',
    inputs: wipeInputs,
    outputs: [
      {
        name: 'result',
        description:
          'Per-node results as JSON: state found, action, result, power, data disk, eMMC, time, error.'
      }
    ],
    implemented: true,
    run: async (context) => (await import('./wipe')).runWipeCommand(context)
  },
  {
    name: 'report',
    description:
      'Compare Talos and K3s results with their history: matrix, claims check, per-node table, trends and alerts, as Markdown, JSON, HTML, job summary and PR comment.',
    inputs: reportInputs,
    outputs: [
      {
        name: 'report-path',
        description: 'Folder holding report.md, report.html, report.json, alerts.json.'
      },
      {
        name: 'artifact-id',
        description: 'Id of the uploaded report artifact (empty when not uploaded).'
      },
      {
        name: 'alerts',
        description: 'The alerts of this run as JSON: new, ongoing and recovered regressions.'
      }
    ],
    implemented: true,
    run: async (context) => (await import('./report')).runReport(context)
  }
]

export function findCommand(name: string): CommandDefinition | undefined {
  return commands.find((c) => c.name === name)
}

export const commandNames = commands.map((c) => c.name)

/** The umbrella action's inputs: `command` plus the union of every command's inputs. */
export function umbrellaInputs(): InputSpec[] {
  const byName = new Map<string, InputSpec>()
  for (const command of commands) {
    for (const input of command.inputs) if (!byName.has(input.name)) byName.set(input.name, input)
  }
  return [...byName.values()]
}
