// Scorecards (phiếu chấm điểm) of a published scheme and the cluster's ranking. A member unit self-assesses
// (tự chấm) and submits; the cluster's secretariat reviews (thẩm định); the unit may explain once (giải trình)
// and is then reviewed again; the secretariat may return it to the unit for revision, with a reason; the
// secretariat finalises the scheme's scores, freezing every scorecard (domain/scoring/scorecard-lifecycle.ts).
// Every status change is kept in the card's history. Every change is journaled. Points always come from the domain's scoring
// engine over the whole cluster (a quantitative leaf depends on the best value in the cluster), loaded in a fixed
// number of queries (cluster-inputs.ts).
import type { Knex } from 'knex'
import { assertClusterScope, assertUnitScope } from '../auth/access.js'
import type { Actor } from '../auth/tokens.js'
import { isMemberDuring } from '../db/memberships-repository.js'
import {
  finalizeScorecards, findFinalization, getScorecard, insertFinalization, lockScorecard, membersWithNames,
  moveScorecard, saveEntries, scorecardNotFound, scorecardsOf,
  type ExplanationEntry, type ReviewEntry, type StoredEntry, type StoredScorecard, type Transition
} from '../db/scorecards-repository.js'
import { advisoryMemberIds } from '../db/advisory-groups-repository.js'
import { getScheme, type ScoringScheme } from '../db/scoring-schemes-repository.js'
import { getUnit } from '../db/units-repository.js'
import { assertReviewers } from '../domain/advisory-group.js'
import { toPoints } from '../domain/decimal.js'
import { ruleBroken } from '../domain/errors.js'
import { yearPeriod } from '../domain/membership.js'
import {
  breakdown, computeScorecards, validateEntries, validateReview, type CriterionScore, type Problem, type RankingItem
} from '../domain/scoring/index.js'
import { assertNotFinalized, assertPublished } from '../domain/scoring/scheme-lifecycle.js'
import {
  advance, assertReadyToFinalize, assertValidEntries, clearsCycle, explanationProblems, SCORECARD_STEPS, transition,
  type ScorecardStatus, type ScorecardStep
} from '../domain/scoring/scorecard-lifecycle.js'
import { assertIfMatch } from '../domain/versions.js'
import { loadInputs } from './cluster-inputs.js'
import { compiledScheme } from './compiled-scheme.js'
import type { ReadContext, WriteContext } from './context.js'
import { cachedRanking } from './ranking-cache.js'
import { cardDue, stepDeadlineFields } from './deadlines.js'
import { withCitedFiles } from './files.js'
import { mayReadScores, openClusterScores } from './score-access.js'

/** A scorecard as answered: its stored fields with the total and breakdown the engine computes. */
export interface Scorecard extends StoredScorecard {
  total: number
  breakdown: CriterionScore[]
  /** What it is due next (a calendar date in Asia/Ho_Chi_Minh), null when nothing is; and whether it is late. */
  dueOn: string | null
  late: boolean
}

export interface ScorecardIds {
  schemeId: string
  unitId: string
}

/** A step's command: the scorecard, and the tag the caller last read (a stale one is refused). */
export interface StepCommand extends ScorecardIds {
  ifMatch?: string
}

const cardId = (card: ScorecardIds) => `${card.schemeId}/${card.unitId}`

/**
 * The card with the points the engine computes for it among the whole cluster (four queries, which read the card
 * as it now stands: after a change, in the same transaction).
 */
async function withPoints (db: Knex, scheme: ScoringScheme, card: StoredScorecard, now: Date): Promise<Scorecard> {
  const inputs = await loadInputs(db, scheme, { extraUnitId: card.unitId })
  const result = computeScorecards(inputs.compiled, inputs.units, { rescaleNotApplicable: inputs.rescaleNotApplicable })
    .find((r) => r.unitId === card.unitId)!
  return { ...card, total: toPoints(result.total), breakdown: breakdown(inputs.compiled, result), ...cardDue(scheme, card, now) }
}

/** The step's taker: a unit acts for itself alone (checked before anything is read), a secretariat for its cluster. */
function assertUnitTakes (step: ScorecardStep, actor: Actor, unitId: string): void {
  if (SCORECARD_STEPS[step].by === 'unit') assertUnitScope(actor, unitId)
}
function assertSecretariatTakes (step: ScorecardStep, actor: Actor, scheme: ScoringScheme): void {
  if (SCORECARD_STEPS[step].by === 'secretariat') assertClusterScope(actor, scheme.clusterId)
}

