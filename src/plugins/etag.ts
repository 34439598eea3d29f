// Optimistic concurrency: every changeable resource carries a version; its ETag is that version. A PATCH or
// PUT with a stale If-Match is refused with 412; a GET with a matching If-None-Match answers 304.
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { canonicalJson } from '../domain/canonical-json.js'
import { DomainError } from '../domain/errors.js'

export const etagOf = (version: number) => `"v${version}"`

/**
 * The ETag of a representation that shows values derived from other records beside its own (a draft conference's
 * quorum, from the members on its date; a term's flag handover, from the year before): the version and a digest of
 * the derived part, so a change to what they derive from is a new representation, never a stale 304.
 */
export const derivedEtagOf = (version: number, derived: unknown) =>
  `"v${version}.${createHash('sha256').update(canonicalJson(derived ?? null)).digest('base64url').slice(0, 12)}"`

function listed (header: string | undefined): string[] {
  return (header ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, '')).filter(Boolean)
}

/** Throws 412 when the request's If-Match names neither `*` nor the current ETag (a version, or the tag itself). */
export function assertIfMatch (request: FastifyRequest, current: number | string | undefined): void {
  const header = request.headers['if-match']
  if (header === undefined) return
  const tags = listed(header)
  const currentTag = typeof current === 'number' ? etagOf(current) : current
  if (tags.includes('*') && currentTag !== undefined) return
  if (currentTag !== undefined && tags.includes(currentTag)) return
  throw new DomainError('precondition_failed', 'precondition_failed',
    `If-Match ${header} does not match the current version${currentTag === undefined ? ' (the resource does not exist yet)' : ` ${currentTag}`}; fetch the resource again.`)
}

export default fp(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload
    const etag = reply.getHeader('etag')
    const tags = listed(request.headers['if-none-match'])
    // `*` matches any current representation (RFC 9110 §13.1.2); this is a 200, so there is one.
    if (typeof etag === 'string' && (tags.includes(etag) || tags.includes('*'))) {
      reply.code(304)
      return ''
    }
    return payload
  })
}, { name: 'etag' })
