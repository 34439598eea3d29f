// Optimistic concurrency: every changeable resource carries a version; its ETag is that version. A PATCH or
// PUT with a stale If-Match is refused with 412; a GET with a matching If-None-Match answers 304.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { DomainError } from '../domain/errors.js'

export const etagOf = (version: number) => `"v${version}"`

function listed (header: string | undefined): string[] {
  return (header ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, '')).filter(Boolean)
}

/** Throws 412 when the request's If-Match names neither `*` nor the current version. */
export function assertIfMatch (request: FastifyRequest, currentVersion: number | undefined): void {
  const header = request.headers['if-match']
  if (header === undefined) return
  const tags = listed(header)
  if (tags.includes('*') && currentVersion !== undefined) return
  if (currentVersion !== undefined && tags.includes(etagOf(currentVersion))) return
  throw new DomainError('precondition_failed', 'precondition_failed',
    `If-Match ${header} does not match the current version${currentVersion === undefined ? ' (the resource does not exist yet)' : ` ${etagOf(currentVersion)}`}; fetch the resource again.`)
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
