import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  maskConfigSecrets
} from "./chunk-2M5DTWY3.mjs";

// src/commands/inputs.ts
function maskInput(mask, spec, value) {
  if (!spec.secret || !value) return;
  if (spec.config) maskConfigSecrets(mask, value);
  else mask(value);
}
var commonInputs = [
  {
    name: "inventory",
    description: "Path of the cluster inventory file (cluster.yaml).",
    default: "cluster.yaml"
  },
  {
    name: "nodes",
    description: 'Nodes to act on: "all", slots ("1,3" or "2-4") or host names. Default: every node of the inventory.',
    default: "all"
  },
  {
    name: "dry-run",
    description: "Print the plan and make no change (no mutating call to the BMC or any node).",
    default: "false"
  },
  {
    name: "confirm",
    description: "Must equal the cluster name from the inventory for destructive steps (flash, wipe, reset).",
    default: ""
  },
  {
    name: "bmc-user",
    description: "BMC user name.",
    default: "root",
    env: "RK1_BMC_USER"
  },
  {
    name: "bmc-password",
    description: "BMC password. Pass a secret; it is masked at once.",
    default: "",
    secret: true,
    env: "RK1_BMC_PASSWORD"
  }
];
var distroInput = {
  name: "distro",
  description: `Distribution of the cluster: talos or k3s. Default: the inventory's "distro".`,
  default: ""
};
var kubeconfigInput = {
  name: "kubeconfig",
  description: "Kubeconfig of the cluster (a secret; masked at once). Default: from provisioning.",
  default: "",
  secret: true,
  config: true,
  env: "RK1_KUBECONFIG"
};
var kubeconfigPathInput = {
  name: "kubeconfig-path",
  description: "Path of a kubeconfig file, used when the kubeconfig input is empty (e.g. the kubeconfig-path output of provision).",
  default: "",
  env: "RK1_KUBECONFIG_PATH"
};
var sshKeyInput = {
  name: "ssh-private-key",
  description: "SSH private key for Armbian nodes (a secret; masked at once). provision and wipe: empty reads output-dir/ssh-private-key, else provision generates a key (and writes it there).",
  default: "",
  secret: true,
  env: "RK1_SSH_PRIVATE_KEY"
};
var talosSecretsInput = {
  name: "talos-secrets",
  description: "Talos: the cluster secrets (the talos-secrets output of the run that created the cluster; a secret, masked at once). They prove the nodes are this cluster's (also in a K3s run that switches them). Empty: reuse output-dir/secrets.yaml, else provision generates new ones (and writes them there).",
  default: "",
  secret: true,
  config: true,
  env: "RK1_TALOS_SECRETS"
};
var outputDirInput = {
  name: "output-dir",
  description: "Folder (mode 0700, files 0600) for what a run produces and later runs reuse: kubeconfig, talosconfig, Talos secrets.yaml and machine configs, a generated K3s SSH key (ssh-private-key), a generated Grafana password (grafana-admin-password). An empty talos-secrets or ssh-private-key input is read from here. wipe removes the cluster files once the whole cluster is wiped (the secrets and key only with forget-secrets). Default: in the CLI ~/.local/state/rk1/clusters/<cluster name> (RK1_STATE_DIR moves it), in Actions a private folder under the runner temp (store the outputs as secrets).",
  default: ""
};
var timeoutInput = {
  name: "timeout",
  description: "Seconds to wait for each component (deploy-workloads: Helm wait, rollouts, checks), each node (wipe: its reset) or each suite on a node (npu-benchmark: the Job's activeDeadlineSeconds; raise it for mode full).",
  default: "900"
};
var lockTimeoutInput = {
  name: "lock-timeout",
  description: "Seconds to wait while another run against the same cluster (same cluster name and BMC) holds it, then fail. 0: fail at once.",
  default: "900"
};
var provisionInputs = [
  ...commonInputs,
  distroInput,
  {
    name: "steps",
    description: "all: take the nodes to a healthy cluster (flash only where needed). flash: flash every selected node and confirm it boots, nothing else.",
    default: "all"
  },
  sshKeyInput,
  lockTimeoutInput,
  {
    name: "allow-format-data",
    description: "K3s: format a data disk (NVMe) that already holds data. The disk holding the root filesystem is never formatted.",
    default: "false"
  },
  {
    name: "static-network",
    description: "K3s: write a static netplan from the inventory's network into each image.",
    default: "false"
  },
  {
    name: "k3s-airgap-dir",
    description: "K3s: folder on the runner with install.sh, k3s-arm64 and optionally k3s-airgap-images-arm64.tar.zst; nodes then download nothing.",
    default: ""
  },
  {
    name: "skip-crc",
    description: "Skip the BMC read-back verification after writing (faster, less safe; the sha256 of the upload is still checked).",
    default: "false"
  },
  {
    name: "flash-path",
    description: "auto: a node of this cluster that our SSH key (K3s/Armbian) or our Talos secrets (Talos) prove ours, healthy and with the RAM for the image, writes its own eMMC (over SSH, or through a privileged Job on Talos; all such nodes at once), the BMC flashes the others and takes over any node whose own write fails. bmc: always the BMC. node: the node path or nothing (a node that cannot take it is not touched). Nodes of another cluster and unproven nodes always go through the BMC.",
    default: "auto"
  },
  {
    name: "runner-address",
    description: "Address of this machine that the nodes reach, where this cluster's Talos nodes fetch the image when they write themselves (a switch Talos \u2192 K3s). Empty: the address this machine uses towards the control plane.",
    default: ""
  },
  {
    name: "node-write-image",
    description: "Container image of the Job that writes a Talos node's eMMC from RAM (needs sh, wget, sha256sum, xzcat, dd, head). Empty: busybox:1.37.0 from Docker Hub; give a mirror where the nodes cannot pull it (a node that cannot is flashed by the BMC).",
    default: ""
  },
  {
    name: "flash-uplink-mbps",
    description: "Megabits per second that all node-path image transfers may use together on the runner's link.",
    default: "800"
  },
  {
    name: "boot-timeout",
    description: "Seconds to wait for each node to boot after flashing, and (Talos) for each later step: config, bootstrap, health.",
    default: "600"
  },
  {
    name: "reflash",
    description: "Talos: flash every selected node, whatever it runs (also nodes of another cluster). Default: flash only nodes that are off or run another OS.",
    default: "false"
  },
  talosSecretsInput,
  outputDirInput
];
var prCommentInput = {
  name: "comment",
  description: "auto: on pull_request runs, keep one comment on the PR up to date (report: the report; deploy-workloads in plan mode: the plan, one comment per cluster). false: never.",
  default: "auto"
};
var githubTokenInput = {
  name: "github-token",
  description: "Token for GitHub's REST API: report reads earlier runs' artifacts (actions: read) and opens issues (issues: write); report and deploy-workloads comment on the pull request (pull-requests: write).",
  default: "${{ github.token }}",
  secret: true,
  env: "GITHUB_TOKEN"
};
var deployWorkloadsInputs = [
  ...commonInputs,
  kubeconfigInput,
  kubeconfigPathInput,
  distroInput,
  {
    name: "ingress-controller",
    description: "traefik (default; serves the nginx-class Ingresses) or ingress-nginx (retired upstream in March 2026; parity only).",
    default: "traefik"
  },
  {
    name: "prune",
    description: "Uninstall releases of components that are no longer enabled (e.g. the other ingress controller).",
    default: "false"
  },
  timeoutInput,
  {
    name: "components",
    description: "Components to deploy (comma-separated). Default: all enabled in the inventory.",
    default: "all"
  },
  {
    name: "plan",
    description: "Only compute and print what would change (for pull-request comments).",
    default: "false"
  },
  {
    name: "grafana-admin-password",
    description: "Grafana admin password (a secret). Generated and output masked when empty.",
    default: "",
    secret: true,
    env: "RK1_GRAFANA_ADMIN_PASSWORD"
  },
  outputDirInput,
  prCommentInput,
  githubTokenInput
];
var npuBenchmarkInputs = [
  ...commonInputs,
  kubeconfigInput,
  kubeconfigPathInput,
  distroInput,
  {
    name: "suites",
    description: "Benchmark suites to run (comma-separated): npu, cpu, storage, llm, or all. A suite the node cannot run (the NPU on Talos without its driver) gives skipped records with the reason.",
    default: "all"
  },
  {
    name: "mode",
    description: "quick: about 100 iterations or 10 s per workload (pull requests, dispatch). full: max(1024 iterations, 60 s), p90 the headline (nightly, MLPerf-style, not compliant).",
    default: "quick"
  },
  {
    name: "benchmark-image",
    description: "The benchmark image built from bench-image/ (linux/arm64), e.g. ghcr.io/OWNER/REPO/rk1-bench@sha256:<digest>. Default: the inventory's versions.benchmarkImage. A reference without a @sha256: digest is refused on hardware (a tag can name another image on each node or night) and only warned about in the lab.",
    default: ""
  },
  {
    name: "cooldown",
    description: "Seconds at most to let a node cool between workloads (until the SoC is within 5 \xB0C of idle) and pause between suites on a node. 0: none.",
    default: "60"
  },
  timeoutInput,
  lockTimeoutInput,
  {
    name: "results-dir",
    description: "Folder for the run records, evidence and logs (uploaded as one artifact). Default: under the runner temp in Actions, .rk1/bench/<distro>-<time> in the CLI.",
    default: ""
  }
];
var wipeInputs = [
  ...commonInputs,
  sshKeyInput,
  talosSecretsInput,
  outputDirInput,
  {
    name: "wipe-data",
    description: "Also wipe the data disks (NVMe): Talos user disks, Armbian signatures (wipefs). A disk that holds / is never wiped.",
    default: "false"
  },
  {
    name: "power-off",
    description: "Power every wiped node off through the BMC and verify it there. false: Talos nodes reboot into maintenance mode, Armbian nodes stay up.",
    default: "true"
  },
  {
    name: "emmc",
    description: "Also make the system disk (eMMC) unbootable through the BMC, so the next provision flashes it.",
    default: "false"
  },
  {
    name: "force",
    description: "Wipe nodes that are not provably this cluster's (another cluster's Talos or K3s, SSH refusing our key). Default: refuse them and touch nothing.",
    default: "false"
  },
  {
    name: "forget-secrets",
    description: "Also delete secrets.yaml and ssh-private-key from output-dir once the whole cluster is wiped.",
    default: "false"
  },
  timeoutInput,
  lockTimeoutInput
];
var reportInputs = [
  {
    name: "results",
    description: "Folders with this run's benchmark records (comma- or newline-separated). Empty in GitHub Actions: this run's artifacts whose names start with artifact-prefix (both distros).",
    default: ""
  },
  {
    name: "artifact-prefix",
    description: "Name prefix of the benchmark artifacts (this run and earlier runs).",
    default: "rk1-bench-"
  },
  {
    name: "history-nights",
    description: "Earlier runs of the same workflow on the default branch to read (their artifacts, downloaded with findBy). 0: none.",
    default: "30"
  },
  {
    name: "history-dirs",
    description: "Folders with earlier runs' records (the CLI's history; comma- or newline-separated).",
    default: ""
  },
  {
    name: "history-branch",
    description: "Branch holding compact per-run records (one commit per run; outlives artifact retention). Empty: not used. Needs contents: write.",
    default: ""
  },
  {
    name: "history-max-runs",
    description: "Runs kept on the history branch; older run files are dropped in the same commit.",
    default: "400"
  },
  {
    name: "workflow",
    description: "Workflow file whose earlier runs form the history. Default: this run's workflow.",
    default: ""
  },
  {
    name: "cluster-id",
    description: "Only records of this cluster are used. Default: the cluster of this run's records.",
    default: ""
  },
  {
    name: "report-dir",
    description: "Folder for report.md, report.html, report.json and alerts.json. Default: under the runner temp.",
    default: ""
  },
  {
    name: "report-artifact",
    description: "Name of the artifact the report is uploaded as. Empty: no upload.",
    default: "rk1-report"
  },
  prCommentInput,
  {
    name: "alert-issues",
    description: "auto: on scheduled runs, open/update one issue per regression and close it on recovery. true, false.",
    default: "auto"
  },
  githubTokenInput
];

