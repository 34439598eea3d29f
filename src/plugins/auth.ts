// Bearer JWT on every route that is not marked public; the route's `config.roles` lists who may call it.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { type Actor, type Role, InvalidTokenError } from '../auth/tokens.js'
import { IdentityProviderUnavailableError, bearerVerifier } from '../auth/provider.js'
import type { IdentityProvider, TokenAlgorithm } from '../config.js'
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

export interface AuthOptions {
  secret: string
  maxLifetimeHours: number
  /** AUTH_ALGORITHMS; HS256 alone when absent. */
  algorithms?: readonly TokenAlgorithm[]
  /** The organisation's identity provider, whose RS256/ES256 tokens are accepted too. */
  identityProvider?: IdentityProvider
}

export default fp<AuthOptions>(async (app, { secret, maxLifetimeHours, algorithms, identityProvider }) => {
  const verify = await bearerVerifier({ secret, maxLifetimeHours, algorithms, provider: identityProvider })
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
      request.actor = await verify(match[1])
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) {
        // The token may be good: its key cannot be had now. Not the caller's fault, and not ours to hide as a 500.
        request.log.warn({ reason: error.reason }, 'identity provider unavailable: its keys cannot be fetched')
        reply.header('retry-after', String(error.retryAfterSeconds))
        return sendProblem(reply, problem(503, 'identity_provider_unavailable', error.message))
      }
      if (!(error instanceof InvalidTokenError)) throw error
      reply.header('www-authenticate', 'Bearer error="invalid_token"')
      return sendProblem(reply, problem(401, 'invalid_token', error.message))
    }
    if (config.roles && !config.roles.includes(request.actor.role)) {
      return sendProblem(reply, problem(403, 'forbidden', `The ${request.actor.role} role may not call ${request.method} ${request.routeOptions.url}.`))
    }
  })
}, { name: 'auth', dependencies: ['errors'] })
