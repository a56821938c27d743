// What each node's model fetch gets, decided once per run (src/bench/models.ts): unpinned or
// sourceless models fail their workloads on hardware and are left alone in the lab; local files
// are checked on the runner and served by it; the fetcher's lines become reasons; the Jobs carry
// the cache and the refused files.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fetchJobManifest, harnessCommand } from '../../src/bench/manifest'
import {
  modelsForSuites,
  parseModelLines,
  prepareModels,
  problemOf,
  type ModelPlan
} from '../../src/bench/models'
import type { Suite } from '../../src/bench/contract'
import type { Logger } from '../../src/common/host'
import { catalogueEntry } from '../../src/inventory'
import { labInventory } from '../helpers/workloads-inventory'

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
const log: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  group: (_t, fn) => fn()
}
const plans: ModelPlan[] = []
afterEach(async () => {
  for (const p of plans.splice(0)) await p.close()
})

async function plan(
  extra: string,
  simulated: boolean,
  suites: readonly Suite[] = ['npu', 'cpu', 'llm']
) {
  const p = await prepareModels({
    inventory: labInventory(extra),
    suites,
    distro: 'k3s',
    simulated,
    log
  })
  plans.push(p)
  return p
}

describe('modelsForSuites', () => {
  it('npu takes the .rknn files, cpu the .onnx, llm the .rkllm and .gguf, storage none (K3s)', () => {
    const files = (suites: Suite[], distro: 'k3s' | 'talos' = 'k3s') =>
      modelsForSuites(suites, distro).map((m) => m.file)
    expect(files(['npu'])).toEqual(['resnet50.rknn', 'yolov5s.rknn'])
    expect(files(['cpu'])).toEqual(['resnet50-v2-7.onnx', 'yolov5s.onnx'])
    expect(files(['llm'])).toEqual([
      'tinyllama-1.1b-w8a8.rkllm',
      'tinyllama-1.1b-chat-v1.0.Q8_0.gguf'
    ])
    expect(files(['storage'])).toEqual([])
    // Talos has no rknpu: no RKNN or RKLLM file is needed there, only Teflon's TFLite one.
    expect(files(['npu', 'llm'], 'talos')).toEqual([
      'tinyllama-1.1b-chat-v1.0.Q8_0.gguf',
      'mobilenet_v1_1.0_224_quant.tflite'
    ])
  })
})

describe('prepareModels', () => {
  it('hardware, defaults only: sourceless models fail with the advice, published ones are fetched unpinned', async () => {
    const p = await plan('', false)
    expect([...p.problems.keys()].sort()).toEqual([
      'resnet50.rknn',
      'tinyllama-1.1b-w8a8.rkllm',
      'yolov5s.onnx'
    ])
    expect(p.problems.get('resnet50.rknn')).toMatch(
      /^model resnet50\.rknn has no source: no prebuilt RK3588 ResNet-50.*Set benchmark\.models\.resnet50\.rknn \{ source, sha256 \}/
    )
    expect(p.fetch).toEqual([
      expect.objectContaining({ file: 'resnet50-v2-7.onnx', sha256: null }),
      expect.objectContaining({ file: 'yolov5s.rknn', sha256: null }),
      expect.objectContaining({ file: 'tinyllama-1.1b-chat-v1.0.Q8_0.gguf', sha256: null })
    ])
    expect(p.fetch[0]?.url).toBe(catalogueEntry('resnet50', 'onnx')?.defaultSource)
  })

  it('the lab leaves the defaults and every non-loopback URL alone, and fetches loopback ones', async () => {
    const s = 'a'.repeat(64)
    const p = await plan(
      'benchmark:\n  models:\n    resnet50:\n' +
        `      onnx: { source: 'https://example.org/r.onnx', sha256: ${s} }\n` +
        `      rknn: { source: 'http://127.0.0.1:9/r.rknn', sha256: ${s} }\n`,
      true
    )
    expect(p.problems.size).toBe(0)
    expect(p.fetch).toEqual([
      {
        file: 'resnet50.rknn',
        url: 'http://127.0.0.1:9/r.rknn',
        sha256: s,
        source: 'http://127.0.0.1:9/r.rknn'
      }
    ])
  })

  it('a local file is checked on the runner: a mismatch is refused without serving it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rk1-models-'))
    const file = path.join(dir, 'y.rknn')
    const body = randomBytes(1000)
    writeFileSync(file, body)
    const p = await plan(
      `benchmark:\n  models:\n    yolov5s:\n      rknn: { source: '${file}', sha256: ${'b'.repeat(64)} }\n`,
      false,
      ['npu']
    )
    expect(p.fetch.map((f) => f.file)).toEqual([])
    expect(p.problems.get('yolov5s.rknn')).toBe(
      `model yolov5s.rknn failed its sha256 check on the runner: expected ${'b'.repeat(64)}, got ` +
        `${sha(body)} (source ${file}); nothing was sent and nothing of this workload ran`
    )
  })

  it('a checked local file is served to the nodes by the runner, byte for byte', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rk1-models-'))
    const file = path.join(dir, 'y.rknn')
    const body = randomBytes(5000)
    writeFileSync(file, body)
    const p = await plan(
      `benchmark:\n  models:\n    yolov5s:\n      rknn: { source: '${file}', sha256: ${sha(body)} }\n`,
      false,
      ['npu']
    )
    const item = p.fetch.find((f) => f.file === 'yolov5s.rknn')
    expect(item).toMatchObject({ sha256: sha(body), source: file })
    expect(item?.url).toMatch(/^http:\/\/127\.\d+\.\d+\.\d+:\d+\/[0-9a-f]{32}\/image$/)
    const got = Buffer.from(await (await fetch(item!.url)).arrayBuffer())
    expect(got.equals(body)).toBe(true)
  })
})

