/**
 * The import graph's rules (run by `npm run lint` and test/unit/import-graph.test.ts):
 * no import cycle of any kind (type-only and dynamic imports count: they still tie two modules
 * into one), and no product code reaching into the virtual lab, except the lab's own command
 * entries (`rk1 lab`/`rk1 demo` and the lab's talosctl), and no distro or node-access code
 * importing the BMC layer (issue 9: its TCP probe was the only distro → bmc arrow).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles: move the shared part into its own module.',
      from: {},
      to: { circular: true }
    },
    {
      name: 'no-lab-in-product',
      severity: 'error',
      comment: 'Product code must run on hardware without the lab; only the lab entries import it.',
      from: {
        path: '^src/',
        pathNot: ['^src/lab/', '^src/cli/lab-command\\.ts$', '^src/entry/lab-talosctl\\.ts$']
      },
      to: { path: '^src/lab/' }
    },
    {
      name: 'no-bmc-in-distro',
      severity: 'error',
      comment:
        'The distro and node-access layers reach nodes over the network, never through the BMC; shared probes live in src/common.',
      from: { path: '^src/(distro|node-access)/' },
      to: { path: '^src/bmc/' }
    }
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' }
  }
}
