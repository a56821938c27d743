// End to end through the BUILT CLI against a lab Kubernetes API (real kubectl, the repository's
// harness and model fetcher in the rk1-bench pods, SIMULATED engines): the benchmark image comes
// from the inventory's versions.benchmarkImage when the input is empty; the models come from the
// inventory (a loopback HTTP server of this test, and a local file the runner serves), are
// checked by SHA-256 into each node's cache once, and a mismatch fails only its own workloads.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import type { KubeApiEmulator } from '../../src/lab/kube/index'
import { startBenchCluster } from '../helpers/bench-cluster'
import { repoRoot, runCli } from '../helpers/action-runner'
import { labInventoryText } from '../helpers/workloads-inventory'

const NET = 7
const PINNED = 'ghcr.io/example/repo/rk1-bench@sha256:' + 'f'.repeat(64)

let emu: KubeApiEmulator
let dir: string
let models: Server
let modelsBase: string
/** GET requests per path the test's model server answered. */
const gets = new Map<string, number>()
const files = new Map<string, Buffer>()
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

const env = (extra: Record<string, string> = {}) => ({
  PATH: `${path.join(repoRoot, '.tools/bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  RK1_CACHE_DIR: path.join(dir, 'cache'),
  RK1_ARTIFACTS_DIR: path.join(dir, 'artifacts'),
  ...extra
})

function inventory(name: string, extra = ''): string {
  const file = path.join(dir, name)
  writeFileSync(file, labInventoryText(extra, NET))
  return file
}

function args(file: string, extra: string[]): string[] {
  return [
    'npu-benchmark',
    '--inventory',
    file,
    '--distro',
    'k3s',
    '--kubeconfig-path',
    path.join(dir, 'kubeconfig'),
    '--cooldown',
    '0',
    '--timeout',
    '60',
    ...extra
  ]
}

interface Result {
  simulated: boolean
  records: { node: string; workload: string; variant: string; status: string; reason?: string }[]
}

beforeAll(async () => {
  ;({ emu, dir } = await startBenchCluster('rk1-bench-models-e2e-', { jobSandbox: true }))
  for (const name of ['resnet50-v2-7.onnx', 'yolov5s.onnx']) files.set(name, randomBytes(300_000))
  models = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1)
    gets.set(name, (gets.get(name) ?? 0) + 1)
    const body = files.get(name)
    if (!body) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-length': String(body.length) }).end(body)
  })
  await new Promise<void>((done) => models.listen(0, '127.0.0.1', done))
  const address = models.address()
  modelsBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}, 30_000)

afterAll(async () => {
  await new Promise<void>((done) => models.close(() => done()))
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('npu-benchmark: the image from the inventory', () => {
  test('no input: the Jobs run versions.benchmarkImage (the lab runs the harness only for rk1-bench images)', async () => {
    const file = inventory('pinned.yaml', `versions:\n  benchmarkImage: '${PINNED}'\n`)
    const out = path.join(dir, 'out-pinned.json')
    const r = await runCli(
      args(file, ['--suites', 'cpu', '--nodes', 'lab-w1', '--output-file', out]),
      { env: env({ RK1_RUN_ID: 'pinned' }), cwd: dir, timeoutMs: 120_000 }
    )
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain(
      `Benchmark image ${PINNED} (the inventory's versions.benchmarkImage)`
    )
    expect(r.stdout).not.toMatch(/not pinned by digest/)
    const result = JSON.parse(
      (JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>).result ?? ''
    ) as Result
    expect(result.simulated).toBe(true)
    expect(result.records.length).toBe(6)
    expect(result.records.every((x) => x.node === 'lab-w1' && x.status === 'ok')).toBe(true)
  }, 150_000)

  test('the input overrides it (a tag: warned); neither: refused before anything runs, with the advice', async () => {
    const pinned = inventory('pinned-plan.yaml', `versions:\n  benchmarkImage: '${PINNED}'\n`)
    const plan = await runCli(
      args(pinned, ['--dry-run', 'true', '--benchmark-image', 'rk1-bench:lab', '--suites', 'npu']),
      { env: env(), cwd: dir }
    )
    expect(plan.exitCode).toBe(0)
    expect(plan.stdout).toContain('"image": "rk1-bench:lab"')
    expect(plan.stdout).toContain('The benchmark image rk1-bench:lab is not pinned by digest')
    // The plan shows what a run would fetch and what is still to pin.
    expect(plan.stdout).toContain('UNPINNED: set benchmark.models.yolov5s.rknn.sha256')
    expect(plan.stdout).toContain(
      'no source: set benchmark.models.resnet50.rknn { source, sha256 }'
    )
    const none = await runCli(args(inventory('none.yaml'), ['--dry-run', 'true']), {
      env: env(),
      cwd: dir
    })
    expect(none.exitCode).not.toBe(0)
    expect(none.stdout + none.stderr).toMatch(
      /--benchmark-image: no benchmark image: set versions\.benchmarkImage in the inventory/
    )
  })
})

