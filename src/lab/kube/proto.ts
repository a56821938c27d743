// Decoding of Kubernetes protobuf request bodies. kubectl 1.35's typed clients (`create namespace`,
// `create configmap`, `create secret`) and helm 4's release storage (Secrets) send
// application/vnd.kubernetes.protobuf and do not fall back to JSON, so the kinds they send are
// decoded here with hand-written field tables from the upstream generated.proto files. Responses
// stay JSON, which those clients accept.
import { ApiError } from './status'
import type { Dict } from './types'

type FieldType = 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'strmap' | 'bytesmap' | Schema

interface Field {
  name: string
  type: FieldType
  repeated?: boolean
}

type Schema = Record<number, Field>

const TIME: FieldType = 'time'
const TYPE_META: Schema = {
  1: { name: 'apiVersion', type: 'string' },
  2: { name: 'kind', type: 'string' }
}
const UNKNOWN: Schema = {
  1: { name: 'typeMeta', type: TYPE_META },
  2: { name: 'raw', type: 'bytes' },
  3: { name: 'contentEncoding', type: 'string' },
  4: { name: 'contentType', type: 'string' }
}
const OWNER_REF: Schema = {
  1: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'controller', type: 'bool' },
  7: { name: 'blockOwnerDeletion', type: 'bool' }
}
const OBJECT_META: Schema = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'generation', type: 'int' },
  8: { name: 'creationTimestamp', type: TIME },
  9: { name: 'deletionTimestamp', type: TIME },
  10: { name: 'deletionGracePeriodSeconds', type: 'int' },
  11: { name: 'labels', type: 'strmap' },
  12: { name: 'annotations', type: 'strmap' },
  13: { name: 'ownerReferences', type: OWNER_REF, repeated: true },
  14: { name: 'finalizers', type: 'string', repeated: true }
}
const OBJECT_REF: Schema = {
  1: { name: 'kind', type: 'string' },
  2: { name: 'namespace', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'fieldPath', type: 'string' }
}
const LOCAL_REF: Schema = { 1: { name: 'name', type: 'string' } }

const KINDS: Record<string, Schema> = {
  'v1/Namespace': {
    1: { name: 'metadata', type: OBJECT_META },
    2: { name: 'spec', type: { 1: { name: 'finalizers', type: 'string', repeated: true } } },
    3: { name: 'status', type: { 1: { name: 'phase', type: 'string' } } }
  },
  'v1/ConfigMap': {
    1: { name: 'metadata', type: OBJECT_META },
    2: { name: 'data', type: 'strmap' },
    3: { name: 'binaryData', type: 'bytesmap' },
    4: { name: 'immutable', type: 'bool' }
  },
  'v1/Secret': {
    1: { name: 'metadata', type: OBJECT_META },
    2: { name: 'data', type: 'bytesmap' },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'strmap' },
    5: { name: 'immutable', type: 'bool' }
  },
  'v1/ServiceAccount': {
    1: { name: 'metadata', type: OBJECT_META },
    2: { name: 'secrets', type: OBJECT_REF, repeated: true },
    3: { name: 'imagePullSecrets', type: LOCAL_REF, repeated: true },
    4: { name: 'automountServiceAccountToken', type: 'bool' }
  },
  'v1/DeleteOptions': {
    1: { name: 'gracePeriodSeconds', type: 'int' },
    2: {
      name: 'preconditions',
      type: { 1: { name: 'uid', type: 'string' }, 2: { name: 'resourceVersion', type: 'string' } }
    },
    3: { name: 'orphanDependents', type: 'bool' },
    4: { name: 'propagationPolicy', type: 'string' },
    5: { name: 'dryRun', type: 'string', repeated: true }
  }
}
KINDS['meta.k8s.io/v1/DeleteOptions'] = KINDS['v1/DeleteOptions'] as Schema
KINDS['authorization.k8s.io/v1/SelfSubjectAccessReview'] = {
  1: { name: 'metadata', type: OBJECT_META },
  2: {
    name: 'spec',
    type: {
      1: {
        name: 'resourceAttributes',
        type: {
          1: { name: 'namespace', type: 'string' },
          2: { name: 'verb', type: 'string' },
          3: { name: 'group', type: 'string' },
          4: { name: 'version', type: 'string' },
          5: { name: 'resource', type: 'string' },
          6: { name: 'subresource', type: 'string' },
          7: { name: 'name', type: 'string' }
        }
      },
      2: {
        name: 'nonResourceAttributes',
        type: { 1: { name: 'path', type: 'string' }, 2: { name: 'verb', type: 'string' } }
      }
    }
  }
}
KINDS['authorization.k8s.io/v1/SelfSubjectRulesReview'] = {
  1: { name: 'metadata', type: OBJECT_META },
  2: { name: 'spec', type: { 1: { name: 'namespace', type: 'string' } } }
}
KINDS['authentication.k8s.io/v1/SelfSubjectReview'] = { 1: { name: 'metadata', type: OBJECT_META } }

