// The benchmark image's pins (bench-image/Dockerfile) and what the harness says it runs: a
// simulated record names the image's versions, so the two must not drift apart; sources built in
// the image are pinned by content (full commit id, sha256), never by a name alone.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const dockerfile = readFileSync(path.resolve('bench-image/Dockerfile'), 'utf8')
const harness = readFileSync(path.resolve('bench-image/harness/rk1_bench.py'), 'utf8')

/** Every `ARG NAME=value` of the Dockerfile (all stages; a name set twice must agree). */
function args(): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of dockerfile.matchAll(/^ARG ([A-Z0-9_]+)=(.*)$/gm)) {
    const [, name, value] = m
    const v = value!.replace(/^"|"$/g, '')
    if (out.has(name!)) expect({ [name!]: v }).toEqual({ [name!]: out.get(name!) })
    out.set(name!, v)
  }
  return out
}

const constant = (name: string) => harness.match(new RegExp(`^${name} = "([^"]+)"$`, 'm'))?.[1]

describe('bench-image pins', () => {
  const a = args()

  test('built sources are pinned by content', () => {
    expect(a.get('LLAMA_CPP_COMMIT')).toMatch(/^[0-9a-f]{40}$/)
    expect(a.get('MESA_SHA256')).toMatch(/^[0-9a-f]{64}$/)
    expect(a.get('MESON_SHA256')).toMatch(/^[0-9a-f]{64}$/)
    expect(dockerfile).toContain('sha256sum -c -')
    expect(dockerfile).toContain('--require-hashes')
    expect(dockerfile).toMatch(/rev-parse HEAD\)"; \\\n\s+if \[ "\$got" != "\$LLAMA_CPP_COMMIT" \]/)
  })

  test('the harness names the versions the image installs', () => {
    expect(constant('RKNN_RELEASE')).toBe(a.get('RKNN_RELEASE'))
    expect(constant('RKLLM_RELEASE')).toBe(a.get('RKLLM_RELEASE'))
    expect(constant('LLAMA_CPP_RELEASE')).toBe(a.get('LLAMA_CPP_TAG'))
    expect(constant('MESA_RELEASE')).toBe(a.get('MESA_VERSION'))
    expect(constant('LITERT_RELEASE')).toBe(a.get('LITERT_VERSION'))
  })

  test('the image has every module of the harness and points it at what it installed', () => {
    expect(dockerfile).toMatch(/^COPY harness\/\*\.py \/opt\/rk1-bench\/$/m)
    for (const m of harness.matchAll(/^(?:import (rk1_\w+)|from (rk1_\w+) import)/gm)) {
      const mod = m[1] ?? m[2]
      expect(readFileSync(path.resolve(`bench-image/harness/${mod}.py`), 'utf8')).toBeTruthy()
    }
    expect(dockerfile).toContain('RK1_BENCH_TEFLON=/usr/lib/teflon/libteflon.so')
    expect(constant('TEFLON_DELEGATE')).toBe('/usr/lib/teflon/libteflon.so')
    expect(dockerfile).toContain(
      'COPY --from=llama-cpp /out/llama-bench /usr/local/bin/llama-bench'
    )
  })
})
