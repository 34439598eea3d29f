// The size limits of a body (each array's maxItems, each object's maxProperties), checked in one pass before the
// schema validator runs, with a count of the values the body holds. Ajv, listing every error, validates every
// item of an array that is already too long: a 100,000-item array took minutes and answered 100,001 errors.
// It also bounds how deep a body nests within a recursive schema (a criteria tree), before the validator, whose
// every level of a recursive `$ref` copies the errors found below it, walks it.

import { resolveRef, type Schema, type Shared } from './schema-refs.js'

export interface BoundError {
  instancePath: string
  schemaPath: string
  keyword: 'maxItems' | 'maxProperties' | 'maxDepth'
  params: { limit: number }
  message: string
}

function typeOf (data: unknown): string {
  if (data === null) return 'null'
  if (Array.isArray(data)) return 'array'
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number'
  return typeof data
}

/** Whether a subschema may apply to this value at all, judged by its `type` alone (enough to pick a branch). */
function mayApply (schema: Schema, data: unknown): boolean {
  const type = schema.type
  if (type === undefined) return true
  const actual = typeOf(data)
  const types = Array.isArray(type) ? type : [type]
  return types.includes(actual) || (actual === 'integer' && types.includes('number'))
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * The deepest a body may nest (objects and arrays). Only a recursive schema lets a valid body go this deep: a
 * criteria tree of the domain's five levels nests eleven.
 */
export const MAX_BODY_NESTING = 32

export interface SizeCheck {
  errors: BoundError[]
  /** The values the body holds within its schema, and the keys of every object: what a validator may visit. */
  values: number
}

export function sizeBoundsChecker (root: unknown, shared: Shared): (data: unknown) => SizeCheck {
  const patternsOf = new Map<Schema, Array<[RegExp, Schema]>>()
  const patterns = (schema: Schema) => {
    let known = patternsOf.get(schema)
    if (known === undefined) {
      const declared = (schema.patternProperties ?? {}) as Record<string, Schema>
      known = Object.entries(declared).map(([pattern, sub]) => [new RegExp(pattern, 'u'), sub])
      patternsOf.set(schema, known)
    }
    return known
  }

  function check (declared: Schema, data: unknown, path: string, found: SizeCheck, depth: number): void {
    found.values++
    if (depth > MAX_BODY_NESTING && data !== null && typeof data === 'object') {
      found.errors.push({ instancePath: path, schemaPath: '', keyword: 'maxDepth', params: { limit: MAX_BODY_NESTING }, message: `must not nest more than ${MAX_BODY_NESTING} levels deep` })
      return
    }
    const schema = resolveRef(declared, shared)
    if (!mayApply(schema, data)) return
    const { errors } = found
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = schema[keyword]
      if (Array.isArray(branches)) for (const branch of branches) check(branch as Schema, data, path, found, depth)
    }
    if (Array.isArray(data)) {
      const limit = schema.maxItems
      if (typeof limit === 'number' && data.length > limit) {
        errors.push({ instancePath: path, schemaPath: '', keyword: 'maxItems', params: { limit }, message: `must NOT have more than ${limit} items (has ${data.length})` })
        return
      }
      const items = schema.items
      if (items !== null && typeof items === 'object' && !Array.isArray(items)) {
        data.forEach((item, index) => check(items as Schema, item, `${path}/${index}`, found, depth + 1))
      }
      return
    }
    if (data === null || typeof data !== 'object') return
    const keys = Object.keys(data)
    const limit = schema.maxProperties
    if (typeof limit === 'number' && keys.length > limit) {
      errors.push({ instancePath: path, schemaPath: '', keyword: 'maxProperties', params: { limit }, message: `must NOT have more than ${limit} properties (has ${keys.length})` })
      return
    }
    found.values += keys.length
    const properties = (schema.properties ?? {}) as Record<string, Schema>
    const additional = schema.additionalProperties
    for (const key of keys) {
      const value = (data as Record<string, unknown>)[key]
      const at = `${path}/${escape(key)}`
      if (Object.hasOwn(properties, key)) {
        check(properties[key], value, at, found, depth + 1)
        continue
      }
      const matching = patterns(schema).filter(([pattern]) => pattern.test(key))
      for (const [, sub] of matching) check(sub, value, at, found, depth + 1)
      if (matching.length === 0 && additional !== null && typeof additional === 'object') check(additional as Schema, value, at, found, depth + 1)
    }
  }

  return (data) => {
    const found: SizeCheck = { errors: [], values: 0 }
    check(root as Schema, data, '', found, 1)
    return found
  }
}
