// Schemas every resource shares, registered once with addSchema so the contract names them by $id.
import { Type, type Static, type TNumberOptions, type TSchema } from 'typebox'
import { ROLES } from '../auth/tokens.js'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../db/pagination.js'
import { PROBLEM_CODES, problemCodes, type ProblemCode } from '../domain/problem-codes.js'

/** A `$ref` to a registered schema that keeps the schema's static type for handlers. */
export function ref<T extends TSchema & { $id?: string }> (schema: T, options: { description?: string } = {}) {
  if (!schema.$id) throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id, options))
}

/** The x-request-id of a request: the caller's when it is a sane token (see app.ts), else a UUID. */
export const RequestId = (options: { description?: string } = {}) => Type.String({ maxLength: 128, pattern: '^[\\w.:-]+$', ...options })

/** The int32 range: every integer of the contract (counts, years, versions) fits in it. */
export const INT32_MIN = -2_147_483_648
export const INT32_MAX = 2_147_483_647

/** An integer with both bounds stated, as a 32-bit one: what clients may rely on for any count or number. */
export const Integer = (minimum: number, maximum: number, options: TNumberOptions = {}) =>
  Type.Integer({ format: 'int32', minimum, maximum, ...options })

const SEND_BACK_THE_ETAG = 'To change or re-read the resource, send back the ETag header you got (If-Match, ' +
  'If-None-Match) as it is; never build a tag from this number.'

/** A count of things (votes, awards, clusters): any int32 from 0. */
export const Count = (options: TNumberOptions = {}) => Integer(0, INT32_MAX, options)

/**
 * The calendar years the contract takes: from the founding of the People's Public Security (1945), before which no
 * cluster, title or award exists, to a horizon far past any record kept now.
 */
const YEAR_MIN = 1945
const YEAR_MAX = 2100

/** A calendar year (an emulation year, the year a title honours). */
export const Year = (options: TNumberOptions = {}) => Integer(YEAR_MIN, YEAR_MAX, options)

/** Text a person writes (a reason, a number and symbol, a name): something visible, within its bound. */
export const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description })

/** The optimistic-concurrency version of a changeable resource, described with what its ETag holds beside it. */
export const versionOf = (what: string) => Integer(1, INT32_MAX, { description: `${what} ${SEND_BACK_THE_ETAG}` })

/** The optimistic-concurrency version of a changeable resource. */
export const Version = versionOf('Increases with every change.')

/** A validation problem lists at most this many bad fields, and counts them all in `errorCount`. */
export const MAX_LISTED_ERRORS = 100

// Problems are written with JSON.stringify, not through this schema: the limits document what the service sends.
export const Problem = Type.Object({
  type: Type.String({ maxLength: 200, pattern: '^urn:thidua:problem:', description: 'A URI naming the kind of problem.' }),
  title: Type.String({ maxLength: 100 }),
  status: Integer(400, 599),
  detail: Type.String({ maxLength: 1_000_000 }),
  // Every code of the registry: an answer with another code breaks the contract (and the fuzzer says so).
  code: Type.Unsafe<ProblemCode>(Type.String({
    enum: problemCodes,
    description: 'A stable machine code to branch on, such as `unit_already_in_block_cluster`. Each operation lists ' +
      'the codes it can answer with per status (its `x-problem-codes` map and its responses\' descriptions); the ' +
      'platform\'s codes of a status (the shared response\'s `x-problem-codes`) come with every operation. The codes:\n' +
      problemCodes.map((code) => `- \`${code}\` (${PROBLEM_CODES[code].status}): ${PROBLEM_CODES[code].meaning}`).join('\n')
  })),
  // Node refuses a request line longer than its 16 KiB header limit.
  instance: Type.Optional(Type.String({ maxLength: 16_384, description: 'The path of the request.' })),
  requestId: Type.Optional(RequestId()),
  errors: Type.Optional(Type.Array(Type.Object({
    path: Type.String({ maxLength: 1000, description: 'A JSON pointer into the request: `/body/code`, `/query/limit`, `/params/unitId`.' }),
    message: Type.String({ maxLength: 1000, description: 'What is wrong, in plain words: "must be a date like 2024-07-30".' }),
    keyword: Type.Optional(Type.String({ maxLength: 100, description: 'For a schema check: the JSON Schema keyword that failed (`format`, `required`…).' }))
  }), {
    maxItems: MAX_LISTED_ERRORS,
    description: `For validation errors: each bad field, the first ${MAX_LISTED_ERRORS} when there are more.`
  })),
  existingUnitId: Type.Optional(Type.String({
    format: 'uuid',
    maxLength: 36,
    description: 'For `unit_name_taken` and `unit_code_taken`: the id of the unit that already has the name (or code).'
  })),
  errorCount: Type.Optional(Integer(0, INT32_MAX, {
    description: 'For validation errors: how many bad fields were found; more than `errors` lists when it is larger. ' +
      'Absent when a body too large to list every error was checked up to its first error (the detail says so).'
  }))
}, { $id: 'Problem', description: 'An RFC 9457 problem.', additionalProperties: true })

