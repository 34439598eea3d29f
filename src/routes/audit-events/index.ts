// The audit trail: who changed what, when, and from which request (admin and reader).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { listAuditEvents } from '../../services/audit.js'
import { AuditEventListQuery, AuditEventPage } from './schemas.js'

const auditEvents: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/audit-events', {
    config: { roles: ['admin', 'reader'] },
    schema: {
      operationId: 'listAuditEvents',
      summary: 'List changes, newest first, optionally filtered',
      tags: ['audit'],
      querystring: AuditEventListQuery,
      response: { 200: ref(AuditEventPage), ...problems(400, 403) }
    }
  }, async (request) => listAuditEvents(readContext(request), request.query))
}

export default auditEvents
