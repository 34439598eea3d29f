// GET /v1/conferences/{conferenceId}/minutes.pdf: the conference minutes as people print them (every role reads
// them, like the conference). A draft record prints with "BẢN DỰ THẢO" in place of the hash it does not have yet.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getBlock } from '../../db/blocks-repository.js'
import { getCluster } from '../../db/clusters-repository.js'
import { getConference } from '../../db/conferences-repository.js'
import { unitNames } from '../../db/units-repository.js'
import { minutesDocument, minutesHash } from '../../documents/minutes-document.js'
import { issuerOf } from '../../documents/official-heading.js'
import { pdfResponse, sendPdf } from '../../documents/pdf-reply.js'
import { problems } from '../../http/shared-schemas.js'
import { ConferenceParams } from './schemas.js'

const minutesRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/conferences/:conferenceId/minutes.pdf', {
    schema: {
      operationId: 'getConferenceMinutes',
      summary: 'The conference minutes as a printable A4 PDF',
      description: 'Every page\'s footer carries the SHA-256 (hex) of the finalized record\'s canonical JSON (keys ' +
        'sorted, no white space) of {id, clusterId, kind, title, year, heldAt, heldOn, location, chair, ' +
        'attendingUnitIds, guests, agenda, minutes, decisions, awardTally, links, quorum, finalizedAt} as ' +
        'GET /v1/conferences/{conferenceId} shows them. A draft prints with "BẢN DỰ THẢO" (draft) instead. ' +
        'The same record gives the same bytes.',
      tags: ['conferences'],
      params: ConferenceParams,
      produces: ['application/pdf', 'application/problem+json'],
      response: { 200: pdfResponse('The minutes as a PDF, shown inline.'), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const conference = await getConference(app.db, request.params.conferenceId)
    const cluster = await getCluster(app.db, conference.clusterId)
    const block = await getBlock(app.db, cluster.blockId)
    const { flagHandover } = conference.links
    const names = await unitNames(app.db, [
      ...conference.attendingUnitIds,
      ...(conference.chair.unitId ? [conference.chair.unitId] : []),
      ...(flagHandover ? [flagHandover.fromUnitId, flagHandover.toUnitId] : [])
    ])
    const finalized = conference.status === 'finalized'
    const pdf = await minutesDocument({
      issuer: issuerOf(block.name, cluster.name),
      place: 'Hà Nội',
      date: conference.heldOn,
      createdAt: new Date(conference.finalizedAt ?? conference.updatedAt),
      kind: conference.kind,
      status: conference.status,
      title: conference.title,
      heldAt: conference.heldAt,
      location: conference.location,
      chair: { ...conference.chair, unitName: conference.chair.unitId ? names.get(conference.chair.unitId)! : null },
      attendingUnits: conference.attendingUnitIds.map((id) => names.get(id)!),
      guests: conference.guests,
      quorum: conference.quorum,
      agenda: conference.agenda,
      minutes: conference.minutes,
      decisions: conference.decisions,
      awardTally: conference.awardTally,
      flagHandover: flagHandover
        ? { fromUnitName: names.get(flagHandover.fromUnitId)!, toUnitName: names.get(flagHandover.toUnitId)!, year: flagHandover.year }
        : null,
      hash: finalized ? minutesHash(conference) : null
    })
    return sendPdf(reply, pdf, `bien-ban-hoi-nghi-${conference.heldOn}.pdf`)
  })
}

export default minutesRoute
