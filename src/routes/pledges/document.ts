// GET /v1/pledges/{pledgeId}/document.pdf: the pledge as people print it (every role reads it, like the pledge).
// A draft prints with "BẢN DỰ THẢO" in place of the content hash it does not have yet.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { acceptsPdf, pdfResponse, sendPdf } from '../../documents/pdf-reply.js'
import { pledgeDocument } from '../../documents/pledge-document.js'
import { readContext } from '../../http/context.js'
import { problems } from '../../http/shared-schemas.js'
import { pledgeDocumentData } from '../../services/pledges.js'
import { PledgeParams } from './schemas.js'

const pledgeDocumentRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/pledges/:pledgeId/document.pdf', {
    schema: {
      operationId: 'getPledgeDocument',
      summary: 'The pledge as a printable A4 PDF: heading, slogan, commitments, registered titles, signatures',
      description: 'The content hash is in the footer of every page. A draft (not yet opened) has none: it prints ' +
        'with "BẢN DỰ THẢO" (draft) under the title and in every footer. The same record gives the same bytes.',
      tags: ['pledges'],
      params: PledgeParams,
      produces: ['application/pdf', 'application/problem+json'],
      response: { 200: pdfResponse('The pledge as a PDF, shown inline.'), ...problems({ 404: ['block_not_found', 'cluster_not_found', 'pledge_not_found'], 406: ['not_acceptable'] }) }
    }
  }, async (request, reply) => {
    if (!acceptsPdf(request, reply)) return reply
    const { data, fileName } = await pledgeDocumentData(readContext(request), request.params)
    return sendPdf(reply, await pledgeDocument(data), fileName)
  })
}

export default pledgeDocumentRoute
