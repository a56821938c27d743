// The inventory's npu-benchmark parts: `benchmark.models` (source + sha256 per model and format,
// nothing pinned by default) and `versions.benchmarkImage` (pinned by digest, no default).
import { describe, expect, it } from '@jest/globals'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { InputError } from '../../src/common/errors'
import {
  BENCH_MODEL_CATALOGUE,
  DEFAULT_VERSIONS,
  inventoryJsonSchema,
  parseInventory
} from '../../src/inventory'

const ROOT = join(import.meta.dirname, '../..')
const MINIMAL = readFileSync(join(ROOT, 'test/fixtures/inventories/minimal.yaml'), 'utf8')
const FILE = '/srv/cluster/cluster.yaml'
const SHA = 'AB'.repeat(32)
const IMAGE = `ghcr.io/owner/repo/rk1-bench@sha256:${'c'.repeat(64)}`

function problems(text: string): { path: string; message: string }[] {
  try {
    parseInventory(text, FILE)
  } catch (e) {
    if (e instanceof InputError)
      return e.problems.map((p) => ({ path: p.path, message: p.message }))
    throw e
  }
  throw new Error('expected an InputError')
}

const withBenchmark = (yaml: string): string => `${MINIMAL}benchmark:\n${yaml}`

describe('inventory benchmark.models', () => {
  it('is empty when the file says nothing: no model is pinned by default', () => {
    const { inventory } = parseInventory(MINIMAL, FILE)
    expect(inventory.benchmark).toEqual({ models: {} })
  })

  it('keeps URL and local-path sources, lowercases the sha256, resolves paths against the file', () => {
    const { inventory } = parseInventory(
      withBenchmark(
        `  models:\n` +
          `    resnet50:\n` +
          `      rknn: { source: models/resnet50.rknn, sha256: ${SHA} }\n` +
          `      onnx: { source: 'https://example.org/m/resnet50-v2-7.onnx', sha256: ${SHA} }\n` +
          `    tinyllama-1.1b:\n` +
          `      rkllm: { source: /data/tinyllama.rkllm, sha256: ${SHA} }\n`
      ),
      FILE
    )
    expect(inventory.benchmark.models).toEqual({
      resnet50: {
        rknn: {
          source: '/srv/cluster/models/resnet50.rknn',
          kind: 'file',
          sha256: 'ab'.repeat(32)
        },
        onnx: {
          source: 'https://example.org/m/resnet50-v2-7.onnx',
          kind: 'url',
          sha256: 'ab'.repeat(32)
        }
      },
      'tinyllama-1.1b': {
        rkllm: { source: '/data/tinyllama.rkllm', kind: 'file', sha256: 'ab'.repeat(32) }
      }
    })
  })

  it('refuses a model without its sha256, naming where', () => {
    const found = problems(
      withBenchmark(
        `  models:\n    yolov5s:\n      onnx: { source: 'https://example.org/y.onnx' }\n`
      )
    )
    expect(found).toEqual([
      { path: 'benchmark.models.yolov5s.onnx.sha256', message: 'is required' }
    ])
  })

  it('refuses plain http off loopback, other schemes, a path of the wrong kind, and unknown models', () => {
    const found = problems(
      withBenchmark(
        `  models:\n` +
          `    resnet50:\n` +
          `      onnx: { source: 'http://models.example.org/r.onnx', sha256: ${SHA} }\n` +
          `      rknn: { source: ./resnet50.onnx, sha256: ${SHA} }\n` +
          `    yolov5s:\n` +
          `      rknn: { source: 'ftp://example.org/y.rknn', sha256: ${SHA} }\n` +
          `      rkllm: { source: ./y.rkllm, sha256: ${SHA} }\n` +
          `    mobilenet:\n` +
          `      rknn: { source: ./m.rknn, sha256: ${SHA} }\n`
      )
    )
    const at = (path: string) => found.filter((p) => p.path === path).map((p) => p.message)
    expect(at('benchmark.models.resnet50.onnx.source')).toEqual([
      expect.stringMatching(/plain http.*swap the model.*127\.0\.0\.0\/8/)
    ])
    expect(at('benchmark.models.resnet50.rknn.source')).toEqual([
      'must be a .rknn file or an https URL'
    ])
    expect(at('benchmark.models.yolov5s.rknn.source')).toEqual([expect.stringMatching(/ftp/)])
    expect(found.some((p) => /rkllm/.test(p.path + p.message))).toBe(true)
    expect(found.some((p) => /mobilenet/.test(p.path + p.message))).toBe(true)
  })

  it('allows http to 127.0.0.0/8 (the lab serves its test models there)', () => {
    const { inventory } = parseInventory(
      withBenchmark(
        `  models:\n    yolov5s:\n      rknn: { source: 'http://127.0.0.1:8080/y.rknn', sha256: ${SHA} }\n`
      ),
      FILE
    )
    expect(inventory.benchmark.models.yolov5s?.rknn?.kind).toBe('url')
  })

  it('the published schema documents every catalogue entry, its default and that it is unpinned', () => {
    const published = JSON.parse(
      readFileSync(join(ROOT, 'schema/cluster.schema.json'), 'utf8')
    ) as {
      properties: {
        benchmark: {
          properties: {
            models: {
              properties: Record<string, { properties: Record<string, { description: string }> }>
            }
          }
        }
      }
    }
    const models = published.properties.benchmark.properties.models.properties
    for (const m of BENCH_MODEL_CATALOGUE) {
      const description = models[m.id]?.properties[m.format]?.description ?? ''
      expect(description).toContain(m.file)
      if (m.defaultSource) expect(description).toContain(`${m.defaultSource}, UNPINNED`)
      else expect(description).toContain('Left out: none')
    }
    // Editors get an empty default section, the loader gives the same.
    const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true })
    addFormats(ajv)
    const doc = parse(MINIMAL) as Record<string, unknown>
    expect(ajv.compile(inventoryJsonSchema)(doc)).toBe(true)
    expect(doc.benchmark).toEqual({ models: {} })
  })
})

describe('inventory versions.benchmarkImage', () => {
  it('has no toolkit default (no image is published) and takes a digest-pinned reference', () => {
    expect(DEFAULT_VERSIONS.benchmarkImage).toBeUndefined()
    expect(parseInventory(MINIMAL, FILE).inventory.versions.benchmarkImage).toBeUndefined()
    const text = `${MINIMAL}versions:\n  benchmarkImage: '${IMAGE}'\n`
    expect(parseInventory(text, FILE).inventory.versions.benchmarkImage).toBe(IMAGE)
    const tagged = `${MINIMAL}versions:\n  benchmarkImage: 'ghcr.io/o/r/rk1-bench:v1@sha256:${'d'.repeat(64)}'\n`
    expect(parseInventory(tagged, FILE).inventory.versions.benchmarkImage).toMatch(/:v1@sha256:/)
  })

  it.each([
    'ghcr.io/owner/repo/rk1-bench:latest',
    'ghcr.io/owner/rk1-bench',
    `rk1-bench@sha256:${'c'.repeat(63)}`
  ])('refuses %s: the inventory is the pin', (ref) => {
    expect(problems(`${MINIMAL}versions:\n  benchmarkImage: '${ref}'\n`)).toEqual([
      expect.objectContaining({
        path: 'versions.benchmarkImage',
        message: expect.stringMatching(/pinned by digest/)
      })
    ])
  })
})