export async function readScorecard ({ db, actor, now }: ReadContext, { schemeId, unitId }: ScorecardIds): Promise<Scorecard> {
  const scheme = await getScheme(db, schemeId)
  const card = await getScorecard(db, schemeId, unitId)
  // Hidden alike from whoever may not read it: a 404, as if it did not exist.
  if (!(await mayReadScores(db, actor, scheme, { final: card.status === 'finalized', unitId }))) throw scorecardNotFound(schemeId, unitId)
  return withPoints(db, scheme, card, now)
}

/**
 * Creates the unit's draft scorecard or replaces its entries; `created` tells which. The scheme is locked for
 * share: saves and steps of different units run side by side (each card's own row lock orders the writes of one
 * card), while the finalisation, which locks it for update, waits for them all.
 */
export async function saveScorecard (
  ctx: WriteContext, { schemeId, unitId, entries, ifMatch }: StepCommand & { entries: StoredEntry[] }
): Promise<{ scorecard: Scorecard, created: boolean }> {
  const { trx, actor, record } = ctx
  assertUnitTakes('save', actor, unitId)
  const scheme = await getScheme(trx, schemeId, { forShare: true })
  await getUnit(trx, unitId)
  const before = await lockScorecard(trx, schemeId, unitId)
  assertIfMatch(ifMatch, before?.version)
  assertNotFinalized(schemeId, (await findFinalization(trx, schemeId)) !== undefined)
  assertPublished(scheme)
  const { from, until } = yearPeriod(scheme.year)
  if (!(await isMemberDuring(trx, scheme.clusterId, unitId, from, until))) {
    throw ruleBroken('unit_not_member', `Unit ${unitId} is not a member of the scheme's cluster in ${scheme.year}.`)
  }
  if (before) advance('save', before.status)
  assertValidEntries(validateEntries(compiledScheme(scheme), entries))
  const after = await saveEntries(trx, schemeId, unitId, before, await withCitedFiles(trx, actor, entries))
  record({ action: 'scorecard.saved', resourceType: 'scorecard', resourceId: cardId(after), before: before ?? null, after })
  return { scorecard: await withPoints(trx, scheme, after, ctx.now), created: before === undefined }
}

/** What a step stores besides the status: its entries, checked against the scheme first. */
interface StepContent {
  problems: (scheme: ScoringScheme) => Problem[]
  /** The fields the entries are stored in, by the status the step moves to. */
  stored: (status: ScorecardStatus) => Omit<Transition, 'status'>
  /** A check that reads the database (a review's reviewers, against the year's advisory group), after the entries' own. */
  check?: (trx: Knex.Transaction, scheme: ScoringScheme) => Promise<void>
}

/** The event types a scorecard's steps are journalled as (domain/event-types.ts). */
type StepAction = 'scorecard.submitted' | 'scorecard.reviewed' | 'scorecard.explained' | 'scorecard.returned'

/**
 * Takes `step` on the scorecard, adds the status change to its history, and journals it as `action`. Checked in
 * the order the contract documents: scope, 404, If-Match, finalised, published, state (a return: then its limit and
 * its reason), entries.
 */
async function takeStep (
  { trx, actor, record, now }: WriteContext, step: ScorecardStep, action: StepAction, { schemeId, unitId, ifMatch }: StepCommand,
  content?: StepContent, reason?: string
): Promise<Scorecard> {
  assertUnitTakes(step, actor, unitId)
  const scheme = await getScheme(trx, schemeId, { forShare: true })
  assertSecretariatTakes(step, actor, scheme)
  const card = await getScorecard(trx, schemeId, unitId, { forUpdate: true })
  assertIfMatch(ifMatch, card.version)
  assertNotFinalized(schemeId, (await findFinalization(trx, schemeId)) !== undefined)
  assertPublished(scheme)
  const { status, entry } = transition(card, step, { at: now.toISOString(), by: actor.sub, role: actor.role }, reason)
  const deadline = await stepDeadlineFields(trx, scheme, card, step, now)
  if (content) assertValidEntries(content.problems(scheme))
  await content?.check?.(trx, scheme)
  const after = await moveScorecard(trx, card, { ...content?.stored(status), ...deadline, status, entry, clearCycle: clearsCycle(status) })
  record({ action, resourceType: 'scorecard', resourceId: cardId(after), before: card, after })
  return withPoints(trx, scheme, after, now)
}

/** The unit submits its self-assessment for review (draft → submitted). */
export const submitScorecard = (ctx: WriteContext, command: StepCommand) =>
  takeStep(ctx, 'submit', 'scorecard.submitted', command)

/**
 * The cluster's secretariat reviews (submitted → reviewed), or reviews again after the unit's explanation
 * (explained → second_reviewed). Reviewed points replace the self scores of the leaves listed.
 */
