// The outbox feed for other systems: events in commit order, read from a position (admin and reader).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { writtenAsRead } from '../../http/written-as-read.js'
import { listEvents } from '../../services/audit.js'
import { FeedPage, FeedQuery } from './schemas.js'

const events: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/events', {
    config: { roles: ['admin', 'reader', 'ministry'] },
    serializerCompiler: writtenAsRead,
    schema: {
      operationId: 'listEvents',
      summary: 'Read the event feed after a position, oldest first',
      description: 'A follower keeps `lastPosition` and polls with `after=<lastPosition>`; ' +
        '`nextCursor` is non-null when more events can be read at once.',
      tags: ['events'],
      querystring: FeedQuery,
      response: { 200: ref(FeedPage), ...problems({ 400: ['invalid_limit'] }) }
    }
  }, async (request) => listEvents(readContext(request), request.query))
}

export default events
