import { Type } from 'typebox'
import { Instant, PageQuery, ref } from '../shared-schemas.js'
// Registered with the audit schemas, which come first in routes/index.ts.
import { JsonObjectOrNull } from '../audit-events/schemas.js'

export const FeedEvent = Type.Object({
  position: Type.String({ description: 'Strictly increasing in commit order; a decimal string.', examples: ['42'] }),
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ examples: ['unit.created'] }),
  resourceType: Type.String({ examples: ['unit'] }),
  resourceId: Type.String(),
  occurredAt: ref(Instant),
  requestId: Type.String(),
  data: ref(JsonObjectOrNull, { description: 'What the event carries (usually the resource after the change).' })
}, { $id: 'FeedEvent', description: 'One domain event of the outbox feed.' })

export const FeedPage = Type.Object({
  items: Type.Array(ref(FeedEvent)),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `after` for the next page when more events are waiting; null when the feed is caught up.'
  }),
  lastPosition: Type.String({
    description: 'Pass as `after` on the next poll, even when this page is empty: the feed has been read up to here ' +
      '(for the given type filter).'
  })
}, { $id: 'FeedPage' })

export const FeedQuery = Type.Object({
  // At most 18 digits: always within bigint, so a bad value is a 400 and never a database error.
  after: Type.Optional(Type.String({
    pattern: '^(0|[1-9][0-9]{0,17})$',
    description: 'The position of the last event seen (a lastPosition or nextCursor); without it, or 0, from the start.'
  })),
  limit: PageQuery.properties.limit,
  type: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Only events of this type, e.g. `unit.created`.' }))
}, { additionalProperties: false })

export const eventSchemas = [FeedEvent, FeedPage]
