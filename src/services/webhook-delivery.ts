// Delivering a subscription's events, one at a time in feed order. Each step is: claim the next due delivery
// under a lease (a short transaction), send it signed outside any transaction, record the outcome (another short
// one) if the lease is still ours. An instance that stops mid-delivery loses nothing: the delivery stays pending
// and is sent again once its lease runs out (at least once; `webhook-id`, the delivery's id, stays the same).
import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import * as webhooks from '../db/webhooks-repository.js'
import { afterAttempt, signatureHeader, type RetryPolicy, type TargetPolicy } from '../domain/webhooks.js'
import type { HttpSender } from './webhook-sender.js'
import { inUnitOfWork } from './unit-of-work.js'

export interface DeliverySettings {
  targets: TargetPolicy
  retry: RetryPolicy
  /** WEBHOOK_TIMEOUT_MS: the longest one request may take, answer included. */
  timeoutMs: number
}

export interface DeliveryDeps {
  db: Knex
  send: HttpSender
  settings: DeliverySettings
  now: () => Date
  /** A number in [0, 1) for the jitter (Math.random; tests pass their own). */
  random: () => number
}

export type StepResult =
  | { kind: 'delivered' | 'failed', deliveryId: string, disabled: boolean }
  | { kind: 'idle', at: Date | null }
  | { kind: 'busy' }

/** The lease covers the request's deadline and a margin for the two short transactions around it. */
export const leaseMs = (settings: DeliverySettings) => settings.timeoutMs + 30_000

/** The system's own identity in the audit trail, for what a delivery changes (a subscription it disables). */
const DELIVERY_ACTOR = { sub: 'system:webhooks', role: 'admin' } as const

/** Attempts the subscription's next due delivery, if any. */
export async function deliverNext (deps: DeliveryDeps, webhookId: string): Promise<StepResult> {
  const { db, send, settings } = deps
  const claim = await db.transaction(async (trx) => webhooks.claimNext(trx, webhookId, deps.now(), leaseMs(settings), randomUUID()))
  if (claim.kind !== 'claimed') return claim
  const { claimed } = claim
  const { webhook, delivery, event } = claimed
  const attemptedAt = deps.now()
  const timestamp = Math.floor(attemptedAt.getTime() / 1000)
  const body = JSON.stringify(event)
  const previous = webhook.previousSecretUntil !== null && webhook.previousSecretUntil > attemptedAt ? webhook.previousSecret : null
  const result = await send({
    url: webhook.url,
    body,
    timeoutMs: settings.timeoutMs,
    targets: settings.targets,
    headers: {
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader({ current: webhook.secret, previous }, delivery.id, timestamp, body)
    }
  })
  const outcome = afterAttempt(
    { attempts: delivery.attempts, firstAttemptAt: delivery.firstAttemptAt === null ? null : new Date(delivery.firstAttemptAt) },
    webhook.consecutiveFailures, result, attemptedAt, deps.random(), settings.retry
  )
  const record = {
    ...outcome,
    attemptedAt,
    statusCode: result.statusCode,
    error: result.error ?? (outcome.status === 'delivered' ? null : `The receiver answered ${result.statusCode}.`),
    durationMs: result.durationMs,
    responseBody: result.responseBody,
    disabledReason: outcome.disable
  }
  const origin = { actor: DELIVERY_ACTOR, now: attemptedAt, requestId: `webhook-delivery:${delivery.id}` }
  const after = await inUnitOfWork(db, origin, async (ctx) => {
    const written = await webhooks.recordAttempt(ctx.trx, claimed, record)
    if (written !== null && outcome.disable !== null) {
      const { secret: _s, previousSecret: _p, previousSecretUntil: _u, ...before } = webhook
      ctx.record({ action: 'webhook.disabled', resourceType: 'webhook', resourceId: webhook.id, before, after: written })
    }
    return written
  })
  return { kind: outcome.status === 'delivered' ? 'delivered' : 'failed', deliveryId: delivery.id, disabled: after !== null && outcome.disable !== null }
}

/**
 * Delivers what is due for one subscription, one delivery after the other, up to `max` attempts and no attempt
 * begun at or after `stopAtMs` (wall clock; a run's budget); answers when to come back: null when it has nothing waiting (a new event starts it again), an instant when a retry waits.
 */
export async function deliverDue (deps: DeliveryDeps, webhookId: string, max = 100, stopAtMs = Infinity): Promise<{ attempts: number, nextAt: Date | null, more: boolean }> {
  let attempts = 0
  while (attempts < max && Date.now() < stopAtMs) {
    const step = await deliverNext(deps, webhookId)
    if (step.kind === 'idle') return { attempts, nextAt: step.at, more: false }
    if (step.kind === 'busy') return { attempts, nextAt: null, more: false }
    attempts++
    if (step.disabled) return { attempts, nextAt: null, more: false }
  }
  return { attempts, nextAt: null, more: true }
}

/** Whether any subscription is active. */
export async function anyActiveWebhook (db: Knex): Promise<boolean> {
  return webhooks.anyActiveWebhook(db)
}

/** The active subscriptions that may have something due (new events, a retry whose time has come). */
export async function webhooksWithWork (db: Knex, now: Date, limit = 1000): Promise<string[]> {
  return webhooks.webhooksWithWork(db, now, limit)
}
