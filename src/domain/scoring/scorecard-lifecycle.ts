// The lifecycle of a unit's scorecard (phiếu chấm điểm) in a published scheme.
//
// draft (the unit self-assesses, tự chấm, as often as it likes) → submitted (by the unit) → reviewed (thẩm định,
// by the cluster's secretariat) → optionally explained (giải trình, once, by the unit) → second_reviewed (by the
// secretariat) → finalized, when the secretariat finalises the scheme's scores: every member's scorecard must then
// be reviewed (first or second review), and every scorecard of the scheme is frozen.
import { conflict, problemsFound, ruleBroken } from '../errors.js'
import { GROUP, type CompiledScheme } from './compile.js'
import type { Problem, ReviewedPoints } from './scheme.js'

export const SCORECARD_STATUSES = ['draft', 'submitted', 'reviewed', 'explained', 'second_reviewed', 'finalized'] as const
export type ScorecardStatus = typeof SCORECARD_STATUSES[number]

/** Who takes a step: the unit for itself, or the scheme's cluster's secretariat (an admin may take any). */
export type StepTaker = 'unit' | 'secretariat'

interface Step {
  by: StepTaker
  /** The statuses the step starts from, each with the status it moves the scorecard to. */
  moves: Partial<Record<ScorecardStatus, ScorecardStatus>>
  /** The step as the wrong-state refusal names it. */
  named: string
}

export const SCORECARD_STEPS = {
  // A first save creates the draft: there is no status to start from then.
  save: { by: 'unit', moves: { draft: 'draft' }, named: 'changing the entries' },
  submit: { by: 'unit', moves: { draft: 'submitted' }, named: 'submitting' },
  review: { by: 'secretariat', moves: { submitted: 'reviewed', explained: 'second_reviewed' }, named: 'a review' },
  explain: { by: 'unit', moves: { reviewed: 'explained' }, named: 'an explanation (allowed once, after the first review)' },
  // Every member's scorecard must be ready; the scheme's others (of units no longer members) are frozen as they are.
  finalize: { by: 'secretariat', moves: { reviewed: 'finalized', second_reviewed: 'finalized' }, named: 'finalising the scores' }
} as const satisfies Record<string, Step>
export type ScorecardStep = keyof typeof SCORECARD_STEPS

const startsFrom = (step: ScorecardStep) => Object.keys(SCORECARD_STEPS[step].moves) as ScorecardStatus[]

/** The status `step` moves a scorecard to from `status`; 409 `scorecard_wrong_state` when it cannot start there. */
export function advance (step: ScorecardStep, status: ScorecardStatus): ScorecardStatus {
  const to = (SCORECARD_STEPS[step].moves as Step['moves'])[status]
  if (to === undefined) {
    throw conflict('scorecard_wrong_state',
      `The scorecard is ${status}; ${SCORECARD_STEPS[step].named} needs it ${startsFrom(step).join(' or ')}.`, { scorecardStatus: status })
  }
  return to
}

/** A member unit of the scheme's year, with its scorecard's status (null: it has none). */
export interface MemberCard {
  unitId: string
  unitName: string
  status: ScorecardStatus | null
}

/** The members whose scorecard is not ready to be finalised. */
export const notReadyToFinalize = (members: readonly MemberCard[]): MemberCard[] =>
  members.filter((m) => m.status === null || !startsFrom('finalize').includes(m.status))

/** 422 `scorecards_not_ready` naming every member not reviewed yet (`units`, and `errors` at `scorecards.<unitId>`). */
export function assertReadyToFinalize (members: readonly MemberCard[]): void {
  const notReady = notReadyToFinalize(members)
  if (notReady.length === 0) return
  throw ruleBroken('scorecards_not_ready',
    `${notReady.length} member unit${notReady.length > 1 ? 's are' : ' is'} not reviewed yet: ${notReady.map((u) => `${u.unitName} (${u.status ?? 'no scorecard'})`).join(', ')}.`,
    { units: notReady, errors: notReady.map((u) => ({ path: `/scorecards/${u.unitId}`, message: u.status === null ? 'has no scorecard' : `is ${u.status}, not reviewed` })) })
}

/** Problems of an explanation: each code a leaf of the scheme, at most once. */
export function explanationProblems (scheme: CompiledScheme, entries: ReadonlyArray<{ code: string }>): Problem[] {
  const found: Problem[] = []
  const seen = new Set<string>()
  entries.forEach((entry, j) => {
    const node = scheme.index.get(entry.code)
    if (node === undefined) found.push({ path: `/entries/${j}/code`, message: 'names no criterion of this scheme' })
    else if (scheme.kinds[node] === GROUP) found.push({ path: `/entries/${j}/code`, message: 'is a group; explain its criteria instead' })
    else if (seen.has(entry.code)) found.push({ path: `/entries/${j}/code`, message: `repeats the explanation of "${entry.code}"` })
    seen.add(entry.code)
  })
  return found
}

/** 422 `invalid_entries` listing every problem of a request's entries (paths `/body/entries/N…`). */
export function assertValidEntries (found: readonly Problem[]): void {
  if (found.length === 0) return
  throw problemsFound('invalid_entries', 'entries', found, {
    pathPrefix: '/body',
    sentence: (count, named) => `The entries have ${count} problem${count > 1 ? 's' : ''}: ${named}.`
  })
}

/** The reviewed points of a scorecard: the second review's replace the first review's for the leaves it lists. */
export function reviewedPoints (card: { review: readonly ReviewedPoints[] | null, secondReview: readonly ReviewedPoints[] | null } | undefined): ReviewedPoints[] | undefined {
  if (!card || (!card.review && !card.secondReview)) return undefined
  const byCode = new Map<string, ReviewedPoints>()
  for (const r of card.review ?? []) byCode.set(r.code, r)
  for (const r of card.secondReview ?? []) byCode.set(r.code, r)
  return [...byCode.values()].map(({ code, points }) => ({ code, points }))
}
