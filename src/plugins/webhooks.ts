// Webhooks' place in every request: the target policy the webhook routes check URLs against, and the trigger that
// starts a delivery run once a write has answered (after the answer, so no write waits for it; keyed, so a burst
// of writes queues one run). The recurring run (jobs/webhook-delivery.ts) is the safety net: events written by
// another instance, retries whose time has come, a restart.
import fp from 'fastify-plugin'
import type { TargetPolicy } from '../domain/webhooks.js'
import { WEBHOOK_DELIVERY } from '../jobs/webhook-delivery.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOW_HOSTS: the targets a subscription may name. */
    webhookTargets: TargetPolicy
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export default fp<{ targets: TargetPolicy }>(async (app, { targets }) => {
  app.decorate('webhookTargets', targets)
  app.addHook('onResponse', async (request, reply) => {
    if (!WRITES.has(request.method) || reply.statusCode >= 300) return
    app.jobs.add(WEBHOOK_DELIVERY, {}, { key: 'after-write' }).catch((error: unknown) => {
      request.log.warn({ err: error }, 'the webhook delivery run could not be queued; the next sweep will deliver')
    })
  })
}, { name: 'webhooks', dependencies: ['jobs'] })
