// GET /v1/clusters/{clusterId}/advisory-groups/{year}/decision.pdf and .docx: the decision founding the group, as
// people print it or edit it in Word (every role reads them, like the group).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { decisionDocument } from '../../documents/advisory-decision-document.js'
import { decisionDocx } from '../../documents/advisory-decision-docx.js'
import { acceptsPdf, pdfResponse, sendDocument, sendPdf } from '../../documents/pdf-reply.js'
import { readContext } from '../../http/context.js'
import { negotiated, VARY_ACCEPT } from '../../http/negotiate.js'
import { problems } from '../../http/shared-schemas.js'
import { decisionDocumentData } from '../../services/advisory-groups.js'
import { AdvisoryGroupParams, DecisionDocumentQuery } from './schemas.js'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

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

  app.get('/v1/clusters/:clusterId/advisory-groups/:year/decision.docx', {
    schema: {
      operationId: 'getAdvisoryGroupDecisionDocx',
      summary: 'The decision founding the advisory group, as a Word document (.docx) to edit and sign',
      description: 'The same decision as getAdvisoryGroupDecision, with the same words, in Times New Roman on A4: the ' +
        'heading as a borderless two-column table, the title, grounds, Điều 1–3, recipients and signature block; the ' +
        'version\'s digest in the footer. The current version, or `version`. Sent as an attachment.',
      tags: ['scoring'],
      params: AdvisoryGroupParams,
      querystring: DecisionDocumentQuery,
      produces: [DOCX_TYPE, 'application/problem+json'],
      response: {
        200: { description: 'The decision as a .docx, as an attachment.', headers: VARY_ACCEPT, content: { [DOCX_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
        ...problems({ 404: ['advisory_group_not_found', 'cluster_not_found'], 406: ['not_acceptable'] })
      }
    }
  }, async (request, reply) => {
    if (negotiated(request, reply, [DOCX_TYPE]) === undefined) return reply
    const { data, fileName } = await decisionDocumentData(readContext(request), { ...request.params, ...request.query })
    return sendDocument(reply, await decisionDocx(data), { type: DOCX_TYPE, filename: `${fileName}.docx`, disposition: 'attachment' })
  })
}

export default decisionDocuments
