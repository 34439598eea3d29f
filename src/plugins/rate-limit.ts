// A request budget per token per minute (per client address for calls without a token); 0 turns it off.
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { isPublic } from './auth.js'

export default fp<{ perMinute: number }>(async (app, { perMinute }) => {
  if (perMinute === 0) return
  await app.register(rateLimit, {
    // Not per route: route hooks run after the auth hook, which answers 401 first, so calls without a valid
    // token would never count. One root hook, registered before auth (see app.ts), counts every call.
    global: false,
    max: perMinute,
    timeWindow: 60_000,
    // Keyed on the token itself (hashed), before it is verified: a flood of bad tokens is limited too.
    keyGenerator: (request) => {
      const header = request.headers.authorization
      return typeof header === 'string' && header.length > 7
        ? 'token:' + createHash('sha256').update(header).digest('base64url')
        : 'ip:' + request.ip
    },
    allowList: (request) => isPublic(request),
    errorResponseBuilder: (_request, context) => Object.assign(
      new Error(`Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s.`),
      { statusCode: 429, retryAfter: Math.ceil(context.ttl / 1000) }
    )
  })
  app.addHook('onRequest', app.rateLimit())
}, { name: 'rate-limit', dependencies: ['errors'] })
