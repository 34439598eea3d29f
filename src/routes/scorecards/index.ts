// Scorecards (phiếu chấm điểm) of a published scheme and the cluster's ranking. A member unit self-assesses
// (tự chấm) and submits; the cluster's secretariat reviews (thẩm định); the unit may explain once (giải trình)
// and is then reviewed again; the secretariat finalises the scheme's scores, freezing every scorecard. Every
// change is audited and evented. Points always come from the domain's scoring engine over the whole cluster
// (a quantitative leaf depends on the best value in the cluster), loaded in a fixed number of queries.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Knex } from 'knex'
import { assertClusterScope, assertUnitScope } from '../../auth/access.js'
import type { Actor } from '../../auth/tokens.js'
import { getCluster } from '../../db/clusters-repository.js'
import {
  finalizeScorecards, findFinalization, getScorecard, insertFinalization, lockScorecard, membersWithNames,
  moveScorecard, saveEntries, scorecardNotFound, scorecardsOf, type StoredScorecard
} from '../../db/scorecards-repository.js'
import { getScheme, type ScoringScheme } from '../../db/scoring-schemes-repository.js'
import { getUnit } from '../../db/units-repository.js'
import { conflict, forbidden, ruleBroken } from '../../domain/errors.js'
import {
  breakdown, computeScorecards, validateEntries, validateReview, type CompiledScheme, type Problem
} from '../../domain/scoring/index.js'
import { GROUP } from '../../domain/scoring/compile.js'
import { toPoints } from '../../domain/decimal.js'
import { assertIfMatch, etagOf } from '../../domain/versions.js'
import type { WriteContext } from '../../services/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { SchemeParams, SchemeUnitParams } from '../../http/common-schemas.js'
import { compiledScheme } from '../../services/compiled-scheme.js'
import {
  ExplanationBody, Finalization, Ranking, RankingItem, RankingQuery, ReviewBody, Scorecard as ScorecardSchema, ScorecardBody, StepHeaders
} from './schemas.js'
import { rankingCsv } from './csv.js'
import { rankingXlsx } from './xlsx.js'
import { loadInputs } from '../../services/cluster-inputs.js'
import { yearPeriod } from '../../domain/membership.js'
import { cachedRanking } from '../../services/ranking-cache.js'
import { mayReadScores } from '../../services/score-read-scope.js'
import { rankingJson } from './ranking-json.js'
import { isMemberDuring } from '../../db/memberships-repository.js'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** One line of the ranking as the response schema serializes it (one object: Fastify compiles it once per route). */
const RANKING_ITEM = ref(RankingItem) as unknown as Record<string, unknown>

const tags = ['scoring']

const cardId = (card: { schemeId: string, unitId: string }) => `${card.schemeId}/${card.unitId}`

function assertPublished (scheme: ScoringScheme): void {
  if (scheme.status !== 'published') {
    throw conflict('scheme_not_published', `Scheme ${scheme.id} is ${scheme.status}: scorecards follow the published version only.`)
  }
}

async function assertNotFinal (db: Knex, schemeId: string): Promise<void> {
  if (await findFinalization(db, schemeId)) {
    throw conflict('scores_finalized', `The scores of scheme ${schemeId} are finalised and can no longer change.`)
  }
}

function assertState (card: StoredScorecard, allowed: readonly string[], step: string): void {
  if (!allowed.includes(card.status)) {
    throw conflict('scorecard_wrong_state',
      `The scorecard is ${card.status}; ${step} needs it ${allowed.join(' or ')}.`, { scorecardStatus: card.status })
  }
}