// src/commands/registry.ts
var commands = [
  {
    name: "provision",
    description: "Take the nodes to a healthy Talos or K3s cluster: flash through the BMC where needed, boot, configure, bootstrap, hand out a kubeconfig.",
    inputs: provisionInputs,
    outputs: [
      { name: "result", description: "Per-node results as JSON." },
      { name: "flashed-nodes", description: "Comma-separated slots that were flashed." },
      { name: "kubeconfig", description: "kubeconfig of the cluster (masked)." },
      { name: "kubeconfig-path", description: "The kubeconfig file in output-dir (mode 0600)." },
      { name: "talosconfig", description: "Talos: talosconfig of the cluster (masked)." },
      { name: "talosconfig-path", description: "Talos: the talosconfig file (mode 0600)." },
      {
        name: "talos-secrets",
        description: "Talos: the cluster secrets (masked); store them and pass them back as the talos-secrets input."
      },
      { name: "talos-secrets-path", description: "Talos: the secrets file (mode 0600)." },
      {
        name: "ssh-private-key",
        description: "K3s: the SSH private key generated for the nodes (masked), when none was given or found; also written to output-dir/ssh-private-key (0600). In Actions pass it back as the ssh-private-key input."
      }
    ],
    implemented: true,
    run: async (context) => (await import("./provision-BJLQF4CM.mjs")).runProvision(context)
  },
  {
    name: "deploy-workloads",
    description: "Install or update MetalLB, ingress, Longhorn and monitoring in order, verify them from outside, or plan.",
    inputs: deployWorkloadsInputs,
    outputs: [
      { name: "result", description: "Per-component results as JSON." },
      { name: "plan", description: "Markdown plan of what would change (plan mode)." },
      {
        name: "grafana-admin-password",
        description: "The generated Grafana admin password (masked), when none was given; also written to output-dir/grafana-admin-password (0600)."
      }
    ],
    implemented: true,
    run: async (context) => (await import("./deploy-workloads-D3FKVVXM.mjs")).runDeployWorkloads(context)
  },
  {
    name: "npu-benchmark",
    description: "Measure the NPU (RKNN), CPU (ONNX Runtime), NVMe (fio) and an LLM (RKLLM) on every selected node as Kubernetes Jobs; versioned run records, evidence and logs uploaded as one artifact.",
    inputs: npuBenchmarkInputs,
    outputs: [
      {
        name: "result",
        description: "Headline JSON: per node ok/failed with reasons, per record status, p50/p90 and throughput."
      },
      {
        name: "results-dir",
        description: "Folder with records/, evidence/, logs/ and result.json (what report reads)."
      },
      { name: "artifact-id", description: "Id of the uploaded rk1-bench-<distro>-\u2026 artifact." }
    ],
    implemented: true,
    run: async (context) => (await import("./npu-benchmark-ZGNLLQBP.mjs")).runNpuBenchmark(context)
  },
  {
    name: "wipe",
    description: "Take every selected node back to blank, whatever it runs: Talos reset or K3s uninstall per node, data disks on request, power off through the BMC (verified).",
    inputs: wipeInputs,
    outputs: [
      {
        name: "result",
        description: "Per-node results as JSON: state found, action, result, power, data disk, eMMC, time, error."
      }
    ],
    implemented: true,
    run: async (context) => (await import("./wipe-T2OHALAD.mjs")).runWipeCommand(context)
  },
  {
    name: "report",
    description: "Compare Talos and K3s results with their history: matrix, claims check, per-node table, trends and alerts, as Markdown, JSON, HTML, job summary and PR comment.",
    inputs: reportInputs,
    outputs: [
      {
        name: "report-path",
        description: "Folder holding report.md, report.html, report.json, alerts.json."
      },
      {
        name: "artifact-id",
        description: "Id of the uploaded report artifact (empty when not uploaded)."
      },
      {
        name: "alerts",
        description: "The alerts of this run as JSON: new, ongoing and recovered regressions."
      }
    ],
    implemented: true,
    run: async (context) => (await import("./report-HA6VH7LI.mjs")).runReport(context)
  }
];
function findCommand(name) {
  return commands.find((c) => c.name === name);
}
var commandNames = commands.map((c) => c.name);

export {
  maskInput,
  commands,
  findCommand,
  commandNames
};
