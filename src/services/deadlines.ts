// Deadlines of scorecard steps (domain/scoring/deadlines.ts) as the services meet them: judging a step as it is taken
// under the cluster's `lateSteps` rule, what a card shows (`dueOn`, `late`), and the list of what a cluster's members
// are due next. "Today" is the request's clock (`now`), as a calendar date in Asia/Ho_Chi_Minh.
import type { Knex } from 'knex'
import { getCluster } from '../db/clusters-repository.js'
import { cardDeadlineRows, openPublishedSchemes, type CardDeadlineRow } from '../db/deadlines-repository.js'
import { decodeCursor, encodeCursor, pageSize, type Page, type PageRequest } from '../db/pagination.js'
import { membersWithNames, type StoredScorecard, type Transition } from '../db/scorecards-repository.js'
import type { ScoringScheme } from '../db/scoring-schemes-repository.js'
import { vietnamDate } from '../domain/dates.js'
import { forbidden } from '../domain/errors.js'
import { yearPeriod } from '../domain/membership.js'
import { cardDeadline, judgeStep, stepDeadline, type DeadlineStep } from '../domain/scoring/deadlines.js'
import type { Period } from '../domain/scoring/scheme-lifecycle.js'
import type { ScorecardStep } from '../domain/scoring/scorecard-lifecycle.js'
import type { ReadContext } from './context.js'

/** The day a step dates on the card, for the deadlines that run from it: a cycle's first review, a return. */
function datedBy (step: ScorecardStep, card: StoredScorecard, today: string): Pick<Transition, 'reviewedOn' | 'returnedOn'> {
  if (step === 'review' && card.status === 'submitted') return { reviewedOn: today }
  if (step === 'return') return { returnedOn: today }
  return {}
}

/**
 * What taking `step` on `card` today stores for its deadlines: the day of a first review or of a return, and the
 * step when it is late under `mark_late`. Under `refuse` a late step is 409 `deadline_passed`. Reads the cluster's
 * rules only when the step has a deadline.
 */
export async function stepDeadlineFields (
  trx: Knex.Transaction, scheme: ScoringScheme, card: StoredScorecard, step: ScorecardStep, now: Date
): Promise<Pick<Transition, 'reviewedOn' | 'returnedOn' | 'lateStep'>> {
  const today = vietnamDate(now)
  const dated = datedBy(step, card, today)
  const due = stepDeadline(scheme.deadlines, step, card.status, card)
  if (due === null) return dated
  const { rules } = await getCluster(trx, scheme.clusterId)
  const lateStep = judgeStep(rules.lateSteps, due, today)
  return lateStep === null ? dated : { ...dated, lateStep }
}

/** What the card is due next (`dueOn`, null: nothing) and whether it is late, today. */
export function cardDue (
  scheme: Pick<ScoringScheme, 'deadlines'>, card: Pick<StoredScorecard, 'status' | 'reviewedOn' | 'returnedOn' | 'lateSteps'>, now: Date
) {
  const { due, late } = cardDeadline(scheme.deadlines, card, vietnamDate(now))
  return { dueOn: due?.dueOn ?? null, late }
}

/** One member unit's next due step under one scheme. */
export interface DueStep {
  schemeId: string
  year: number
  period: Period
  unitId: string
  unitName: string
  step: DeadlineStep
  dueOn: string
  late: boolean
}

const rowKey = (r: DueStep): [string, string, string] => [r.dueOn, r.schemeId, r.unitId]
const compareKeys = (a: readonly string[], b: readonly string[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1
  return 0
}

/**
 * What the cluster's member units are due next under its published schemes not yet finalized, the earliest first
 * (then by scheme and unit), a page at a time. A member without a scorecard is due its self-assessment, a returned
 * card its resubmission. Admin and
 * reader read any cluster, a secretariat its own (403 otherwise), a unit its own rows only (none in a cluster it
 * is not a member of). A few queries whatever the cluster's size, and work in proportion to members × schemes.
 */
export async function listClusterDeadlines (
  { db, actor, now }: ReadContext, { clusterId, ...page }: { clusterId: string } & PageRequest
): Promise<Page<DueStep>> {
  await getCluster(db, clusterId)
  if (actor.role === 'secretariat' && actor.clusterId !== clusterId) {
    throw forbidden('A secretariat token reads the deadlines of its own cluster only.')
  }
  const limit = pageSize(page.limit)
  const after = page.cursor ? decodeCursor(page.cursor, 3).map(String) : null
  const onlyUnit = actor.role === 'unit' ? actor.unitId ?? '' : null
  const today = vietnamDate(now)
  const schemes = (await openPublishedSchemes(db, clusterId)).filter((s) => s.deadlines !== null)
  const cards = new Map<string, CardDeadlineRow>()
  for (const card of await cardDeadlineRows(db, schemes.map((s) => s.id))) cards.set(`${card.schemeId} ${card.unitId}`, card)
  const membersByYear = new Map<number, Array<{ unitId: string, unitName: string }>>()
  const rows: DueStep[] = []
  for (const scheme of schemes) {
    let members = membersByYear.get(scheme.year)
    if (!members) {
      const { from, until } = yearPeriod(scheme.year)
      members = await membersWithNames(db, clusterId, from, until)
      membersByYear.set(scheme.year, members)
    }
    for (const { unitId, unitName } of members) {
      if (onlyUnit !== null && unitId !== onlyUnit) continue
      const card = cards.get(`${scheme.id} ${unitId}`) ?? { status: null, reviewedOn: null, returnedOn: null, lateSteps: [] }
      const { due, late } = cardDeadline(scheme.deadlines, card, today)
      if (due === null) continue
      const row: DueStep = { schemeId: scheme.id, year: scheme.year, period: scheme.period, unitId, unitName, step: due.step, dueOn: due.dueOn, late }
      if (after === null || compareKeys(rowKey(row), after) > 0) rows.push(row)
    }
  }
  rows.sort((a, b) => compareKeys(rowKey(a), rowKey(b)))
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? encodeCursor(rowKey(items[items.length - 1])) : null }
}
