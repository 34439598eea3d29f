import { Type } from 'typebox'
import { Instant, PageQuery, ref, RequestId, Uuid } from '../../http/shared-schemas.js'
import { EVENT_TYPE_NAMES, EVENT_TYPES, type EventType } from '../../domain/event-types.js'
import { EVENT_CATALOGUE, eventUnion, recordSchemas, schemaStem } from '../../http/event-catalogue.js'
import { feedPageExample } from './examples.js'
import type { FeedEventRecord } from '../../services/audit.js'
// Registered with the audit schemas, which come first in routes/index.ts.

/** A feed position: a bigint as a decimal string (at most 19 digits; 0 before the first event). */
const Position = (description?: string) =>
  Type.String({ maxLength: 19, pattern: '^(0|[1-9][0-9]*)$', examples: ['42'], ...(description ? { description } : {}) })

export const FeedPosition = Type.String({
  $id: 'FeedPosition',
  maxLength: 19,
  pattern: '^(0|[1-9][0-9]*)$',
  examples: ['42'],
  description: 'Strictly increasing in commit order; a decimal string.'
})

/** What every event has, whatever its type. */
export const FeedEventBase = Type.Object({
  position: ref(FeedPosition),
  id: ref(Uuid),
  resourceId: Type.String({ maxLength: 200, description: 'The resource\'s id (`<clusterId>/<year>` for a term).' }),
  occurredAt: ref(Instant),
  requestId: RequestId({ description: 'The x-request-id of the request that made the change.' })
}, { $id: 'FeedEventBase', description: 'The fields every event has; `type`, `resourceType` and `data` come with its type.' })

/** The event of one type: the shared fields, `type` and `resourceType` fixed, `data` typed. */
const feedEventOf = (type: EventType) => Type.Intersect([ref(FeedEventBase), Type.Object({
  type: Type.Literal(type),
  resourceType: Type.Literal(EVENT_TYPES[type]),
  data: EVENT_CATALOGUE[type].data
})], { $id: `${schemaStem(type)}Event`, description: `\`${type}\`: ${EVENT_CATALOGUE[type].summary}` })

export const feedEventSchemas = EVENT_TYPE_NAMES.map(feedEventOf)


/** The contract types the event per `type`: a oneOf with a discriminator. */
export const FeedEvent = Type.Unsafe<FeedEventRecord>({
  $id: 'FeedEvent',
  description: 'One domain event of the outbox feed: `type` says which, and the schema of that type gives `data` ' +
    '(usually the resource after the change, as its GET answers it).',
  ...eventUnion('type', EVENT_TYPE_NAMES.map((type, i) => [type, feedEventSchemas[i]]))
})

export const FeedPage = Type.Object({
  items: Type.Array(ref(FeedEvent), { maxItems: 200 }),
  nextCursor: Type.Union([Position(), Type.Null()], {
    description: 'Pass as `after` for the next page when more events are waiting; null when the feed is caught up.'
  }),
  lastPosition: Position('Pass as `after` on the next poll, even when this page is empty: the feed has been read up ' +
    'to here (for the given type filter).')
}, { $id: 'FeedPage', examples: [feedPageExample] })

export const FeedQuery = Type.Object({
  // At most 18 digits: always within bigint, so a bad value is a 400 and never a database error.
  after: Type.Optional(Type.String({
    maxLength: 18,
    pattern: '^(0|[1-9][0-9]{0,17})$',
    description: 'The position of the last event seen (a lastPosition or nextCursor); without it, or 0, from the start.'
  })),
  limit: PageQuery.properties.limit,
  type: Type.Optional(Type.Enum(EVENT_TYPE_NAMES, { description: 'Only events of this type, e.g. `unit.created`.' }))
}, { additionalProperties: false })

export const eventSchemas = [...recordSchemas, FeedPosition, FeedEventBase, ...feedEventSchemas, FeedEvent, FeedPage]
