// Award decisions (quyết định khen thưởng), awards and a cluster's award tally. The Ministry's emulation office (role
// `ministry`) or an admin records decisions and revocations; every role reads them: awards are public honours.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { IdempotencyHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import { MAX_AWARDS_PER_DECISION } from '../../domain/award.js'
import {
  awardTag, clusterAwardTally, createAwardDecision, listAwardDecisions, listAwards, readAward, readAwardDecision, revokeAward
} from '../../services/award-decisions.js'
import {
  Award, AwardDecision, AwardDecisionPage, AwardListQuery, AwardPage, AwardParams, DecisionListQuery, DecisionParams, NewAwardDecision,
  RevokeAward, RevokeHeaders
} from './schemas.js'
import { AwardTally, TallyQuery } from './tally-schemas.js'

const tags = ['awards']
const writers = () => ({ roles: ['ministry', 'admin'] as Array<'ministry' | 'admin'> })

const awardDecisions: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/award-decisions', {
    config: { ...writers(), location: true },
    schema: {
      operationId: 'createAwardDecision',
      summary: 'Record an award decision (quyết định khen thưởng) with its awards',
      description: 'Records a decision as signed: number and symbol, date, issuer, signer, the `year` whose achievements it ' +
        `honours (not after its date's year: 422 \`award_year_after_decision\`), and its awards (at most ${MAX_AWARDS_PER_DECISION}): ` +
        'a collective title of the catalogue to a unit (`unitId`), an individual title to a person of a unit (`person`); ' +
        '422 `title_unknown` for a code the catalogue lacks, `award_recipient_mismatch` for a collective title to a ' +
        'person or the reverse, `award_unit_unknown`, `award_repeated` (the same title twice to a unit or a person in the ' +
        'decision), each naming the award\'s index. A unit receives a collective title once a year, and a person of a unit ' +
        '(the same name, whatever its Unicode form, case and spacing) an individual title: 409 `award_already_granted` names ' +
        'the unit (name and id) or the person, the title and the earlier award and decision\'s number, unless that award was revoked. ' +
        '`proposalId` links the award to the cluster\'s proposal (same unit, title and year: 422 `award_proposal_unknown`, ' +
        '`award_proposal_mismatch`); a proposal of a dossier must have been accepted by the Ministry (422 ' +
        '`award_proposal_not_accepted`), and its dossier moves to `decided` once every accepted proposal is awarded. Each award counts in one cluster: its proposal\'s; else the `clusterId` named (a cluster ' +
        'its unit belonged to that year: 422 `award_cluster_not_member`); else the only cluster its unit belonged to that ' +
        'year. A unit in clusters of two blocks (or that moved) makes the award name its `clusterId` (422 ' +
        '`award_cluster_ambiguous`); a unit of no cluster gets an award counted in no cluster\'s tally.\n\n' +
        'A decision is never edited nor deleted: a correction is a new decision (with its own number: the same issuer, ' +
        'number and year of date is 409 `award_decision_exists`), which may revoke awards of earlier ones (`revokes`: ' +
        '422 `award_revocation_unknown`, `award_revocation_repeated`, `award_revocation_before_grant`; 409 `award_revoked` ' +
        'for one already revoked) before granting its own. A decision grants or revokes something (422 `award_decision_empty`). ' +
        'Audited and emitted as `award.revoked` for each revocation, then `award_decision.created` with all its awards.',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewAwardDecision),
      response: {
        201: ref(AwardDecision, { description: 'The decision recorded, with its awards.' }),
        ...problems({
          409: ['award_decision_exists', 'award_already_granted', 'award_revoked'],
          422: [
            'award_decision_empty', 'award_year_after_decision', 'title_unknown', 'award_recipient_mismatch', 'award_unit_unknown', 'award_repeated',
            'award_proposal_unknown', 'award_proposal_mismatch', 'award_proposal_not_accepted', 'award_cluster_not_member', 'award_cluster_ambiguous', 'award_revocation_unknown',
            'award_revocation_repeated', 'award_revocation_before_grant'
          ]
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const decision = await createAwardDecision(ctx, request.body)
    return { statusCode: 201, body: decision, headers: { location: `/v1/award-decisions/${decision.id}` } }
  })))

  app.get('/v1/award-decisions', {
    schema: {
      operationId: 'listAwardDecisions',
      summary: 'List award decisions, the latest first, by year or cluster',
      description: 'Decisions a page at a time (pass nextCursor as `cursor`), the latest date first, without their awards ' +
        '(getAwardDecision or listAwards with `decisionId` lists them). `year`: those honouring that year; `clusterId`: ' +
        'those with an award counted in that cluster.',
      tags,
      querystring: DecisionListQuery,
      response: { 200: ref(AwardDecisionPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listAwardDecisions(readContext(request), request.query))

  app.get('/v1/award-decisions/:decisionId', {
    schema: {
      operationId: 'getAwardDecision',
      summary: 'Get an award decision with its awards',
      description: 'The decision with its awards in the order it lists them; a revoked award shows its revocation.',
      tags,
      params: DecisionParams,
      response: { 200: ref(AwardDecision), ...problems({ 404: ['award_decision_not_found'] }) }
    }
  }, async (request) => readAwardDecision(readContext(request), request.params))

  app.get('/v1/awards', {
    schema: {
      operationId: 'listAwards',
      summary: 'List awards by year, cluster, unit, recipient or decision',
      description: 'Awards a page at a time, in the order they were recorded (a decision\'s in its order). Revoked awards ' +
        'are listed too, with `revokedAt` and their revocation. Filters combine: `unitId` gives a unit\'s awards and its ' +
        'people\'s; `recipient` `collective` or `individual`.',
      tags,
      querystring: AwardListQuery,
      response: { 200: ref(AwardPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'] }) }
    }
  }, async (request) => listAwards(readContext(request), request.query))

  app.get('/v1/awards/:awardId', {
    schema: {
      operationId: 'getAward',
      summary: 'Get an award',
      description: 'One award with the decision that granted it and, once revoked, its revocation. ETag: send it in ' +
        'If-Match to revoke the award as read.',
      tags,
      params: AwardParams,
      response: { 200: ref(Award), ...notModified, ...problems({ 404: ['award_not_found'] }) }
    }
  }, async (request, reply) => {
    const award = await readAward(readContext(request), request.params)
    return reply.header('etag', awardTag(award)).send(award)
  })

  app.post('/v1/awards/:awardId/revoke', {
    config: { ...writers(), etag: true as const },
    schema: {
      operationId: 'revokeAward',
      summary: 'Revoke an award (Law on Emulation and Commendation 2022)',
      description: 'Records that a decision revoked the award (e.g. the achievement was misdeclared): its reason and the ' +
        'revoking decision\'s number, date (no earlier than the grant: 422 `award_revocation_before_grant`) and issuer. ' +
        'Once: 409 `award_revoked`. The award stays listed, with `revokedAt`, and counts in no tally; the unit may receive ' +
        'the title again for that year. A decision that corrects others records its revocations itself ' +
        '(createAwardDecision `revokes`). If-Match is optional (412 when stale). Audited (before and after) and emitted as `award.revoked`.',
      tags,
      params: AwardParams,
      headers: RevokeHeaders,
      body: ref(RevokeAward),
      response: {
        200: ref(Award, { description: 'The award, revoked, with its new ETag.' }),
        ...problems({ 404: ['award_not_found'], 409: ['award_revoked'], 412: ['precondition_failed'], 422: ['award_revocation_before_grant'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const award = await revokeAward(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: award, headers: { etag: awardTag(award) } }
  })))

  app.get('/v1/clusters/:clusterId/award-tally', {
    schema: {
      operationId: 'getClusterAwardTally',
      summary: 'A cluster\'s award tally for a year: collectives and individuals by title and level',
      description: 'The awards of the year counted in the cluster (see createAwardDecision for where an award counts), as ' +
        'the year\'s review reports them (seed 002: "120 tập thể và 357 cá nhân"): collectives and individuals, by title ' +
        'and by level. Revoked awards are excluded (`revoked` counts them).',
      tags,
      params: ClusterParams,
      querystring: TallyQuery,
      response: { 200: ref(AwardTally), ...problems({ 404: ['cluster_not_found'] }) }
    }
  }, async (request) => clusterAwardTally(readContext(request), { ...request.params, ...request.query }))
}

export default awardDecisions
