// The service context of a request: its caller, the service's clock and its database.
import type { FastifyRequest } from 'fastify'
import type { ReadContext } from '../services/context.js'

export const readContext = (request: FastifyRequest): ReadContext =>
  ({ db: request.server.db, actor: request.actor, now: request.server.clock() })
