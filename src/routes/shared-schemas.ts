// Schemas every resource shares, registered once with addSchema so the contract names them by $id.
import { Type, type Static, type TSchema } from 'typebox'
import { DEFAULT_PAGE_SIZE } from '../db/pagination.js'

/** A `$ref` to a registered schema that keeps the schema's static type for handlers. */
export function ref<T extends TSchema & { $id?: string }> (schema: T, options: { description?: string } = {}) {
  if (!schema.$id) throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id, options))
}

export const Problem = Type.Object({
  type: Type.String({ description: 'A URI naming the kind of problem.' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String({ description: 'A stable machine code such as `unit_already_in_block_cluster`.' }),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
    description: 'For validation errors: each bad field.'
  }))
}, { $id: 'Problem', description: 'An RFC 9457 problem.', additionalProperties: true })

/** A name (unit, block, cluster): something visible once trimmed; stored NFC with single spaces. */
export const Name = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Stored NFC and trimmed.' })

/** `?q=`: part of a name, matched ignoring diacritics and case ("cuc y te" finds "Cục Y tế"). */
export const SearchQuery = Type.Optional(Type.String({ maxLength: 200, description: 'Matches the name ignoring diacritics and case.' }))

export const Uuid = Type.String({ format: 'uuid', $id: 'Uuid' })
export const CalendarDate = Type.String({
  $id: 'CalendarDate',
  format: 'date',
  description: 'A calendar date YYYY-MM-DD (Asia/Ho_Chi_Minh).',
  examples: ['2024-07-15']
})
export const Instant = Type.String({ $id: 'Instant', format: 'date-time', description: 'An RFC 3339 instant in UTC.' })

export const PageQuery = Type.Object({
  // Optional in the contract (clients may leave it out); Ajv fills in the default before the handler runs.
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_PAGE_SIZE, description: 'Page size (at most 200).' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'The nextCursor of the previous page.' }))
})

export const sharedSchemas = [Problem, Uuid, CalendarDate, Instant]

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or fails validation.',
  401: 'No bearer token, or one that is not valid.',
  403: 'The caller\'s role or scope does not allow this.',
  404: 'No resource has this id.',
  409: 'Conflicts with the current state.',
  412: 'If-Match does not match the current version.',
  422: 'Well-formed, but breaks a domain rule.',
  429: 'Too many requests for this token.',
  503: 'The database is unavailable.'
}

/** The documented error responses of an operation (401, 429 and 503 apply to every authenticated one). */
export function problems (...statuses: number[]) {
  const all = [...new Set([...statuses, 401, 429, 503])].sort()
  return Object.fromEntries(all.map((status) => [status, {
    description: DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: ref(Problem) } }
  }]))
}

/** The list envelope every collection answers with. */
export function pageOf<T extends TSchema & { $id?: string }> (item: T, $id: string) {
  return Type.Object({
    items: Type.Array(ref(item)),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last.' })
  }, { $id })
}

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Makes a retry safe: the same key and body replay the first response.'
  }))
})

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag last read; 412 when stale.' }))
})
