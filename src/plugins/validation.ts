// How schemas become code. Request validation uses Fastify's own Ajv compiler in two flavours: the query string,
// path and headers are text, so they are coerced ("limit=20" → 20); a JSON body is taken as sent, so
// `{"name": 42}` is refused instead of being stored as "42". allErrors lists every bad field at once (bodies are
// size-limited). Responses use Fastify's own fast-json-stringify compiler.
//
// Both are asked once per route, part and status code, although most of those schemas are the same text (every
// route's problem responses, the HEAD twin of every GET, the same path parameters): 953 serializers for 64
// distinct schemas. Compiling each distinct schema once per app took start-up from seconds to a fraction and
// kept the heap it grew to from pushing the process past its memory budget.
import { AjvCompiler } from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

interface AjvSetup { customOptions?: Record<string, unknown>, [key: string]: unknown }
type Route = { schema?: unknown, httpPart?: string }
type Factory<F> = (externalSchemas: unknown, options: never) => (route: Route) => F

const common = { allErrors: true, removeAdditional: false, useDefaults: true }

function flavour (externalSchemas: unknown, options: AjvSetup, coerceTypes: 'array' | false) {
  const build = AjvCompiler() as unknown as Factory<unknown>
  return build(externalSchemas, { ...options, customOptions: { ...options.customOptions, ...common, coerceTypes } } as never)
}

function buildValidatorFactory (externalSchemas: unknown, options: AjvSetup) {
  const text = flavour(externalSchemas, options, 'array')
  const json = flavour(externalSchemas, options, false)
  return (route: Route) => (route.httpPart === 'body' ? json(route) : text(route))
}

/**
 * Wraps a compiler factory so that, for one set of shared schemas, each distinct (flavour, schema) text is
 * compiled once. The compiled functions are pure or, for Ajv, read right after each call, so routes can share them.
 */
function compiledOnce<F> (factory: Factory<F>, flavourOf: (route: Route) => string): Factory<F> {
  const byShared = new Map<string, (route: Route) => F>()
  return (externalSchemas, options) => {
    // Fastify asks again for every plugin context, with the same shared schemas: one compiler serves them all.
    const sharedKey = JSON.stringify(externalSchemas)
    const known = byShared.get(sharedKey)
    if (known) return known
    const compile = factory(externalSchemas, options)
    const compiled = new Map<string, F>()
    const once = (route: Route) => {
      const key = `${flavourOf(route)} ${JSON.stringify(route.schema)}`
      let fn = compiled.get(key)
      if (fn === undefined) compiled.set(key, fn = compile(route))
      return fn
    }
    byShared.set(sharedKey, once)
    return once
  }
}

/** A fresh controller per app, so one app's compiled schemas never outlive it. */
export function schemaController (): FastifyServerOptions['schemaController'] {
  return {
    compilersFactory: {
      buildValidator: compiledOnce(buildValidatorFactory as Factory<unknown>, (route) => route.httpPart === 'body' ? 'json' : 'text'),
      buildSerializer: compiledOnce(SerializerSelector() as unknown as Factory<unknown>, () => 'response')
    }
  } as unknown as FastifyServerOptions['schemaController']
}
