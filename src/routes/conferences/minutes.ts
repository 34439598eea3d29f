// GET /v1/conferences/{conferenceId}/minutes.pdf and .docx: the conference minutes as people print them or edit
// them in Word (every role reads them, like the conference). A draft record prints with "BẢN DỰ THẢO" in place of
// the hash it does not have yet.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { documentRoutes } from '../../documents/document-routes.js'
import { minutesModel } from '../../documents/minutes-document.js'
import { readContext } from '../../http/context.js'
import { conferenceMinutesData } from '../../services/conference-minutes.js'
import { ConferenceParams } from './schemas.js'

const minutesRoute: FastifyPluginAsyncTypebox = async (app) => {
  documentRoutes(app, {
    path: '/v1/conferences/:conferenceId/minutes',
    operationId: 'getConferenceMinutes',
    what: 'The conference minutes',
    description: 'Every page\'s footer carries the SHA-256 (hex) of the finalized record\'s canonical JSON (keys ' +
      'sorted, no white space) of {id, clusterId, kind, title, year, heldAt, heldOn, location, chair, ' +
      'attendingUnitIds, guests, agenda, minutes, decisions, awardTally, links, quorum, finalizedAt}, with place and ' +
      'secretary when recorded, as GET /v1/conferences/{conferenceId} shows them. A draft prints with "BẢN DỰ THẢO" ' +
      '(draft) instead. The place before the date is the record\'s `place`; the member units present and absent are ' +
      'those of its date; the votes are the elections held at it or linked, each closed round with its turnout and ' +
      'each candidate\'s count (never a voter), as they stand. The same record and votes give the same words.',
    tags: ['conferences'],
    params: ConferenceParams,
    problems: { 404: ['block_not_found', 'cluster_not_found', 'conference_not_found'] },
    load: async (request) => {
      const { data, fileName } = await conferenceMinutesData(readContext(request), request.params)
      return { model: minutesModel(data), fileName }
    }
  })
}

export default minutesRoute
