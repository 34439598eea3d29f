// One fuzzed request per draw: a caller (every role, none, a bad token), path ids that are real or odd, a query
// string, headers (If-Match, Idempotency-Key, Content-Type, Accept…) and a body that is valid, mutated, of the
// wrong shape, raw text or too large; for an upload, a file's bytes (files.ts). Plans hold PoolPick placeholders; `materialize` fills them in from the
// ids the fuzzer has seen when the request is sent.
import fc from 'fast-check'
import type { Operation } from './contract.js'
import { mutated, PoolPick, valid, type SchemaContext } from './schema-arbitrary.js'
import { ODD_HEADERS, ODD_IDS, oddScalar, oddValue, RAW_BODIES } from './values.js'
import { FILE_SAMPLES, fileBody, type FileBody } from './files.js'

export const CALLERS = ['admin', 'secretariatOwn', 'secretariatOther', 'unitMember', 'unitNonMember', 'reader',
  'none', 'garbage', 'wrongSecret', 'expired', 'unknownRole', 'basic'] as const
export type Caller = typeof CALLERS[number]

type Segment = PoolPick | string
type Body = { kind: 'none' } | { kind: 'json', value: unknown } | { kind: 'raw', text: string } | FileBody

export interface Plan {
  op: Operation
  caller: Caller
  path: Record<string, Segment>
  query: string[]
  headers: Record<string, string>
  body: Body
  /** The body's Content-Type; null sends none. */
  contentType: string | null
}

export interface Sendable {
  method: Operation['method']
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
}

const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('admin' as Caller) },
  { weight: 10, arbitrary: fc.constantFrom<Caller>('secretariatOwn', 'secretariatOther', 'unitMember', 'unitNonMember', 'reader') },
  { weight: 2, arbitrary: fc.constantFrom<Caller>('none', 'garbage', 'wrongSecret', 'expired', 'unknownRole', 'basic') }
)

/** `arbitrary` in `tenths` of the draws (out of ten), else null. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, tenths: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: tenths, arbitrary }, { weight: 10 - tenths, arbitrary: fc.constant(null) })

function segment (name: string, schema: Record<string, any>): fc.Arbitrary<Segment> {
  const odd = fc.oneof(fc.constantFrom(...ODD_IDS), fc.uuid(), schema.type === 'integer' ? fc.integer({ min: 1900, max: 2200 }).map(String) : fc.uuid())
  return fc.oneof({ weight: 7, arbitrary: fc.nat().map((i) => new PoolPick(name, i)) }, { weight: 3, arbitrary: odd })
}

function queryPart (name: string, schema: Record<string, any>, ctx: SchemaContext, clean: boolean): fc.Arbitrary<string | null> {
  const value = clean
    ? valid(schema, ctx, name)
    : fc.oneof(
      { weight: 3, arbitrary: valid(schema, ctx, name) },
      { weight: 3, arbitrary: oddScalar },
      { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%00', '&', '=', '[]', 'a[b]=c') }
    )
  return sometimes(value.map((v) => {
    if (typeof v === 'string' && /^%|^&|^=|\[/.test(v)) return `${name}=${v}` // sent raw on purpose
    return `${encodeURIComponent(name)}=${encodeURIComponent(v instanceof PoolPick ? `@pool:${v.pool}:${v.index}` : String(v))}`
  }), clean ? 3 : 4)
}

function headersFor (op: Operation): fc.Arbitrary<Record<string, string>> {
  const has = (name: string) => op.parameters.some((p) => p.in === 'header' && p.name === name)
  const optional = (name: string, values: fc.Arbitrary<string>, tenths: number) => sometimes(values.map((v) => [name, v] as const), tenths)
  return fc.tuple(
    optional('if-match', fc.constantFrom(...ODD_HEADERS.ifMatch), has('if-match') ? 5 : 1),
    optional('idempotency-key', fc.oneof(fc.constantFrom(...ODD_HEADERS.idempotencyKey), fc.stringMatching(/^[\x21-\x7e]{1,40}$/)),
      has('idempotency-key') ? 5 : 1),
    op.method === 'GET' ? optional('if-none-match', fc.constantFrom(...ODD_HEADERS.ifNoneMatch), 2) : fc.constant(null),
    optional('accept', fc.constantFrom(...ODD_HEADERS.accept), 2),
    optional('x-request-id', fc.constantFrom(...ODD_HEADERS.requestId), 1)
  ).map((pairs) => Object.fromEntries(pairs.filter((p): p is readonly [string, string] => p !== null)))
}

function bodyFor (op: Operation, ctx: SchemaContext): fc.Arbitrary<Body> {
  const json = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => value.map((v) => (v === undefined ? { kind: 'none' } : { kind: 'json', value: v }))
  const raw = fc.constantFrom(...RAW_BODIES).map((text): Body => ({ kind: 'raw', text }))
  if (op.fileTypes.length > 0) {
    // A file's bytes, mostly; sometimes text or nothing instead.
    return fc.oneof({ weight: 8, arbitrary: fileBody(op.fileTypes, false) }, { weight: 1, arbitrary: raw }, { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) })
  }
  if (!op.body) {
    // No body documented: usually none, sometimes one anyway.
    return fc.oneof({ weight: 12, arbitrary: fc.constant<Body>({ kind: 'none' }) }, { weight: 1, arbitrary: json(oddValue) }, { weight: 1, arbitrary: raw })
  }
  return fc.oneof(
    { weight: 8, arbitrary: json(valid(op.body, ctx)) },
    { weight: 8, arbitrary: json(mutated(op.body, ctx)) },
    { weight: 2, arbitrary: json(oddValue) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) }
  )
}

/**
 * Requests for one operation: clean ones (a real role, known ids, valid query and body) that reach the domain
 * code, and noisy ones with something odd anywhere.
 */
