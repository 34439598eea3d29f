// What the deadlines list reads of a cluster in a fixed number of queries: its published schemes whose scores are
// not finalized (nothing is due once they are), the scorecards of those schemes as the deadlines read them, and the
// members of each scheme's year with their names (one query per distinct year).
import type { Knex } from 'knex'
import type { DeadlineStep } from '../domain/scoring/deadlines.js'
import type { ScorecardStatus } from '../domain/scoring/scorecard-lifecycle.js'
import { toScheme, type SchemeRow, type ScoringScheme } from './scoring-schemes-repository.js'

/** The cluster's published schemes whose scores are not finalized, by year, period and id. */
export async function openPublishedSchemes (db: Knex, clusterId: string): Promise<ScoringScheme[]> {
  const rows: SchemeRow[] = await db('scoring_schemes')
    .where({ cluster_id: clusterId, status: 'published' })
    .whereNotExists(db('scorecard_finalizations').whereRaw('scorecard_finalizations.scheme_id = scoring_schemes.id'))
    .orderBy(['year', 'period', 'id'])
  return rows.map(toScheme)
}

/** A scorecard as its deadlines read it. */
export interface CardDeadlineRow {
  schemeId: string
  unitId: string
  status: ScorecardStatus
  reviewedOn: string | null
  returnedOn: string | null
  lateSteps: DeadlineStep[]
}

/** The scorecards of the given schemes (one query). */
export async function cardDeadlineRows (db: Knex, schemeIds: readonly string[]): Promise<CardDeadlineRow[]> {
  if (schemeIds.length === 0) return []
  const rows: Array<{ scheme_id: string, unit_id: string, status: ScorecardStatus, reviewed_on: string | null, returned_on: string | null, late_steps: DeadlineStep[] }> =
    await db('scorecards').whereIn('scheme_id', [...schemeIds]).select('scheme_id', 'unit_id', 'status', 'reviewed_on', 'returned_on', 'late_steps')
  return rows.map((r) => ({
    schemeId: r.scheme_id, unitId: r.unit_id, status: r.status, reviewedOn: r.reviewed_on, returnedOn: r.returned_on, lateSteps: r.late_steps ?? []
  }))
}
