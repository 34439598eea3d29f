// Bearer JWT on every route that is not marked public; the route's `config.roles` lists who may call it.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { type Actor, type Role, InvalidTokenError, tokenVerifier } from '../auth/tokens.js'
import { problem, sendProblem } from './errors.js'

declare module 'fastify' {
  interface FastifyRequest { actor: Actor }
  interface FastifyContextConfig {
    /** No token needed (health, docs, contract). */
    public?: boolean
    /** Roles allowed; every role when absent. */
    roles?: readonly Role[]
  }
}

/** Health, metrics, the contract and the Swagger UI need no token (and spend no one's request budget). */
export function isPublic (request: FastifyRequest): boolean {
  // The Swagger UI's own routes (registered by its plugin) are public like the contract they show.
  return request.routeOptions.config.public === true || request.routeOptions.url?.startsWith('/docs') === true
}

export default fp<{ secret: string, maxLifetimeHours: number }>(async (app, { secret, maxLifetimeHours }) => {
  const verify = tokenVerifier(secret, { maxLifetimeHours })
  app.decorateRequest('actor', null as unknown as Actor)
  app.addHook('onRequest', async (request, reply) => {
    if (isPublic(request) || request.is404) return
    const config = request.routeOptions.config
    const header = request.headers.authorization
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match) {
      reply.header('www-authenticate', 'Bearer')
      return sendProblem(reply, problem(401, 'unauthenticated', 'An Authorization: Bearer <token> header is required.'))
    }
    try {
      request.actor = verify(match[1])
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error
      reply.header('www-authenticate', 'Bearer error="invalid_token"')
      return sendProblem(reply, problem(401, 'invalid_token', error.message))
    }
    if (config.roles && !config.roles.includes(request.actor.role)) {
      return sendProblem(reply, problem(403, 'forbidden', `The ${request.actor.role} role may not call ${request.method} ${request.routeOptions.url}.`))
    }
  })
}, { name: 'auth', dependencies: ['errors'] })
