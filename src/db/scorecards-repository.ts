// Scorecards of a scheme (one per member unit) and the finalization of a scheme's scores, plus the few fixed
// queries that load a whole cluster's scoring inputs at once (no per-unit query).
import type { Knex } from 'knex'
import { DomainError } from '../domain/errors.js'
import type { Entry, ReviewedPoints, Targets } from '../domain/scoring/index.js'
import type { DeadlineStep } from '../domain/scoring/deadlines.js'
import type { HistoryEntry, ScorecardStatus, Taker } from '../domain/scoring/scorecard-lifecycle.js'
import { everMemberUnitIdsQuery, memberUnitIdsDuringQuery } from './memberships-repository.js'

/** A self-assessment entry as stored: the engine's fields plus evidence links and a comment. */
export interface StoredEntry extends Entry {
  /** Links, or stored files with the SHA-256 of their bytes when cited. */
  evidence?: Array<string | { url: string } | { fileId: string, sha256?: string }>
  comment?: string
}
export interface ReviewEntry extends ReviewedPoints { comment?: string, reviewerIds?: string[] }
export interface ExplanationEntry { code: string, comment: string }

export interface StoredScorecard {
  schemeId: string
  unitId: string
  status: ScorecardStatus
  entries: StoredEntry[]
  review: ReviewEntry[] | null
  explanation: ExplanationEntry[] | null
  secondReview: ReviewEntry[] | null
  submittedAt: string | null
  reviewedAt: string | null
  explainedAt: string | null
  secondReviewedAt: string | null
  finalizedAt: string | null
  /** The calendar date (Asia/Ho_Chi_Minh) of the cycle's first review: the explanation window runs from it. A return clears it. */
  reviewedOn: string | null
  /** The calendar date (Asia/Ho_Chi_Minh) of the last return for revision: the resubmission's due date runs from it. */
  returnedOn: string | null
  /** The steps taken after their deadline under the cluster's `mark_late` rule. */
  lateSteps: DeadlineStep[]
  /** Every status change, oldest first. */
  history: HistoryEntry[]
  version: number
  createdAt: string
  updatedAt: string
}

