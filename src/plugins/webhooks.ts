// Webhooks' place in every request: the target policy the webhook routes check URLs against, and the trigger that
// starts a delivery run once a write has answered (after the answer, so no write waits for it; keyed, so a burst
// of writes queues one run). The recurring run (jobs/webhook-delivery.ts) is the safety net: events written by
// another instance, retries whose time has come, a restart.
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

/** How long "no subscription is active" is believed before it is read again (another instance may add one). */
const KNOWN_FOR_MS = 5000

export default fp<{ targets: TargetPolicy }>(async (app, { targets }) => {
  app.decorate('webhookTargets', targets)
  // Whether any subscription is active, read at most every KNOWN_FOR_MS (and again after a webhook operation): a
  // service nobody subscribes to queues nothing after its writes.
  let known = { any: false, until: 0 }
  const subscribed = async () => {
    const now = Date.now()
    if (now >= known.until) known = { any: await anyActiveWebhook(app.db), until: now + KNOWN_FOR_MS }
    return known.any
  }
  app.addHook('onResponse', async (request, reply) => {
    if (!WRITES.has(request.method) || reply.statusCode >= 300) return
    if (request.url.startsWith('/v1/webhooks')) known.until = 0
    try {
      if (await subscribed()) await app.jobs.add(WEBHOOK_DELIVERY, {}, { key: 'after-write' })
    } catch (error) {
      request.log.warn({ err: error }, 'the webhook delivery run could not be queued; the next sweep will deliver')
    }
  })
}, { name: 'webhooks', dependencies: ['jobs'] })
