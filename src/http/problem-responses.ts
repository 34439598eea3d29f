// The documented problem answers of an operation, per status, with the codes each can carry: generated from the
// registry (domain/problem-codes.ts), so the contract lists exactly the codes the code base can emit. Each answer
// says its codes in its description (with their meaning), in `x-problem-codes`, and shows one as an `example`.
// The objects are built deterministically (codes sorted), so identical answers of different operations are equal
// and the contract shares them (plugins/contract-document.ts).
import { Type } from 'typebox'
import { PROBLEM_CODES, problemCodes, type ProblemCode } from '../domain/problem-codes.js'

export const PROBLEM_MEDIA_TYPE = 'application/problem+json'
export const PROBLEM_CODES_EXTENSION = 'x-problem-codes'

/** RFC 9110's reason phrases: a problem's `title`. */
export const PROBLEM_TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 422: 'Unprocessable Content', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  500: 'Internal Server Error', 503: 'Service Unavailable'
}

export const SUMMARIES: Record<number, string> = {
  400: 'The request is malformed or fails validation.',
  401: 'No bearer token, or one that is not valid.',
  403: 'The caller\'s role or scope does not allow this.',
  404: 'No resource has this id.',
  406: 'Accept names no media type this operation answers in.',
  409: 'Conflicts with the current state.',
  412: 'If-Match does not match the current version.',
  413: 'The body is larger than the service accepts (BODY_LIMIT_BYTES; an evidence file FILE_MAX_BYTES).',
  415: 'The body is not sent as `Content-Type: application/json` (an evidence file: not of a type taken, or not what its Content-Type says).',
  416: 'The Range asked starts past the end of the file.',
  422: 'Well-formed, but breaks a domain rule.',
  429: 'Too many requests for this token.',
  500: 'An unexpected failure; the requestId finds it in the logs.',
  503: 'The service cannot answer now; retry later.'
}

/** The statuses problems() documents on every operation, whatever it lists. */
const ALWAYS = [400, 401, 403, 429, 500, 503]

/** The platform's codes of a status (registry `reach: 'every'`), which every operation documenting it can get. */
export function genericCodes (status: number): ProblemCode[] {
  return problemCodes.filter((code) => {
    const entry: { status: number, reach?: string } = PROBLEM_CODES[code]
    return entry.status === status && entry.reach === 'every'
  })
}

const EXAMPLE_REQUEST_ID = 'c0a8012e-7f3b-4d8e-9a1c-2b3d4e5f6a7b'

/** A realistic problem with `code`, as the service would send it. */
export function exampleProblem (code: ProblemCode) {
  const { status, example } = PROBLEM_CODES[code]
  return {
    type: `urn:thidua:problem:${code}`,
    title: PROBLEM_TITLES[status] ?? 'Error',
    status,
    detail: example,
    code,
    requestId: EXAMPLE_REQUEST_ID,
    ...(code === 'validation_failed'
      ? {
          errors: [
            { path: '/body/code', message: 'must not be blank', keyword: 'pattern' },
            { path: '/body/name', message: 'is required', keyword: 'required' }
          ],
          errorCount: 2
        }
      : {})
  }
}

/**
 * One documented problem answer: `codes` (the operation's own, in the order it lists them) with the platform's codes of
 * that status. The example shows the operation's first own code, else the platform's first.
 */
export function problemResponse (status: number, codes: readonly ProblemCode[]) {
  for (const code of codes) {
    if (PROBLEM_CODES[code].status !== status) throw new Error(`problem code ${code} answers ${PROBLEM_CODES[code].status}, not ${status}`)
  }
  const generic = genericCodes(status)
  const all = [...new Set([...codes, ...generic])].sort()
  const shown = [...codes].sort()[0] ?? generic[0] ?? all[0]
  const lines = all.map((code) => `- \`${code}\`: ${PROBLEM_CODES[code].meaning}`)
  return {
    description: `${SUMMARIES[status] ?? PROBLEM_TITLES[status]} \`code\` is one of:\n${lines.join('\n')}`,
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: Type.Ref('Problem'),
        ...(shown ? { example: exampleProblem(shown) } : {}),
        [PROBLEM_CODES_EXTENSION]: all
      }
    }
  }
}

type ProblemResponse = ReturnType<typeof problemResponse>

/** The codes a documented answer lists (none when it is not a problem answer built here). */
export function codesOf (response: unknown): ProblemCode[] {
  const media = (response as { content?: Record<string, Record<string, unknown>> } | undefined)?.content?.[PROBLEM_MEDIA_TYPE]
  const codes = media?.[PROBLEM_CODES_EXTENSION]
  return Array.isArray(codes) ? codes as ProblemCode[] : []
}

/**
 * The response map with `extra` codes added per status: to the answer already documented for that status (keeping
 * its codes), or as a new answer. For codes the platform adds to some routes only (plugins/errors.ts, unit-of-work.ts).
 */
export function withProblemCodes<R extends Record<string, unknown>> (response: R, extra: Partial<Record<number, readonly ProblemCode[]>>): R {
  const added = Object.entries(extra).map(([status, codes]) => {
    const own = codesOf(response[status]).filter((code) => !genericCodes(Number(status)).includes(code))
    return [status, problemResponse(Number(status), [...new Set([...own, ...(codes ?? [])])])]
  })
  return { ...response, ...Object.fromEntries(added) }
}

/** Per status, the operation's own codes: `problems({ 404: ['unit_not_found'], 409: ['unit_code_taken'] })`. */
export type OwnCodes = Partial<Record<number, readonly ProblemCode[]>>

/**
 * The documented error responses of an operation: the codes it lists per status, and the platform's on 400, 401, 403,
 * 429, 500 and 503, which apply to every authenticated operation.
 */
export function problems (own: OwnCodes): Record<string, ProblemResponse> {
  const statuses = [...new Set([...Object.keys(own).map(Number), ...ALWAYS])].sort((a, b) => a - b)
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(status, own[status] ?? [])]))
}
