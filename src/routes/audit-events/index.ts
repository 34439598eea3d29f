// The audit trail: who changed what, when, and from which request (admin and reader).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { writtenAsRead } from '../../http/written-as-read.js'
import { listAuditEvents } from '../../services/audit.js'
import { AuditEventListQuery, AuditEventPage } from './schemas.js'

const auditEvents: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/audit-events', {
    config: { roles: ['admin', 'reader', 'ministry'] },
    serializerCompiler: writtenAsRead,
    schema: {
      operationId: 'listAuditEvents',
      summary: 'List changes, newest first, optionally filtered',
      description: 'Every change the service made, written in the same transaction as the change: who (token subject ' +
        'and role), when, the request (`requestId`, the x-request-id of the response) and the resource before and ' +
        'after. The filters combine; `from` and `to` bound `occurredAt`. Ballots\' choices are never recorded: a ' +
        'ballot appears as `ballot.cast` with the round and the voting unit only.',
      tags: ['audit'],
      querystring: AuditEventListQuery,
      response: { 200: ref(AuditEventPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit', 'invalid_time_range'] }) }
    }
  }, async (request) => listAuditEvents(readContext(request), request.query))
}

export default auditEvents
