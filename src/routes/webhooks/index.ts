// Webhook subscriptions: an admin's receive every event of their types, a secretariat's its own cluster's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, IfMatchHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import {
  changeWebhook, createWebhook, listWebhookDeliveries, listWebhooks, readWebhook, removeWebhook, replayWebhook,
  retryWebhookDelivery, rotateWebhookSecret
} from '../../services/webhooks.js'
import {
  DeliveryListQuery, DeliveryParams, NewWebhook, Webhook, WebhookDelivery, WebhookDeliveryPage, WebhookListQuery, WebhookPage,
  WebhookParams, WebhookPatch, WebhookReplay, WebhookWithSecret
} from './schemas.js'

const tags = ['webhooks']
const roles = ['admin', 'secretariat'] as const
const withSecret = ({ webhook, secret }: { webhook: object, secret: string }) => ({ ...webhook, secret })

const webhooks: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/webhooks', {
    config: { roles: [...roles], etag: true, location: true },
    schema: {
      operationId: 'createWebhook',
      summary: 'Subscribe to events',
      description: 'Subscribes a URL to event types of the feed: each event written from now on, of those types (and, for ' +
        'a secretariat, of its own cluster), is POSTed to it as JSON, one at a time in feed order, signed per Standard ' +
        'Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The answer alone carries the signing ' +
        '`secret`. The URL must be one the service calls (422 `webhook_target_refused`), the types documented (422 ' +
        '`webhook_event_type_unknown`) and, for a secretariat, about a cluster (422 `webhook_event_type_not_in_cluster`); ' +
        'a secretariat\'s subscription belongs to its cluster (404 `cluster_not_found` when the token names none), which ' +
        'is not deleted while it has one. Audited and emitted as `webhook.created` (never with the secret).',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewWebhook),
      response: {
        201: ref(WebhookWithSecret, { description: 'The subscription, with its secret shown this once.' }),
        ...problems({ 404: ['cluster_not_found'], 422: ['webhook_target_refused', 'webhook_event_type_unknown', 'webhook_event_type_not_in_cluster'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const created = await createWebhook(ctx, { ...request.body, targets: app.webhookTargets })
    return { statusCode: 201, body: withSecret(created), headers: { etag: etagOf(created.webhook.version), location: `/v1/webhooks/${created.webhook.id}` } }
  })))

  app.get('/v1/webhooks', {
    config: { roles: [...roles] },
    schema: {
      operationId: 'listWebhooks',
      summary: 'List webhook subscriptions',
      description: 'Every subscription for an admin; a secretariat\'s own cluster\'s for a secretariat. Oldest first.',
      tags,
      querystring: WebhookListQuery,
      response: { 200: ref(WebhookPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'] }) }
    }
  }, async (request) => listWebhooks(readContext(request), request.query))

  app.get('/v1/webhooks/:webhookId', {
    config: { roles: [...roles] },
    schema: {
      operationId: 'getWebhook',
      summary: 'Get a webhook subscription',
      description: 'One subscription (never its secret), with its ETag, the feed position it has reached and its failures ' +
        'in a row. A secretariat reads its own cluster\'s (404 for another\'s).',
      tags,
      params: WebhookParams,
      response: { 200: ref(Webhook), ...notModified, ...problems({ 404: ['webhook_not_found'] }) }
    }
  }, async (request, reply) => {
    const webhook = await readWebhook(readContext(request), request.params)
    return reply.header('etag', etagOf(webhook.version)).send(webhook)
  })

  app.patch('/v1/webhooks/:webhookId', {
    config: { roles: [...roles], etag: true },
    schema: {
      operationId: 'updateWebhook',
      summary: 'Change a webhook subscription',
      description: 'Changes its URL, event types, description or active flag; `active: true` turns a subscription the ' +
        'service disabled on again, its failures forgotten, and delivery carries on where it stopped. Send the ETag last ' +
        'read in If-Match (412 when stale). Audited (before and after) and emitted as `webhook.updated`.',
      tags,
      params: WebhookParams,
      headers: IfMatchHeaders,
      body: ref(WebhookPatch),
      response: {
        200: ref(Webhook, { description: 'The subscription changed.' }),
        ...problems({ 404: ['webhook_not_found'], 412: ['precondition_failed'], 422: ['webhook_target_refused', 'webhook_event_type_unknown', 'webhook_event_type_not_in_cluster'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeWebhook(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'], targets: app.webhookTargets })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))

  app.delete('/v1/webhooks/:webhookId', {
    config: { roles: [...roles] },
    schema: {
      operationId: 'deleteWebhook',
      summary: 'Unsubscribe',
      description: 'Deletes the subscription and its delivery log; nothing more is sent to it. If-Match optional (412 when ' +
        'stale). Audited and emitted as `webhook.deleted`.',
      tags,
      params: WebhookParams,
      headers: DeleteHeaders,
      response: { ...noContent('Unsubscribed.'), ...problems({ 404: ['webhook_not_found'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await removeWebhook(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))

  app.post('/v1/webhooks/:webhookId/rotate-secret', {
    config: { roles: [...roles], etag: true },
    schema: {
      operationId: 'rotateWebhookSecret',
      summary: 'Rotate a webhook\'s signing secret',
      description: 'A new secret, shown this once. For the next 24 hours deliveries carry two signatures in ' +
        '`webhook-signature`, by the new secret and the previous one, so the receiver can switch without losing any. ' +
        'Audited and emitted as `webhook.secret_rotated` (never with a secret).',
      tags,
      params: WebhookParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(WebhookWithSecret, { description: 'The subscription with its new secret, shown this once.' }), ...problems({ 404: ['webhook_not_found'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const rotated = await rotateWebhookSecret(ctx, request.params)
    return { statusCode: 200, body: withSecret(rotated), headers: { etag: etagOf(rotated.webhook.version) } }
  })))

  app.get('/v1/webhooks/:webhookId/deliveries', {
    config: { roles: [...roles] },
    schema: {
      operationId: 'listWebhookDeliveries',
      summary: 'Read a webhook\'s delivery log',
      description: 'Its deliveries, latest event first: status, attempts, the last response code, error, time taken and ' +
        'the start of the answer, and when the next attempt is due. `status` narrows it (`failed` for what was given up).',
      tags,
      params: WebhookParams,
      querystring: DeliveryListQuery,
      response: { 200: ref(WebhookDeliveryPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['webhook_not_found'] }) }
    }
  }, async (request) => listWebhookDeliveries(readContext(request), { ...request.params, ...request.query }))

  app.post('/v1/webhooks/:webhookId/deliveries/:deliveryId/retry', {
    config: { roles: [...roles] },
    schema: {
      operationId: 'retryWebhookDelivery',
      summary: 'Send a delivery again',
      description: 'Makes the delivery pending and due now, with a new retry window, whatever its status: a failed one, or ' +
        'a delivered one the receiver lost. It goes before the events after it (one at a time, in feed order), with the ' +
        'same `webhook-id`. Audited and emitted as `webhook_delivery.retried`.',
      tags,
      params: DeliveryParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(WebhookDelivery, { description: 'The delivery, pending.' }), ...problems({ 404: ['webhook_not_found', 'webhook_delivery_not_found'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => ({ statusCode: 200, body: await retryWebhookDelivery(ctx, request.params) }))))

  app.post('/v1/webhooks/:webhookId/replay', {
    config: { roles: [...roles], etag: true },
    schema: {
      operationId: 'replayWebhook',
      summary: 'Deliver events again from a feed position',
      description: 'Every event the subscription receives from `fromPosition` on is delivered again, in feed order, as new ' +
        'deliveries (new `webhook-id`s; the event\'s own `id` in the body stays the same). The position must be in the ' +
        'feed (422 `webhook_replay_position_invalid`). Audited and emitted as `webhook.replayed`.',
      tags,
      params: WebhookParams,
      headers: IdempotencyHeaders,
      body: ref(WebhookReplay),
      response: {
        200: ref(Webhook, { description: 'The subscription, its position moved back.' }),
        ...problems({ 404: ['webhook_not_found'], 422: ['webhook_replay_position_invalid'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const webhook = await replayWebhook(ctx, { ...request.params, ...request.body })
    return { statusCode: 200, body: webhook, headers: { etag: etagOf(webhook.version) } }
  })))
}

export default webhooks
