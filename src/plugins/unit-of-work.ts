// One write = one transaction holding the change, its audit records, its outbox events and (with an
// Idempotency-Key) the stored response. A retry with the same key replays that response; the same key with a
// different request is refused. Keys live in PostgreSQL, so this holds across instances, for `keyHours` hours;
// a background job purges older keys hourly (jobs/idempotency-purge.ts). A stored answer belongs to the caller's
// whole identity (subject, role, scope), so only the token that was given it can have it replayed; it is looked up
// once the route's role check has passed, as the write starts, before the use case's own scope checks run: a replay
// goes only to the identity that was accepted for that very request when the answer was stored.
import { createHash } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Knex } from 'knex'
import { canonicalJson } from '../domain/canonical-json.js'
import { DomainError, invalid } from '../domain/errors.js'
import { findStoredResponse, storeResponse, type StoredResponse } from '../db/idempotency-repository.js'
import type { WriteContext } from '../services/context.js'
import { inUnitOfWork } from '../services/unit-of-work.js'
import { withProblemCodes } from '../http/problem-responses.js'

export interface WriteResult<T = unknown> {
  statusCode: number
  body: T
  headers?: Record<string, string>
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { key: string, hash: string } | null
    /** Runs `work` in one transaction with audit, outbox and idempotency; returns what to send. */
    write: <T>(work: (ctx: WriteContext) => Promise<WriteResult<T>>) => Promise<WriteResult<T>>
  }
  interface FastifyReply {
    sendResult: (result: WriteResult) => FastifyReply
  }
  interface FastifyContextConfig {
    /** A route whose answer must not be stored with its caller (a ballot's receipt) refuses Idempotency-Key: `false`. */
    idempotency?: false
  }
}

// A POST (but a ballot) and a DELETE take an Idempotency-Key: a retried DELETE replays its 204 rather than a 404.
const takesKey = (methods: readonly string[]) => methods.includes('POST') || methods.includes('DELETE')

const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/

const idempotencyKeyReused = () => new DomainError('rule', 'idempotency_key_reused',
  'This Idempotency-Key was already used with a different request; use a new key for a new request.')

// Routes without a body schema take any JSON; hashing a body nested thousands deep would overflow the stack.
const MAX_BODY_DEPTH = 64

function deeperThan (value: unknown, limit: number): boolean {
  let level: unknown[] = [value]
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limit) return true
    level = level.flatMap((node) => (node !== null && typeof node === 'object' ? Object.values(node) : []))
  }
  return false
}

function requestHash (request: FastifyRequest): string {
  if (deeperThan(request.body, MAX_BODY_DEPTH)) {
    throw invalid('body_too_deep', `The body is nested more than ${MAX_BODY_DEPTH} levels deep.`)
  }
  const path = request.url.split('?')[0]
  return createHash('sha256').update(`${request.method} ${path} ${canonicalJson(request.body ?? null)}`).digest('hex')
}

function replay (stored: StoredResponse, hash: string): WriteResult {
  if (stored.requestHash !== hash) throw idempotencyKeyReused()
  return { statusCode: stored.statusCode, body: stored.body, headers: { ...stored.headers, 'idempotent-replayed': 'true' } }
}

/** Every POST or DELETE taking an Idempotency-Key may answer these: documented here once. */
const KEY_PROBLEMS = { 409: ['idempotency_key_in_use'], 422: ['idempotency_key_reused'] } as const

export default fp<{ db: Knex, keyHours: number }>(async (app, { db, keyHours }) => {
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined
    if (!response || !takesKey([route.method].flat()) || route.config?.idempotency === false) return
    route.schema = { ...route.schema, response: withProblemCodes(response, KEY_PROBLEMS) }
  })
  app.decorateRequest('idempotency', null)
  app.decorateReply('sendResult', function (this: FastifyReply, result: WriteResult) {
    if (result.headers) this.headers(result.headers)
    return this.code(result.statusCode).send(result.body)
  })

  // Before the handler: a well-formed key, and the request's hash to compare a retry with.
  app.addHook('preHandler', async (request) => {
    const raw = request.headers['idempotency-key']
    if (!takesKey([request.method]) || raw === undefined || !request.actor) return
    if (request.routeOptions.config.idempotency === false) {
      throw invalid('idempotency_not_supported', `${request.method} ${request.routeOptions.url} does not take an Idempotency-Key: its answer must not be stored with the caller.`)
    }
    const key = Array.isArray(raw) ? raw[0] : raw
    if (!KEY_SHAPE.test(key)) throw invalid('invalid_idempotency_key', 'Idempotency-Key must be 1 to 200 visible ASCII characters.')
    request.idempotency = { key, hash: requestHash(request) }
  })

  app.decorateRequest('write', async function <T>(this: FastifyRequest, work: (ctx: WriteContext) => Promise<WriteResult<T>>) {
    const request = this
    const { actor, idempotency } = request
    // A retry: answer from the stored response (or refuse a reused key) without writing anything.
    const earlier = idempotency && await findStoredResponse(db, actor, idempotency.key, keyHours)
    if (earlier) return replay(earlier, idempotency.hash) as WriteResult<T>
    const origin = { actor, now: request.server.clock(), requestId: String(request.id) }
    try {
      return await inUnitOfWork(db, origin, work, idempotency
        ? (trx, result) => storeResponse(trx, actor, idempotency.key, keyHours, {
            requestHash: idempotency.hash,
            method: request.method,
            path: request.url.split('?')[0],
            statusCode: result.statusCode,
            body: result.body,
            headers: result.headers ?? {}
          })
        : undefined)
    } catch (error) {
      // A concurrent request with the same key committed first (this one then fails on the key itself or on
      // the change the first one made): it rolled back, so answer as the first did.
      if (idempotency) {
        const stored = await findStoredResponse(db, actor, idempotency.key, keyHours)
        if (stored) return replay(stored, idempotency.hash) as WriteResult<T>
      }
      throw error
    }
  })
}, { name: 'unit-of-work', dependencies: ['auth'] })
