// A scheme's stage deadlines (thời hạn) and what they make of a scorecard. Every date is a calendar date in
// Asia/Ho_Chi_Minh (`YYYY-MM-DD`, domain/dates.ts); "today" is passed in, never read from a clock.
//
// - submit (the self-assessment, from `draft`) is due on `selfAssessmentDue`;
// - submit again after a return for revision (from `returned`) is due `explanationDays` days after the day of the
//   return, or on `selfAssessmentDue` if that is later: the explanation window is the scheme's measure of the time a
//   unit has to answer the secretariat, and a return made before the self-assessment was even due never shortens
//   the time the unit had anyway;
// - explain (from `reviewed`) is due `explanationDays` days after the day of the cycle's first review (a return
//   clears it, and the review after the resubmission sets it again, so the window never runs from a review the
//   return undid). Explaining is the
//   unit's right, not a duty: once the window has closed nothing is due any more and the card is not late for it;
//   an explanation sent after it is a late step;
// - the second review (a review from `explained`) is due on `secondReviewDue`.
// The first review has no deadline of its own. A step taken on its due date is on time; the day after is late.
// The cluster's rule `lateSteps` says whether a late step is refused (409 `deadline_passed`) or accepted and kept
// as late on the card.
import { conflict, problemsFound } from '../errors.js'
import type { Problem } from './scheme.js'
import type { ScorecardStatus, ScorecardStep } from './scorecard-lifecycle.js'

export interface SchemeDeadlines {
  /** The day the units' self-assessments are due (submitted). */
  selfAssessmentDue: string
  /** Days after the first review during which a unit may explain (the day of the review not counted). */
  explanationDays: number
  /** The day the second reviews (after an explanation) are due. */
  secondReviewDue: string
}

/**
 * The longest explanation window. The regulations give a unit days, not months, to explain a review (commonly 5
 * to 15 working days); a quarter (90 days) is more than any real window while still catching a year typed as days.
 */
export const EXPLANATION_DAYS_MAX = 90

/** The steps that have a deadline, as the API names them. */
export const DEADLINE_STEPS = ['submit', 'explain', 'second_review'] as const
export type DeadlineStep = typeof DEADLINE_STEPS[number]

export const LATE_STEP_RULES = ['refuse', 'mark_late'] as const
export type LateStepRule = typeof LATE_STEP_RULES[number]

const STEP_NAMED: Record<DeadlineStep, string> = {
  submit: 'The self-assessment (submit)',
  explain: 'The explanation (explain)',
  second_review: 'The second review'
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `date` is a real calendar date written `YYYY-MM-DD` (2019-02-29 is not). */
export function isCalendarDate (date: unknown): date is string {
  if (typeof date !== 'string') return false
  const m = DATE.exec(date)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && y >= 1
}

/** The calendar date `days` days after `date`. */
export function addDays (date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d + days))
  const year = t.getUTCFullYear()
  return `${String(year).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`
}

/** Problems of a scheme's deadlines, each path under `/deadlines`. */
export function deadlineProblems (deadlines: SchemeDeadlines): Problem[] {
  const found: Problem[] = []
  const { selfAssessmentDue, explanationDays, secondReviewDue } = deadlines
  if (!isCalendarDate(selfAssessmentDue)) found.push({ path: '/deadlines/selfAssessmentDue', message: 'must be a real calendar date (YYYY-MM-DD)' })
  if (!isCalendarDate(secondReviewDue)) found.push({ path: '/deadlines/secondReviewDue', message: 'must be a real calendar date (YYYY-MM-DD)' })
  if (!Number.isInteger(explanationDays) || explanationDays < 1 || explanationDays > EXPLANATION_DAYS_MAX) {
    found.push({ path: '/deadlines/explanationDays', message: `must be a whole number of days from 1 to ${EXPLANATION_DAYS_MAX}` })
  }
  if (isCalendarDate(selfAssessmentDue) && isCalendarDate(secondReviewDue) && secondReviewDue < selfAssessmentDue) {
    found.push({ path: '/deadlines/secondReviewDue', message: `must not be before selfAssessmentDue (${selfAssessmentDue})` })
  }
  return found
}

