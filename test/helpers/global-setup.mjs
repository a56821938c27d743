// jest globalSetup: before the first test starts, the system programs the tests need are there
// (installed as root with apt-get) or named in one line, and the run stops with exit code 2,
// instead of dozens of tests failing with `spawn sfdisk ENOENT`.
import { ensureSystem } from '../../scripts/system-packages.mjs'

export default function globalSetup() {
  if (!ensureSystem({ scope: 'tests' }).ok) process.exit(2)
}
