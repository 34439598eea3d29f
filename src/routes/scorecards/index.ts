// Scorecards (phiếu chấm điểm) of a published scheme and the cluster's ranking over HTTP: each route is its
// contract, one call to services/scorecards.ts, and the answer (the ranking as JSON, CSV or a workbook).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { SchemeParams, SchemeUnitParams } from '../../http/common-schemas.js'
import {
  explainScorecard, finalizeScores, readRanking, readScorecard, reviewScorecard, saveScorecard, submitScorecard, type Scorecard
} from '../../services/scorecards.js'
import {
  ExplanationBody, Finalization, Ranking, RankingItem, RankingQuery, ReviewBody, Scorecard as ScorecardSchema, ScorecardBody, StepHeaders
} from './schemas.js'
import { CSV_DESCRIPTION, CSV_EXAMPLE, rankingCsv } from './csv.js'
import { rankingXlsx } from './xlsx.js'
import { rankingJson } from './ranking-json.js'
import { negotiated, VARY_ACCEPT } from '../../http/negotiate.js'
import { rankingHeaders, rankingTitle } from './ranking-table.js'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** What the ranking answers in, JSON first: what `*\/*` or no Accept gets. */
const RANKING_TYPES = ['application/json', 'text/csv', XLSX_TYPE] as const
const FORMAT_TYPES = { json: 'application/json', csv: 'text/csv', xlsx: XLSX_TYPE } as const
/** One line of the ranking as the response schema serializes it (one object: Fastify compiles it once per route). */
const RANKING_ITEM = ref(RankingItem) as unknown as Record<string, unknown>

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
        ...problems({ 404: ['scoring_scheme_not_found', 'unit_not_found'], 409: ['scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_entries', 'invalid_scheme', 'invalid_scoring_input', 'unit_not_member'] })
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
        '`membersReadDraftScorecards` publishes drafts. To anyone else it is a 404, as if it did not exist.',
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
      summary: 'The unit submits its self-assessment for review (draft → submitted)',
      description: 'By the unit itself (or an admin): its self-assessment (tự chấm) goes to the cluster\'s secretariat ' +
        'for review (thẩm định) and can no longer be edited. Send the scorecard\'s ETag as If-Match (412 when stale). ' +
        '409 `scorecard_wrong_state` unless a `draft`, `scheme_not_published` or `scores_finalized`. Audited and ' +
        'emitted as `scorecard.submitted`.',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, submitted.' }), ...problems({ 404: ['scorecard_not_found', 'scoring_scheme_not_found'], 409: ['scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_entries', 'invalid_scheme', 'invalid_scoring_input'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    answer(await submitScorecard(ctx, { ...request.params, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/review', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'reviewScorecard',
      summary: 'The cluster\'s secretariat reviews a scorecard (submitted → reviewed, or explained → second_reviewed)',
      description: 'Reviewed points replace the points computed from the unit\'s entry for each leaf listed; the second ' +
        'review\'s replace the first review\'s. Points must lie within the leaf\'s range: 422 `invalid_entries`. Send ' +
        'the scorecard\'s ETag as If-Match (412 when stale). Audited and emitted as `scorecard.reviewed`.',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      body: ref(ReviewBody),
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, reviewed.' }), ...problems({ 404: ['scorecard_not_found', 'scoring_scheme_not_found'], 409: ['scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_entries', 'invalid_scheme', 'invalid_scoring_input'] }) }
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
        'Audited and emitted as `scorecard.explained`.',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      body: ref(ExplanationBody),
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, explained.' }), ...problems({ 404: ['scorecard_not_found', 'scoring_scheme_not_found'], 409: ['scheme_not_published', 'scorecard_wrong_state', 'scores_finalized'], 412: ['precondition_failed'], 422: ['invalid_entries', 'invalid_scheme', 'invalid_scoring_input'] }) }
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

  app.get('/v1/scoring-schemes/:schemeId/ranking', {
    config: { scope: { secretariat: 'own cluster only', unit: 'a member of the cluster in its year, once the scores are final' } },
    schema: {
      operationId: 'getRanking',
      summary: 'Every member\'s total, rank, band and eligibility, computed by the scoring engine',
      description: 'Members are the units in the cluster on some day of the scheme\'s year (once the scores are finalised, ' +
        'those of that moment, kept with the finalisation); a unit without a scorecard scores 0 on every leaf. ' +
        'Reviewed points replace self scores. A pending or in-force discipline record ' +
        'overlapping the year bars a unit from titles and, unless the cluster rule `disciplinedUnitMayRankFirst` ' +
        'allows it, from rank 1. The representation is chosen by the Accept header (q-values honoured; absent or `*/*`: ' +
        'JSON; none of the three: 406 `not_acceptable` listing them) or by `?format=`, which wins over Accept when both ' +
        'are given. CSV (UTF-8 with BOM) and the Excel workbook hold the same table, numbers as numbers in the ' +
        'workbook: a title row naming the cluster, the year and the period, the Vietnamese headers, one row per unit; ' +
        '`breakdown=true` adds one column per criterion. ' +
        '409 `scheme_not_published` for a draft. Read by admin and reader and the cluster\'s secretariat; by the ' +
        'cluster\'s member units of the year once final, or before where `membersReadDraftScorecards` publishes drafts (else 403).',
      tags,
      params: SchemeParams,
      querystring: RankingQuery,
      produces: ['application/json', 'text/csv', XLSX_TYPE, 'application/problem+json'],
      response: {
        200: {
          description: 'The ranking, in rank order, in the media type chosen.',
          headers: VARY_ACCEPT,
          content: {
            'application/json': { schema: ref(Ranking) },
            // Text, so generators hand it over as a string. Its bound: 10,000 members (Ranking's maxItems), each line
            // well under 20,000 characters even with a breakdown of the largest scheme.
            'text/csv': { schema: { type: 'string', maxLength: 200_000_000, description: CSV_DESCRIPTION }, example: CSV_EXAMPLE },
            [XLSX_TYPE]: {
              schema: { type: 'string', format: 'binary', description: 'An Excel workbook, sheet "Xếp hạng": the CSV\'s table.' }
            }
          }
        },
        ...problems({ 404: ['cluster_not_found', 'scoring_scheme_not_found'], 406: ['not_acceptable'], 409: ['scheme_not_published'], 422: ['invalid_scheme', 'invalid_scoring_input'] })
      }
    }
  }, async (request, reply) => {
    const { format, breakdown } = request.query
    // ?format= is a choice already made (a link, a download button): it wins, and the answer does not vary by Accept.
    const type = format ? FORMAT_TYPES[format] : negotiated(request, reply, RANKING_TYPES)
    if (type === undefined) return reply
    const ctx = readContext(request)
    const { scheme, clusterName, final, items } = await readRanking(ctx, { ...request.params, breakdown })
    if (type !== 'application/json') {
      const title = rankingTitle(clusterName, scheme.year, scheme.period)
      const headers = rankingHeaders(breakdown ? scheme.criteria : undefined)
      const file = `ranking-${scheme.year}-${scheme.period}.${type === 'text/csv' ? 'csv' : 'xlsx'}`
      // A stream goes out as it is, past the JSON serializer.
      return (reply as FastifyReply)
        .type(type === 'text/csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(type === 'text/csv' ? rankingCsv(title, headers, items()) : await rankingXlsx(title, headers, items(), ctx.now))
    }
    const envelope = { schemeId: scheme.id, clusterId: scheme.clusterId, year: scheme.year, period: scheme.period, final }
    // The serializer takes any object; its parameter is typed as a record, which an interface type is not.
    const serializeItem = reply.compileSerializationSchema(RANKING_ITEM) as (item: object) => string
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(rankingJson(envelope, items(), serializeItem))
  })
}

export default scorecards
