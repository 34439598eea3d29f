// Returning a scorecard to its unit for revision (issue 14): its contract, one call to services/scorecards.ts, and
// the answer. A plugin of its own, so that the scorecards' index stays short.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MAX_RETURNS } from '../../domain/scoring/scorecard-lifecycle.js'
import { etagOf } from '../../domain/versions.js'
import { SchemeUnitParams } from '../../http/common-schemas.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { returnScorecard } from '../../services/scorecards.js'
import { ReturnBody } from './history-schemas.js'
import { Scorecard, StepHeaders } from './schemas.js'

const returnRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/return', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'returnScorecard',
      summary: 'The cluster\'s secretariat returns a scorecard to the unit for revision, with a reason (→ returned)',
      description: 'By the scheme\'s cluster\'s secretariat (or an admin), from `submitted`, `reviewed` or `explained` ' +
        '(409 `scorecard_wrong_state` otherwise): the scorecard goes back to the unit as `returned`, with the reason ' +
        '(visible text of 1 to 2000 characters, stored trimmed; 422 `invalid_return_reason`) kept in its `history`. ' +
        'The unit then saves its entries (it stays `returned`) and submits again (`returned` → `submitted`) for a new ' +
        'review. The return clears the cycle\'s `review`, `explanation` and `secondReview` (and their stamps): their ' +
        'points no longer count until the card is reviewed again, and the unit may explain again after that review; ' +
        'the return\'s audit record and event keep the card as it was. The return dates the card (`returnedOn`, ' +
        'Asia/Ho_Chi_Minh) and clears `reviewedOn`: under the scheme\'s `deadlines` the card is due again ' +
        '`explanationDays` days after the return, or on `selfAssessmentDue` if that is later (`dueOn`, `late`, and the ' +
        'cluster\'s deadlines list show it), and a late resubmission follows the cluster rule `lateSteps`. A returned scorecard is not ready to be ' +
        `finalised (422 \`scorecards_not_ready\` names it). A scorecard is returned at most ${MAX_RETURNS} times: 409 ` +
        '`scorecard_return_limit` after that. Send the scorecard\'s ETag as If-Match (412 when stale). 409 ' +
        '`scheme_not_published` or `scores_finalized`. Audited and emitted as `scorecard.returned`.',
      tags: ['scoring'],
      params: SchemeUnitParams,
      headers: StepHeaders,
      body: ref(ReturnBody),
      response: {
        200: ref(Scorecard, { description: 'The scorecard, returned to the unit.' }),
        ...problems({
          404: ['scorecard_not_found', 'scoring_scheme_not_found'],
          409: ['scheme_not_published', 'scorecard_return_limit', 'scorecard_wrong_state', 'scores_finalized'],
          412: ['precondition_failed'],
          422: ['invalid_return_reason', 'invalid_scheme', 'invalid_scoring_input']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const scorecard = await returnScorecard(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: scorecard, headers: { etag: etagOf(scorecard.version) } }
  })))
}

export default returnRoute
