// How schemas become code. Request validation uses Fastify's own Ajv compiler without its type coercion. The query
// string, path and headers are text: only the plain spelling of a number or boolean becomes one
// (text-values.ts). A JSON body is taken as sent, so `{"name": 42}` is refused instead of being stored as "42",
// at a cost in proportion to its size (body-validation.ts). Every bad field is found at once (the problem lists
// the first few). Responses use Fastify's own fast-json-stringify compiler.
//
// Both are asked once per route, part and status code, although most of those schemas are the same text (every
// route's problem responses, the HEAD twin of every GET, the same path parameters): 953 serializers for 64
// distinct schemas. Compiling each distinct schema once per app took start-up from seconds to a fraction and
// kept the heap it grew to from pushing the process past its memory budget.
//
// And each distinct schema is compiled when it is first used, not when the app becomes ready: compiling all of them
// at start took some 1.1 s of a 2.2 s start (fast-json-stringify alone 0.9 s, checking every shared schema against
// the JSON Schema meta-schema again for each serializer) and 50–60 MiB of heap, most of it for routes an instance
// may never serve. A schema that does not compile would then fail its first request instead of the start:
// compileEverySchema compiles them all at once, for the test that proves they all compile.
import { createHash } from 'node:crypto'
import { AjvCompiler } from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import { bodyValidator, type Validator } from './body-validation.js'
import { textValueReader } from './text-values.js'
import type { FastifyServerOptions } from 'fastify'

interface AjvSetup { customOptions?: Record<string, unknown>, onCreate?: (ajv: FormatRegistry) => void, [key: string]: unknown }
type FormatCheck = (text: string) => boolean
/** What of an Ajv instance `withoutYearZero` uses: its formats, as ajv-formats defined them, and a way to redefine one. */
interface FormatRegistry {
  formats: Record<string, { validate: FormatCheck } | FormatCheck | undefined>
  addFormat: (name: string, format: { validate: FormatCheck }) => unknown
}

/**
 * RFC 3339 has a year 0000 (`date`, `date-time`); PostgreSQL has none, and refused such a value with a database
 * error that named no field (400 `invalid_value`). Refused here, it is the field's own "must be a date like …".
 */
function withoutYearZero (ajv: FormatRegistry): void {
  for (const name of ['date', 'date-time']) {
    const defined = ajv.formats[name]
    const validate = typeof defined === 'function' ? defined : defined!.validate
    ajv.addFormat(name, { ...(typeof defined === 'object' ? defined : {}), validate: (text) => !text.startsWith('0000') && validate(text) })
  }
}
type Route = { schema?: unknown, httpPart?: string }
type Factory<F> = (externalSchemas: unknown, options: never) => (route: Route) => F

// `discriminator`: a `oneOf` whose branches differ by a tag (an election's `kind`, a criterion's `kind`) is checked
// against the branch the tag names only, and its errors are that branch's (Ajv refuses a `mapping`: the branch
// schemas' own `const` tags say it).
const common = { removeAdditional: false, useDefaults: true, coerceTypes: false, discriminator: true }

/**
 * The schemas without their discriminators' `mapping`: the contract names each tag's schema for client generators
 * (OpenAPI would otherwise look for a schema named like the tag), while Ajv, which finds the tags in the branches'
 * `const`, refuses to compile a mapping.
 */
function withoutMappings (schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutMappings)
  if (schema === null || typeof schema !== 'object') return schema
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => {
    if (key !== 'discriminator' || value === null || typeof value !== 'object') return [key, withoutMappings(value)]
    const { mapping: _, ...rest } = value as Record<string, unknown>
    return [key, rest]
  }))
}

function buildValidatorFactory (givenSchemas: unknown, options: AjvSetup) {
  // The Ajv instances (each holding every shared schema) are made when a first schema is compiled.
  let externalSchemas: unknown
  const shared = () => (externalSchemas ??= withoutMappings(givenSchemas)) as Record<string, Record<string, unknown>>
  const compilers = new Map<boolean, (route: Route) => Validator>()
  const compiler = (allErrors: boolean) => (route: Route): Validator => {
    let compile = compilers.get(allErrors)
    if (compile === undefined) {
      compilers.set(allErrors, compile = (AjvCompiler() as unknown as Factory<Validator>)(shared(), {
        ...options,
        onCreate: (ajv: FormatRegistry) => { options.onCreate?.(ajv); withoutYearZero(ajv) },
        customOptions: { ...options.customOptions, ...common, allErrors }
      } as never))
    }
    return compile(route)
  }
  const listingEvery = compiler(true)
  const listingFirst = compiler(false)
  return (given: Route): Validator => {
    const route = { ...given, schema: withoutMappings(given.schema) }
    if (route.httpPart === 'body') {
      return bodyValidator(route.schema, shared(), (schema, allErrors) => (allErrors ? listingEvery : listingFirst)({ ...route, schema }))
    }
    const validate = listingEvery(route)
    const readValues = textValueReader(route.schema, shared())
    const read: Validator = (data) => {
      readValues(data)
      const valid = validate(data)
      read.errors = validate.errors
      return valid
    }
    return read
  }
}

