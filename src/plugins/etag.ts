// Conditional GETs: a GET with an If-None-Match naming the current ETag answers 304. The tags themselves, and the
// If-Match check of a change, are the domain's (domain/versions.ts).
import fp from 'fastify-plugin'
import { listedTags } from '../domain/versions.js'

export default fp(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload
    const etag = reply.getHeader('etag')
    const tags = listedTags(request.headers['if-none-match'])
    // `*` matches any current representation (RFC 9110 §13.1.2); this is a 200, so there is one.
    if (typeof etag === 'string' && (tags.includes(etag) || tags.includes('*'))) {
      // No body, so no body's type either (RFC 9110 §15.4.5): the JSON serializer had already set it.
      reply.code(304).removeHeader('content-type')
      return ''
    }
    return payload
  })
}, { name: 'etag' })
