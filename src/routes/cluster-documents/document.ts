// GET /v1/documents/{documentId}/document.pdf and .docx: a cluster document as people print it or edit it in Word
// (every role reads them, like the document).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { clusterDocumentModel } from '../../documents/cluster-document.js'
import { documentRoutes } from '../../documents/document-routes.js'
import { readContext } from '../../http/context.js'
import { clusterDocumentData } from '../../services/cluster-documents.js'
import { DocumentParams } from './schemas.js'

const clusterDocumentFiles: FastifyPluginAsyncTypebox = async (app) => {
  documentRoutes(app, {
    path: '/v1/documents/:documentId/document',
    operationId: 'getClusterDocumentFile',
    what: 'The cluster document (regulations, action programme or scoring rules note)',
    description: 'The official layout: the national heading with the cluster as issuer, the place (the adopting ' +
      'conference\'s location) and date (the day adopted, or of the draft\'s last change), "QUY CHẾ HOẠT ĐỘNG", ' +
      '"CHƯƠNG TRÌNH HÀNH ĐỘNG" or "QUY ĐỊNH CHẤM ĐIỂM" with the title under it, the line naming the conference that ' +
      'adopted it and the date, then "Chương I. …", the articles in bold ("Điều 1. …", numbered through the document) ' +
      'and their clauses "1. …". An adopted version has its contentHash in every page\'s footer; a draft is marked ' +
      '"BẢN DỰ THẢO".',
    tags: ['cluster documents'],
    params: DocumentParams,
    problems: { 404: ['document_not_found'] },
    load: async (request) => {
      const { data, fileName } = await clusterDocumentData(readContext(request), request.params)
      return { model: clusterDocumentModel(data), fileName }
    }
  })
}

export default clusterDocumentFiles
