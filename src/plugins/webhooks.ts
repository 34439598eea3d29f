// Webhooks' place in every request: the target policy the webhook routes check URLs against, and the trigger that
// starts a delivery run once a write has answered (after the answer, so no write waits for it; keyed, so a burst
// of writes queues one run). A retry is queued by the run that left it, for its time (jobs/webhook-delivery.ts); the
// recurring run is the safety net: events written by another instance, a retry whose job was lost, a restart.
import fp from 'fastify-plugin'
import type { TargetPolicy } from '../domain/webhooks.js'
import { WEBHOOK_DELIVERY } from '../jobs/webhook-delivery.js'
import { anyActiveWebhook } from '../services/webhook-delivery.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOW_HOSTS: the targets a subscription may name. */
    webhookTargets: TargetPolicy
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * How long what was read is believed: "none is active" briefly (another instance may add one: its own writes start
 * its runs, and the sweep catches the rest), "some are" longer (the cost of a stale yes is a run that finds nothing).
 */
const NONE_FOR_MS = 5000
const SOME_FOR_MS = 60_000

export default fp<{ targets: TargetPolicy }>(async (app, { targets }) => {
  app.decorate('webhookTargets', targets)
  // Whether any subscription is active, read again only once what was read has aged: a service nobody subscribes
  // to queues nothing after its writes. A webhook operation that succeeded counts as "some".
  let known = { any: false, until: 0 }
  const queue = (request: { log: { warn: (o: object, m: string) => void } }) => {
    app.jobs.add(WEBHOOK_DELIVERY, {}, { key: 'after-write' }).catch((error: unknown) => {
      request.log.warn({ err: error }, 'the webhook delivery run could not be queued; the next sweep will deliver')
    })
  }
  app.addHook('onResponse', async (request, reply) => {
    if (!WRITES.has(request.method) || reply.statusCode >= 300) return
    const now = Date.now()
    if (request.url.startsWith('/v1/webhooks')) known = { any: true, until: now + SOME_FOR_MS }
    if (now >= known.until) {
      try {
        const any = await anyActiveWebhook(app.db)
        known = { any, until: now + (any ? SOME_FOR_MS : NONE_FOR_MS) }
      } catch (error) {
        request.log.warn({ err: error }, 'whether any webhook is active could not be read; the next sweep will deliver')
        return
      }
    }
    if (known.any) queue(request)
  })
}, { name: 'webhooks', dependencies: ['jobs'] })
