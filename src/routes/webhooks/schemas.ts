import { Type } from 'typebox'
import { IdParam } from '../../http/common-schemas.js'
import { EXAMPLE_CREATED_AT, EXAMPLE_IDS, exampleStamps, withPageExample } from '../../http/examples.js'
import { Instant, Integer, INT32_MAX, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'
import { EVENT_TYPE_NAMES } from '../../domain/event-types.js'
import { DELIVERY_STATUSES, DESCRIPTION_MAX_LENGTH, MAX_EVENT_TYPES, RESPONSE_BODY_LOG_BYTES, URL_MAX_LENGTH } from '../../domain/webhooks.js'

const WEBHOOK_ID = '2c4e6a8b-0d2f-4b6c-8e0a-3f5b7d9c1e2a'
const DELIVERY_ID = '7a9c1e3b-5d7f-4a2c-9e4b-6d8f0a2c4e6b'
const EXAMPLE_URL = 'https://thiduakhenthuong.congan.laocai.gov.vn/hooks/thidua'
const EXAMPLE_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5pbTyBg8cx0='

/** A feed position as the feed writes it: a decimal string. */
const Position = (description: string) => Type.String({ maxLength: 19, pattern: '^(0|[1-9][0-9]*)$', description })

const Url = Type.String({
  minLength: 1,
  maxLength: URL_MAX_LENGTH,
  format: 'uri',
  description: 'Where the events are POSTed: https (http only when the service allows it, WEBHOOK_ALLOW_HTTP), never a ' +
    'loopback, private, link-local, unique-local, multicast or unspecified address unless the service names the host ' +
    '(WEBHOOK_ALLOW_HOSTS); checked again at every delivery against the addresses its name resolves to (422 ' +
    '`webhook_target_refused`). Redirects are not followed.'
})

const EventTypeName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z_]+\\.[a-z_]+$',
  description: `An event type of the feed (GET /v1/events documents each): ${EVENT_TYPE_NAMES.slice(0, 3).join(', ')}…`
})

const EventTypes = Type.Array(EventTypeName, {
  minItems: 1,
  maxItems: MAX_EVENT_TYPES,
  uniqueItems: true,
  description: 'The event types to receive, each documented by the feed (422 `webhook_event_type_unknown` otherwise). ' +
    'A secretariat receives its own cluster\'s events only, so it names types whose data carries a cluster ' +
    '(422 `webhook_event_type_not_in_cluster` otherwise).'
})

const Description = Type.String({ minLength: 1, maxLength: DESCRIPTION_MAX_LENGTH, pattern: '\\S', description: 'What the subscription is for; stored NFC and trimmed.' })

const webhookExample = {
  id: WEBHOOK_ID,
  url: EXAMPLE_URL,
  eventTypes: ['scoring_scheme.published', 'conference.finalized', 'election.closed'],
  description: 'Cổng thông tin thi đua của Công an tỉnh Lào Cai',
  active: true,
  clusterId: EXAMPLE_IDS.cluster,
  position: '42',
  consecutiveFailures: 0,
  disabledAt: null,
  disabledReason: null,
  createdBy: 'secretariat-cum-1',
  ...exampleStamps
}

