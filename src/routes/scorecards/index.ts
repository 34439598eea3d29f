// Scorecards (phiếu chấm điểm) of a published scheme over HTTP, and the cluster's ranking (ranking.ts): each route
// is its contract, one call to services/scorecards.ts, and the answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { SchemeParams, SchemeUnitParams } from '../../http/common-schemas.js'
import {
  explainScorecard, finalizeScores, readScorecard, reviewScorecard, saveScorecard, submitScorecard, type Scorecard
} from '../../services/scorecards.js'
import {
  ExplanationBody, Finalization, ReviewBody, Scorecard as ScorecardSchema, ScorecardBody, StepHeaders
} from './schemas.js'
import rankingRoute from './ranking.js'
import returnRoute from './return.js'

const tags = ['scoring']

/** A write's answer: the scorecard as it now stands, tagged with its version. */
const answer = (scorecard: Scorecard) => ({ statusCode: 200, body: scorecard, headers: { etag: etagOf(scorecard.version) } })

const scorecards: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/v1/scoring-schemes/:schemeId/scorecards/:unitId', {
    config: { roles: ['admin', 'unit'], etag: true, location: true, scope: { unit: 'own unit only' } },
    schema: {
      operationId: 'saveScorecard',
      summary: 'A unit\'s self-assessment (tự chấm) in a published scheme: replaces its entries while a draft',
      description: 'By the unit\'s own token (or an admin). The scheme must be published (409 `scheme_not_published`) ' +
        'and its scores not finalised (409 `scores_finalized`); the unit must be a member of the cluster on some day ' +
        'of the scheme\'s year (422 `unit_not_member`); the scorecard must be a draft (409 `scorecard_wrong_state`). ' +
        'Entries are checked against the scheme: 422 `invalid_entries` lists every problem (paths `body.entries.N...`). ' +
        'The first save creates the scorecard (201, no If-Match); later ones send its ETag as If-Match (412 when stale). ' +
        'Audited and emitted as `scorecard.saved`.',
      tags,
      params: SchemeUnitParams,
      headers: IfMatchHeaders,
      body: ref(ScorecardBody),
      response: {
        200: ref(ScorecardSchema, { description: 'The entries replaced.' }),
        201: ref(ScorecardSchema, { description: 'The scorecard created.' }),
        ...problems({ 404: ['scoring_scheme_not_found', 'unit_not_found'], 409: ['scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['evidence_file_not_found', 'invalid_entries', 'invalid_scheme', 'invalid_scoring_input', 'unit_not_member'] })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { scorecard, created } = await saveScorecard(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    const saved = answer(scorecard)
    if (!created) return saved
    const { schemeId, unitId } = request.params
    return { ...saved, statusCode: 201, headers: { ...saved.headers, location: `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}` } }
  })))

  app.get('/v1/scoring-schemes/:schemeId/scorecards/:unitId', {
    config: { scope: { secretariat: 'own cluster only', unit: 'its own; a fellow member\'s once final, or earlier where the cluster publishes drafts' } },
    schema: {
      operationId: 'getScorecard',
      summary: 'A unit\'s scorecard: its entries, reviews and explanation, with the points the engine computes',
      description: 'Read by admin and reader, the scheme\'s cluster\'s secretariat and the unit itself; by the other ' +
        'members of the cluster in the scheme\'s year once it is finalized, or before where the cluster rule ' +
        '`membersReadDraftScorecards` publishes drafts. To anyone else it is a 404, as if it did not exist. `dueOn` ' +
        'and `late` are judged today (Asia/Ho_Chi_Minh) against the scheme\'s `deadlines`.',
      tags,
      params: SchemeUnitParams,
      response: { 200: ref(ScorecardSchema), ...notModified, ...problems({ 404: ['cluster_not_found', 'scorecard_not_found', 'scoring_scheme_not_found'], 422: ['invalid_scheme', 'invalid_scoring_input'] }) }
    }
  }, async (request, reply) => {
    const scorecard = await readScorecard(readContext(request), request.params)
    return reply.header('etag', etagOf(scorecard.version)).send(scorecard)
  })

  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/submit', {
    config: { roles: ['admin', 'unit'], etag: true, scope: { unit: 'own unit only' } },
    schema: {
      operationId: 'submitScorecard',
      summary: 'The unit submits its self-assessment for review (draft or returned → submitted)',
      description: 'By the unit itself (or an admin): its self-assessment (tự chấm) goes to the cluster\'s secretariat ' +
        'for review (thẩm định) and can no longer be edited. Send the scorecard\'s ETag as If-Match (412 when stale). ' +
        '409 `scorecard_wrong_state` unless a `draft` or `returned`, `scheme_not_published` or `scores_finalized`. A draft ' +
        'is due on the scheme\'s `deadlines.selfAssessmentDue`; a returned card `deadlines.explanationDays` days after ' +
        'its return (`returnedOn`), or on `selfAssessmentDue` if that is later (Asia/Ho_Chi_Minh; the due date itself ' +
        'is on time). Later it is late: 409 `deadline_passed` under the cluster rule `lateSteps: refuse`, accepted and ' +
        'kept in `lateSteps` under `mark_late`. Audited and emitted as `scorecard.submitted`.',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, submitted.' }), ...problems({ 404: ['scorecard_not_found', 'scoring_scheme_not_found'], 409: ['deadline_passed', 'scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_entries', 'invalid_scheme', 'invalid_scoring_input'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    answer(await submitScorecard(ctx, { ...request.params, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/review', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'reviewScorecard',
      summary: 'The cluster\'s secretariat reviews a scorecard (submitted → reviewed, or explained → second_reviewed)',
      description: 'Reviewed points replace the points computed from the unit\'s entry for each leaf listed; the second ' +
        'review\'s replace the first review\'s. Points must lie within the leaf\'s range: 422 `invalid_entries`. An entry may name in `reviewerIds` the advisory group members (Tổ tư vấn) who reviewed it, each a member of the ' +
        'cluster\'s group for the scheme\'s year (422 `reviewer_not_in_advisory_group` naming it). Send ' +
        'the scorecard\'s ETag as If-Match (412 when stale). The second review is due by the scheme\'s ' +
        '`deadlines.secondReviewDue` (the first review has no deadline): after it, 409 `deadline_passed` under the ' +
        'cluster rule `lateSteps: refuse`, or accepted and kept in `lateSteps` under `mark_late`. Audited and emitted ' +
        'as `scorecard.reviewed`.',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      body: ref(ReviewBody),
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, reviewed.' }), ...problems({ 404: ['scorecard_not_found', 'scoring_scheme_not_found'], 409: ['deadline_passed', 'scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_entries', 'invalid_scheme', 'invalid_scoring_input', 'reviewer_not_in_advisory_group'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    answer(await reviewScorecard(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/explain', {
    config: { roles: ['admin', 'unit'], etag: true, scope: { unit: 'own unit only' } },
    schema: {
      operationId: 'explainScorecard',
      summary: 'The unit explains its reviewed points, once (reviewed → explained)',
      description: 'By the unit itself (or an admin), after the first review: its explanation (giải trình) per leaf ' +
        'criterion, for a second review. Only once: 409 `scorecard_wrong_state` unless `reviewed`. Codes must name ' +
        'leaves of the scheme (422 `invalid_entries`). Send the scorecard\'s ETag as If-Match (412 when stale). ' +
        'Due within the scheme\'s `deadlines.explanationDays` after the day of the cycle\'s first review (`reviewedOn`, ' +
        'set anew by the review after a return, never the review a return undid): later, ' +
        '409 `deadline_passed` under the cluster rule `lateSteps: refuse`, or accepted and kept in `lateSteps` under ' +
        '`mark_late`. Audited and emitted as `scorecard.explained`.',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      body: ref(ExplanationBody),
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, explained.' }), ...problems({ 404: ['scorecard_not_found', 'scoring_scheme_not_found'], 409: ['deadline_passed', 'scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_entries', 'invalid_scheme', 'invalid_scoring_input'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    answer(await explainScorecard(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/scoring-schemes/:schemeId/finalize', {
    config: { roles: ['admin', 'secretariat'], scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'finalizeScores',
      summary: 'Finalise a scheme\'s scores: every member\'s scorecard must be reviewed; all are frozen',
      description: 'Every unit that is a member of the cluster on some day of the scheme\'s year needs a scorecard that ' +
        'is `reviewed` or `second_reviewed`: 422 `scorecards_not_ready` lists the others (`units`, and `errors` with ' +
        'paths `scorecards.<unitId>`). Later writes to the scheme\'s scorecards are 409 `scores_finalized`. The members ' +
        'of that moment are kept: the final ranking is among them. Audited and emitted as `scorecard.finalized`, once ' +
        'per scorecard.',
      tags,
      params: SchemeParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(Finalization, { description: 'The scores, finalised.' }), ...problems({ 404: ['scoring_scheme_not_found'], 409: ['scheme_not_published', 'scores_finalized'], 422: ['scorecards_not_ready'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    ({ statusCode: 200, body: await finalizeScores(ctx, request.params) }))))

  await app.register(rankingRoute)
  await app.register(returnRoute)
}

export default scorecards
