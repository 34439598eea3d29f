// How a JSON body is validated, at a cost that grows in proportion to its size. Ajv, listing every error, gathers
// the errors of each `$ref` it calls by copying the list so far, and spends microseconds on each error it
// builds: a 1 MB criteria tree within every array limit held 455,725 errors and stalled the process for seconds.
// So a body schema reaches Ajv with its references written out in place (its errors are appended, never
// copied); its size limits are checked first, in one pass (size-bounds.ts); and a body holding more values than
// FULL_LISTING_MAX_VALUES is checked up to its first error only, which the problem says.
import { sizeBoundsChecker } from './size-bounds.js'

import { sharedSchema, type Schema, type Shared } from './schema-refs.js'
export interface Validator { (data: unknown): boolean, errors?: unknown[] | null }

/** A body with more values than this (a few times the largest real scheme or scorecard) gets its first error only. */
export const FULL_LISTING_MAX_VALUES = 10_000

const firstErrorOnly = new WeakSet<object>()

/** Whether a list of validation errors stopped at the first one, so that more may exist. */
export const stoppedAtFirstError = (errors: unknown): boolean =>
  typeof errors === 'object' && errors !== null && firstErrorOnly.has(errors)

/**
 * The schema with every `$ref` replaced by the shared schema it names (without its `$id`, so Ajv compiles the
 * copy as part of this schema). A recursive schema (a criterion's children are criteria) is written out once;
 * its reference to itself stays a `$ref`, which Ajv resolves to the shared schema. Each such call copies the
 * errors found below it, so its cost grows with the body's depth, which size-bounds.ts bounds.
 */
export function inlineRefs (schema: unknown, shared: Shared, seen: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(item, shared, seen))
  if (schema === null || typeof schema !== 'object') return schema
  const { $ref: id, ...rest } = schema as Schema
  if (typeof id === 'string') {
    if (seen.includes(id)) return schema
    const { $id: _, ...named } = sharedSchema(shared, id)
    return { ...(inlineRefs(named, shared, [...seen, id]) as Schema), ...inlineRefs(rest, shared, seen) as Schema }
  }
  return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, inlineRefs(value, shared, seen)]))
}

/**
 * The body validator of a schema, given how to compile a schema listing every error (`allErrors`) or only the
 * first one.
 */
export function bodyValidator (schema: unknown, shared: Shared, compile: (schema: unknown, allErrors: boolean) => Validator): Validator {
  const inlined = inlineRefs(schema, shared)
  const every = compile(inlined, true)
  // Compiled when a body first needs it: most schemas never meet a body that large.
  let firstOnly: Validator | undefined
  const first: Validator = (data) => {
    firstOnly ??= compile(inlined, false)
    const valid = firstOnly(data)
    first.errors = firstOnly.errors
    return valid
  }
  const overSize = sizeBoundsChecker(schema, shared)
  const validate: Validator = (data) => {
    const size = overSize(data)
    if (size.errors.length > 0) {
      validate.errors = size.errors
      return false
    }
    const listing = size.values <= FULL_LISTING_MAX_VALUES ? every : first
    const valid = listing(data)
    validate.errors = listing.errors
    if (!valid && listing === first && listing.errors) {
      validate.errors = [...listing.errors]
      firstErrorOnly.add(validate.errors)
    }
    return valid
  }
  return validate
}