/** 422 `invalid_deadlines` listing every problem (paths `/body/deadlines/…`). */
export function assertValidDeadlines (deadlines: SchemeDeadlines | null): void {
  if (deadlines === null) return
  const found = deadlineProblems(deadlines)
  if (found.length > 0) {
    throw problemsFound('invalid_deadlines', 'deadlines', found, {
      pathPrefix: '/body',
      sentence: (count, named) => `The deadlines have ${count} problem${count > 1 ? 's' : ''}: ${named}.`
    })
  }
}

/** A step's deadline; `resubmission` marks a submit due after a return for revision. */
export interface Due {
  step: DeadlineStep
  dueOn: string
  resubmission?: true
}

/** The days a card's deadlines run from, as the card keeps them. */
export interface CardDays {
  /** The calendar date of the current cycle's first review; null before it, and again once the card is returned. */
  reviewedOn: string | null
  /** The calendar date of the card's last return for revision; null if never returned. */
  returnedOn: string | null
}

/** What a card records for its deadlines: the days they run from and the steps it took late. */
export interface CardDeadlineState extends CardDays {
  /** Its status; null for a member unit with no scorecard yet (its self-assessment is due). */
  status: ScorecardStatus | null
  lateSteps: readonly DeadlineStep[]
}

/**
 * The day a card returned on `returnedOn` must be submitted again by: `explanationDays` after the return, or
 * `selfAssessmentDue` if later. A returned card always has its `returnedOn` (migration 016 filled it for the cards
 * returned before it was kept); null falls back to `selfAssessmentDue`.
 */
export function resubmissionDue (deadlines: SchemeDeadlines, returnedOn: string | null): string {
  const afterReturn = returnedOn === null ? deadlines.selfAssessmentDue : addDays(returnedOn, deadlines.explanationDays)
  return afterReturn > deadlines.selfAssessmentDue ? afterReturn : deadlines.selfAssessmentDue
}

/** The deadline of `step` taken from `status`, if it has one (`days`: the days the card's deadlines run from). */
export function stepDeadline (
  deadlines: SchemeDeadlines | null, step: ScorecardStep, status: ScorecardStatus, days: CardDays
): Due | null {
  if (deadlines === null) return null
  if (step === 'submit' && status === 'draft') return { step: 'submit', dueOn: deadlines.selfAssessmentDue }
  if (step === 'submit' && status === 'returned') return { step: 'submit', dueOn: resubmissionDue(deadlines, days.returnedOn), resubmission: true }
  if (step === 'explain' && status === 'reviewed' && days.reviewedOn !== null) {
    return { step: 'explain', dueOn: addDays(days.reviewedOn, deadlines.explanationDays) }
  }
  if (step === 'review' && status === 'explained') return { step: 'second_review', dueOn: deadlines.secondReviewDue }
  return null
}

/** The step a card in `status` waits for, by the status that step starts from (the first review has no deadline). */
const WAITS_FOR: Partial<Record<ScorecardStatus, ScorecardStep>> = { draft: 'submit', returned: 'submit', reviewed: 'explain', explained: 'review' }

/** Whether a step taken on `day` against `due` is late: on the due date it is on time, the day after late. */
export const isLate = (due: Due | null, day: string): boolean => due !== null && day > due.dueOn

/**
 * What the card is due next on `today` (null: nothing), and whether it is late: a step taken late, or a due date
 * passed without the step. The explanation being optional, a closed explanation window leaves nothing due.
 */
export function cardDeadline (
  deadlines: SchemeDeadlines | null, card: CardDeadlineState, today: string
): { due: Due | null, late: boolean } {
  const status = card.status ?? 'draft'
  const step = WAITS_FOR[status]
  let due = step ? stepDeadline(deadlines, step, status, card) : null
  if (due?.step === 'explain' && isLate(due, today)) due = null
  return { due, late: card.lateSteps.length > 0 || isLate(due, today) }
}

/**
 * Judges a step taken on `day`: null when it has no deadline or is on time; under `refuse` a late step is 409
 * `deadline_passed` naming the step and its due date; under `mark_late` the late step is returned for the card to keep.
 */
export function judgeStep (rule: LateStepRule, due: Due | null, day: string): DeadlineStep | null {
  if (due === null || !isLate(due, day)) return null
  if (rule === 'mark_late') return due.step
  const named = due.resubmission ? 'The resubmission after the return for revision (submit)' : STEP_NAMED[due.step]
  throw conflict('deadline_passed',
    `${named} was due on ${due.dueOn} (Asia/Ho_Chi_Minh) and it is now ${day}; the cluster refuses late steps.`,
    { step: due.step, dueOn: due.dueOn })
}
