// GET /v1/clusters/{clusterId}/advisory-groups/{year}/decision.pdf and .docx: the decision founding the group, as
// people print it or edit it in Word (every role reads them, like the group).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { decisionModel } from '../../documents/advisory-decision-document.js'
import { documentRoutes } from '../../documents/document-routes.js'
import { readContext } from '../../http/context.js'
import { decisionDocumentData } from '../../services/advisory-groups.js'
import { AdvisoryGroupParams, DecisionDocumentQuery } from './schemas.js'

const decisionDocuments: FastifyPluginAsyncTypebox = async (app) => {
  documentRoutes(app, {
    path: '/v1/clusters/:clusterId/advisory-groups/:year/decision',
    operationId: 'getAdvisoryGroupDecision',
    what: 'The decision founding the advisory group',
    description: 'The official layout: the issuer and the decision\'s number on the left, the national name and motto ' +
      'on the right, the place and date, "QUYẾT ĐỊNH Về việc thành lập Tổ tư vấn …", the grounds, Điều 1 listing the ' +
      'members with rank, position and unit, Điều 2 their duties, Điều 3 its effect, the recipients and the signature ' +
      'block. The current version, or `version`; its digest (SHA-256) is in every page\'s footer. The same version ' +
      'gives the same words.',
    tags: ['scoring'],
    params: AdvisoryGroupParams,
    querystring: DecisionDocumentQuery,
    problems: { 404: ['advisory_group_not_found', 'cluster_not_found'] },
    load: async (request) => {
      const { data, fileName } = await decisionDocumentData(readContext(request), { ...request.params, ...request.query })
      return { model: decisionModel(data), fileName }
    }
  })
}

export default decisionDocuments
