// The lab's talosctl (bundled to dist/lab-talosctl.mjs; the lab's bin/talosctl wrapper execs it).
import { main } from '../lab/talos/talosctl/main'

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd()
})
process.exitCode = code
