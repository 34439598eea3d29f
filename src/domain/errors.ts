// Typed refusals. Each carries a stable machine `code` and the HTTP status family it belongs to; the root
// error handler turns them into problem+json. Domain code throws these and nothing else. Every code is one of the
// registry (problem-codes.ts), of the status its helper answers with: an unregistered code does not compile.
import type { CodeOf, NotFoundResource, ProblemCode } from './problem-codes.js'

export type RefusalKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'precondition_failed' | 'rule' |
  'too_large' | 'unsupported_media' | 'range_not_satisfiable'

export class DomainError extends Error {
  constructor (
    readonly kind: RefusalKind,
    readonly code: ProblemCode,
    message: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

/** One segment of a JSON pointer (RFC 6901): how a problem's path names a field or key (`/body/targets/I.1`). */
export const pointerSegment = (name: string | number) => String(name).replace(/~/g, '~0').replace(/\//g, '~1')

/** 404: an id (or another key, such as a title's code) that names nothing. */
export const notFound = (resource: Exclude<NotFoundResource, 'route'>, id: string, key = 'id') =>
  new DomainError('not_found', `${resource}_not_found`, `No ${resource.replace(/_/g, ' ')} has ${key} ${id}.`)

/** 409: conflicts with the current state (duplicate, wrong lifecycle step). */
export const conflict = (code: CodeOf<409>, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details)

/** 422: well-formed but breaks a domain rule. */
export const ruleBroken = (code: CodeOf<422>, message: string, details?: Record<string, unknown>) =>
  new DomainError('rule', code, message, details)

/** 413: the body is larger than this operation takes (an evidence file over FILE_MAX_BYTES). */
export const tooLarge = (message: string, details?: Record<string, unknown>) =>
  new DomainError('too_large', 'body_too_large', message, details)

/** 415: the body is not of a media type this operation takes, or its bytes are not what its Content-Type says. */
export const unsupportedMedia = (message: string, details?: Record<string, unknown>) =>
  new DomainError('unsupported_media', 'unsupported_media_type', message, details)

/** 416: the asked byte range starts past the end of the file. */
export const rangeNotSatisfiable = (message: string, details?: Record<string, unknown>) =>
  new DomainError('range_not_satisfiable', 'range_not_satisfiable', message, details)

/** 400: input that passes the schema but is still malformed (an impossible date, a bad cursor). */
export const invalid = (code: CodeOf<400>, message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid', code, message, details)

/** 403: the caller's role or scope does not allow this (`code` names a reason more precise than the role). */
export const forbidden = (message: string, code: CodeOf<403> = 'forbidden', details?: Record<string, unknown>) =>
  new DomainError('forbidden', code, message, details)

/**
 * 422 `code` listing every problem in `errors`, each path (a JSON pointer) prefixed with `pathPrefix` (`/body` for a request body's
 * fields), the detail naming the first `listed` of them: "The <subject> has 2 problems: a … ; b …." (`sentence`
 * words it otherwise, from the count and the problems named).
 */
export function problemsFound (
  code: CodeOf<422>, subject: string, found: ReadonlyArray<{ path: string, message: string }>,
  options: { pathPrefix?: string, listed?: number, sentence?: (count: number, named: string) => string } = {}
): DomainError {
  const {
    pathPrefix = '', listed = found.length,
    sentence = (count: number, named: string) => `The ${subject} has ${count} problem${count > 1 ? 's' : ''}: ${named}.`
  } = options
  // Every path a pointer: a problem found at the root of what was checked (`bonusCap`) gets its slash.
  const errors = found.map((p) => ({ path: `${pathPrefix}${p.path.startsWith('/') ? '' : '/'}${p.path}`, message: p.message }))
  const named = errors.slice(0, listed).map((e) => `${e.path} ${e.message}`).join('; ')
  return ruleBroken(code, sentence(errors.length, `${named}${errors.length > listed ? '; …' : ''}`), { errors })
}
