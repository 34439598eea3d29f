// Query strings, path parameters and headers arrive as text. Ajv's own coercion reads numbers as JavaScript
// does: "Infinity", "1e309", "0x10", "+5", "1e2" and " 5" all became numbers, and an infinite one even passed
// `maximum` (Ajv skips bounds for non-finite numbers), so `limit=Infinity` lifted the page limit. Here only the
// plain decimal spelling becomes a number ("true"/"false" a boolean); anything else stays text, which the schema
// then refuses ("must be integer"), so the range checks always see a finite number.

import { resolveRef, type Schema, type Shared } from './schema-refs.js'

const INTEGER = /^-?(0|[1-9][0-9]*)$/
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/
const BOOLEANS = new Map([['true', true], ['false', false]])

type Reader = (text: string) => number | boolean | undefined

const finite = (pattern: RegExp): Reader => (text) => {
  if (!pattern.test(text)) return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

const READERS = new Map<unknown, Reader>([
  ['integer', finite(INTEGER)],
  ['number', finite(NUMBER)],
  ['boolean', (text) => BOOLEANS.get(text)],
  ['string', () => undefined]
])

/**
 * How to read each property of a text part (query, params, headers) from its schema. A property typed other
 * than by one plain `type` (a union of a number and text, say) is refused at start-up: its spelling would be
 * ambiguous, so no route may declare one.
 */
function readersOf (schema: Schema, shared: Shared): Map<string, Reader> {
  const readers = new Map<string, Reader>()
  const properties = (schema.properties ?? {}) as Record<string, Schema>
  for (const [name, declared] of Object.entries(properties)) {
    const property = resolveRef(declared, shared)
    const reader = READERS.get(property.type ?? (property.enum || property.const !== undefined ? 'string' : undefined))
    if (reader === undefined) {
      throw new Error(`text-values: the text parameter "${name}" needs one plain type (string, integer, number or boolean)`)
    }
    if (property.type !== 'string' && property.type !== undefined) readers.set(name, reader)
  }
  return readers
}

/** Turns the plain spellings of the schema's numeric and boolean properties into values, in place. */
export function textValueReader (schema: unknown, shared: Shared): (data: unknown) => void {
  const readers = readersOf(resolveRef(schema as Schema, shared), shared)
  return (data) => {
    if (readers.size === 0 || data === null || typeof data !== 'object') return
    const values = data as Record<string, unknown>
    for (const [name, read] of readers) {
      const text = Object.hasOwn(values, name) ? values[name] : undefined
      if (typeof text !== 'string') continue
      const value = read(text)
      if (value !== undefined) values[name] = value
    }
  }
}
