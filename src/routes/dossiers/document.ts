// GET /v1/dossiers/{dossierId}/cover-letter.pdf and .docx: the dossier's cover letter (tờ trình), to whoever may read
// the dossier. Until submitted it prints "BẢN DỰ THẢO"; from the submission on its content hash is in the footer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { coverLetterModel } from '../../documents/cover-letter-document.js'
import { documentRoutes } from '../../documents/document-routes.js'
import { readContext } from '../../http/context.js'
import { coverLetterData } from '../../services/dossiers.js'
import { DossierParams } from './schemas.js'

const coverLetterRoute: FastifyPluginAsyncTypebox = async (app) => {
  documentRoutes(app, {
    path: '/v1/dossiers/:dossierId/cover-letter',
    operationId: 'getDossierCoverLetter',
    what: 'The dossier\'s cover letter (tờ trình)',
    description: 'In the layout of Decree 30/2020/NĐ-CP: the issuing body (the cluster\'s head unit of the year, or the cluster ' +
      'when no term is recorded), the number and symbol left to fill in (…/TTr-CTĐ), the national motto, place (the head unit\'s seat: a provincial police\'s province, else Hà Nội) and date (the ' +
      'day of the last submission), "TỜ TRÌNH — Đề nghị tặng <title> năm <year>", the proposed units with their rank, total, ' +
      'band and vote, the attachments, the recipients and the signature block. Until submitted it prints "BẢN DỰ THẢO"; ' +
      'from the submission on the dossier\'s content hash is in every footer. Read by whoever reads the dossier.',
    tags: ['awards'],
    params: DossierParams,
    problems: { 404: ['block_not_found', 'cluster_not_found', 'dossier_not_found', 'title_not_found', 'unit_not_found'] },
    load: async (request) => {
      const { data, fileName } = await coverLetterData(readContext(request), request.params)
      return { model: coverLetterModel(data), fileName }
    }
  })
}

export default coverLetterRoute
