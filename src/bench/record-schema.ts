/**
 * The published JSON Schema of a run record (`schema/run-record.schema.json`, written from this
 * file by `node scripts/gen-schema.mjs`). Version 1: fields may be added (readers ignore what they
 * do not know), never renamed or retyped without a new schema_version.
 */

const text = { type: 'string', minLength: 1 } as const
const optionalText = { type: 'string' } as const

const metric = {
  type: 'object',
  properties: {
    unit: optionalText,
    direction: { enum: ['lower', 'higher'] }
  },
  // Every other field of a metric is a statistic: n, mean, stddev, cv, min, p50…p99, max, value.
  additionalProperties: { type: ['number', 'null'] }
} as const

export const runRecordJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'rk1-bench run record',
  description:
    'One benchmark execution of one workload variant on one node (specs/bench.md §8), as written by npu-benchmark and read by report.',
  type: 'object',
  required: [
    'schema',
    'schema_version',
    'run_id',
    'started_at',
    'cluster',
    'node',
    'workload',
    'status',
    'metrics'
  ],
  properties: {
    schema: { const: 'rk1-bench/run' },
    schema_version: { const: 1 },
    run_id: text,
    suite_id: text,
    started_at: { type: 'string', format: 'date-time' },
    finished_at: { type: 'string', format: 'date-time' },
    simulated: { type: 'boolean', description: 'Made in the virtual lab: never a real figure.' },
    harness_version: optionalText,
    source: {
      type: 'object',
      properties: {
        repo: optionalText,
        commit: optionalText,
        ref: optionalText,
        workflow: optionalText,
        trigger: optionalText
      }
    },
    cluster: {
      type: 'object',
      required: ['distro', 'cluster_id'],
      properties: {
        distro: { type: 'string', pattern: '^(talos|k3s.*)$' },
        distro_version: optionalText,
        kubernetes_version: optionalText,
        container_runtime: optionalText,
        cluster_id: text,
        simulated: { type: 'boolean' }
      }
    },
    node: {
      type: 'object',
      required: ['name'],
      properties: {
        name: text,
        slot: { type: 'integer', minimum: 1, maximum: 4 },
        kernel: optionalText,
        ram_mb: { type: ['integer', 'null'] },
        npu: {
          type: 'object',
          properties: {
            driver: { type: ['string', 'null'] },
            driver_version: { type: ['string', 'null'] },
            device_nodes: { type: 'array', items: { type: 'string' } }
          }
        },
        storage: { type: 'object' },
        cpu: {
          type: 'object',
          properties: { policies: { type: 'array', items: { type: 'object' } } }
        }
      }
    },
    workload: {
      type: 'object',
      required: ['id', 'variant'],
      properties: {
        id: text,
        variant: text,
        engine: optionalText,
        engine_version: optionalText,
        runtime_lib_version: optionalText,
        model: { type: 'object' },
        params: { type: 'object' }
      }
    },
    method: {
      type: 'object',
      properties: {
        clock_mode: optionalText,
        // bench.md §6: the NPU's own run time (RKNN_QUERY_PERF_RUN), or the caller's clock around
        // the whole inference (optionally with post-processing). Each scope is its own record.
        timing_scope: { enum: ['run_only', 'end_to_end', 'end_to_end_post'] },
        timer: optionalText,
        warmup: { type: 'integer', minimum: 0 },
        iterations: { type: 'integer', minimum: 0 },
        mode: { enum: ['quick', 'full'] }
      }
    },
    status: { enum: ['ok', 'skipped', 'failed', 'degraded'] },
    reason: optionalText,
    evidence: optionalText,
    metrics: { type: 'object', additionalProperties: metric },
    telemetry: {
      type: 'object',
      properties: {
        throttled: { type: 'boolean' },
        throttle_evidence: { type: 'array', items: { type: 'string' } },
        max_temp_c: {
          anyOf: [{ type: 'number' }, { type: 'object', additionalProperties: { type: 'number' } }]
        }
      }
    },
    references: {
      type: 'array',
      items: {
        type: 'object',
        required: ['metric', 'value', 'source'],
        properties: {
          metric: text,
          value: { type: 'number' },
          unit: optionalText,
          source: text,
          conditions: optionalText
        }
      }
    },
    note: optionalText,
    speedup: {
      type: 'object',
      description:
        'This row over the CPU row of the same model (p50 against p50, above 1 when this row is faster), with the basis of the comparison.',
      required: ['baseline', 'basis'],
      properties: {
        baseline: {
          type: 'object',
          required: ['id', 'variant'],
          properties: {
            id: text,
            variant: text,
            engine: optionalText,
            engine_version: optionalText
          }
        },
        stat: { const: 'p50' },
        basis: text,
        decode_tok_s: { type: 'number', exclusiveMinimum: 0 },
        prefill_tok_s: { type: 'number', exclusiveMinimum: 0 },
        ttft_ms: { type: 'number', exclusiveMinimum: 0 },
        latency_ms: { type: 'number', exclusiveMinimum: 0 }
      }
    },
    artifacts: {
      type: 'object',
      description: 'Evidence beside the record, paths relative to the results folder.',
      additionalProperties: { type: 'string' }
    }
  },
  allOf: [
    {
      // A result that was measured has numbers; one that was not says why.
      if: { properties: { status: { enum: ['skipped', 'failed'] } } },
      then: { required: ['reason'] }
    }
  ]
} as const