export const reviewScorecard = (ctx: WriteContext, { entries, ...command }: StepCommand & { entries: ReviewEntry[] }) =>
  takeStep(ctx, 'review', 'scorecard.reviewed', command, {
    problems: (scheme) => validateReview(compiledScheme(scheme), entries),
    check: async (trx, scheme) => assertReviewers(scheme.year, entries, await advisoryMemberIds(trx, scheme.clusterId, scheme.year)),
    stored: (status) => (status === 'second_reviewed' ? { secondReview: entries } : { review: entries })
  })

/** The unit explains its reviewed points, once (reviewed → explained). */
export const explainScorecard = (ctx: WriteContext, { entries, ...command }: StepCommand & { entries: ExplanationEntry[] }) =>
  takeStep(ctx, 'explain', 'scorecard.explained', command, {
    problems: (scheme) => explanationProblems(compiledScheme(scheme), entries),
    stored: () => ({ explanation: entries })
  })

/**
 * The cluster's secretariat returns the scorecard to the unit for revision, with a reason (submitted, reviewed or
 * explained → returned): the unit edits it and submits it again. The cycle's reviews and explanation are cleared.
 */
export const returnScorecard = (ctx: WriteContext, { reason, ...command }: StepCommand & { reason: string }) =>
  takeStep(ctx, 'return', 'scorecard.returned', command, undefined, reason)

export interface FinalizedScores {
  schemeId: string
  finalizedAt: string
  finalizedBy: string
  /** How many scorecards were frozen. */
  scorecards: number
}

/** Finalises the scheme's scores once every member of its year is reviewed, freezing every scorecard of it. */
export async function finalizeScores ({ trx, actor, record, now }: WriteContext, { schemeId }: { schemeId: string }): Promise<FinalizedScores> {
  // Locked for update: the saves and steps in progress, which lock it for share, finish first.
  const scheme = await getScheme(trx, schemeId, { forUpdate: true })
  assertSecretariatTakes('finalize', actor, scheme)
  assertNotFinalized(schemeId, (await findFinalization(trx, schemeId)) !== undefined)
  assertPublished(scheme)
  const { from, until } = yearPeriod(scheme.year)
  const members = await membersWithNames(trx, scheme.clusterId, from, until)
  const cards = new Map((await scorecardsOf(trx, schemeId, { forUpdate: true })).map((c) => [c.unitId, c]))
  assertReadyToFinalize(members.map((m) => ({ ...m, status: cards.get(m.unitId)?.status ?? null })))
  const frozen = await finalizeScorecards(trx, schemeId, { at: now.toISOString(), by: actor.sub, role: actor.role })
  // The members are kept with the finalization: the final ranking is among them, whatever is recorded later.
  const { finalizedAt, finalizedBy } = await insertFinalization(trx, schemeId, actor.sub, members.map((m) => m.unitId))
  for (const after of frozen) {
    record({ action: 'scorecard.finalized', resourceType: 'scorecard', resourceId: cardId(after), before: cards.get(after.unitId) ?? null, after })
  }
  return { schemeId, finalizedAt, finalizedBy, scorecards: frozen.length }
}

/** One member's line of the ranking. */
export type RankingLine = RankingItem & {
  unitName: string
  status: ScorecardStatus | null
  breakdown?: CriterionScore[]
}

export interface SchemeRanking {
  scheme: ScoringScheme
  /** The cluster's name, for the exports' title row. */
  clusterName: string
  final: boolean
  /** The lines in rank order, each made as it is asked for: a large cluster's are never held whole. */
  items: () => Generator<RankingLine>
}

/**
 * The cluster's ranking under the scheme, among the members of its year (once final, those kept with the
 * finalisation); `breakdown` adds each unit's points per criterion, each quantitative leaf explained. Cached
 * while nothing changes (ranking-cache.ts).
 */
export async function readRanking ({ db, actor }: ReadContext, { schemeId, breakdown: withBreakdown = false }: { schemeId: string, breakdown?: boolean }): Promise<SchemeRanking> {
  const { scheme, cluster, finalization, final } = await openClusterScores(db, actor, schemeId, 'The ranking')
  const { compiled, ranked, results, names, statuses } = await cachedRanking(db, scheme, cluster.rules, finalization?.memberUnitIds)
  function * items (): Generator<RankingLine> {
    for (const item of ranked) {
      yield {
        ...item,
        unitName: names.get(item.unitId) ?? '',
        status: statuses.get(item.unitId) ?? null,
        ...(withBreakdown ? { breakdown: breakdown(compiled, results.get(item.unitId)!, { explain: true }) } : {})
      }
    }
  }
  return { scheme, clusterName: cluster.name, final, items }
}
