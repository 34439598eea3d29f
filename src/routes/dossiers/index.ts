// Award dossiers: the cluster's secretariat (or an admin) makes one from the cluster's decided proposals of a title
// and year and submits it; proposed units attach their achievement reports (attachments.ts); the Ministry (or an
// admin) returns or accepts it. The cover letter is printed from it (document.ts); the Ministry's roll-up of a year is round.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { IdempotencyHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import {
  acceptDossier, createDossier, dossierTag, listClusterDossiers, readDossier, returnDossier, submitDossier
} from '../../services/dossiers.js'
import {
  AcceptDossier, Dossier, DossierListQuery, DossierPage, DossierParams, NewDossier, ReturnDossier, StepHeaders
} from './schemas.js'
import attachments from './attachments.js'
import { changed } from './reply.js'
import coverLetter from './document.js'
import awardRound from './round.js'

const tags = ['awards']
const secretariat = { secretariat: 'own cluster only' }
const cluster = () => ({ roles: ['admin', 'secretariat'] as Array<'admin' | 'secretariat'>, etag: true as const, scope: secretariat })
const ministry = () => ({ roles: ['admin', 'ministry'] as Array<'admin' | 'ministry'>, etag: true as const })

const WHO_READS = 'Read by admin, reader and ministry; by the cluster\'s secretariat (another cluster\'s: 403); by a unit the ' +
  'dossiers proposing it (others are 404 to it).'

