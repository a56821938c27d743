/**
 * A record is validated twice before it is written: against the published JSON Schema (what other
 * tools rely on) and with the report's own reader (what `report` will accept). Either failing is a
 * bug in the harness or here, so the caller writes a `failed` record saying why instead.
 */
import Ajv from 'ajv'
import type { ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { checkRecord } from '../report/records'
import { runRecordJsonSchema } from './record-schema'

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true
    })
    addFormats(ajv, ['date-time'])
    compiled = ajv.compile(runRecordJsonSchema)
  }
  return compiled
}

/** Every reason `doc` is not a valid run record (empty when it is one). */
export function recordProblems(doc: unknown): string[] {
  const validate = validator()
  const problems = validate(doc)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '(record)'} ${e.message ?? 'invalid'}`
      )
  for (const p of checkRecord(doc)) if (!problems.includes(p)) problems.push(p)
  return problems
}
