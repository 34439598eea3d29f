// One job delivers webhooks: it runs every WEBHOOK_SWEEP_SECONDS on each instance, and soon after a write answered
// (plugins/webhooks.ts adds it, keyed, so a burst of writes queues it once). Each run finds the active subscriptions
// with something due (events after their cursor, a retry whose time has come) and delivers for a few at a time,
// each subscription's events one after the other in feed order. Subscriptions are leased while sent, so instances
// running it together never send the same subscription's events at once; nothing it needs lives in memory, so a
// restart loses nothing.
import { deliverDue, leaseMs, webhooksWithWork, type DeliverySettings } from '../services/webhook-delivery.js'
import type { HttpSender } from '../services/webhook-sender.js'
import type { JobDefinition } from './queue.js'

export const WEBHOOK_DELIVERY = 'webhooks.deliver'

/** Subscriptions delivered for at once by one run. */
const CONCURRENCY = 8
/** Attempts for one subscription in one run: the next run carries on. */
const ATTEMPTS_PER_RUN = 20
/** A run begins no attempt after this long: the next run carries on. */
const RUN_BUDGET_MS = 60_000

export interface WebhookJobSettings extends DeliverySettings {
  sweepSeconds: number
  send: HttpSender
}

export function webhookDelivery (settings: WebhookJobSettings): JobDefinition {
  return {
    name: WEBHOOK_DELIVERY,
    everySeconds: settings.sweepSeconds,
    // A failed run is not retried: the next sweep finds the same work.
    retryLimit: 0,
    // The longest a run can last: its budget, then the attempts begun just before it ends (each within its lease).
    // A run whose instance died holds its lane of the queue until then, so it is kept short: 100 s by default.
    timeoutSeconds: Math.ceil((RUN_BUDGET_MS + leaseMs(settings)) / 1000),
    handler: async (_payload, { db, log, now }) => {
      const ids = await webhooksWithWork(db, now())
      const deps = { db, send: settings.send, settings, now, random: Math.random }
      let next = 0
      const stopAt = Date.now() + RUN_BUDGET_MS
      const worker = async () => {
        while (next < ids.length && Date.now() < stopAt) {
          const id = ids[next++]
          try {
            const { attempts } = await deliverDue(deps, id, ATTEMPTS_PER_RUN, stopAt)
            if (attempts > 0) log.debug({ webhookId: id, attempts }, 'webhook deliveries attempted')
          } catch (error) {
            log.error({ err: error, webhookId: id }, 'webhook delivery failed')
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker))
    }
  }
}
