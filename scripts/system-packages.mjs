// The project's ONE list of the system programs that the lab, the product and the tests need, and
// the check that installs them (as root, with apt-get) or names them in one line (exit 2).
// Used by scripts/setup.mjs (`.ci/run`), `rk1 demo` / `rk1 lab up` (bundled into dist/cli.mjs) and
// jest's globalSetup (test/helpers/global-setup.mjs). Plain JavaScript without dependencies: it
// runs on a fresh machine before `npm ci`.
//
// To add a program: append { program, pkg, scope, why } to REQUIREMENTS (scope 'lab' when the demo
// or the lab needs it, 'tests' when only the test suite does; `paths` when its users call it by an
// absolute path rather than through PATH). Use the Debian package name (the same on Ubuntu).
import { execFileSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** @type {readonly import('./system-packages.d.mts').Requirement[]} */
export const REQUIREMENTS = [
  { program: 'xz', pkg: 'xz-utils', scope: 'lab', why: 'lab images, BMC emulator, K3s images' },
  { program: 'sfdisk', pkg: 'fdisk', scope: 'lab', why: 'lab Armbian images: GPT on a file' },
  { program: 'mke2fs', pkg: 'e2fsprogs', scope: 'lab', why: 'lab images: ext4 from a folder' },
  { program: 'debugfs', pkg: 'e2fsprogs', scope: 'lab', why: 'reading and patching ext4 images' },
  { program: 'unshare', pkg: 'util-linux', scope: 'lab', why: 'lab node sandboxes' },
  { program: 'setpriv', pkg: 'util-linux', scope: 'lab', why: 'lab node sandboxes' },
  { program: 'mount', pkg: 'mount', scope: 'lab', why: 'lab node sandboxes' },
  { program: 'openssl', pkg: 'openssl', scope: 'lab', why: 'password hashes in Armbian images' },
  { program: 'unzip', pkg: 'unzip', scope: 'lab', why: 'kubectl and helm from the npm layer' },
  { program: 'tar', pkg: 'tar', scope: 'lab', why: 'tool installs' },
  {
    program: 'wget',
    pkg: 'wget',
    scope: 'lab',
    why: 'lab Talos nodes: the node-path write Job downloads its image (busybox wget on hardware)'
  },
  { program: 'curl', pkg: 'curl', scope: 'tests', why: 'contract tests against real curl' },
  { program: 'ssh', pkg: 'openssh-client', scope: 'tests', why: 'real ssh against lab nodes' },
  {
    program: 'sshd',
    pkg: 'openssh-server',
    scope: 'tests',
    why: 'contract test of the SSH layer against real sshd',
    paths: ['/usr/sbin/sshd']
  },
  {
    program: 'fio',
    pkg: 'fio',
    scope: 'lab',
    why: 'storage benchmark suite run for real (lab rk1-bench Jobs and the harness tests)'
  },
  {
    program: 'python3',
    pkg: 'python3',
    scope: 'lab',
    why: 'lab rk1-bench Jobs run the benchmark harness (bench-image/harness/rk1_bench.py)'
  },
  { program: 'chromium', pkg: 'chromium', scope: 'tests', why: 'HTML report in headless Chromium' },
  {
    program: 'ip',
    pkg: 'iproute2',
    scope: 'tests',
    why: 'the demo e2e runs in a network namespace that has only loopback'
  }
]

const PREFIX = 'rk1 set-up:'

/** True when `program` is an executable on PATH (or at one of its absolute `paths`). */
function present(requirement, env) {
  const candidates =
    requirement.paths ??
    [...(env.PATH ?? '').split(delimiter).filter(Boolean)].map((dir) =>
      join(dir, requirement.program)
    )
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** The requirements of `scope` ('lab' or 'tests', which includes 'lab') that are missing. */
export function missingRequirements(scope = 'tests', env = process.env) {
  return REQUIREMENTS.filter((r) => (scope === 'tests' || r.scope === 'lab') && !present(r, env))
}

const unique = (items) => [...new Set(items)]
const packagesOf = (missing) => unique(missing.map((r) => r.pkg))
const programList = (missing) => missing.map((r) => `${r.program} (${r.pkg})`).join(', ')

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

function canInstall(env) {
  return isRoot() && present({ program: 'apt-get' }, env)
}

/** "sfdisk (fdisk), sshd (openssh-server); install with: apt-get …" for the given requirements. */
function describeMissing(missing, env) {
  const pkgs = packagesOf(missing).join(' ')
  const sudo = isRoot() ? '' : 'sudo '
  const how = present({ program: 'apt-get' }, env)
    ? `${sudo}apt-get update && ${sudo}apt-get install -y ${pkgs}`
    : `your package manager (Debian/Ubuntu package names: ${pkgs})`
  return `${programList(missing)}; install with: ${how}`
}

/** The one line a user sees when something is missing and this process cannot install it. */
export function missingLine(missing, env = process.env) {
  return `${PREFIX} missing ${describeMissing(missing, env)}`
}

function aptInstall(pkgs, env) {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' }
  const run = (args) =>
    execFileSync('apt-get', args, { env: aptEnv, stdio: ['ignore', 'ignore', 'pipe'] })
  try {
    run(['update', '-qq'])
    run(['install', '-y', '-qq', '--no-install-recommends', ...pkgs])
    return undefined
  } catch (error) {
    const stderr = String(error.stderr ?? error.message)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' / ')
    return stderr
  }
}

/**
 * Makes sure the programs of `scope` are there. Everything the project knows is installed when
 * this process may (root with apt-get), so the first command sets up the tests too; otherwise it
 * only checks. Says what it does through `log` (default: stderr), as it happens; when the result
 * is not ok, the last line logged names what is missing and the caller exits 2 at once.
 * @param {import('./system-packages.d.mts').EnsureOptions} [options]
 * @returns {import('./system-packages.d.mts').EnsureResult}
 */
export function ensureSystem(options = {}) {
  const scope = options.scope ?? 'tests'
  const env = options.env ?? process.env
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`))
  const missingAll = missingRequirements('tests', env)
  if (missingAll.length === 0) return { ok: true, installed: [] }
  let installed = []
  if (canInstall(env) && options.install !== false) {
    const pkgs = packagesOf(missingAll)
    log(
      `${PREFIX} installing ${pkgs.join(' ')} with apt-get (missing: ${missingAll.map((r) => r.program).join(', ')})`
    )
    const started = Date.now()
    const failure = aptInstall(pkgs, env)
    const seconds = Math.round((Date.now() - started) / 1000)
    if (failure) log(`${PREFIX} apt-get install failed: ${failure}`)
    else {
      installed = pkgs
      log(`${PREFIX} installed ${pkgs.join(' ')} in ${seconds} s`)
    }
  }
  const stillMissing = missingRequirements(scope, env)
  if (stillMissing.length > 0) {
    log(missingLine(stillMissing, env))
    return { ok: false, installed }
  }
  const forTests = missingRequirements('tests', env)
  if (forTests.length > 0)
    log(`${PREFIX} note: npm test also needs ${describeMissing(forTests, env)}`)
  return { ok: true, installed }
}