class Reader {
  pos = 0
  constructor(readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length
  }

  varint(): bigint {
    let result = 0n
    let shift = 0n
    for (;;) {
      if (this.pos >= this.buf.length) throw malformed()
      const b = this.buf[this.pos++] ?? 0
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result
      shift += 7n
    }
  }

  bytes(): Buffer {
    const len = Number(this.varint())
    if (this.pos + len > this.buf.length) throw malformed()
    const out = this.buf.subarray(this.pos, this.pos + len)
    this.pos += len
    return out
  }

  skip(wire: number): void {
    if (wire === 0) this.varint()
    else if (wire === 1) this.pos += 8
    else if (wire === 2) this.bytes()
    else if (wire === 5) this.pos += 4
    else throw malformed()
  }
}

function malformed(): ApiError {
  return new ApiError(400, 'BadRequest', 'the body of the request could not be decoded as protobuf')
}

function toInt64(v: bigint): number {
  return Number(BigInt.asIntN(64, v))
}

function decodeMap(buf: Buffer, bytesValue: boolean): [string, string] {
  const r = new Reader(buf)
  let k = ''
  let v = ''
  while (!r.done) {
    const tag = Number(r.varint())
    const field = tag >> 3
    if ((tag & 7) !== 2) {
      r.skip(tag & 7)
      continue
    }
    const b = r.bytes()
    if (field === 1) k = b.toString('utf8')
    else if (field === 2) v = bytesValue ? b.toString('base64') : b.toString('utf8')
  }
  return [k, v]
}

function decodeTime(buf: Buffer): string {
  const r = new Reader(buf)
  let seconds = 0
  while (!r.done) {
    const tag = Number(r.varint())
    if (tag >> 3 === 1 && (tag & 7) === 0) seconds = toInt64(r.varint())
    else r.skip(tag & 7)
  }
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
}

function decodeMessage(buf: Buffer, schema: Schema): Dict {
  const out: Dict = {}
  const r = new Reader(buf)
  while (!r.done) {
    const tag = Number(r.varint())
    const f = schema[tag >> 3]
    const wire = tag & 7
    if (!f) {
      r.skip(wire)
      continue
    }
    let value: unknown
    if (f.type === 'int') value = toInt64(r.varint())
    else if (f.type === 'bool') value = r.varint() !== 0n
    else {
      const b = r.bytes()
      if (f.type === 'string') value = b.toString('utf8')
      else if (f.type === 'bytes') value = b
      else if (f.type === 'time') value = decodeTime(b)
      else if (f.type === 'strmap' || f.type === 'bytesmap') {
        const [k, v] = decodeMap(b, f.type === 'bytesmap')
        const m = (out[f.name] ??= {}) as Dict
        m[k] = v
        continue
      } else value = decodeMessage(b, f.type)
    }
    if (f.repeated) ((out[f.name] ??= []) as unknown[]).push(value)
    else out[f.name] = value
  }
  return out
}

export const PROTOBUF = 'application/vnd.kubernetes.protobuf'

/** Decodes a `k8s\0`-framed protobuf object into its JSON form. */
export function decodeProtobuf(body: Buffer): Dict {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw malformed()
  const env = decodeMessage(body.subarray(4), UNKNOWN)
  const tm = (env.typeMeta ?? {}) as Dict
  const apiVersion = String(tm.apiVersion ?? '')
  const kind = String(tm.kind ?? '')
  const schema = KINDS[`${apiVersion}/${kind}`]
  if (!schema) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `rk1 lab API: protobuf bodies are only decoded for Namespace, ConfigMap, Secret, ServiceAccount, DeleteOptions and access reviews, not ${apiVersion} ${kind}; send JSON (e.g. kubectl apply -f)`
    )
  }
  const obj = decodeMessage((env.raw as Buffer | undefined) ?? Buffer.alloc(0), schema)
  return { apiVersion, kind, ...obj }
}
