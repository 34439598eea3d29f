// The root error handler: every failure leaves as application/problem+json with a stable `code`.
// Typed domain refusals keep their code; database constraint violations (the last line of defence against
// races) map to the refusal they stand for; anything unexpected is a 500 whose details stay in the log.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { DomainError, type RefusalKind } from '../domain/errors.js'
import type { ProblemCode } from '../domain/problem-codes.js'
import { pgErrorInfo } from '../db/connect.js'
import { FULL_LISTING_MAX_VALUES, stoppedAtFirstError } from './body-validation.js'
import { fieldErrors, type AjvError } from './validation-messages.js'
import { MAX_LISTED_ERRORS } from '../http/shared-schemas.js'
import { PROBLEM_TITLES, withProblemCodes } from '../http/problem-responses.js'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  instance?: string
  requestId?: string
  errors?: Array<{ path: string, message: string, keyword?: string }>
  [extra: string]: unknown
}

const TITLES = PROBLEM_TITLES

const KIND_STATUS: Record<RefusalKind, number> = {
  invalid: 400, forbidden: 403, not_found: 404, conflict: 409, precondition_failed: 412, rule: 422,
  too_large: 413, unsupported_media: 415, range_not_satisfiable: 416
}

/** Constraint names → the refusal they enforce. Every unique/exclusion constraint a client can hit is here. */
const CONSTRAINTS: Record<string, { status: number, code: ProblemCode, detail: string }> = {
  units_name_unique: { status: 409, code: 'unit_name_taken', detail: 'A unit with this name already exists.' },
  units_code_unique: { status: 409, code: 'unit_code_taken', detail: 'A unit with this code already exists.' },
  blocks_name_unique: { status: 409, code: 'block_name_taken', detail: 'A block with this name already exists.' },
  titles_code_unique: { status: 409, code: 'title_code_taken', detail: 'A title with this code already exists.' },
  titles_name_unique: { status: 409, code: 'title_name_taken', detail: 'A title with this name already exists.' },
  clusters_number_unique: { status: 409, code: 'cluster_number_taken', detail: 'This block already has a cluster with this number.' },
  clusters_name_unique: { status: 409, code: 'cluster_name_taken', detail: 'This block already has a cluster with this name.' },
  memberships_one_cluster_per_block: {
    status: 409,
    code: 'unit_already_in_block_cluster',
    detail: 'The unit is already a member of a cluster of the same block on that date.'
  },
  pledges_version_unique: { status: 409, code: 'pledge_exists', detail: 'The cluster already has this version of its pledge for that year.' },
  pledges_one_next_version: { status: 409, code: 'pledge_has_newer_version', detail: 'A newer version of this pledge already exists.' },
  pledge_signatures_once: { status: 409, code: 'pledge_already_signed', detail: 'The unit has already signed this version of the pledge.' },
  scoring_schemes_version_unique: { status: 409, code: 'scheme_exists', detail: 'The cluster already has this version of a scoring scheme for that year and period; start a new version instead.' },
  election_voters_once: { status: 409, code: 'already_voted', detail: 'This unit has already voted in this round.' },
  campaign_participants_unit: { status: 409, code: 'campaign_participant_exists', detail: 'The unit has already registered for this campaign.' },
  campaign_participants_cluster: { status: 409, code: 'campaign_participant_exists', detail: 'The cluster has already registered for this campaign.' },
  title_proposals_once: { status: 422, code: 'already_proposed', detail: 'The unit is already proposed for this title that year.' },
  dossiers_one_open: { status: 409, code: 'dossier_exists', detail: 'The cluster already has an open dossier for this title and year.' },
  dossier_proposals_once: { status: 409, code: 'dossier_exists', detail: 'A proposal is already in another dossier made at the same time; read the cluster\'s dossiers.' },
  award_decisions_number_once: { status: 409, code: 'award_decision_exists', detail: 'This issuer already has a decision of this number in the year of its date.' },
  awards_unit_title_year: { status: 409, code: 'award_already_granted', detail: 'A unit of the decision already holds one of its collective titles for the year.' },
  scoring_schemes_one_published: { status: 409, code: 'concurrent_update', detail: 'Another version of this scheme was published at the same time; retry the request.' }
}

// Connection-level failures: the database is down or restarting, not the request's fault.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03'])
// The database is up but the service cannot get a connection to it: every connection of its pool is busy
// (POOL_EXHAUSTED), the process has no file descriptor left to open one (EMFILE, ENFILE), or PostgreSQL has no
// connection slot left (53300). More load than capacity, for a moment: a retry a little later may succeed.
const OVERLOADED_CODES = new Set(['POOL_EXHAUSTED', 'EMFILE', 'ENFILE', '53300'])
/** What an overloaded answer's Retry-After says: about a pool wait, by when connections are usually free again. */
const OVERLOADED_RETRY_AFTER_SECONDS = 5

export function isServiceOverloaded (error: unknown): boolean {
  const { code } = pgErrorInfo(error)
  return code !== undefined && OVERLOADED_CODES.has(code)
}

export function isDatabaseUnavailable (error: unknown): boolean {
  const { code } = pgErrorInfo(error)
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
  const e = error as { name?: string, message?: string }
  // "Unable to acquire a connection": knex's pool is gone (destroyed, or the embedded database closed).
  return e?.name === 'KnexTimeoutError' ||
    /Connection terminated|connection to the server|Client has encountered a connection error|timeout exceeded when trying to connect|Unable to acquire a connection/i.test(e?.message ?? '')
}

