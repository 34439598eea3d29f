// Webhook subscriptions, their delivery log, and the steps of a delivery: claiming a subscription's next due
// delivery (opening one for its next matching event when none waits) under a lease, and recording an attempt.
import type { Knex } from 'knex'
import { notFound } from '../domain/errors.js'
import type { DeliveryStatus, Webhook, WebhookDelivery } from '../domain/webhooks.js'
import { toFeedEvent, type EventRow, type FeedEvent } from './events-repository.js'
import { paginate, type PageRequest } from './pagination.js'

interface WebhookRow {
  id: string
  url: string
  event_types: string[]
  description: string | null
  active: boolean
  cluster_id: string | null
  secret: string
  previous_secret: string | null
  previous_secret_until: Date | null
  position: number | string
  consecutive_failures: number
  disabled_at: Date | null
  disabled_reason: string | null
  lease_token: string | null
  lease_until: Date | null
  created_by: string
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

interface DeliveryRow {
  id: string
  webhook_id: string
  event_position: number | string
  event_id: string
  event_type: string
  status: DeliveryStatus
  attempts: number
  first_attempt_at: Date | null
  last_attempt_at: Date | null
  next_attempt_at: Date | null
  last_status_code: number | null
  last_error: string | null
  last_duration_ms: number | null
  last_response_body: string | null
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const iso = (date: Date | null) => date === null ? null : date.toISOString()

const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  url: row.url,
  eventTypes: row.event_types,
  description: row.description,
  active: row.active,
  clusterId: row.cluster_id,
  position: String(row.position),
  consecutiveFailures: row.consecutive_failures,
  disabledAt: iso(row.disabled_at),
  disabledReason: row.disabled_reason,
  createdBy: row.created_by,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventPosition: String(row.event_position),
  eventId: row.event_id,
  eventType: row.event_type,
  status: row.status,
  attempts: row.attempts,
  firstAttemptAt: iso(row.first_attempt_at),
  lastAttemptAt: iso(row.last_attempt_at),
  nextAttemptAt: iso(row.next_attempt_at),
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastDurationMs: row.last_duration_ms,
  lastResponseBody: row.last_response_body,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

/** A subscription with what signs its deliveries. */
export interface WebhookWithSecrets extends Webhook { secret: string, previousSecret: string | null, previousSecretUntil: Date | null }

const withSecrets = (row: WebhookRow): WebhookWithSecrets =>
  ({ ...toWebhook(row), secret: row.secret, previousSecret: row.previous_secret, previousSecretUntil: row.previous_secret_until })

export interface NewWebhookRow {
  url: string
  eventTypes: string[]
  description: string | null
  active: boolean
  clusterId: string | null
  secret: string
  createdBy: string
  /** The feed's head: the subscription receives the events after it. */
  position: string
}

export async function insertWebhook (trx: Knex.Transaction, fields: NewWebhookRow): Promise<Webhook> {
  const [row] = await trx('webhooks').insert({
    url: fields.url,
    event_types: fields.eventTypes,
    description: fields.description,
    active: fields.active,
    cluster_id: fields.clusterId,
    secret: fields.secret,
    created_by: fields.createdBy,
    position: fields.position
  }).returning('*')
  return toWebhook(row)
}

/** The subscription, or 404 `webhook_not_found`. `forUpdate` locks it for a change. */
export async function getWebhook (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<WebhookWithSecrets> {
  const query = db('webhooks').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  const row: WebhookRow | undefined = await query
  if (!row) throw notFound('webhook', id)
  return withSecrets(row)
}

/** Subscriptions in the order they were made; those of one cluster when `clusterId` is given. */
export async function listWebhooks (db: Knex, filter: { clusterId?: string }, page: PageRequest) {
  const query = db('webhooks').select('*')
  if (filter.clusterId !== undefined) query.where('cluster_id', filter.clusterId)
  return paginate<WebhookRow, Webhook>(query, ['seq'], page, toWebhook)
}

export interface WebhookContent { url: string, eventTypes: string[], description: string | null, active: boolean }

/** A change of content; re-activating clears the run of failures and the reason it was disabled. */
export async function updateWebhook (trx: Knex.Transaction, current: Webhook, content: WebhookContent): Promise<Webhook> {
  const reactivated = content.active && !current.active
  const [row] = await trx('webhooks').where({ id: current.id }).update({
    url: content.url,
    event_types: content.eventTypes,
    description: content.description,
    active: content.active,
    ...(reactivated ? { consecutive_failures: 0, disabled_at: null, disabled_reason: null } : {}),
    version: current.version + 1,
    updated_at: trx.fn.now()
  }).returning('*')
  return toWebhook(row)
}

export async function deleteWebhook (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('webhooks').where({ id }).delete()
}

/** A new secret; the one it replaces keeps signing (a second signature) until `previousUntil`. */
export async function rotateSecret (trx: Knex.Transaction, current: WebhookWithSecrets, secret: string, previousUntil: Date): Promise<Webhook> {
  const [row] = await trx('webhooks').where({ id: current.id }).update({
    secret,
    previous_secret: current.secret,
    previous_secret_until: previousUntil,
    version: current.version + 1,
    updated_at: trx.fn.now()
  }).returning('*')
  return toWebhook(row)
}

/** A replay: the pending deliveries from `fromPosition` on are cancelled and the cursor goes back before it. */
export async function rewind (trx: Knex.Transaction, current: Webhook, fromPosition: string): Promise<{ webhook: Webhook, cancelled: number }> {
  const cancelled = await trx('webhook_deliveries')
    .where({ webhook_id: current.id, status: 'pending' }).andWhere('event_position', '>=', fromPosition)
    .update({ status: 'cancelled', next_attempt_at: null, updated_at: trx.fn.now() })
  const [row] = await trx('webhooks').where({ id: current.id })
    .update({ position: trx.raw('?::bigint - 1', [fromPosition]), version: current.version + 1, updated_at: trx.fn.now() }).returning('*')
  return { webhook: toWebhook(row), cancelled }
}

export async function listDeliveries (db: Knex, webhookId: string, filter: { status?: DeliveryStatus }, page: PageRequest) {
  const query = db('webhook_deliveries').select('*', db.raw('extract(epoch from created_at) * 1000000 as created_us')).where({ webhook_id: webhookId })
  if (filter.status !== undefined) query.where('status', filter.status)
  return paginate<DeliveryRow, WebhookDelivery>(db.queryBuilder().from(query.as('d')), ['event_position', 'created_us', 'id'], page, toDelivery, 'desc')
}

/** One delivery of the subscription, or 404 `webhook_delivery_not_found`. */
export async function getDelivery (db: Knex, webhookId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<WebhookDelivery> {
  const query = db('webhook_deliveries').where({ webhook_id: webhookId, id }).first()
  if (options.forUpdate) query.forUpdate()
  const row: DeliveryRow | undefined = await query
  if (!row) throw notFound('webhook_delivery', id)
  return toDelivery(row)
}

/** A manual retry: the delivery is pending again, due `now`, with a new retry window. */
export async function requeueDelivery (trx: Knex.Transaction, delivery: WebhookDelivery, now: Date): Promise<WebhookDelivery> {
  const [row] = await trx('webhook_deliveries').where({ id: delivery.id })
    .update({ status: 'pending', next_attempt_at: now, first_attempt_at: null, updated_at: trx.fn.now() }).returning('*')
  return toDelivery(row)
}

// ---------------------------------------------------------------------------------------------------------------
// Delivering

/** What an instance claimed: the subscription (with its secrets), the delivery, and its event. */
export interface Claimed {
  webhook: WebhookWithSecrets
  delivery: WebhookDelivery
  event: FeedEvent
  leaseToken: string
}

export type ClaimResult =
  | { kind: 'claimed', claimed: Claimed }
  /** Nothing to send before `at` (a retry waits), or nothing at all (null). */
  | { kind: 'idle', at: Date | null }
  /** Another instance holds the lease, or the subscription is inactive or gone. */
  | { kind: 'busy' }

/**
 * Claims the subscription's next due delivery for `leaseMs`: its lowest pending position when one is due (none is
 * opened while one waits: one at a time, in feed order); otherwise a delivery opened for its next event after its
 * cursor that it receives (of its types, and of its cluster when it has one), the cursor moving past what it skips.
 * The row lock and the lease make sure one instance at a time sends a subscription's deliveries.
 */
export async function claimNext (trx: Knex.Transaction, webhookId: string, now: Date, leaseMs: number, leaseToken: string): Promise<ClaimResult> {
  const row: WebhookRow | undefined = await trx('webhooks').where({ id: webhookId }).first().forUpdate().skipLocked()
  if (!row || !row.active || (row.lease_until !== null && row.lease_until > now)) return { kind: 'busy' }
  const webhook = withSecrets(row)
  let delivery: DeliveryRow | undefined = await trx('webhook_deliveries')
    .where({ webhook_id: webhookId, status: 'pending' }).orderBy('event_position').orderBy('created_at').first()
  if (delivery && delivery.next_attempt_at !== null && delivery.next_attempt_at > now) return { kind: 'idle', at: delivery.next_attempt_at }
  let event: EventRow | undefined
  if (delivery) {
    event = await trx('events').where({ position: delivery.event_position }).first()
  } else {
    const head = await trx('events').max({ head: 'position' }).first() as { head: number | string | null }
    const next = trx('events').where('position', '>', row.position).andWhere('position', '<=', head.head ?? 0)
      .whereIn('type', row.event_types).orderBy('position').first()
    if (row.cluster_id !== null) {
      const cluster = row.cluster_id
      next.andWhere((q) => q.whereRaw("data->>'clusterId' = ?", [cluster]).orWhere((c) => c.where({ resource_type: 'cluster', resource_id: cluster })))
    }
    event = await next
    if (!event) {
      if (head.head !== null && BigInt(head.head) > BigInt(row.position)) await trx('webhooks').where({ id: webhookId }).update({ position: head.head })
      return { kind: 'idle', at: null }
    }
    ;[delivery] = await trx('webhook_deliveries').insert({
      webhook_id: webhookId, event_position: event.position, event_id: event.id, event_type: event.type, status: 'pending', next_attempt_at: now
    }).returning('*')
    await trx('webhooks').where({ id: webhookId }).update({ position: event.position })
  }
  if (!event || !delivery) throw new Error(`webhook ${webhookId}: the event of delivery ${delivery?.id} is missing`)
  await trx('webhooks').where({ id: webhookId }).update({ lease_token: leaseToken, lease_until: new Date(now.getTime() + leaseMs) })
  return { kind: 'claimed', claimed: { webhook, delivery: toDelivery(delivery), event: toFeedEvent(event), leaseToken } }
}

/** A receiver's text as PostgreSQL can keep it: without NUL characters. */
const storable = (text: string) => text.replace(/\u0000/g, '')

/** Whether any subscription is active: when none is, a write need not start a delivery run. */
export async function anyActiveWebhook (db: Knex): Promise<boolean> {
  return (await db('webhooks').where('active', true).first('id')) !== undefined
}

export interface AttemptRecord {
  status: DeliveryStatus
  attempts: number
  firstAttemptAt: Date
  attemptedAt: Date
  nextAttemptAt: Date | null
  statusCode: number | null
  error: string | null
  durationMs: number
  responseBody: string | null
  consecutiveFailures: number
  disabledReason: string | null
}

/**
 * Writes an attempt's outcome and releases the lease, if this instance still holds it (false when its lease ran
 * out and another took over: the outcome is then left to that one).
 */
export async function recordAttempt (trx: Knex.Transaction, claimed: Claimed, outcome: AttemptRecord): Promise<Webhook | null> {
  const [row] = await trx('webhooks').where({ id: claimed.webhook.id, lease_token: claimed.leaseToken }).update({
    lease_token: null,
    lease_until: null,
    consecutive_failures: outcome.consecutiveFailures,
    ...(outcome.disabledReason !== null
      ? { active: false, disabled_at: outcome.attemptedAt, disabled_reason: outcome.disabledReason, version: trx.raw('version + 1'), updated_at: trx.fn.now() }
      : {})
  }).returning('*') as WebhookRow[]
  if (!row) return null
  // Only while still pending: a replay that cancelled it meanwhile keeps it cancelled.
  await trx('webhook_deliveries').where({ id: claimed.delivery.id, status: 'pending' }).update({
    status: outcome.status,
    attempts: outcome.attempts,
    first_attempt_at: outcome.firstAttemptAt,
    last_attempt_at: outcome.attemptedAt,
    next_attempt_at: outcome.nextAttemptAt,
    last_status_code: outcome.statusCode,
    last_error: outcome.error === null ? null : storable(outcome.error).slice(0, 1000),
    last_duration_ms: outcome.durationMs,
    last_response_body: outcome.responseBody === null ? null : storable(outcome.responseBody),
    updated_at: trx.fn.now()
  })
  return toWebhook(row)
}

/**
 * Active subscriptions that may have something to send: a pending delivery due by `now`, or events after their
 * cursor (a sweep starts a delivery run for each).
 */
export async function webhooksWithWork (db: Knex, now: Date, limit: number): Promise<string[]> {
  const head = await db('events').max({ head: 'position' }).first() as { head: number | string | null }
  const rows: Array<{ id: string }> = await db('webhooks').select('id').where('active', true)
    .andWhere((q) => q.where('position', '<', head.head ?? 0).orWhereExists(
      db('webhook_deliveries').select(db.raw('1')).whereRaw('webhook_deliveries.webhook_id = webhooks.id')
        .andWhere('status', 'pending').andWhere('next_attempt_at', '<=', now)))
    .orderBy('seq').limit(limit)
  return rows.map((r) => r.id)
}