/** The longest name (unit, block, cluster, person): as accepted, so as stored and answered. */
export const NAME_MAX_LENGTH = 300

/** A name (unit, block, cluster): something visible once trimmed; stored NFC with single spaces. */
export const Name = Text(NAME_MAX_LENGTH, 'Stored NFC and trimmed.')

/** `?q=`: part of a name, matched ignoring diacritics and case ("cuc y te" finds "Cục Y tế"). */
export const SearchQuery = Type.Optional(Type.String({ maxLength: 200, description: 'Matches the name ignoring diacritics and case.' }))

export const Uuid = Type.String({ format: 'uuid', maxLength: 36, $id: 'Uuid' })
export const CalendarDate = Type.String({
  $id: 'CalendarDate',
  format: 'date',
  maxLength: 10,
  description: 'A calendar date YYYY-MM-DD (Asia/Ho_Chi_Minh).',
  examples: ['2024-07-15']
})
export const Instant = Type.String({ $id: 'Instant', format: 'date-time', maxLength: 64, description: 'An RFC 3339 instant in UTC.' })

/** A cursor as issued: base64url of the last row's sort values, a long name's sort key included. */
const CURSOR_MAX_LENGTH = 8000

/** A token's subject: any string the token carries, so only Node's 16 KiB limit on request headers bounds it. */
export const Subject = (options: { description?: string } = {}) => Type.String({ maxLength: 16_384, ...options })

/** Who did something: the subject and role of the token that did it. */
export const TokenActor = (options: { description?: string } = {}) => Type.Object({
  sub: Subject({ description: 'The token\'s subject.' }),
  // Typed as the text the records keep; every role written is one of these.
  role: Type.Unsafe<string>(Type.Enum([...ROLES]))
}, options)

export const PageQuery = Type.Object({
  // Optional in the contract (clients may leave it out); Ajv fills in the default before the handler runs.
  limit: Type.Optional(Integer(1, MAX_PAGE_SIZE, { default: DEFAULT_PAGE_SIZE, description: 'Page size (at most 200).' })),
  cursor: Type.Optional(Type.String({
    minLength: 1,
    maxLength: CURSOR_MAX_LENGTH,
    description: 'The nextCursor of the previous page.'
  }))
})

export const sharedSchemas = [Problem, Uuid, CalendarDate, Instant]

// problems(): the documented error responses of an operation, with the problem codes of each status.
export { problems } from './problem-responses.js'

/** A page's `nextCursor`: one schema, which the contract names once (plugins/contract-document.ts). */
export const NextCursor = Type.Union([Type.String({ maxLength: CURSOR_MAX_LENGTH, pattern: '^[A-Za-z0-9_-]+$' }), Type.Null()], {
  description: 'Pass as cursor for the next page; null on the last.'
})

/** The list envelope every collection answers with. */
export function pageOf<T extends TSchema & { $id?: string }> (item: T, $id: string) {
  return Type.Object({
    items: Type.Array(ref(item), { maxItems: MAX_PAGE_SIZE }),
    nextCursor: NextCursor
  }, { $id })
}

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Makes a retry safe: the same key and body replay the first response, for 24 hours by default ' +
      '(the server\'s IDEMPOTENCY_KEY_HOURS); the same key with another body is 422 `idempotency_key_reused`.'
  }))
})

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 200, description: 'The ETag last read; 412 when stale.' }))
})

/** A DELETE's headers: If-Match (optional; 412 when stale) and an Idempotency-Key (a retry replays the 204). */
export const DeleteHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

/** A DELETE's answer: 204, no body. */
export const noContent = (description: string) => ({ 204: { type: 'null', description } as const })

/** For a GET that sends an ETag: If-None-Match naming the current one answers 304 with no body (plugins/etag.ts). */
export const notModified = {
  304: { type: 'null', description: 'If-None-Match names the current ETag: nothing changed, no body.' }
} as const