export function planArbitrary (op: Operation, ctx: SchemaContext): fc.Arbitrary<Plan> {
  const pathParams = op.parameters.filter((p) => p.in === 'path')
  const queryParams = op.parameters.filter((p) => p.in === 'query')
  const plan = (clean: boolean) => fc.record({
    op: fc.constant(op),
    caller: clean ? fc.constantFrom<Caller>('admin', 'admin', 'secretariatOwn', 'unitMember', 'reader', 'secretariatOther', 'unitNonMember') : callerArb,
    path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name,
      clean ? fc.nat().map((i) => new PoolPick(p.name, i)) : segment(p.name, ctx.deref(p.schema))]))),
    query: fc.tuple(
      ...queryParams.map((p) => queryPart(p.name, p.schema, ctx, clean)),
      clean ? fc.constant(null) : sometimes(fc.constantFrom('unknown=1', 'limit=1&limit=2', 'cursor=', '%', 'a=%ZZ', '='), 1)
    ).map((parts) => parts.filter((p): p is string => p !== null)),
    headers: clean ? fc.constant({}) : headersFor(op),
    body: clean && op.fileTypes.length > 0
      ? fileBody(op.fileTypes, true)
      : clean && op.body ? valid(op.body, ctx).map((value): Body => ({ kind: 'json', value })) : bodyFor(op, ctx),
    contentType: clean
      ? fc.constant('application/json')
      : fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') },
        { weight: 2, arbitrary: fc.constantFrom(...ODD_HEADERS.contentType) }, { weight: 1, arbitrary: fc.constant(null) })
  }).map((drawn): Plan => drawn.body.kind === 'file' ? { ...drawn, contentType: drawn.body.type } : drawn)
  return fc.oneof({ weight: 2, arbitrary: plan(true) }, { weight: 3, arbitrary: plan(false) })
}

/** Resolves placeholders: `pick(pool, index)` answers an id the fuzzer knows (or a random one when it knows none). */
export function materialize (plan: Plan, authorization: string | undefined, pick: (pool: string, index: number) => string): Sendable {
  const fill = (value: unknown): unknown => {
    if (value instanceof PoolPick) return pick(value.pool, value.index)
    if (Array.isArray(value)) return value.map(fill)
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
    return value
  }
  const url = plan.op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const segment = plan.path[name]
    return segment instanceof PoolPick ? encodeURIComponent(pick(segment.pool, segment.index)) : segment
  })
  const query = plan.query.map((part) => part.replace(/%40pool%3A(\w+)%3A(\d+)/g, (_, pool: string, index: string) => encodeURIComponent(pick(pool, Number(index)))))
  const headers: Record<string, string> = { ...plan.headers, ...(authorization ? { authorization } : {}) }
  let payload: string | Buffer | undefined
  if (plan.body.kind === 'json') payload = JSON.stringify(fill(plan.body.value))
  if (plan.body.kind === 'raw') payload = plan.body.text
  if (plan.body.kind === 'file') {
    payload = FILE_SAMPLES[plan.body.sample].bytes
    if (plan.body.disposition !== null) headers['content-disposition'] = plan.body.disposition
  }
  if (payload !== undefined && plan.contentType) headers['content-type'] = plan.contentType
  return { method: plan.op.method, url: url + (query.length ? `?${query.join('&')}` : ''), headers, ...(payload === undefined ? {} : { payload }) }
}
