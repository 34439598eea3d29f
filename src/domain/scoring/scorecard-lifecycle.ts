// The lifecycle of a unit's scorecard (phiếu chấm điểm) in a published scheme.
//
// draft (the unit self-assesses, tự chấm, as often as it likes) → submitted (by the unit) → reviewed (thẩm định,
// by the cluster's secretariat) → optionally explained (giải trình, once, by the unit) → second_reviewed (by the
// secretariat) → finalized, when the secretariat finalises the scheme's scores: every member's scorecard must then
// be reviewed (first or second review), and every scorecard of the scheme is frozen.
//
// Return for revision (trả lại để chỉnh sửa): the secretariat may send a scorecard back to the unit from `submitted`,
// `reviewed` or `explained`, with a reason (visible text, 1 to RETURN_REASON_MAX_LENGTH characters once trimmed).
// The unit then edits it (a save keeps it `returned`) and submits it again (`returned` → `submitted`), which starts
// a new review cycle. What a return resets, and what it keeps:
// - it clears the cycle's review, explanation and second review (and their stamps `reviewedAt`, `explainedAt`,
//   `secondReviewedAt`): the points reviewed in the earlier cycle no longer count, and the ranking scores the card
//   from the unit's own entries until it is reviewed again. They are not lost: the return's audit record and event
//   carry the card as it was (`before`), and the history keeps every step of the earlier cycle;
// - the once-only explanation is allowed again in the new cycle (once per cycle: reviewed → explained);
// - the entries, `submittedAt` (the last submission) and the history are kept.
// A returned card is not ready to be finalised: the readiness check names it. A card is returned at most
// MAX_RETURNS times (409 `scorecard_return_limit` after that), so its history stays bounded (MAX_HISTORY).
//
// History: every status change (submit, review, explain, return, finalize; a save changes no status and is not
// one) is kept in order, oldest first, with from, to, at (the instant), by (the token subject), role, and the
// reason of a return.
import { conflict, problemsFound, ruleBroken } from '../errors.js'
import { GROUP, type CompiledScheme } from './compile.js'
import type { Problem, ReviewedPoints } from './scheme.js'

export const SCORECARD_STATUSES = ['draft', 'submitted', 'reviewed', 'explained', 'second_reviewed', 'returned', 'finalized'] as const
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
  save: { by: 'unit', moves: { draft: 'draft', returned: 'returned' }, named: 'changing the entries' },
  submit: { by: 'unit', moves: { draft: 'submitted', returned: 'submitted' }, named: 'submitting' },
  review: { by: 'secretariat', moves: { submitted: 'reviewed', explained: 'second_reviewed' }, named: 'a review' },
  explain: { by: 'unit', moves: { reviewed: 'explained' }, named: 'an explanation (allowed once, after the first review)' },
  return: { by: 'secretariat', moves: { submitted: 'returned', reviewed: 'returned', explained: 'returned' }, named: 'returning it to the unit' },
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

const notReadyMessage = (status: ScorecardStatus | null) =>
  status === null
    ? 'has no scorecard'
    : status === 'returned' ? 'is returned to the unit for revision, not reviewed' : `is ${status}, not reviewed`

/** 422 `scorecards_not_ready` naming every member not reviewed yet (`units`, and `errors` at `scorecards.<unitId>`). */
export function assertReadyToFinalize (members: readonly MemberCard[]): void {
  const notReady = notReadyToFinalize(members)
  if (notReady.length === 0) return
  throw ruleBroken('scorecards_not_ready',
    `${notReady.length} member unit${notReady.length > 1 ? 's are' : ' is'} not reviewed yet: ${notReady.map((u) => `${u.unitName} (${u.status ?? 'no scorecard'})`).join(', ')}.`,
    { units: notReady, errors: notReady.map((u) => ({ path: `/scorecards/${u.unitId}`, message: notReadyMessage(u.status) })) })
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

/** How many times a card may be returned: more than one revision a year per reporting round would be a dispute, not a revision. */
export const MAX_RETURNS = 20
/**
 * The longest history: each returned cycle has at most four changes (submit, review, explain, return), the last
 * at most five (submit, review, explain, review, finalize).
 */
export const MAX_HISTORY = 4 * MAX_RETURNS + 5
/** A return's reason, in characters once trimmed: a paragraph, like an explanation's comment. */
export const RETURN_REASON_MAX_LENGTH = 2000

/** One status change of a scorecard. */
export interface HistoryEntry {
  from: ScorecardStatus
  to: ScorecardStatus
  /** The instant of the change (ISO 8601, UTC). */
  at: string
  /** The token subject that took the step. */
  by: string
  /** Its role. */
  role: string
  /** A return's reason. */
  reason?: string
}

/** Who takes a step, and when. */
export interface Taker {
  at: string
  by: string
  role: string
}

/** A card as its lifecycle sees it. */
export interface CardState {
  status: ScorecardStatus
  history: readonly HistoryEntry[]
}

const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u

/** A return's reason as stored: NFC, trimmed; 422 `invalid_return_reason` unless visible text of 1..2000 characters. */
export function returnReason (raw: string | undefined): string {
  const reason = (raw ?? '').normalize('NFC').trim()
  if (!VISIBLE.test(reason) || [...reason].length > RETURN_REASON_MAX_LENGTH) {
    throw ruleBroken('invalid_return_reason',
      `A return needs a reason: visible text of 1 to ${RETURN_REASON_MAX_LENGTH} characters once trimmed.`,
      { errors: [{ path: '/body/reason', message: VISIBLE.test(reason) ? `is longer than ${RETURN_REASON_MAX_LENGTH} characters` : 'has no visible text' }] })
  }
  return reason
}

/** How many times the card has been returned. */
export const returnsOf = (history: readonly HistoryEntry[]) => history.filter((h) => h.to === 'returned').length

/** 409 `scorecard_return_limit` once the card has been returned MAX_RETURNS times. */
export function assertMayReturn (history: readonly HistoryEntry[]): void {
  const returns = returnsOf(history)
  if (returns < MAX_RETURNS) return
  throw conflict('scorecard_return_limit',
    `The scorecard has been returned ${returns} times, the most allowed (${MAX_RETURNS}); review it as it stands.`, { returns, maxReturns: MAX_RETURNS })
}

/** Whether moving to `status` clears the cycle's review, explanation and second review (a return does). */
export const clearsCycle = (status: ScorecardStatus) => status === 'returned'

/**
 * `step` taken on the card by `taker`: the status it moves to and the history entry it adds (null when the status
 * stays: a save). A return checks its limit (409) before its reason (422); its reason is `reason`, stored trimmed.
 */
export function transition (card: CardState, step: ScorecardStep, taker: Taker, reason?: string): { status: ScorecardStatus, entry: HistoryEntry | null } {
  const status = advance(step, card.status)
  if (step !== 'return') return { status, entry: status === card.status ? null : { from: card.status, to: status, ...taker } }
  assertMayReturn(card.history)
  return { status, entry: { from: card.status, to: status, ...taker, reason: returnReason(reason) } }
}
