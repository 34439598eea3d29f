// GET /v1/conferences/{conferenceId}/minutes.pdf: the conference minutes as people print them (every role reads
// them, like the conference). A draft record prints with "BẢN DỰ THẢO" in place of the hash it does not have yet.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { minutesDocument } from '../../documents/minutes-document.js'
import { acceptsPdf, pdfResponse, sendPdf } from '../../documents/pdf-reply.js'
import { readContext } from '../../http/context.js'
import { problems } from '../../http/shared-schemas.js'
import { conferenceMinutesData } from '../../services/conference-minutes.js'
import { ConferenceParams } from './schemas.js'

const minutesRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/conferences/:conferenceId/minutes.pdf', {
    schema: {
      operationId: 'getConferenceMinutes',
      summary: 'The conference minutes as a printable A4 PDF',
      description: 'Every page\'s footer carries the SHA-256 (hex) of the finalized record\'s canonical JSON (keys ' +
        'sorted, no white space) of {id, clusterId, kind, title, year, heldAt, heldOn, location, chair, ' +
        'attendingUnitIds, guests, agenda, minutes, decisions, awardTally, links, quorum, finalizedAt}, with place and ' +
        'secretary when recorded, as GET /v1/conferences/{conferenceId} shows them. A draft prints with "BẢN DỰ THẢO" ' +
        '(draft) instead. The place before the date is the record\'s `place`; the member units present and absent are ' +
        'those of its date; the votes are the elections held at it or linked, each closed round with its turnout and ' +
        'each candidate\'s count (never a voter), as they stand. The same record and votes give the same bytes.',
      tags: ['conferences'],
      params: ConferenceParams,
      produces: ['application/pdf', 'application/problem+json'],
      response: { 200: pdfResponse('The minutes as a PDF, shown inline.'), ...problems({ 404: ['block_not_found', 'cluster_not_found', 'conference_not_found'], 406: ['not_acceptable'] }) }
    }
  }, async (request, reply) => {
    if (!acceptsPdf(request, reply)) return reply
    const { data, fileName } = await conferenceMinutesData(readContext(request), request.params)
    return sendPdf(reply, await minutesDocument(data), fileName)
  })
}

export default minutesRoute
