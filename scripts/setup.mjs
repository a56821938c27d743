#!/usr/bin/env node
// The set-up script: installs (as root, with apt-get) the system packages listed in
// scripts/system-packages.mjs, or names what is missing in one line and exits 2.
import { ensureSystem } from './system-packages.mjs'

const argv = process.argv.slice(2)
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(
    'Usage: node scripts/setup.mjs [--check] [--for=lab]\n' +
      'Installs (as root, with apt-get) the system programs the project needs, or names them in\n' +
      'one line and exits 2. --check: never install. --for=lab: only what the lab and demo need.\n'
  )
} else {
  const result = ensureSystem({
    scope: argv.includes('--for=lab') ? 'lab' : 'tests',
    install: !argv.includes('--check')
  })
  process.exitCode = result.ok ? 0 : 2
}
