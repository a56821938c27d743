import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * `rk1 demo`'s story: the nightly comparison of the README, one `rk1` command after another
 * against a running lab — per distro provision → deploy → benchmark → wipe, then one report over both
 * distros' records. Every command runs exactly as a user would type it (the CLI's own main), so
 * the demo shows the product, not a shortcut. The lab itself is started and stopped by the caller
 * (src/cli/lab-command.ts), so this module never imports the lab.
 */

export type DemoDistro = 'talos' | 'k3s'

/** Runs one `rk1` command line (the CLI's main, passed in so this module does not import it). */
export type RunCli = (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>

/** What the demo needs of the running lab. */
export interface DemoLab {
  inventoryPath: string
  /** BMC credentials, lab chart source, loopback only, PATH with the lab tools. */
  env: NodeJS.ProcessEnv
  clusterName: string
  /** The benchmark image to name in the Jobs (the lab runs the repository's harness for it). */
  benchmarkImage: string
}

export interface DemoStep {
  title: string
  distro?: DemoDistro
  /** The command line as run, `rk1 …`. */
  command: string
  status: 'ok' | 'FAILED' | 'skipped'
  seconds: number
}

export interface DemoReport {
  dir: string
  html: string
  markdown: string
  json: string
  records: number
  distros: string[]
  simulated: boolean
}

export interface DemoResult {
  steps: DemoStep[]
  totalSeconds: number
  report?: DemoReport
}

const DISTRO_NAME: Record<DemoDistro, string> = { talos: 'Talos', k3s: 'K3s' }

interface PlannedStep {
  title: string
  distro?: DemoDistro
  args: () => Promise<string[]>
  /** Environment the step needs beyond the lab's (secrets go through env, never argv). */
  env?: () => Promise<NodeJS.ProcessEnv>
}

/** The outputs a step wrote with --output-file (mode 0600: they hold the cluster's secrets). */
async function outputsOf(file: string): Promise<Record<string, string>> {
  if (!existsSync(file)) return {}
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>
}

/** Where each distro's files go inside the demo's folder. */
export function distroPaths(out: string, distro: DemoDistro) {
  const dir = join(out, distro)
  return {
    dir,
    /** provision's output-dir: kubeconfig, talosconfig, secrets.yaml (Talos), machine configs. */
    cluster: join(dir, 'cluster'),
    /** npu-benchmark's results-dir: records/, evidence/, logs/, result.json; the report reads it. */
    results: join(dir, 'bench'),
    outputs: (command: string) => join(dir, 'outputs', `${command}.json`)
  }
}

function distroSteps(lab: DemoLab, out: string, distro: DemoDistro): PlannedStep[] {
  const paths = distroPaths(out, distro)
  const name = DISTRO_NAME[distro]
  const common = ['--inventory', lab.inventoryPath]
  // K3s: provision generates the nodes' SSH key and hands it out once; later steps need it.
  const sshKey = async (): Promise<NodeJS.ProcessEnv> => {
    const key = (await outputsOf(paths.outputs('provision')))['ssh-private-key']
    return key ? { RK1_SSH_PRIVATE_KEY: key } : {}
  }
  return [
    {
      title: `Provision ${name} on all four nodes`,
      distro,
      args: async () => [
        'provision',
        ...common,
        '--distro',
        distro,
        '--confirm',
        lab.clusterName,
        '--output-dir',
        paths.cluster,
        '--output-file',
        paths.outputs('provision')
      ]
    },
    {
      title: `Deploy the workloads on ${name}`,
      distro,
      args: async () => [
        'deploy-workloads',
        ...common,
        '--distro',
        distro,
        '--kubeconfig-path',
        (await outputsOf(paths.outputs('provision')))['kubeconfig-path'] ??
          join(paths.cluster, 'kubeconfig'),
        '--output-file',
        paths.outputs('deploy-workloads')
      ]
    },
    {
      title: `Benchmark NPU, CPU, storage and LLM on ${name} (quick)`,
      distro,
      args: async () => [
        'npu-benchmark',
        ...common,
        '--distro',
        distro,
        '--kubeconfig-path',
        (await outputsOf(paths.outputs('provision')))['kubeconfig-path'] ??
          join(paths.cluster, 'kubeconfig'),
        '--benchmark-image',
        lab.benchmarkImage,
        '--mode',
        'quick',
        // The lab's nodes do not heat up: waiting for them to cool would only make the demo slow.
        '--cooldown',
        '0',
        '--results-dir',
        paths.results,
        '--output-file',
        paths.outputs('npu-benchmark')
      ]
    },
    {
      title: `Wipe the ${name} cluster (nodes powered off)`,
      distro,
      args: async () => [
        'wipe',
        ...common,
        '--confirm',
        lab.clusterName,
        '--output-dir',
        paths.cluster,
        '--output-file',
        paths.outputs('wipe')
      ],
      env: sshKey
    }
  ]
}

function reportStep(out: string, distros: readonly DemoDistro[]): PlannedStep {
  return {
    title: `Report over ${distros.map((d) => DISTRO_NAME[d]).join(' and ')}`,
    args: async () => [
      'report',
      '--results',
      distros.map((d) => distroPaths(out, d).results).join(','),
      '--report-dir',
      join(out, 'report'),
      '--output-file',
      join(out, 'report', 'outputs.json')
    ]
  }
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10

/** The command line shown to the user: secrets never appear in argv, so it can be printed. */
const shown = (args: string[]): string =>
  `rk1 ${args.map((a) => (/^[\w./,:@=-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`

async function readReport(dir: string): Promise<DemoReport | undefined> {
  const json = join(dir, 'report.json')
  if (!existsSync(json)) return undefined
  const model = JSON.parse(await readFile(json, 'utf8')) as {
    recordCount: number
    distros: string[]
    simulated: boolean
  }
  return {
    dir,
    html: join(dir, 'report.html'),
    markdown: join(dir, 'report.md'),
    json,
    records: model.recordCount,
    distros: model.distros,
    simulated: model.simulated
  }
}

/**
 * Runs the life on the lab. A failed step skips the rest of its distro (a cluster that did not
 * come up is not deployed to), the next distro still runs, and the report always runs, so it
 * says what is missing — as the nightly workflow does.
 */
export async function runDemoLife(options: {
  lab: DemoLab
  out: string
  distros: readonly DemoDistro[]
  env: NodeJS.ProcessEnv
  main: RunCli
  write: (text: string) => void
}): Promise<DemoResult> {
  const { lab, out, distros, main, write } = options
  const planned = [...distros.flatMap((d) => distroSteps(lab, out, d)), reportStep(out, distros)]
  const failedDistros = new Set<DemoDistro>()
  const steps: DemoStep[] = []
  const start = performance.now()
  for (const [i, step] of planned.entries()) {
    const args = await step.args()
    const command = shown(args)
    if (step.distro && failedDistros.has(step.distro)) {
      steps.push({ title: step.title, distro: step.distro, command, status: 'skipped', seconds: 0 })
      continue
    }
    write(
      `\n=== ${i + 1}/${planned.length} ${step.title} — SIMULATED (the rk1 virtual lab) ===\n$ ${command}\n`
    )
    for (const d of distros)
      await mkdir(join(distroPaths(out, d).dir, 'outputs'), { recursive: true })
    await mkdir(join(out, 'report'), { recursive: true })
    const began = performance.now()
    const env = {
      ...options.env,
      ...lab.env,
      ...(step.env ? await step.env() : {})
    }
    const code = await main(args, env)
    const status = code === 0 ? 'ok' : 'FAILED'
    if (status === 'FAILED' && step.distro) failedDistros.add(step.distro)
    steps.push({
      title: step.title,
      distro: step.distro,
      command,
      status,
      seconds: seconds(performance.now() - began)
    })
  }
  const result: DemoResult = {
    steps,
    totalSeconds: seconds(performance.now() - start),
    report: await readReport(join(out, 'report'))
  }
  await writeFile(join(out, 'demo.json'), `${JSON.stringify(result, null, 2)}\n`)
  return result
}

/** The closing account: each step with its time, where the report and everything else are. */
export function overview(result: DemoResult, out: string): string {
  const lines = [
    '',
    '=== What happened (SIMULATED: the rk1 virtual lab, not real hardware) ===',
    ...result.steps.map(
      (s) =>
        `${s.status.padEnd(7)} ${`${s.seconds.toFixed(1)} s`.padStart(7)}  ${s.title}   (${s.command.split(' ').slice(0, 2).join(' ')})`
    ),
    `        ${`${result.totalSeconds.toFixed(1)} s`.padStart(7)}  in all`,
    ''
  ]
  const r = result.report
  if (r) {
    lines.push(
      `The report${r.simulated ? ' (SIMULATED)' : ''}: ${r.records} record(s)${r.distros.length ? ` of ${r.distros.join(', ')}` : ''}`,
      `  HTML      ${r.html}`,
      `  Markdown  ${r.markdown}`,
      `  JSON      ${r.json}`
    )
  } else lines.push('No report was written (see the report step above).')
  const kept: [string, string][] = [
    ['demo.json', 'these steps and their times'],
    ...result.steps
      .map((s) => s.distro)
      .filter((d, i, all): d is DemoDistro => !!d && all.indexOf(d) === i)
      .flatMap((d): [string, string][] => [
        [
          `${d}/cluster`,
          d === 'talos'
            ? "provision's output-dir; after the wipe only secrets.yaml (0600)"
            : "provision's output-dir, as the wipe left it"
        ],
        [`${d}/outputs`, "each command's outputs (--output-file; 0600, they hold secrets)"],
        [`${d}/bench`, "npu-benchmark's records, evidence and logs (what the report read)"]
      ]),
    ['report', 'report.html, report.md, report.json, alerts.json'],
    ['artifacts', 'the report uploaded as the CLI does (RK1_ARTIFACTS_DIR)'],
    ['lab', "the lab's inventory (cluster.yaml), lab.env and emulated eMMCs"]
  ]
  const present = kept.filter(([path]) => existsSync(join(out, path)))
  const width = Math.max(...present.map(([path]) => path.length)) + 2
  lines.push(
    '',
    `Everything the demo wrote stays in ${out}:`,
    ...present.map(([path, what]) => `  ${path.padEnd(width)}${what}`)
  )
  return `${lines.join('\n')}\n`
}
