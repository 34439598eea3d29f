// fast-check arbitraries from the contract's JSON schemas: values that satisfy the schema (so requests get past
// validation into the domain code), and mutations of them (a field of the wrong type, a missing or extra field,
// an odd value anywhere). Fields holding ids become PoolPick placeholders, resolved when the request is sent
// against the ids seen so far, so bodies often name real records.
import fc from 'fast-check'
import type { Schema } from './contract.js'
import { CRITERION_CODES, NFD_TEXT, oddValue, PROTOTYPE_KEYS } from './values.js'

/** "An id from the pool `pool`": which one is decided at send time (`index` modulo the pool's size). */
export class PoolPick {
  constructor (readonly pool: string, readonly index: number) {}
}

export interface SchemaContext {
  deref: (schema: Schema) => Schema
  /** The pools the fuzzer keeps ids in (`unitId`, `clusterId`…): a field is matched to one by its name. */
  poolNames: () => string[]
}

const WORDS = ['Cục', 'Y tế', 'Bệnh viện', 'Công an', 'tỉnh', 'Hà Nội', 'Phòng', 'Hậu cần', 'thi đua', 'Vì an ninh Tổ quốc',
  'năm', '2024', 'số', '9', 'Đổi mới', 'Kỷ cương', 'Trách nhiệm', 'Hiệu quả', 'Khối', 'Cụm']

