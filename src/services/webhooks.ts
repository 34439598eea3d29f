// Webhook subscriptions (issue 17): an admin subscribes to any documented event type; a secretariat to its own
// cluster's events, of the types whose data names a cluster. The signing secret is generated here and answered
// once (on creation, and by a rotation); it never enters an answer, an audit record or an event otherwise. Every
// change is audited and published (`webhook.*`), and so is a manual retry and a replay.
import { randomBytes } from 'node:crypto'
import type { Actor } from '../auth/tokens.js'
import * as clusters from '../db/clusters-repository.js'
import * as webhooks from '../db/webhooks-repository.js'
import { eventsHead } from '../db/events-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { forbidden, notFound, ruleBroken } from '../domain/errors.js'
import { assertIfMatch } from '../domain/versions.js'
import {
  eventTypeProblems, formatSecret, PREVIOUS_SECRET_HOURS, targetRefusal, WEBHOOK_SECRET_BYTES,
  type DeliveryStatus, type TargetPolicy, type Webhook, type WebhookDelivery
} from '../domain/webhooks.js'
import { normalizeName } from '../domain/text.js'
import type { ReadContext, WriteContext } from './context.js'

export interface WebhookFields {
  url: string
  eventTypes: string[]
  description?: string | null
  active?: boolean
}

/** The cluster a caller's subscriptions belong to: null for an admin (every event), its own for a secretariat. */
function ownerCluster (actor: Actor): string | null {
  if (actor.role === 'admin') return null
  if (actor.role === 'secretariat' && actor.clusterId) return actor.clusterId
  throw forbidden(`The ${actor.role} role may not manage webhooks.`)
}

/** The subscription if the caller may see it: an admin every one, a secretariat its own cluster's (404 otherwise). */
async function visibleWebhook (db: ReadContext['db'], actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  const webhook = await webhooks.getWebhook(db, id, options)
  const cluster = ownerCluster(actor)
  if (cluster !== null && webhook.clusterId !== cluster) throw notFound('webhook', id)
  return webhook
}

function assertTarget (url: string, targets: TargetPolicy): void {
  const refusal = targetRefusal(url, targets)
  if (refusal !== null) throw ruleBroken('webhook_target_refused', `url ${url.slice(0, 200)} ${refusal}.`, { path: '/body/url' })
}

function assertEventTypes (eventTypes: readonly string[], clusterId: string | null): void {
  const { unknown, unscoped } = eventTypeProblems(eventTypes, clusterId !== null)
  if (unknown.length > 0) {
    throw ruleBroken('webhook_event_type_unknown', `eventTypes names ${unknown.join(', ')}, which the event feed does not have.`, { path: '/body/eventTypes', eventTypes: unknown })
  }
  if (unscoped.length > 0) {
    throw ruleBroken('webhook_event_type_not_in_cluster',
      `A secretariat's subscription receives its cluster's events only; ${unscoped.join(', ')} carr${unscoped.length > 1 ? 'y' : 'ies'} no cluster (an admin subscribes to ${unscoped.length > 1 ? 'them' : 'it'}).`,
      { path: '/body/eventTypes', eventTypes: unscoped })
  }
}

const newSecret = () => formatSecret(randomBytes(WEBHOOK_SECRET_BYTES))
const description = (text: string | null | undefined) => text === undefined || text === null ? null : normalizeName(text)

export interface WithSecret { webhook: Webhook, secret: string }

/** Subscribes: the events after the feed's head now, of the types named (and the caller's cluster, for a secretariat). */
export async function createWebhook (ctx: WriteContext, fields: WebhookFields & { targets: TargetPolicy }): Promise<WithSecret> {
  const clusterId = ownerCluster(ctx.actor)
  assertTarget(fields.url, fields.targets)
  assertEventTypes(fields.eventTypes, clusterId)
  // A secretariat's subscription refers to its cluster (a key): one its token names must exist (404 otherwise).
  if (clusterId !== null) await clusters.getCluster(ctx.trx, clusterId)
  const secret = newSecret()
  const webhook = await webhooks.insertWebhook(ctx.trx, {
    url: fields.url,
    eventTypes: [...new Set(fields.eventTypes)],
    description: description(fields.description),
    active: fields.active ?? true,
    clusterId,
    secret,
    createdBy: ctx.actor.sub,
    position: await eventsHead(ctx.trx)
  })
  ctx.record({ action: 'webhook.created', resourceType: 'webhook', resourceId: webhook.id, after: webhook })
  return { webhook, secret }
}

export async function listWebhooks ({ db, actor }: ReadContext, page: PageRequest) {
  const clusterId = ownerCluster(actor)
  return webhooks.listWebhooks(db, clusterId === null ? {} : { clusterId }, page)
}

/** The subscription without what signs its deliveries. */
const publicPart = ({ secret: _s, previousSecret: _p, previousSecretUntil: _u, ...webhook }: webhooks.WebhookWithSecrets): Webhook => webhook

