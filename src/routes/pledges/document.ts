// GET /v1/pledges/{pledgeId}/document.pdf: the pledge as people print it (every role reads it, like the pledge).
// A draft prints with "BẢN DỰ THẢO" in place of the content hash it does not have yet.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getBlock } from '../../db/blocks-repository.js'
import { getCluster } from '../../db/clusters-repository.js'
import { getPledge, listSignatures, type PledgeSignature } from '../../db/pledges-repository.js'
import { unitNames } from '../../db/units-repository.js'
import { vietnamDate } from '../../domain/dates.js'
import { issuerOf } from '../../documents/official-heading.js'
import { pdfResponse, sendPdf } from '../../documents/pdf-reply.js'
import { pledgeDocument, titleName } from '../../documents/pledge-document.js'
import { problems } from '../../http/shared-schemas.js'
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
      response: { 200: pdfResponse('The pledge as a PDF, shown inline.'), ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const pledge = await getPledge(app.db, request.params.pledgeId)
    const cluster = await getCluster(app.db, pledge.clusterId)
    const block = await getBlock(app.db, cluster.blockId)
    const signatures: PledgeSignature[] = []
    let cursor: string | undefined
    do {
      const page = await listSignatures(app.db, pledge.id, { limit: 200, cursor })
      signatures.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    const names = await unitNames(app.db, pledge.registeredTitles.map((r) => r.unitId))
    // The record's latest time: the pledge's last change or its last signature (signing does not bump the pledge).
    const times = [pledge.updatedAt, ...signatures.map((s) => s.signedAt)].sort()
    const pdf = await pledgeDocument({
      issuer: issuerOf(block.name, cluster.name),
      place: 'Hà Nội',
      date: vietnamDate(new Date(pledge.openedAt ?? pledge.createdAt)),
      createdAt: new Date(times[times.length - 1]),
      year: pledge.year,
      versionNumber: pledge.versionNumber,
      status: pledge.status,
      title: pledge.title,
      slogan: pledge.slogan,
      commitments: pledge.commitments,
      registeredTitles: pledge.registeredTitles.map((r) => ({ unitName: names.get(r.unitId)!, titleName: titleName(r.titleCode) })),
      signatures,
      contentHash: pledge.contentHash,
      inForceAt: pledge.inForceAt
    })
    return sendPdf(reply, pdf, `giao-uoc-thi-dua-${pledge.year}-v${pledge.versionNumber}.pdf`)
  })
}

export default pledgeDocumentRoute