describe('the fetcher lines', () => {
  const m = catalogueEntry('yolov5s', 'onnx')
  it('become reasons with expected, actual and source; usable ones none', () => {
    const log =
      'rk1-models: x\n' +
      'RK1-MODEL {"type":"model","file":"a.onnx","status":"cached","sha256":"1"}\n' +
      'RK1-MODEL {"type":"model","file":"yolov5s.onnx","status":"unpinned","actual":"abc"}\n' +
      'RK1-MODEL {"type":"model","file":"c.onnx","status":"mism\n' +
      'RK1-MODEL {"type":"models-done"}\n'
    const { lines, done } = parseModelLines(log)
    expect(done).toBe(true)
    expect(lines.map((l) => l.file)).toEqual(['a.onnx', 'yolov5s.onnx'])
    expect(problemOf(lines[0]!, m)).toBeUndefined()
    expect(problemOf({ ...lines[1]!, source: 'https://x/y.onnx' }, m)).toBe(
      'model yolov5s.onnx is not pinned: https://x/y.onnx has sha256 abc; check the file and pin it ' +
        'as benchmark.models.yolov5s.onnx.sha256 in the inventory; nothing of this workload ran'
    )
    expect(
      problemOf(
        { type: 'model', file: 'f', status: 'mismatch', expected: 'e1', actual: 'a1', source: 's' },
        m
      )
    ).toMatch(/^model f failed its sha256 check: expected e1, got a1 \(source s\)/)
    expect(
      problemOf(
        { type: 'model', file: 'f', status: 'error', reason: 'HTTP Error 404', source: 's' },
        m
      )
    ).toBe('model f could not be fetched from s: HTTP Error 404; nothing of this workload ran')
  })
})

describe('the Jobs', () => {
  it('the fetch Job: unprivileged, the cache its only host path, the spec as given', () => {
    const j = fetchJobManifest({
      node: 'lab-w1',
      image: 'r/rk1-bench@sha256:' + 'c'.repeat(64),
      spec: '[]',
      timeoutS: 1800,
      runLabel: 'r1'
    }) as { metadata: { name: string }; spec: { template: { spec: Record<string, unknown> } } }
    expect(j.metadata.name).toBe('rk1-bench-models-lab-w1')
    const pod = j.spec.template.spec as {
      nodeName: string
      volumes: unknown[]
      containers: { command: string[]; securityContext: { privileged: boolean } }[]
    }
    expect(pod.nodeName).toBe('lab-w1')
    expect(pod.volumes).toEqual([
      { name: 'models', hostPath: { path: '/var/lib/rk1-bench/models', type: 'DirectoryOrCreate' } }
    ])
    expect(pod.containers[0]?.securityContext.privileged).toBe(false)
    expect(pod.containers[0]?.command).toEqual([
      'python3',
      '/opt/rk1-bench/rk1_models.py',
      '--cache',
      '/rk1-models',
      '--spec',
      '[]'
    ])
  })

  it('a suite Job names each refused model file for the harness', () => {
    const cmd = harnessCommand({
      suite: 'cpu',
      node: 'n',
      distro: 'k3s',
      image: 'i',
      mode: 'quick',
      cooldownS: 0,
      timeoutS: 60,
      runLabel: 'r',
      hasNvme: true,
      modelProblems: new Map([['yolov5s.onnx', 'model yolov5s.onnx failed its sha256 check']])
    })
    expect(cmd.slice(-2)).toEqual([
      '--model-problem',
      'yolov5s.onnx=model yolov5s.onnx failed its sha256 check'
    ])
  })
})
