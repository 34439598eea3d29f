// Liveness (the process answers) and readiness (the database answers within a second).
import fp from 'fastify-plugin'
import type { Knex } from 'knex'
import { Type } from 'typebox'
import { ref } from '../http/shared-schemas.js'
import { problemResponse } from '../http/problem-responses.js'
import { PoolExhaustedError, poolBusy } from '../db/connect.js'
import { isServiceOverloaded, problem, sendProblem } from './errors.js'

const Health = Type.Object({ status: Type.Enum(['ok', 'ready']) }, { $id: 'Health', examples: [{ status: 'ok' }, { status: 'ready' }] })

export default fp<{ db: Knex }>(async (app, { db }) => {
  app.addSchema(Health)
  app.get('/healthz', {
    config: { public: true },
    schema: {
      operationId: 'getLiveness',
      summary: 'Liveness: the process is up',
      description: 'Answers 200 `ok` as long as the process serves requests, without touching the database: for the ' +
        'orchestrator\'s liveness probe. Not rate limited.',
      tags: ['health'],
      security: [],
      response: { 200: ref(Health) }
    }
  }, async () => ({ status: 'ok' }))

  app.get('/readyz', {
    config: { public: true },
    schema: {
      operationId: 'getReadiness',
      summary: 'Readiness: the database answers',
      description: 'Answers 200 `ready` when the database answers a query within a second; else 503 ' +
        '`database_unavailable`, or `service_overloaded` when every database connection stays busy. For the ' +
        'orchestrator\'s readiness probe and load balancers. Not rate limited.',
      tags: ['health'],
      security: [],
      response: {
        200: ref(Health),
        503: problemResponse(503, [])
      }
    }
  }, async (request, reply) => {
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        db.raw('select 1'),
        new Promise((_resolve, reject) => {
          // The check waits less than a query does for a connection: a pool still busy then is the service's load.
          timer = setTimeout(() => reject(poolBusy(db.client) ? new PoolExhaustedError() : new Error('readiness check timed out')), 1000)
        })
      ])
      return { status: 'ready' }
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed')
      return sendProblem(reply, isServiceOverloaded(error)
        ? problem(503, 'service_overloaded', 'Every database connection is busy or none can be opened; retry later.')
        : problem(503, 'database_unavailable', 'The database does not answer.'))
    } finally {
      clearTimeout(timer)
    }
  })
}, { name: 'health' })
