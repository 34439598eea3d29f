// GET /v1/clusters/{clusterId}/advisory-groups/{year}/decision.pdf: the decision founding the group, as people print
// it (every role reads it, like the group).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { decisionDocument } from '../../documents/advisory-decision-document.js'
import { acceptsPdf, pdfResponse, sendPdf } from '../../documents/pdf-reply.js'
import { readContext } from '../../http/context.js'
import { problems } from '../../http/shared-schemas.js'
import { decisionDocumentData } from '../../services/advisory-groups.js'
import { AdvisoryGroupParams, DecisionDocumentQuery } from './schemas.js'

const decisionDocuments: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/clusters/:clusterId/advisory-groups/:year/decision.pdf', {
    schema: {
      operationId: 'getAdvisoryGroupDecision',
      summary: 'The decision founding the advisory group, as a printable A4 PDF',
      description: 'The official layout: the issuer and the decision\'s number on the left, the national name and motto ' +
        'on the right, the place and date, "QUYẾT ĐỊNH Về việc thành lập Tổ tư vấn …", the grounds, Điều 1 listing the ' +
        'members with rank, position and unit, Điều 2 their duties, Điều 3 its effect, the recipients and the signature ' +
        'block. The current version, or `version`; its digest (SHA-256) is in every page\'s footer. The same version ' +
        'gives the same bytes.',
      tags: ['scoring'],
      params: AdvisoryGroupParams,
      querystring: DecisionDocumentQuery,
      produces: ['application/pdf', 'application/problem+json'],
      response: { 200: pdfResponse('The decision as a PDF, shown inline.'), ...problems({ 404: ['advisory_group_not_found', 'cluster_not_found'], 406: ['not_acceptable'] }) }
    }
  }, async (request, reply) => {
    if (!acceptsPdf(request, reply)) return reply
    const { data, fileName } = await decisionDocumentData(readContext(request), { ...request.params, ...request.query })
    return sendPdf(reply, await decisionDocument(data), `${fileName}.pdf`)
  })
}

export default decisionDocuments