/** The pool a field's ids come from: `voterUnitId`, `attendingUnitIds` and `unitId` all take unit ids. */
export function poolFor (field: string | undefined, pools: string[]): string {
  if (!field) return 'any'
  const singular = field.replace(/Ids$/, 'Id')
  const match = pools.filter((p) => singular.toLowerCase().endsWith(p.toLowerCase())).sort((a, b) => b.length - a.length)[0]
  return match ?? 'any'
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

const calendarDate = fc.record({ y: fc.integer({ min: 2015, max: 2030 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`)
const instant = fc.tuple(calendarDate, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('Z', '+07:00'))
  .map(([date, h, min, zone]) => `${date}T${pad(h)}:${pad(min)}:00${zone}`)

function text (schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = Math.min(schema.maxLength ?? 60, 60)
  const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '))
  return fc.oneof({ weight: 6, arbitrary: words }, { weight: 1, arbitrary: fc.constantFrom(...NFD_TEXT) },
    { weight: 1, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }) })
    .map((s) => s.slice(0, schema.maxLength ?? s.length))
    .filter((s) => fits(schema, s))
}

function string (schema: Schema, field: string | undefined, ctx: SchemaContext): fc.Arbitrary<unknown> {
  switch (schema.format) {
    case 'uuid': return fc.oneof({ weight: 5, arbitrary: fc.nat().map((i) => new PoolPick(poolFor(field, ctx.poolNames()), i)) },
      { weight: 1, arbitrary: fc.uuid() })
    case 'date': return calendarDate
    case 'date-time': return instant
    case 'uri': return fc.constantFrom('https://example.vn/bao-cao-2024.pdf', 'https://bocongan.gov.vn/van-ban/123', 'http://a.b/c?d=e#f')
  }
  const shaped = schema.pattern && schema.pattern !== '\\S'
    ? fc.stringMatching(new RegExp(schema.pattern, 'u')).filter((s) => fits(schema, s))
    : text(schema)
  // Names of inherited properties, wherever the field's schema lets them through to the domain code's lookups.
  const inherited = PROTOTYPE_KEYS.filter((key) => fits(schema, key))
  const fitting = inherited.length > 0 ? fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: fc.constantFrom(...inherited) }) : shaped
  // The seeded scheme's criterion codes, so scorecards, targets and reviews name real leaves.
  if (field === 'code') return fc.oneof(fc.constantFrom(...CRITERION_CODES), fitting)
  return Array.isArray(schema.examples) && schema.examples.length ? fc.oneof(fc.constantFrom(...schema.examples), fitting) : fitting
}

/** Whether a string satisfies a string schema's length and pattern. */
function fits (schema: Schema, value: string): boolean {
  return value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity) &&
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(value))
}

function number (schema: Schema, integer: boolean, field: string | undefined): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.01) : 0)
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 0.01) : Math.max(min, 0) + 1000)
  // Years near the seeded ones (terms, pledges, schemes, conferences of 2024), so year rules can pass.
  if (integer && /year$/i.test(field ?? '')) return fc.oneof(fc.integer({ min: 2023, max: 2027 }), fc.integer({ min: Math.ceil(min), max: Math.floor(max) }))
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
  // The service keeps points to two decimals, so mostly such numbers.
  return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((n) => n / 100)
}

/** A value satisfying `schema` (as far as a schema can say; domain rules are left to chance). */
export function valid (schema: Schema, ctx: SchemaContext, field?: string, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return valid(ctx.deref(schema), ctx, field, depth)
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const variants = schema.anyOf ?? schema.oneOf
  if (variants) return fc.oneof(...variants.map((v: Schema) => valid(v, ctx, field, depth)))
  const type = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (type.length > 1) return fc.oneof(...type.map((t: string) => valid({ ...schema, type: t }, ctx, field, depth)))
  switch (type[0]) {
    case 'string': return string(schema, field, ctx)
    case 'integer': return number(schema, true, field)
    case 'number': return number(schema, false, field)
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'array': {
      // A recursive schema (a criterion group's children are criteria again) is built eagerly: stop nesting here.
      if (depth > 6) return fc.constant([])
      const minLength = schema.minItems ?? 0
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, depth > 2 ? 1 : 4))
      const items = valid(schema.items ?? {}, ctx, field, depth + 1)
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength })
    }
    case 'object': return object(schema, ctx, depth)
    default: return fc.jsonValue({ maxDepth: 2 })
  }
}

function object (schema: Schema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties: Record<string, Schema> = schema.properties ?? {}
  const required: string[] = schema.required ?? []
  const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, valid(sub, ctx, key, depth + 1)])),
    { requiredKeys: required })
  const extra = schema.additionalProperties
  // A map such as targets ({"I.1": 70}): codes like the seeded scheme's, names of inherited properties, and some others.
  const map = typeof extra === 'object'
    ? fc.dictionary(fc.constantFrom(...CRITERION_CODES, ...PROTOTYPE_KEYS), valid(extra, ctx, undefined, depth + 1),
      { maxKeys: Math.min(schema.maxProperties ?? 4, 4) })
    : fc.constant({})
  return fc.tuple(record, map).map(([r, m]) => ({ ...m, ...r }))
    .filter((o) => Object.keys(o).length >= (schema.minProperties ?? 0))
}

type Path = Array<string | number>

function paths (value: unknown, at: Path = [], into: Path[] = []): Path[] {
  into.push(at)
  if (value !== null && typeof value === 'object' && !(value instanceof PoolPick) && into.length < 200) {
    for (const [key, child] of Object.entries(value)) paths(child, [...at, Array.isArray(value) ? Number(key) : key], into)
  }
  return into
}

function replaceAt (value: unknown, path: Path, replacement: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replacement(value)
  const [head, ...rest] = path
  if (Array.isArray(value)) return value.map((child, i) => (i === head ? replaceAt(child, rest, replacement) : child))
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  // defineProperty, not assignment: assigning `__proto__` would set the prototype instead of the field.
  Object.defineProperty(copy, head as string, { value: replaceAt(copy[head as string], rest, replacement), enumerable: true, writable: true, configurable: true })
  return copy
}

const DELETE = Symbol('delete')

function removeAt (value: unknown, path: Path): unknown {
  if (path.length === 0) return DELETE
  const parentPath = path.slice(0, -1)
  const last = path[path.length - 1]
  return replaceAt(value, parentPath, (parent) => {
    if (Array.isArray(parent)) return parent.filter((_, i) => i !== last)
    const { [last as string]: _dropped, ...rest } = parent as Record<string, unknown>
    return rest
  })
}

/** A valid value with one thing wrong: a node replaced by an odd value, removed, or given an extra field. */
export function mutated (schema: Schema, ctx: SchemaContext): fc.Arbitrary<unknown> {
  return fc.tuple(valid(schema, ctx), fc.nat(), fc.constantFrom('replace', 'replace', 'remove', 'extra'), oddValue, fc.string({ maxLength: 12 }))
    .map(([value, pick, how, odd, extraKey]) => {
      const all = paths(value)
      const path = all[pick % all.length]
      if (how === 'replace') return replaceAt(value, path, () => odd)
      if (how === 'remove') {
        const removed = removeAt(value, path)
        return removed === DELETE ? undefined : removed
      }
      return replaceAt(value, path, (node) => node !== null && typeof node === 'object' && !Array.isArray(node)
        ? { ...node, [extraKey || 'extra']: odd }
        : node)
    })
}
