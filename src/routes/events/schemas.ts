import { Type } from 'typebox'
import { Instant, PageQuery, ref, RequestId } from '../../http/shared-schemas.js'
import { JsonObjectOrNull } from '../../http/common-schemas.js'
// Registered with the audit schemas, which come first in routes/index.ts.

/** A feed position: a bigint as a decimal string (at most 19 digits; 0 before the first event). */
const Position = (description?: string) =>
  Type.String({ maxLength: 19, pattern: '^(0|[1-9][0-9]*)$', examples: ['42'], ...(description ? { description } : {}) })

export const FeedEvent = Type.Object({
  position: Position('Strictly increasing in commit order; a decimal string.'),
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  type: Type.String({ maxLength: 200, examples: ['unit.created'] }),
  resourceType: Type.String({ maxLength: 200, examples: ['unit'] }),
  resourceId: Type.String({ maxLength: 200 }),
  occurredAt: ref(Instant),
  requestId: RequestId(),
  data: ref(JsonObjectOrNull, { description: 'What the event carries (usually the resource after the change).' })
}, { $id: 'FeedEvent', description: 'One domain event of the outbox feed.' })

export const FeedPage = Type.Object({
  items: Type.Array(ref(FeedEvent), { maxItems: 200 }),
  nextCursor: Type.Union([Position(), Type.Null()], {
    description: 'Pass as `after` for the next page when more events are waiting; null when the feed is caught up.'
  }),
  lastPosition: Position('Pass as `after` on the next poll, even when this page is empty: the feed has been read up ' +
    'to here (for the given type filter).')
}, { $id: 'FeedPage' })

export const FeedQuery = Type.Object({
  // At most 18 digits: always within bigint, so a bad value is a 400 and never a database error.
  after: Type.Optional(Type.String({
    maxLength: 18,
    pattern: '^(0|[1-9][0-9]{0,17})$',
    description: 'The position of the last event seen (a lastPosition or nextCursor); without it, or 0, from the start.'
  })),
  limit: PageQuery.properties.limit,
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Only events of this type, e.g. `unit.created`.' }))
}, { additionalProperties: false })

export const eventSchemas = [FeedEvent, FeedPage]
