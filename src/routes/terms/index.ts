// Terms: the head and deputy units of a cluster per year. An admin appoints them directly; every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { appointTerm, listClusterTerms, readTerm, termTag } from '../../services/terms.js'
import { Term, TermAppointment, TermListQuery, TermPage, TermParams } from './schemas.js'

const tags = ['clusters']

const terms: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/clusters/:clusterId/terms', {
    schema: {
      operationId: 'listTerms',
      summary: 'A cluster\'s terms, the latest year first',
      description: 'Every year\'s head and deputy units (đơn vị Cụm trưởng, Cụm phó) of the cluster, whether appointed, ' +
        'rotated or elected, the latest year first; each shows the rotating flag\'s handover from the year before.',
      tags,
      params: ClusterParams,
      querystring: TermListQuery,
      response: { 200: ref(TermPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterTerms(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/clusters/:clusterId/terms/:year', {
    schema: {
      operationId: 'getTerm',
      summary: 'A cluster\'s term for a year',
      description: 'The head and deputy units of one year (404 when none was appointed or elected yet), with its ETag. ' +
        'The ETag carries a digest of the flag handover (derived from the year before): send it back as it is, in ' +
        'If-Match to replace the term or If-None-Match to read it again.',
      tags,
      params: TermParams,
      response: { 200: ref(Term), ...notModified, ...problems({ 404: ['cluster_not_found', 'term_not_found'] }) }
    }
  }, async (request, reply) => {
    const term = await readTerm(readContext(request), request.params)
    return reply.header('etag', termTag(term)).send(term)
  })

  app.put('/v1/clusters/:clusterId/terms/:year', {
    config: { roles: ['admin'], etag: true, location: true },
    schema: {
      operationId: 'appointTerm',
      summary: 'Appoint the head and deputy units for a year (creates or replaces the term)',
      description: 'Creates the year\'s term (201) or replaces it whole (200). Head and deputy are two different units, ' +
        'each a member of the cluster on some day of that year (422 `term_unit_not_member` naming the unit otherwise). ' +
        'To replace a term, send the ETag of getTerm in If-Match (412 when stale); to create one, send none. An ' +
        'election\'s result writes the term the same way. Audited and emitted as `term.appointed`, with ' +
        '`flag.handed_over` when the head differs from the year before\'s.',
      tags,
      params: TermParams,
      headers: IfMatchHeaders,
      body: ref(TermAppointment),
      response: {
        200: ref(Term, { description: 'The term replaced.' }),
        201: ref(Term, { description: 'The term created.' }),
        ...problems({ 404: ['cluster_not_found'], 412: ['precondition_failed'], 422: ['head_and_deputy_must_differ', 'term_unit_not_member'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { term, created } = await appointTerm(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    const { clusterId, year } = request.params
    const headers: Record<string, string> = { etag: termTag(term) }
    if (!created) return { statusCode: 200, body: term, headers }
    return { statusCode: 201, body: term, headers: { ...headers, location: `/v1/clusters/${clusterId}/terms/${year}` } }
  })))
}

export default terms
