// GET /v1/reports/{reportId}/document.pdf and .docx: the summary report as people print it or edit it in Word, to
// whoever may read the report. Until final it prints with "BẢN DỰ THẢO"; once final its content hash is in the footer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { documentRoutes } from '../../documents/document-routes.js'
import { reportModel } from '../../documents/report-document.js'
import { readContext } from '../../http/context.js'
import { reportDocumentData } from '../../services/reports.js'
import { ReportParams } from './schemas.js'

const reportDocumentRoute: FastifyPluginAsyncTypebox = async (app) => {
  documentRoutes(app, {
    path: '/v1/reports/:reportId/document',
    operationId: 'getReportDocument',
    what: 'The summary report: heading, sections, the adopting conference,',
    description: 'The title says the period ("BÁO CÁO TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2024", or SƠ KẾT … 6 THÁNG ĐẦU NĂM). ' +
      'Until final the report prints with "BẢN DỰ THẢO" (draft) under the title and in every footer; once final its ' +
      'content hash is in the footer of every page. A draft is 404 to those who may not read it.',
    tags: ['reports'],
    params: ReportParams,
    problems: { 404: ['block_not_found', 'cluster_not_found', 'conference_not_found', 'report_not_found'] },
    load: async (request) => {
      const { data, fileName } = await reportDocumentData(readContext(request), request.params)
      return { model: reportModel(data), fileName }
    }
  })
}

export default reportDocumentRoute