export async function readWebhook ({ db, actor }: ReadContext, { webhookId }: { webhookId: string }): Promise<Webhook> {
  return publicPart(await visibleWebhook(db, actor, webhookId))
}

/** Changes the URL, types, description or active flag; turning it active again clears its run of failures. */
export async function changeWebhook (
  ctx: WriteContext, { webhookId, ifMatch, targets, ...changes }: Partial<WebhookFields> & { webhookId: string, ifMatch?: string, targets: TargetPolicy }
): Promise<Webhook> {
  const before = publicPart(await visibleWebhook(ctx.trx, ctx.actor, webhookId, { forUpdate: true }))
  assertIfMatch(ifMatch, before.version)
  if (changes.url !== undefined) assertTarget(changes.url, targets)
  if (changes.eventTypes !== undefined) assertEventTypes(changes.eventTypes, before.clusterId)
  const after = await webhooks.updateWebhook(ctx.trx, before, {
    url: changes.url ?? before.url,
    eventTypes: changes.eventTypes === undefined ? before.eventTypes : [...new Set(changes.eventTypes)],
    description: changes.description === undefined ? before.description : description(changes.description),
    active: changes.active ?? before.active
  })
  ctx.record({ action: 'webhook.updated', resourceType: 'webhook', resourceId: after.id, before, after })
  return after
}

/** Unsubscribes: the subscription and its delivery log are deleted; nothing more is sent. */
export async function removeWebhook (ctx: WriteContext, { webhookId, ifMatch }: { webhookId: string, ifMatch?: string }): Promise<void> {
  const before = publicPart(await visibleWebhook(ctx.trx, ctx.actor, webhookId, { forUpdate: true }))
  assertIfMatch(ifMatch, before.version)
  await webhooks.deleteWebhook(ctx.trx, webhookId)
  ctx.record({ action: 'webhook.deleted', resourceType: 'webhook', resourceId: webhookId, before, after: null, eventData: before })
}

/** A new secret, answered this once; the previous one signs too (a second signature) for PREVIOUS_SECRET_HOURS. */
export async function rotateWebhookSecret (ctx: WriteContext, { webhookId }: { webhookId: string }): Promise<WithSecret> {
  const current = await visibleWebhook(ctx.trx, ctx.actor, webhookId, { forUpdate: true })
  const secret = newSecret()
  const webhook = await webhooks.rotateSecret(ctx.trx, current, secret, new Date(ctx.now.getTime() + PREVIOUS_SECRET_HOURS * 3_600_000))
  ctx.record({ action: 'webhook.secret_rotated', resourceType: 'webhook', resourceId: webhookId, before: publicPart(current), after: webhook })
  return { webhook, secret }
}

export async function listWebhookDeliveries (
  { db, actor }: ReadContext, { webhookId, status, ...page }: { webhookId: string, status?: DeliveryStatus } & PageRequest
) {
  await visibleWebhook(db, actor, webhookId)
  return webhooks.listDeliveries(db, webhookId, { status }, page)
}

/**
 * Sends a delivery again, due now and with a new retry window, whatever its status (a failed one, or a delivered
 * one the receiver lost). Deliveries go lowest position first, so it goes before the events after it.
 */
export async function retryWebhookDelivery (ctx: WriteContext, { webhookId, deliveryId }: { webhookId: string, deliveryId: string }): Promise<WebhookDelivery> {
  await visibleWebhook(ctx.trx, ctx.actor, webhookId, { forUpdate: true })
  const before = await webhooks.getDelivery(ctx.trx, webhookId, deliveryId, { forUpdate: true })
  const after = await webhooks.requeueDelivery(ctx.trx, before, ctx.now)
  ctx.record({ action: 'webhook_delivery.retried', resourceType: 'webhook_delivery', resourceId: deliveryId, before, after })
  return after
}

/**
 * Delivers again every event it receives from `fromPosition` on, in feed order: the cursor goes back before it
 * and the pending deliveries from there are cancelled (they are opened again in their turn).
 */
export async function replayWebhook (ctx: WriteContext, { webhookId, fromPosition }: { webhookId: string, fromPosition: string }): Promise<Webhook> {
  const before = publicPart(await visibleWebhook(ctx.trx, ctx.actor, webhookId, { forUpdate: true }))
  const head = await eventsHead(ctx.trx)
  if (BigInt(fromPosition) < 1n || BigInt(fromPosition) > BigInt(head)) {
    throw ruleBroken('webhook_replay_position_invalid', `fromPosition ${fromPosition} is ${BigInt(fromPosition) < 1n ? 'before the feed\'s first position (1)' : `after the feed's head (${head})`}.`, { path: '/body/fromPosition', head })
  }
  const { webhook } = await webhooks.rewind(ctx.trx, before, fromPosition)
  ctx.record({ action: 'webhook.replayed', resourceType: 'webhook', resourceId: webhookId, before, after: webhook, eventData: { ...webhook, fromPosition } })
  return webhook
}