/** Each shared schema's text, by its digest: computed once per schema object. */
const digests = new WeakMap<object, string>()
const digestOf = (schema: unknown): string => {
  if (schema === null || typeof schema !== 'object') return JSON.stringify(schema) ?? 'undefined'
  let digest = digests.get(schema)
  if (digest === undefined) digests.set(schema, digest = createHash('sha256').update(JSON.stringify(schema)).digest('base64'))
  return digest
}

/**
 * Wraps a compiler factory so that, for one set of shared schemas, each distinct (flavour, schema) text is
 * compiled once. The compiled functions are pure or, for Ajv, read right after each call, so routes can share them.
 *
 * Fastify asks for a compiler again for every route of a plugin context that added schemas (337 times for this
 * service, validators and serializers), each time with a fresh copy of the context's store. A set of shared schemas
 * is known by the digests of their texts, each computed once per schema object. Writing out the whole set as the
 * key on every ask (some 280,000 characters, mostly two-byte) made about 180 MiB of strings at start-up for nothing.
 */
function compiledOnce<F> (factory: Factory<F>, flavourOf: (route: Route) => string, pending: Set<() => unknown>): Factory<F> {
  const byShared = new Map<string, (route: Route) => F>()
  return (externalSchemas, options) => {
    const sharedKey = Object.entries(externalSchemas as Record<string, unknown>).map(([id, schema]) => `${id}=${digestOf(schema)}`).join(',')
    const known = byShared.get(sharedKey)
    if (known) return known
    const compile = factory(externalSchemas, options)
    const compiled = new Map<string, F>()
    const once = (route: Route) => {
      const key = `${flavourOf(route)} ${JSON.stringify(route.schema)}`
      let fn = compiled.get(key)
      if (fn === undefined) compiled.set(key, fn = onFirstCall(() => compile(route), pending))
      return fn
    }
    byShared.set(sharedKey, once)
    return once
  }
}

type Compiled = ((this: unknown, data: unknown) => unknown) & { errors?: unknown }

/**
 * A validator or serializer that compiles its schema on its first call, then calls what it compiled (and, like an
 * Ajv validator, carries that call's `errors`). `pending` holds its compilation until then.
 */
function onFirstCall<F> (compileNow: () => F, pending: Set<() => unknown>): F {
  let fn: Compiled | undefined
  const compile = (): Compiled => {
    if (fn === undefined) {
      fn = compileNow() as unknown as Compiled
      pending.delete(compile)
    }
    return fn
  }
  pending.add(compile)
  const call: Compiled = function (this: unknown, data: unknown) {
    const compiled = compile()
    const result = compiled.call(this, data)
    call.errors = compiled.errors
    return result
  }
  return call as unknown as F
}

/** The compilations a controller has put off until first use, by controller. */
const pendingOf = new WeakMap<object, Set<() => unknown>>()

/** A fresh controller per app, so one app's compiled schemas never outlive it. */
export function schemaController (): FastifyServerOptions['schemaController'] {
  const pending = new Set<() => unknown>()
  const controller = {
    compilersFactory: {
      buildValidator: compiledOnce(buildValidatorFactory as Factory<unknown>, (route) => route.httpPart === 'body' ? 'json' : 'text', pending),
      buildSerializer: compiledOnce(SerializerSelector() as unknown as Factory<unknown>, () => 'response', pending)
    }
  }
  pendingOf.set(controller, pending)
  return controller as unknown as FastifyServerOptions['schemaController']
}

/**
 * Compiles now every schema the controller's apps have asked for and not used yet; answers how many. Throws what
 * a schema's compilation throws.
 */
export function compileEverySchema (controller: FastifyServerOptions['schemaController']): number {
  const pending = pendingOf.get(controller as object)
  if (!pending) throw new Error('not a controller made by schemaController()')
  const all = [...pending]
  for (const compile of all) compile()
  return all.length
}