/** 422 `invalid_entries` listing every problem, paths from the request body. */
function assertNoProblems (found: Problem[]): void {
  if (found.length === 0) return
  const errors = found.map((p) => ({ path: `body.${p.path}`, message: p.message }))
  throw ruleBroken('invalid_entries', `The entries have ${errors.length} problem${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, { errors })
}

/** Problems of an explanation: each code a leaf of the scheme, at most once. */
function explanationProblems (scheme: CompiledScheme, entries: ReadonlyArray<{ code: string }>): Problem[] {
  const found: Problem[] = []
  const seen = new Set<string>()
  entries.forEach((entry, j) => {
    const node = scheme.index.get(entry.code)
    if (node === undefined) found.push({ path: `entries.${j}.code`, message: 'names no criterion of this scheme' })
    else if (scheme.kinds[node] === GROUP) found.push({ path: `entries.${j}.code`, message: 'is a group; explain its criteria instead' })
    else if (seen.has(entry.code)) found.push({ path: `entries.${j}.code`, message: `repeats the explanation of "${entry.code}"` })
    seen.add(entry.code)
  })
  return found
}

/** The scorecard as answered: its stored fields with the total and breakdown the engine computes. */
async function present (db: Knex, scheme: ScoringScheme, card: StoredScorecard) {
  const inputs = await loadInputs(db, scheme, { extraUnitId: card.unitId })
  inputs.cards.set(card.unitId, card)
  const result = computeScorecards(inputs.compiled, inputs.units).find((r) => r.unitId === card.unitId)!
  return { ...card, total: toPoints(result.total), breakdown: breakdown(inputs.compiled, result) }
}

/**
 * The scheme and the scorecard, locked, once a step (submit, review, explain) may move the card on, checked in the
 * order the contract documents: scope (`authorize`, against the scheme), 404, If-Match, finalised, published, state.
 * The scheme is locked for share: steps and saves of different units run side by side (each card's own row lock
 * orders the writes of one card), while the finalisation, which locks it for update, waits for them all.
 */
async function cardForStep (
  trx: Knex, request: FastifyRequest, ids: { schemeId: string, unitId: string },
  from: readonly string[], step: string, authorize: (scheme: ScoringScheme) => void = () => {}
) {
  const scheme = await getScheme(trx, ids.schemeId, { forShare: true })
  authorize(scheme)
  const card = await getScorecard(trx, ids.schemeId, ids.unitId, { forUpdate: true })
  assertIfMatch(request.headers['if-match'], card.version)
  await assertNotFinal(trx, ids.schemeId)
  assertPublished(scheme)
  assertState(card, from, step)
  return { scheme, card }
}

/** Stores the step's change, audits it, and answers with the scorecard as it now stands. */
async function completeStep (
  { trx, record }: WriteContext, scheme: ScoringScheme, card: StoredScorecard, action: string, change: Parameters<typeof moveScorecard>[2]
) {
  const after = await moveScorecard(trx, card, change)
  record({ action, resourceType: 'scorecard', resourceId: cardId(after), before: card, after })
  return { statusCode: 200, body: await present(trx, scheme, after), headers: { etag: etagOf(after.version) } }
}

const unitOrAdmin = (actor: Actor, unitId: string) => assertUnitScope(actor, unitId)

const scorecards: FastifyPluginAsyncTypebox = async (app) => {
  const ranking = cachedRanking()

  app.put('/v1/scoring-schemes/:schemeId/scorecards/:unitId', {
    config: { roles: ['admin', 'unit'] },
    schema: {
      operationId: 'saveScorecard',
      summary: 'A unit\'s self-assessment (tự chấm) in a published scheme: replaces its entries while a draft',
      description: 'By the unit\'s own token (or an admin). The scheme must be published (409 `scheme_not_published`) ' +
        'and its scores not finalised (409 `scores_finalized`); the unit must be a member of the cluster on some day ' +
        'of the scheme\'s year (422 `unit_not_member`); the scorecard must be a draft (409 `scorecard_wrong_state`). ' +
        'Entries are checked against the scheme: 422 `invalid_entries` lists every problem (paths `body.entries.N...`).',
      tags,
      params: SchemeUnitParams,
      headers: IfMatchHeaders,
      body: ref(ScorecardBody),
      response: {
        200: ref(ScorecardSchema, { description: 'The entries replaced.' }),
        201: ref(ScorecardSchema, { description: 'The scorecard created.' }),
        ...problems(400, 403, 404, 409, 412, 422)
      }
    }
  }, async (request, reply) => {
    const { schemeId, unitId } = request.params
    unitOrAdmin(request.actor, unitId)
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      const scheme = await getScheme(trx, schemeId, { forShare: true })
      await getUnit(trx, unitId)
      const before = await lockScorecard(trx, schemeId, unitId)
      assertIfMatch(request.headers['if-match'], before?.version)
      await assertNotFinal(trx, schemeId)
      assertPublished(scheme)
      const { from, until } = yearPeriod(scheme.year)
      if (!(await isMemberDuring(trx, scheme.clusterId, unitId, from, until))) {
        throw ruleBroken('unit_not_member', `Unit ${unitId} is not a member of the scheme's cluster in ${scheme.year}.`)
      }
      if (before) assertState(before, ['draft'], 'changing the entries')
      const { entries } = request.body
      assertNoProblems(validateEntries(compiledScheme(scheme), entries))
      const after = await saveEntries(trx, schemeId, unitId, before, entries)
      record({ action: 'scorecard.saved', resourceType: 'scorecard', resourceId: cardId(after), before: before ?? null, after })
      const body = await present(trx, scheme, after)
      const headers: Record<string, string> = { etag: etagOf(after.version) }
      if (before) return { statusCode: 200, body, headers }
      return { statusCode: 201, body, headers: { ...headers, location: `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}` } }
    }))
  })

  app.get('/v1/scoring-schemes/:schemeId/scorecards/:unitId', {
    schema: {
      operationId: 'getScorecard',
      summary: 'A unit\'s scorecard: its entries, reviews and explanation, with the points the engine computes',
      description: 'Read by admin and reader, the scheme\'s cluster\'s secretariat and the unit itself; by the other ' +
        'members of the cluster in the scheme\'s year once it is finalized, or before where the cluster rule ' +
        '`membersReadDraftScorecards` publishes drafts. To anyone else it is a 404, as if it did not exist.',
      tags,
      params: SchemeUnitParams,
      response: { 200: ref(ScorecardSchema), ...notModified, ...problems(400, 403, 404, 422) }
    }
  }, async (request, reply) => {
    const { schemeId, unitId } = request.params
    const scheme = await getScheme(app.db, schemeId)
    const card = await getScorecard(app.db, schemeId, unitId)
    if (!(await mayReadScores(app.db, request.actor, scheme, { final: card.status === 'finalized', unitId }))) throw scorecardNotFound(schemeId, unitId)
    return reply.header('etag', etagOf(card.version)).send(await present(app.db, scheme, card))
  })

  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/submit', {
    config: { roles: ['admin', 'unit'] },
    schema: {
      operationId: 'submitScorecard',
      summary: 'The unit submits its self-assessment for review (draft → submitted)',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, submitted.' }), ...problems(400, 403, 404, 409, 412) }
    }
  }, async (request, reply) => {
    const { schemeId, unitId } = request.params
    unitOrAdmin(request.actor, unitId)
    return reply.sendResult(await request.write(async (ctx) => {
      const { scheme, card } = await cardForStep(ctx.trx, request, { schemeId, unitId }, ['draft'], 'submitting')
      return completeStep(ctx, scheme, card, 'scorecard.submitted', { status: 'submitted' })
    }))
  })

  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/review', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'reviewScorecard',
      summary: 'The cluster\'s secretariat reviews a scorecard (submitted → reviewed, or explained → second_reviewed)',
      description: 'Reviewed points replace the points computed from the unit\'s entry for each leaf listed; the second ' +
        'review\'s replace the first review\'s. Points must lie within the leaf\'s range: 422 `invalid_entries`.',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      body: ref(ReviewBody),
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, reviewed.' }), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { scheme, card } = await cardForStep(ctx.trx, request, request.params, ['submitted', 'explained'], 'a review',
      (scheme) => assertClusterScope(request.actor, scheme.clusterId))
    const { entries } = request.body
    assertNoProblems(validateReview(compiledScheme(scheme), entries))
    const second = card.status === 'explained'
    return completeStep(ctx, scheme, card, 'scorecard.reviewed',
      second ? { status: 'second_reviewed', secondReview: entries } : { status: 'reviewed', review: entries })
  })))

  app.post('/v1/scoring-schemes/:schemeId/scorecards/:unitId/explain', {
    config: { roles: ['admin', 'unit'] },
    schema: {
      operationId: 'explainScorecard',
      summary: 'The unit explains its reviewed points, once (reviewed → explained)',
      tags,
      params: SchemeUnitParams,
      headers: StepHeaders,
      body: ref(ExplanationBody),
      response: { 200: ref(ScorecardSchema, { description: 'The scorecard, explained.' }), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => {
    const { schemeId, unitId } = request.params
    unitOrAdmin(request.actor, unitId)
    return reply.sendResult(await request.write(async (ctx) => {
      const { scheme, card } = await cardForStep(ctx.trx, request, { schemeId, unitId }, ['reviewed'],
        'an explanation (allowed once, after the first review)')
      const { entries } = request.body
      assertNoProblems(explanationProblems(compiledScheme(scheme), entries))
      return completeStep(ctx, scheme, card, 'scorecard.explained', { status: 'explained', explanation: entries })
    }))
  })

  app.post('/v1/scoring-schemes/:schemeId/finalize', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'finalizeScores',
      summary: 'Finalise a scheme\'s scores: every member\'s scorecard must be reviewed; all are frozen',
      description: 'Every unit that is a member of the cluster on some day of the scheme\'s year needs a scorecard that ' +
        'is `reviewed` or `second_reviewed`: 422 `scorecards_not_ready` lists the others (`units`, and `errors` with ' +
        'paths `scorecards.<unitId>`). Later writes to the scheme\'s scorecards are 409 `scores_finalized`.',
      tags,
      params: SchemeParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(Finalization, { description: 'The scores, finalised.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const { schemeId } = request.params
    const scheme = await getScheme(trx, schemeId, { forUpdate: true })
    assertClusterScope(request.actor, scheme.clusterId)
    await assertNotFinal(trx, schemeId)
    assertPublished(scheme)
    const { from, until } = yearPeriod(scheme.year)
    const members = await membersWithNames(trx, scheme.clusterId, from, until)
    const cards = new Map((await scorecardsOf(trx, schemeId, { forUpdate: true })).map((c) => [c.unitId, c]))
    const notReady = members
      .map((m) => ({ unitId: m.unitId, unitName: m.unitName, status: cards.get(m.unitId)?.status ?? null }))
      .filter((u) => u.status !== 'reviewed' && u.status !== 'second_reviewed')
    if (notReady.length > 0) {
      throw ruleBroken('scorecards_not_ready',
        `${notReady.length} member unit${notReady.length > 1 ? 's are' : ' is'} not reviewed yet: ${notReady.map((u) => `${u.unitName} (${u.status ?? 'no scorecard'})`).join(', ')}.`,
        { units: notReady, errors: notReady.map((u) => ({ path: `scorecards.${u.unitId}`, message: u.status === null ? 'has no scorecard' : `is ${u.status}, not reviewed` })) })
    }
    const frozen = await finalizeScorecards(trx, schemeId)
    // The members are kept with the finalization: the final ranking is among them, whatever is recorded later.
    const { schemeId: id, finalizedAt, finalizedBy } = await insertFinalization(trx, schemeId, request.actor.sub, members.map((m) => m.unitId))
    for (const after of frozen) {
      record({ action: 'scorecard.finalized', resourceType: 'scorecard', resourceId: cardId(after), before: cards.get(after.unitId) ?? null, after })
    }
    return { statusCode: 200, body: { schemeId: id, finalizedAt, finalizedBy, scorecards: frozen.length } }
  })))

  app.get('/v1/scoring-schemes/:schemeId/ranking', {
    schema: {
      operationId: 'getRanking',
      summary: 'Every member\'s total, rank, band and eligibility, computed by the scoring engine',
      description: 'Members are the units in the cluster on some day of the scheme\'s year (once the scores are finalised, ' +
        'those of that moment, kept with the finalisation); a unit without a scorecard scores 0 on every leaf. ' +
        'Reviewed points replace self scores. A pending or in-force discipline record ' +
        'overlapping the year bars a unit from titles and, unless the cluster rule `disciplinedUnitMayRankFirst` ' +
        'allows it, from rank 1. `?format=csv` answers text/csv (UTF-8 with BOM, Vietnamese headers); `?format=xlsx` ' +
        'an Excel workbook with the same table, numbers as numbers. ' +
        '409 `scheme_not_published` for a draft. Read by admin and reader and the cluster\'s secretariat; by the ' +
        'cluster\'s member units of the year once final, or before where `membersReadDraftScorecards` publishes drafts (else 403).',
      tags,
      params: SchemeParams,
      querystring: RankingQuery,
      produces: ['application/json', 'text/csv', XLSX_TYPE, 'application/problem+json'],
      response: {
        200: {
          description: 'The ranking, in rank order.',
          content: {
            'application/json': { schema: ref(Ranking) },
            // A file to download, like the workbook: the CSV's size follows the members, not a maxLength.
            'text/csv': { schema: { type: 'string', format: 'binary' } },
            [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } }
          }
        },
        ...problems(400, 403, 404, 409, 422)
      }
    }
  }, async (request, reply) => {
    const scheme = await getScheme(app.db, request.params.schemeId)
    if (scheme.status === 'draft') throw conflict('scheme_not_published', `Scheme ${scheme.id} is a draft: publish it before ranking.`)
    const cluster = await getCluster(app.db, scheme.clusterId)
    const finalization = await findFinalization(app.db, scheme.id)
    const final = finalization !== undefined
    if (!(await mayReadScores(app.db, request.actor, scheme, { final }))) {
      throw forbidden('The ranking is read by the cluster\'s secretariat, admin and reader, and by its member units once final.')
    }
    const { compiled, ranked, results, names, statuses } = await ranking(app.db, scheme, cluster.rules, finalization?.memberUnitIds)
    const withBreakdown = request.query.breakdown === true
    // Each line is made as the answer is sent (every format streams): a large cluster's is never held whole.
    function * items () {
      for (const item of ranked) {
        yield {
          ...item,
          unitName: names.get(item.unitId) ?? '',
          status: statuses.get(item.unitId) ?? null,
          ...(withBreakdown ? { breakdown: breakdown(compiled, results.get(item.unitId)!) } : {})
        }
      }
    }
    if (request.query.format === 'xlsx') {
      const title = `Xếp hạng thi đua ${scheme.period === 'annual' ? 'năm' : '6 tháng đầu năm'} ${scheme.year}`
      return (reply as FastifyReply).type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="ranking-${scheme.year}-${scheme.period}.xlsx"`)
        .send(await rankingXlsx(items(), title, app.clock()))
    }
    if (request.query.format === 'csv') {
      // A stream goes out as it is, past the JSON serializer.
      return (reply as FastifyReply).type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ranking-${scheme.year}-${scheme.period}.csv"`)
        .send(rankingCsv(items()))
    }
    const envelope = { schemeId: scheme.id, clusterId: scheme.clusterId, year: scheme.year, period: scheme.period, final }
    return (reply as FastifyReply).type('application/json; charset=utf-8')
      .send(rankingJson(envelope, items(), reply.compileSerializationSchema(RANKING_ITEM)))
  })
}

export default scorecards