export function problem (status: number, code: ProblemCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:thidua:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail, code, ...extra }
}

function fromValidation (error: FastifyError): Problem {
  const found = error.validation ?? []
  // In plain words, with anyOf/oneOf noise collapsed: so the count is of the fields a person would fix.
  const all = fieldErrors(found as AjvError[], error.validationContext ?? 'body')
  const errors = all.slice(0, MAX_LISTED_ERRORS)
  const summary = errors.map((e) => `${e.path} ${e.message}`).join('; ')
  if (stoppedAtFirstError(found)) {
    return problem(400, 'validation_failed', `The request is not valid: ${summary}. The body holds more than ` +
      `${FULL_LISTING_MAX_VALUES} values, so it was checked up to this first error only; more may follow.`, { errors })
  }
  const more = all.length - errors.length
  return problem(400, 'validation_failed', `The request is not valid: ${summary}${more > 0 ? `; and ${more} more` : ''}.`, {
    errors,
    errorCount: all.length
  })
}

/** What a 415 tells the caller to do: every body this service takes is JSON. */
function unsupportedMediaType (request: FastifyRequest): string {
  const given = request.headers['content-type']
  const sent = given ? `Content-Type ${given.split(';')[0].trim().slice(0, 100)}` : 'no Content-Type'
  return `The body was sent with ${sent}; send it as JSON with Content-Type: application/json.`
}

export function toProblem (error: unknown, request: FastifyRequest): Problem {
  if (error instanceof DomainError) {
    return problem(KIND_STATUS[error.kind], error.code, error.message, error.details ?? {})
  }
  const { code, constraint } = pgErrorInfo(error)
  if ((code === '23505' || code === '23P01') && constraint && CONSTRAINTS[constraint]) {
    const c = CONSTRAINTS[constraint]
    return problem(c.status, c.code, c.detail)
  }
  if (code === '23505' || code === '23P01') return problem(409, 'conflict', 'The change conflicts with an existing record.')
  if (code === '40001' || code === '40P01') return problem(409, 'concurrent_update', 'Another change was made at the same time; retry the request.')
  // A foreign key broken: a record this change refers to was deleted by a request that locked it first.
  if (code === '23503') return problem(409, 'concurrent_update', 'A record this change refers to was deleted at the same time; read it again.')
  // 22021/22P05: text PostgreSQL cannot store, such as a NUL character in a search term.
  if (code === '22P02' || code === '22007' || code === '22008' || code === '22003' || code === '22021' || code === '22P05') {
    return problem(400, 'invalid_value', 'A value in the request is out of range or malformed.')
  }
  if (isServiceOverloaded(error)) return problem(503, 'service_overloaded', 'The service has more requests than it can serve at once; retry later.')
  if (isDatabaseUnavailable(error)) return problem(503, 'database_unavailable', 'The database is unavailable; retry later.')
  const fe = error as FastifyError
  if (fe.validation) return fromValidation(fe)
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500
  if (status >= 400 && status < 500) {
    const known: Record<string, ProblemCode> = {
      FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
      FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
      FST_ERR_VALIDATION: 'validation_failed'
    }
    const stable = (fe.code ? known[fe.code] : undefined) ?? (status === 429 ? 'rate_limited' : status === 400 && fe instanceof SyntaxError ? 'malformed_json' : 'bad_request')
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(status, stable, unsupportedMediaType(request))
    return problem(status, stable, fe.message || TITLES[status] || 'Bad request.')
  }
  request.log.error({ err: error }, 'unhandled error')
  return problem(500, 'internal_error', 'An unexpected error occurred. The request id identifies it in the logs.')
}

export function sendProblem (reply: FastifyReply, body: Problem): FastifyReply {
  body.requestId = String(reply.request.id)
  body.instance = reply.request.url.split('?')[0]
  if (body.code === 'service_overloaded') reply.header('retry-after', String(OVERLOADED_RETRY_AFTER_SECONDS))
  return reply
    .code(body.status)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send(body)
}

/**
 * A 503 in the log says which it is, overload or outage; a request whose client has already gone (closed the
 * connection while it waited, often for a connection of a busy pool) is only an abort: nobody reads the answer.
 */
function logUnavailable (request: FastifyRequest, reply: FastifyReply, body: Problem, error: unknown): void {
  if (reply.raw.destroyed) request.log.info({ code: body.code }, 'request aborted by the client')
  else if (body.code === 'service_overloaded') request.log.warn({ err: error }, 'service overloaded: no database connection to be had')
  else request.log.warn({ err: error }, 'database unavailable')
}

// Fastify refuses these before the handler of any route that takes a body (413, 415); a write can meet a deadlock or
// a unique key raced past its check (409). The contract documents them on the operations that can give them.
const WRITE_PROBLEMS = { 409: ['concurrent_update', 'conflict'], 413: ['body_too_large'], 415: ['unsupported_media_type'] } as const

export default fp(async (app) => {
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat()
    const response = route.schema?.response as Record<string, unknown> | undefined
    if (!response || !methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH' || m === 'DELETE')) return
    route.schema = { ...route.schema, response: withProblemCodes(response, WRITE_PROBLEMS) }
  })
  app.setErrorHandler((error, request, reply) => {
    const body = toProblem(error, request)
    if (body.status === 503) logUnavailable(request, reply, body, error)
    if (body.status === 429 && typeof (error as { retryAfter?: unknown }).retryAfter === 'number') {
      reply.header('retry-after', String((error as unknown as { retryAfter: number }).retryAfter))
    }
    return sendProblem(reply, body)
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`)))
}, { name: 'errors' })
