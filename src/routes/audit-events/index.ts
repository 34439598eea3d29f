// The audit trail: who changed what, when, and from which request (admin and reader).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listAuditEvents } from '../../db/audit-repository.js'
import { invalid } from '../../domain/errors.js'
import { problems, ref } from '../../http/shared-schemas.js'
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
  }, async (request) => {
    const { limit, cursor, ...filter } = request.query
    if (filter.from !== undefined && filter.to !== undefined && Date.parse(filter.from) >= Date.parse(filter.to)) {
      throw invalid('invalid_time_range', 'from must be before to.', { from: filter.from, to: filter.to })
    }
    return listAuditEvents(app.db, filter, { limit, cursor })
  })
}

export default auditEvents
