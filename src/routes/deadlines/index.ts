// What a cluster's member units are due next under its scoring schemes' deadlines (domain/scoring/deadlines.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { listClusterDeadlines } from '../../services/deadlines.js'
import { DeadlineListQuery, DueStepPage } from './schemas.js'

const tags = ['scoring']

const deadlines: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/clusters/:clusterId/deadlines', {
    config: { scope: { secretariat: 'own cluster only', unit: 'its own rows only' } },
    schema: {
      operationId: 'listClusterDeadlines',
      summary: 'What the cluster\'s member units are due next under its scoring schemes, the earliest first',
      description: 'For each published scheme of the cluster whose scores are not finalized and that sets `deadlines`, ' +
        'each member unit of the scheme\'s year with a step due: submitting its self-assessment (a member without a ' +
        'scorecard too), submitting it again after a return for revision, explaining while the window after its first review is open, or the second review after an ' +
        'explanation. Ordered by `dueOn`, then scheme and unit, a page at a time (pass nextCursor as `cursor`). Dates ' +
        'are calendar dates in Asia/Ho_Chi_Minh and today is the request\'s day there: `late` when `dueOn` has passed ' +
        'or a step was taken late. Admin and reader read any cluster, a secretariat its own (403 otherwise), a unit ' +
        'its own rows only (an empty list in a cluster it is not a member of).',
      tags,
      params: ClusterParams,
      querystring: DeadlineListQuery,
      response: { 200: ref(DueStepPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterDeadlines(readContext(request), { ...request.params, ...request.query }))
}

export default deadlines