const dossiers: FastifyPluginAsyncTypebox = async (app) => {

  app.post('/v1/clusters/:clusterId/dossiers', {
    config: { ...cluster(), location: true as const },
    schema: {
      operationId: 'createDossier',
      summary: 'Make the cluster\'s award dossier for a title and year from its decided proposals',
      description: 'Makes a `draft` dossier (hồ sơ đề nghị khen thưởng) carrying the cluster\'s proposals for the title that year ' +
        '(recorded by its decided title elections) that no dossier holds yet, in the order of the finalized ranking; none is 422 ' +
        '`dossier_no_proposals`. One open (not yet decided) dossier per cluster, year and title: 409 `dossier_exists`. A title the ' +
        'catalogue does not have is 422 `title_unknown`, one for individuals 422 `title_not_for_collectives`. Then: proposed units attach their achievement reports, the secretariat submits it. ' +
        'Audited and emitted as `dossier.created`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewDossier),
      response: {
        201: ref(Dossier, { description: 'The draft made, with its checklist.' }),
        ...problems({ 404: ['cluster_not_found'], 409: ['dossier_exists'], 422: ['dossier_no_proposals', 'title_not_for_collectives', 'title_unknown'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const dossier = await createDossier(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: dossier, headers: { etag: dossierTag(dossier), location: `/v1/dossiers/${dossier.id}` } }
  })))

  app.get('/v1/clusters/:clusterId/dossiers', {
    config: { scope: { ...secretariat, unit: 'the dossiers proposing it' } },
    schema: {
      operationId: 'listDossiers',
      summary: 'A cluster\'s award dossiers, the latest year first',
      description: `The cluster's dossiers as recorded (read one for its checklist), the latest year first; \`year\` narrows the list. ${WHO_READS}`,
      tags,
      params: ClusterParams,
      querystring: DossierListQuery,
      response: { 200: ref(DossierPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterDossiers(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/dossiers/:dossierId', {
    config: { scope: { ...secretariat, unit: 'the dossiers proposing it' } },
    schema: {
      operationId: 'getDossier',
      summary: 'One award dossier with its standards checklist',
      description: 'The dossier with its proposals (each with the vote behind it and the Ministry\'s decision on it), its attachments, ' +
        'its history and its standards checklist, judged from the records as they are now: per proposed unit its final rank, ' +
        'total and band, whether it is under discipline in the year, the vote, the title\'s standard (from the catalogue) met or ' +
        `not and why, and whether its achievement report is attached. ETag: send it in If-Match to move the dossier on. ${WHO_READS}`,
      tags,
      params: DossierParams,
      response: { 200: ref(Dossier), ...notModified, ...problems({ 404: ['dossier_not_found', 'title_not_found'] }) }
    }
  }, async (request, reply) => {
    const dossier = await readDossier(readContext(request), request.params)
    return reply.header('etag', dossierTag(dossier)).send(dossier)
  })

  // Attachments (add, remove): their own file, registered here so the contract lists them in this place.
  await app.register(attachments)

  app.post('/v1/dossiers/:dossierId/submit', {
    config: cluster(),
    schema: {
      operationId: 'submitDossier',
      summary: 'Send the dossier to the Ministry (freezes its content hash)',
      description: 'Moves a `draft` or `returned` dossier to `submitted` (409 `dossier_wrong_state` otherwise). Every proposed unit ' +
        'must still meet the title\'s standard in the finalized ranking of the year, discipline included (422 ' +
        '`dossier_unit_not_eligible` naming each unit by name and id and why; `ranking_not_final` when the scores are not ' +
        'finalized, as a cannot-judge reason; an admin\'s eligibility override recorded on the vote carries into the dossier for ' +
        'the ranking standard, never for discipline), and have its achievement report attached (422 `achievement_report_missing`: the ' +
        'Law on Emulation and Commendation 2022 puts the report in every dossier proposing a collective). Freezes the ' +
        'contentHash. If-Match is optional (412 when stale). Audited and emitted as `dossier.submitted`.',
      tags,
      params: DossierParams,
      headers: StepHeaders,
      response: {
        200: ref(Dossier, { description: 'The dossier, submitted, with its contentHash.' }),
        ...problems({
          404: ['dossier_not_found', 'title_not_found'], 409: ['dossier_wrong_state'], 412: ['precondition_failed'],
          422: ['achievement_report_missing', 'dossier_unit_not_eligible']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await submitDossier(ctx, { ...request.params, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/dossiers/:dossierId/return', {
    config: ministry(),
    schema: {
      operationId: 'returnDossier',
      summary: 'Return a submitted dossier to its cluster, with a reason (the Ministry)',
      description: 'Moves a `submitted` dossier to `returned` (409 `dossier_wrong_state` otherwise) with the reason (422 ' +
        '`invalid_return_reason` when blank once trimmed): the cluster adds what is missing and submits again. At most 20 returns ' +
        '(409 `dossier_return_limit`). If-Match is optional (412 when stale). Audited and emitted as `dossier.returned`.',
      tags,
      params: DossierParams,
      headers: StepHeaders,
      body: ref(ReturnDossier),
      response: {
        200: ref(Dossier),
        ...problems({ 404: ['dossier_not_found', 'title_not_found'], 409: ['dossier_return_limit', 'dossier_wrong_state'], 412: ['precondition_failed'], 422: ['invalid_return_reason'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await returnDossier(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/dossiers/:dossierId/accept', {
    config: ministry(),
    schema: {
      operationId: 'acceptDossier',
      summary: 'Accept some or all of a submitted dossier\'s proposals (the Ministry), within the title\'s quota',
      description: 'Moves a `submitted` dossier to `accepted` (409 `dossier_wrong_state` otherwise): the proposals listed become ' +
        '`accepted`, the others `not_accepted` (422 `dossier_proposal_unknown` for an id not in the dossier). The accepted units ' +
        'must still meet the title\'s standard, discipline included (422 `dossier_unit_not_eligible`). The title\'s quota from the ' +
        'catalogue holds: the Government flag\'s at most 20 % of the cluster-leading units ministry-wide, floor(n × 20 / 100) for n ' +
        'clusters active in the year; a `per_cluster` quota its maximum per cluster. Accepting past it is 422 `quota_exceeded` ' +
        'with `quota`, `accepted` and `asked`. Acceptances of one title serialise, so two at once cannot both pass the quota. ' +
        'If-Match is optional (412 when stale). Audited and emitted as `dossier.accepted`.',
      tags,
      params: DossierParams,
      headers: StepHeaders,
      body: ref(AcceptDossier),
      response: {
        200: ref(Dossier),
        ...problems({
          404: ['dossier_not_found', 'title_not_found'], 409: ['dossier_wrong_state'], 412: ['precondition_failed'],
          422: ['dossier_proposal_unknown', 'dossier_unit_not_eligible', 'quota_exceeded']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await acceptDossier(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  await app.register(awardRound)
  // Last: the contract lists operations in the order they are registered, and a document comes after what it prints.
  await app.register(coverLetter)
}

export default dossiers