interface ScorecardRow {
  scheme_id: string
  unit_id: string
  status: ScorecardStatus
  entries: StoredEntry[]
  review: ReviewEntry[] | null
  explanation: ExplanationEntry[] | null
  second_review: ReviewEntry[] | null
  submitted_at: Date | null
  reviewed_at: Date | null
  explained_at: Date | null
  second_reviewed_at: Date | null
  finalized_at: Date | null
  reviewed_on: string | null
  returned_on: string | null
  late_steps: DeadlineStep[]
  history: HistoryEntry[]
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

const toScorecard = (row: ScorecardRow): StoredScorecard => ({
  schemeId: row.scheme_id,
  unitId: row.unit_id,
  status: row.status,
  entries: row.entries,
  review: row.review,
  explanation: row.explanation,
  secondReview: row.second_review,
  submittedAt: iso(row.submitted_at),
  reviewedAt: iso(row.reviewed_at),
  explainedAt: iso(row.explained_at),
  secondReviewedAt: iso(row.second_reviewed_at),
  finalizedAt: iso(row.finalized_at),
  reviewedOn: row.reviewed_on ?? null,
  returnedOn: row.returned_on ?? null,
  lateSteps: row.late_steps ?? [],
  history: row.history,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

export async function findScorecard (db: Knex, schemeId: string, unitId: string, options: { forUpdate?: boolean } = {}): Promise<StoredScorecard | undefined> {
  const query = db('scorecards').where({ scheme_id: schemeId, unit_id: unitId }).first()
  if (options.forUpdate) query.forUpdate()
  const row = await query
  return row ? toScorecard(row) : undefined
}

/** 404 for a scorecard that does not exist, or that the caller may not read: the two answer alike. */
export const scorecardNotFound = (schemeId: string, unitId: string) =>
  new DomainError('not_found', 'scorecard_not_found', `Unit ${unitId} has no scorecard in scheme ${schemeId}.`)

export async function getScorecard (db: Knex, schemeId: string, unitId: string, options: { forUpdate?: boolean } = {}): Promise<StoredScorecard> {
  const card = await findScorecard(db, schemeId, unitId, options)
  if (!card) throw scorecardNotFound(schemeId, unitId)
  return card
}

/**
 * The unit's scorecard, locked for a change. When it has none yet, a lock on the (scheme, unit) pair is taken first
 * and the card read again: concurrent first saves of one unit then queue instead of colliding on the insert.
 */
export async function lockScorecard (trx: Knex.Transaction, schemeId: string, unitId: string): Promise<StoredScorecard | undefined> {
  const card = await findScorecard(trx, schemeId, unitId, { forUpdate: true })
  if (card) return card
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`scorecard ${schemeId} ${unitId}`])
  return findScorecard(trx, schemeId, unitId, { forUpdate: true })
}

/** Creates the unit's draft scorecard, or replaces the entries of `current`. */
export async function saveEntries (trx: Knex.Transaction, schemeId: string, unitId: string, current: StoredScorecard | undefined, entries: StoredEntry[]): Promise<StoredScorecard> {
  if (current) {
    const [row] = await trx('scorecards').where({ scheme_id: schemeId, unit_id: unitId })
      .update({ entries: JSON.stringify(entries), version: current.version + 1, updated_at: trx.fn.now() }).returning('*')
    return toScorecard(row)
  }
  const [row] = await trx('scorecards').insert({ scheme_id: schemeId, unit_id: unitId, entries: JSON.stringify(entries) }).returning('*')
  return toScorecard(row)
}

export interface Transition {
  status: ScorecardStatus
  review?: ReviewEntry[]
  explanation?: ExplanationEntry[]
  secondReview?: ReviewEntry[]
  /** The calendar date of the cycle's first review, set with it. */
  reviewedOn?: string
  /** The calendar date of a return, set with it. */
  returnedOn?: string
  /** A step taken late under `mark_late`, added to the card's `lateSteps`. */
  lateStep?: DeadlineStep
  /** The history entry the step adds (none for a save). */
  entry?: HistoryEntry | null
  /** Clears the cycle's reviews and explanation, with their stamps and the day of its first review (a return: domain `clearsCycle`). */
  clearCycle?: boolean
}

const STAMP: Record<ScorecardStatus, string | null> = {
  draft: null, submitted: 'submitted_at', reviewed: 'reviewed_at', explained: 'explained_at', second_reviewed: 'second_reviewed_at', returned: null, finalized: 'finalized_at'
}

/** Moves a scorecard on: its new status, the time of the step, and the step's content. */
export async function moveScorecard (trx: Knex.Transaction, current: StoredScorecard, change: Transition): Promise<StoredScorecard> {
  const stamp = STAMP[change.status]
  const [row] = await trx('scorecards').where({ scheme_id: current.schemeId, unit_id: current.unitId })
    .update({
      status: change.status,
      ...(stamp ? { [stamp]: trx.fn.now() } : {}),
      ...(change.review ? { review: JSON.stringify(change.review) } : {}),
      ...(change.explanation ? { explanation: JSON.stringify(change.explanation) } : {}),
      ...(change.secondReview ? { second_review: JSON.stringify(change.secondReview) } : {}),
      ...(change.reviewedOn ? { reviewed_on: change.reviewedOn } : {}),
      ...(change.returnedOn ? { returned_on: change.returnedOn } : {}),
      ...(change.lateStep ? { late_steps: JSON.stringify([...new Set([...current.lateSteps, change.lateStep])]) } : {}),
      ...(change.clearCycle ? { review: null, explanation: null, second_review: null, reviewed_at: null, explained_at: null, second_reviewed_at: null, reviewed_on: null } : {}),
      ...(change.entry ? { history: JSON.stringify([...current.history, change.entry]) } : {}),
      version: current.version + 1,
      updated_at: trx.fn.now()
    }).returning('*')
  return toScorecard(row)
}

/** Every scorecard of a scheme (one query), by unit id. */
export async function scorecardsOf (db: Knex, schemeId: string, options: { forUpdate?: boolean } = {}): Promise<StoredScorecard[]> {
  const query = db('scorecards').where({ scheme_id: schemeId }).orderBy('unit_id')
  if (options.forUpdate) query.forUpdate()
  const rows: ScorecardRow[] = await query
  return rows.map(toScorecard)
}

/** Freezes every scorecard of the scheme in one statement, each adding its change to its history; returns them as they are now. */
export async function finalizeScorecards (trx: Knex.Transaction, schemeId: string, taker: Taker): Promise<StoredScorecard[]> {
  const entry = trx.raw("history || jsonb_build_array(jsonb_build_object('from', status, 'to', 'finalized', 'at', ?::text, 'by', ?::text, 'role', ?::text))",
    [taker.at, taker.by, taker.role])
  const rows: ScorecardRow[] = await trx('scorecards').where({ scheme_id: schemeId })
    .update({ status: 'finalized', finalized_at: trx.fn.now(), history: entry, version: trx.raw('version + 1'), updated_at: trx.fn.now() }).returning('*')
  return rows.map(toScorecard).sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0))
}

