// Request validation with Fastify's own Ajv compiler, in two flavours: the query string, path and headers are
// text, so they are coerced ("limit=20" → 20); a JSON body is taken as sent, so `{"name": 42}` is refused
// instead of being stored as "42". allErrors lists every bad field at once (bodies are size-limited).
import { AjvCompiler } from '@fastify/ajv-compiler'
import type { FastifyServerOptions } from 'fastify'

interface AjvSetup { customOptions?: Record<string, unknown>, [key: string]: unknown }
type Route = { httpPart?: string }
type BuildValidator = (externalSchemas: unknown, options: AjvSetup) => (route: Route) => unknown

const common = { allErrors: true, removeAdditional: false, useDefaults: true }

function flavour (externalSchemas: unknown, options: AjvSetup, coerceTypes: 'array' | false) {
  const build = AjvCompiler() as unknown as BuildValidator
  return build(externalSchemas, { ...options, customOptions: { ...options.customOptions, ...common, coerceTypes } })
}

const buildValidator: BuildValidator = (externalSchemas, options) => {
  const text = flavour(externalSchemas, options, 'array')
  const json = flavour(externalSchemas, options, false)
  return (route) => (route.httpPart === 'body' ? json(route) : text(route))
}

export const schemaController = {
  compilersFactory: { buildValidator }
} as unknown as FastifyServerOptions['schemaController']
