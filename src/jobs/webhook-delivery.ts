// Two jobs deliver webhooks. `webhooks.deliver` runs every WEBHOOK_SWEEP_SECONDS on each instance, and soon after a
// write answered (plugins/webhooks.ts adds it, keyed, so a burst of writes queues it once): each run finds the
// active subscriptions with something due (events after their cursor, a retry whose time has come) and delivers
// for a few at a time, each subscription's events one after the other in feed order. `webhooks.retry` is one
// subscription's run at the time its failed delivery is due again: a run that leaves a retry waiting queues it,
// keyed by the subscription (one waits per subscription, however many runs queue it), so a retry goes at its time
// rather than at the next sweep after it; the sweep stays the safety net (a process that ended, a queue that lost
// the job). Subscriptions are leased while sent, so runs and instances together never send the same
// subscription's events at once; nothing a run needs lives in memory, so a restart loses nothing.
import { deliverDue, leaseMs, webhooksWithWork, type DeliverySettings } from '../services/webhook-delivery.js'
import type { HttpSender } from '../services/webhook-sender.js'
import type { JobDefinition, RunContext } from './queue.js'

export const WEBHOOK_DELIVERY = 'webhooks.deliver'
export const WEBHOOK_RETRY = 'webhooks.retry'

/** The key of a subscription's retry job: one waits per subscription. */
export const retryKey = (webhookId: string) => `webhook:${webhookId}`

/** Subscriptions delivered for at once by one run. */
const CONCURRENCY = 8
/** Attempts for one subscription in one run: the next run carries on. */
const ATTEMPTS_PER_RUN = 20
/** A run begins no attempt after this long: the next run carries on. */
const RUN_BUDGET_MS = 60_000
/**
 * A retry job's follow-up is due at least this long after the job's own time. pg-boss starts a job by the
 * database's clock, the delivery is due by the app's: with the database's ahead, the job finds its retry not yet due
 * and queues it again for the same instant, which would be taken at once, again and again until the clocks agree.
 */
const RETRY_AGAIN_AFTER_MS = 1000

export interface WebhookJobSettings extends DeliverySettings {
  sweepSeconds: number
  send: HttpSender
}

/**
 * Delivers what is due for these subscriptions and queues the retry job of each one left with a retry waiting, not
 * before `notBefore`. A retry job already waiting for the subscription stands (the key): should it wait for a later
 * time than this retry's (a delivery sent again by hand failed meanwhile), the sweep attempts this one.
 */
async function deliverFor (ids: readonly string[], settings: WebhookJobSettings, { db, log, now, add }: RunContext, notBefore = 0): Promise<void> {
  const deps = { db, send: settings.send, settings, now, random: Math.random }
  let next = 0
  const stopAt = Date.now() + RUN_BUDGET_MS
  const worker = async () => {
    while (next < ids.length && Date.now() < stopAt) {
      const id = ids[next++]
      try {
        const { attempts, nextAt } = await deliverDue(deps, id, ATTEMPTS_PER_RUN, stopAt)
        if (attempts > 0) log.debug({ webhookId: id, attempts }, 'webhook deliveries attempted')
        if (nextAt !== null) {
          const runAt = new Date(Math.max(nextAt.getTime(), notBefore))
          await add(WEBHOOK_RETRY, { webhookId: id, at: runAt.toISOString() }, { key: retryKey(id), runAt })
        }
      } catch (error) {
        log.error({ err: error, webhookId: id }, 'webhook delivery failed')
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker))
}

export function webhookDelivery (settings: WebhookJobSettings): JobDefinition[] {
  const common = {
    // A failed run is not retried: the next sweep finds the same work.
    retryLimit: 0,
    // The longest a run can last: its budget, then the attempts begun just before it ends (each within its lease).
    // A run whose instance died holds its lane of the queue until then, so it is kept short: 100 s by default.
    timeoutSeconds: Math.ceil((RUN_BUDGET_MS + leaseMs(settings)) / 1000)
  }
  return [{
    name: WEBHOOK_DELIVERY,
    everySeconds: settings.sweepSeconds,
    ...common,
    handler: async (_payload, context) => {
      await deliverFor(await webhooksWithWork(context.db, context.now()), settings, context)
    }
  }, {
    name: WEBHOOK_RETRY,
    ...common,
    handler: async (payload, context) => {
      const { webhookId, at } = payload
      if (typeof webhookId !== 'string' || typeof at !== 'string') throw new Error(`a ${WEBHOOK_RETRY} job without its subscription and time: ${JSON.stringify(payload)}`)
      await deliverFor([webhookId], settings, context, Date.parse(at) + RETRY_AGAIN_AFTER_MS)
    }
  }]
}
