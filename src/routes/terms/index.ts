// Terms: the head and deputy units of a cluster per year. An admin appoints them directly; every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getCluster } from '../../db/clusters-repository.js'
import { membershipPeriods } from '../../db/memberships-repository.js'
import { findTerm, getTerm, listTerms, type Term as StoredTerm } from '../../db/terms-repository.js'
import { assertLeadership } from '../../domain/term.js'
import { assertIfMatch, derivedEtagOf } from '../../plugins/etag.js'
import { IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { writeTerm } from '../../services/write-term.js'
import { Term, TermAppointment, TermListQuery, TermPage, TermParams } from './schemas.js'


const tags = ['clusters']

/** The flag handover follows the year before's head, so it is part of the ETag. */
const termTag = (term: StoredTerm) => derivedEtagOf(term.version, term.flagHandover)

const terms: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/clusters/:clusterId/terms', {
    schema: {
      operationId: 'listTerms',
      summary: 'A cluster\'s terms, the latest year first',
      tags,
      params: ClusterParams,
      querystring: TermListQuery,
      response: { 200: ref(TermPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { clusterId } = request.params
    await getCluster(app.db, clusterId)
    return listTerms(app.db, clusterId, request.query)
  })

  app.get('/v1/clusters/:clusterId/terms/:year', {
    schema: {
      operationId: 'getTerm',
      summary: 'A cluster\'s term for a year',
      tags,
      params: TermParams,
      response: { 200: ref(Term), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const { clusterId, year } = request.params
    await getCluster(app.db, clusterId)
    const term = await getTerm(app.db, clusterId, year)
    return reply.header('etag', termTag(term)).send(term)
  })

  app.put('/v1/clusters/:clusterId/terms/:year', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'appointTerm',
      summary: 'Appoint the head and deputy units for a year (creates or replaces the term)',
      tags,
      params: TermParams,
      headers: IfMatchHeaders,
      body: ref(TermAppointment),
      response: {
        200: ref(Term, { description: 'The term replaced.' }),
        201: ref(Term, { description: 'The term created.' }),
        ...problems(400, 403, 404, 412, 422)
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { trx, record } = ctx
    const { clusterId, year } = request.params
    const { headUnitId, deputyUnitId, chosenBy = 'appointment', decidedOn = null, note = null } = request.body
    // Locking the cluster serialises appointments to it: the term read here stays current until commit, and two
    // first PUTs of a year cannot both create.
    await getCluster(trx, clusterId, { forUpdate: true })
    const before = await findTerm(trx, clusterId, year)
    assertIfMatch(request, before && termTag(before))
    assertLeadership(year, { headUnitId, deputyUnitId }, await membershipPeriods(trx, clusterId, [headUnitId, deputyUnitId]))
    const after = await writeTerm(ctx, 'term.appointed', clusterId, year, before, { headUnitId, deputyUnitId, chosenBy, decidedOn, note })
    const headers: Record<string, string> = { etag: termTag(after) }
    if (before) return { statusCode: 200, body: after, headers }
    return { statusCode: 201, body: after, headers: { ...headers, location: `/v1/clusters/${clusterId}/terms/${year}` } }
  })))
}

export default terms
