// GET /v1/pledges/{pledgeId}/document.pdf and .docx: the pledge as people print it or edit it in Word (every role
// reads it, like the pledge). A draft prints with "BẢN DỰ THẢO" in place of the content hash it does not have yet.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { documentRoutes } from '../../documents/document-routes.js'
import { pledgeModel } from '../../documents/pledge-document.js'
import { readContext } from '../../http/context.js'
import { pledgeDocumentData } from '../../services/pledges.js'
import { PledgeParams } from './schemas.js'

const pledgeDocumentRoute: FastifyPluginAsyncTypebox = async (app) => {
  documentRoutes(app, {
    path: '/v1/pledges/:pledgeId/document',
    operationId: 'getPledgeDocument',
    what: 'The pledge: heading, slogan, commitments, registered titles, signatures,',
    description: 'The content hash is in the footer of every page. A draft (not yet opened) has none: it prints ' +
      'with "BẢN DỰ THẢO" (draft) under the title and in every footer. The same record gives the same words.',
    tags: ['pledges'],
    params: PledgeParams,
    problems: { 404: ['block_not_found', 'cluster_not_found', 'pledge_not_found'] },
    load: async (request) => {
      const { data, fileName } = await pledgeDocumentData(readContext(request), request.params)
      return { model: pledgeModel(data), fileName }
    }
  })
}

export default pledgeDocumentRoute