describe('npu-benchmark: models from the inventory, checked into the node cache', () => {
  const rknn = randomBytes(200_000)
  let first: { exitCode: number | null; stdout: string; stderr: string }
  let second: { exitCode: number | null; stdout: string; stderr: string }
  let results: (name: string) => Result

  beforeAll(async () => {
    const local = path.join(dir, 'local-models', 'resnet50.rknn')
    mkdirSync(path.dirname(local), { recursive: true })
    writeFileSync(local, rknn)
    const wrong = sha(Buffer.from('not the file the server has'))
    const file = inventory(
      'models.yaml',
      `versions:\n  benchmarkImage: '${PINNED}'\n` +
        'benchmark:\n  models:\n' +
        '    resnet50:\n' +
        `      onnx: { source: '${modelsBase}/resnet50-v2-7.onnx', sha256: ${sha(files.get('resnet50-v2-7.onnx')!)} }\n` +
        `      rknn: { source: ./local-models/resnet50.rknn, sha256: ${sha(rknn)} }\n` +
        '    yolov5s:\n' +
        `      onnx: { source: '${modelsBase}/yolov5s.onnx', sha256: ${wrong} }\n`
    )
    const run = (id: string) =>
      runCli(
        args(file, [
          '--suites',
          'npu,cpu',
          '--nodes',
          'lab-w2',
          '--results-dir',
          path.join(dir, `results-${id}`),
          '--output-file',
          path.join(dir, `out-${id}.json`)
        ]),
        { env: env({ RK1_RUN_ID: id }), cwd: dir, timeoutMs: 200_000 }
      )
    results = (id) =>
      JSON.parse(
        (
          JSON.parse(readFileSync(path.join(dir, `out-${id}.json`), 'utf8')) as Record<
            string,
            string
          >
        ).result ?? ''
      ) as Result
    first = await run('models-1')
    second = await run('models-2')
  }, 420_000)

  test('first run: each model fetched once into the node cache, checked, the local file served by the runner', () => {
    // The mismatch fails the step (below), on stderr; nothing else is there.
    expect(first.stderr).toMatch(/^rk1 npu-benchmark failed: 1 node\(s\) failed: lab-w2;/)
    expect(first.stdout).toContain('lab-w2: resnet50-v2-7.onnx fetched and checked')
    expect(first.stdout).toContain('lab-w2: resnet50.rknn fetched and checked')
    expect(first.stdout).toMatch(
      /Serving the inventory's local model files to the nodes from 127\./
    )
    const cache = path.join(dir, 'jobs', 'bench-nodes', 'lab-w2', 'models')
    expect(readFileSync(path.join(cache, 'resnet50.rknn')).equals(rknn)).toBe(true)
    expect(sha(readFileSync(path.join(cache, 'resnet50-v2-7.onnx')))).toBe(
      sha(files.get('resnet50-v2-7.onnx')!)
    )
    // The mismatching download was deleted: nothing unchecked is left for a benchmark Job.
    expect(existsSync(path.join(cache, 'yolov5s.onnx'))).toBe(false)
    // The records say which file ran.
    const record = JSON.parse(
      readFileSync(
        path.join(dir, 'results-models-1', 'records', 'lab-w2', 'resnet50--cpu-ort-4t.json'),
        'utf8'
      )
    ) as { workload: { model: { sha256?: string; source_url?: string } } }
    expect(record.workload.model.sha256).toBe(sha(files.get('resnet50-v2-7.onnx')!))
    expect(record.workload.model.source_url).toBe(`${modelsBase}/resnet50-v2-7.onnx`)
  })

  test("a checksum mismatch fails only that model's workloads, with expected, actual and source; the others run", () => {
    const result = results('models-1')
    const yolo = result.records.filter(
      (r) => r.workload === 'yolov5s' && r.variant.startsWith('cpu-')
    )
    expect(yolo.map((r) => r.status)).toEqual(['failed', 'failed', 'failed'])
    const actual = sha(files.get('yolov5s.onnx')!)
    for (const r of yolo) {
      expect(r.reason).toContain('model yolov5s.onnx failed its sha256 check: expected ')
      expect(r.reason).toContain(`got ${actual} (source ${modelsBase}/yolov5s.onnx)`)
      expect(r.reason).toContain('nothing of this workload ran')
    }
    const others = result.records.filter(
      (r) => !(r.workload === 'yolov5s' && r.variant.startsWith('cpu-'))
    )
    expect(others.length).toBeGreaterThan(6)
    expect(others.every((r) => r.status === 'ok')).toBe(true)
    // A model that cannot be run fails the step too, after every record was written.
    expect(first.exitCode).toBe(1)
    expect(first.stderr).toContain('lab-w2: model yolov5s.onnx failed its sha256 check')
  })

  test('second run: the cached, checked models are not fetched again; the bad one is tried again', () => {
    expect(second.exitCode).toBe(1)
    expect(second.stdout).toContain('lab-w2: resnet50-v2-7.onnx cached, sha256 checked')
    expect(second.stdout).toContain('lab-w2: resnet50.rknn cached, sha256 checked')
    expect(gets.get('resnet50-v2-7.onnx')).toBe(1)
    expect(gets.get('yolov5s.onnx')).toBe(2)
    const again = results('models-2').records.filter(
      (r) => r.workload === 'yolov5s' && r.variant === 'cpu-ort-4t'
    )
    expect(again.map((r) => r.status)).toEqual(['failed'])
    expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
  })

  test('an image the nodes cannot pull stops at the fetch Job: no suite is tried, one error', async () => {
    const missing = 'ghcr.io/example/repo/rk1-bench@sha256:' + '9'.repeat(64)
    emu.faults.missingImages = [missing]
    const r = await runCli(
      args(path.join(dir, 'models.yaml'), [
        '--benchmark-image',
        missing,
        '--suites',
        'npu,cpu',
        '--nodes',
        'lab-w2',
        '--results-dir',
        path.join(dir, 'results-pull'),
        '--output-file',
        path.join(dir, 'out-pull.json')
      ]),
      { env: env({ RK1_RUN_ID: 'pull' }), cwd: dir, timeoutMs: 120_000 }
    )
    emu.faults.missingImages = []
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain(
      `The benchmark image ${missing} could not be pulled on 1 node(s): lab-w2`
    )
    expect(r.stdout).not.toContain('lab-w2: npu suite (Job')
    const records = results('pull').records
    expect(records.map((x) => [x.variant, x.status])).toEqual([
      ['npu-suite', 'failed'],
      ['cpu-suite', 'failed']
    ])
    for (const x of records)
      expect(x.reason).toMatch(
        new RegExp(
          `^not run: the benchmark image .* could not be pulled on lab-w2 \\(model fetch\\): ErrImagePull`
        )
      )
    expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
  }, 150_000)
})