export const Webhook = Type.Object({
  id: ref(Uuid),
  url: Type.String({ maxLength: URL_MAX_LENGTH, description: 'Where the events are POSTed.' }),
  eventTypes: Type.Array(Type.String({ maxLength: 100 }), { maxItems: MAX_EVENT_TYPES, description: 'The event types it receives.' }),
  description: Type.Union([Type.String({ maxLength: DESCRIPTION_MAX_LENGTH }), Type.Null()]),
  active: Type.Boolean({ description: 'Delivered to while true; false when turned off or disabled after failures (`disabledReason`).' }),
  clusterId: Type.Union([ref(Uuid), Type.Null()], {
    description: 'A secretariat\'s subscription: it receives the events of this cluster only. Null: an admin\'s, every event of its types.'
  }),
  position: Position('The feed position it has reached: every event up to it has been delivered, is being delivered, or is not its own.'),
  consecutiveFailures: Integer(0, INT32_MAX, { description: 'Failed attempts in a row (0 after a success).' }),
  disabledAt: Type.Union([ref(Instant), Type.Null()], { description: 'When the service disabled it (after failures, or a 410 Gone).' }),
  disabledReason: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
  createdBy: Type.String({ maxLength: 16_384, description: 'The subject of the token that created it.' }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Webhook',
  description: 'A webhook subscription: the feed\'s events of its types, POSTed to its URL one at a time in feed order, signed ' +
    '(Standard Webhooks). Its signing secret is never shown again after the answer that made it.',
  examples: [webhookExample]
})

export const WebhookWithSecret = Type.Object({
  ...Webhook.properties,
  secret: Type.String({
    maxLength: 200,
    pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$',
    description: 'The signing secret, shown this once: `whsec_` and the base64 of 32 random bytes, the HMAC-SHA256 key. Keep it.'
  })
}, {
  $id: 'WebhookWithSecret',
  description: 'The subscription with its signing secret: answered once, when it is created or its secret rotated.',
  examples: [{ ...webhookExample, secret: EXAMPLE_SECRET }]
})

export const WebhookPage = withPageExample(pageOf(Webhook, 'WebhookPage'), Webhook)

export const NewWebhook = Type.Object({
  url: Url,
  eventTypes: EventTypes,
  description: Type.Optional(Type.Union([Description, Type.Null()])),
  active: Type.Optional(Type.Boolean({ default: true, description: 'False to create it turned off.' }))
}, {
  $id: 'NewWebhook',
  additionalProperties: false,
  description: 'A subscription: it receives the events written after it is created.',
  examples: [{ url: EXAMPLE_URL, eventTypes: webhookExample.eventTypes, description: webhookExample.description, active: true }]
})

export const WebhookPatch = Type.Object({
  url: Type.Optional(Url),
  eventTypes: Type.Optional(EventTypes),
  description: Type.Optional(Type.Union([Description, Type.Null()])),
  active: Type.Optional(Type.Boolean({ description: 'true turns a disabled subscription on again (its failures are forgotten); false turns it off.' }))
}, {
  $id: 'WebhookPatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change; the others keep their value.',
  examples: [{ active: true }]
})

export const WebhookDelivery = Type.Object({
  id: ref(Uuid, { description: 'Sent as `webhook-id`: the same on every attempt of this delivery.' }),
  webhookId: ref(Uuid),
  eventPosition: Position('The event\'s feed position.'),
  eventId: ref(Uuid, { description: 'The event\'s id (`id` in the body).' }),
  eventType: Type.String({ maxLength: 100 }),
  status: Type.Enum([...DELIVERY_STATUSES], {
    description: '`pending`: waiting for its next attempt; `delivered`: a 2xx came back; `failed`: given up after the retry ' +
      'window (a manual retry sends it again); `cancelled`: a replay from an earlier position took its place.'
  }),
  attempts: Integer(0, INT32_MAX),
  firstAttemptAt: Type.Union([ref(Instant), Type.Null()]),
  lastAttemptAt: Type.Union([ref(Instant), Type.Null()]),
  nextAttemptAt: Type.Union([ref(Instant), Type.Null()], { description: 'When it is tried next, while pending.' }),
  lastStatusCode: Type.Union([Integer(100, 599), Type.Null()], { description: 'The receiver\'s last status; null when no answer came.' }),
  lastError: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()], { description: 'Why the last attempt failed (a status, a timeout, a refused address).' }),
  lastDurationMs: Type.Union([Integer(0, INT32_MAX), Type.Null()], { description: 'How long the last attempt took.' }),
  lastResponseBody: Type.Union([Type.String({ maxLength: RESPONSE_BODY_LOG_BYTES }), Type.Null()], {
    description: `The start of the receiver's last answer (at most ${RESPONSE_BODY_LOG_BYTES} bytes).`
  }),
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'WebhookDelivery',
  description: 'One event\'s delivery to a subscription, with its attempts.',
  examples: [{
    id: DELIVERY_ID,
    webhookId: WEBHOOK_ID,
    eventPosition: '43',
    eventId: '5d7f9b1c-3e5a-4c7b-9d1f-2a4c6e8a0b2d',
    eventType: 'conference.finalized',
    status: 'pending',
    attempts: 2,
    firstAttemptAt: EXAMPLE_CREATED_AT,
    lastAttemptAt: '2024-01-08T02:30:07.000Z',
    nextAttemptAt: '2024-01-08T02:30:15.000Z',
    lastStatusCode: 503,
    lastError: 'The receiver answered 503.',
    lastDurationMs: 38,
    lastResponseBody: 'Hệ thống đang bảo trì',
    createdAt: EXAMPLE_CREATED_AT,
    updatedAt: '2024-01-08T02:30:07.000Z'
  }]
})

export const WebhookDeliveryPage = withPageExample(pageOf(WebhookDelivery, 'WebhookDeliveryPage'), WebhookDelivery)

export const WebhookParams = Type.Object({ webhookId: IdParam('The webhook subscription\'s id.', WEBHOOK_ID) })
export const DeliveryParams = Type.Object({
  webhookId: IdParam('The webhook subscription\'s id.', WEBHOOK_ID),
  deliveryId: IdParam('The delivery\'s id (its `webhook-id`).', DELIVERY_ID)
})

export const WebhookListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const DeliveryListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(Type.Enum([...DELIVERY_STATUSES], { description: 'Only deliveries in this status.' }))
}, { additionalProperties: false })

export const WebhookReplay = Type.Object({
  fromPosition: Type.String({
    maxLength: 18,
    pattern: '^[1-9][0-9]*$',
    description: 'The feed position to deliver again from (a decimal string, as the feed writes positions): every event the ' +
      'subscription receives from it on is delivered again, in order, before the newer ones.'
  })
}, { $id: 'WebhookReplay', additionalProperties: false, examples: [{ fromPosition: '1' }] })

export const webhookSchemas = [Webhook, WebhookWithSecret, WebhookPage, NewWebhook, WebhookPatch, WebhookDelivery, WebhookDeliveryPage, WebhookReplay]