export interface Finalization {
  schemeId: string
  finalizedAt: string
  finalizedBy: string
  /** The members of the year when the scores were finalized; null for scores finalized before they were kept. */
  memberUnitIds: string[] | null
}

const toFinalization = (row: { scheme_id: string, finalized_at: Date, finalized_by: string, member_unit_ids: string[] | null }): Finalization => ({
  schemeId: row.scheme_id,
  finalizedAt: row.finalized_at.toISOString(),
  finalizedBy: row.finalized_by,
  memberUnitIds: row.member_unit_ids
})

export async function findFinalization (db: Knex, schemeId: string): Promise<Finalization | undefined> {
  const row = await db('scorecard_finalizations').where({ scheme_id: schemeId }).first()
  return row ? toFinalization(row) : undefined
}

export async function insertFinalization (trx: Knex.Transaction, schemeId: string, finalizedBy: string, memberUnitIds: readonly string[]): Promise<Finalization> {
  const [row] = await trx('scorecard_finalizations')
    .insert({ scheme_id: schemeId, finalized_by: finalizedBy, member_unit_ids: JSON.stringify(memberUnitIds) }).returning('*')
  return toFinalization(row)
}

/** Units by id (a list, or a query of ids) with their names, ordered by id (one query). */
export async function unitsNamed (db: Knex, unitIds: readonly string[] | Knex.QueryBuilder): Promise<Array<{ unitId: string, unitName: string }>> {
  // knex takes a list or a query in one overload, whose list is not typed readonly; it is only read.
  const rows: Array<{ id: string, name: string }> = await db('units').whereIn('id', unitIds as string[] | Knex.QueryBuilder)
    .select('id', 'name').orderBy('id')
  return rows.map((r) => ({ unitId: r.id, unitName: r.name }))
}

/** Members of the cluster on some day of [from, until) with their names, ordered by unit id (one query). */
export async function membersWithNames (db: Knex, clusterId: string, from: string, until: string): Promise<Array<{ unitId: string, unitName: string }>> {
  return unitsNamed(db, memberUnitIdsDuringQuery(db, clusterId, from, until))
}

/** Units of the cluster with a pending or in-force discipline record overlapping [from, until) (one query). */
export async function disciplinedDuring (db: Knex, clusterId: string, from: string, until: string): Promise<Set<string>> {
  const rows: Array<{ unit_id: string }> = await db('discipline_records')
    .whereIn('unit_id', everMemberUnitIdsQuery(db, clusterId))
    .whereIn('status', ['pending', 'in_force'])
    .where('valid_from', '<', until)
    .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>', from))
    .distinct('unit_id')
  return new Set(rows.map((r) => r.unit_id))
}

/** Every unit's targets of a scheme (one query). */
export async function targetsOf (db: Knex, schemeId: string): Promise<Map<string, { targets: Targets, notApplicable: string[] }>> {
  const rows: Array<{ unit_id: string, targets: Targets, not_applicable: string[] }> = await db('scoring_targets').where({ scheme_id: schemeId })
    .select('unit_id', 'targets', 'not_applicable')
  return new Map(rows.map((r) => [r.unit_id, { targets: r.targets, notApplicable: r.not_applicable }]))
}
