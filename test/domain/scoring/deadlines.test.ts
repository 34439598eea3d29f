// Deadlines: the due date of each step, late or on time, what a card is due next; validation of a scheme's deadlines.
import t from 'tap'
import fc from 'fast-check'
import { DEFAULT_RULES } from '../../../src/domain/cluster-rules.js'
import { vietnamDate } from '../../../src/domain/dates.js'
import {
  addDays, assertValidDeadlines, cardDeadline, deadlineProblems, EXPLANATION_DAYS_MAX, isCalendarDate, isLate, judgeStep,
  resubmissionDue, stepDeadline, type SchemeDeadlines
} from '../../../src/domain/scoring/deadlines.js'
import type { ScorecardStatus } from '../../../src/domain/scoring/scorecard-lifecycle.js'

const D: SchemeDeadlines = { selfAssessmentDue: '2024-11-15', explanationDays: 5, secondReviewDue: '2024-12-05' }

t.test('the late-step rule defaults to refuse', async (t) => {
  t.equal(DEFAULT_RULES.lateSteps, 'refuse')
})

t.test('calendar dates and adding days', async (t) => {
  for (const [date, real] of [
    ['2024-02-29', true], ['2023-02-29', false], ['2024-11-31', false], ['2024-13-01', false], ['2024-1-01', false],
    ['2024-12-31', true], ['0000-01-01', false], ['x', false]
  ] as const) t.equal(isCalendarDate(date), real, date)
  t.equal(isCalendarDate(20241115), false)
  for (const [date, days, after] of [
    ['2024-11-27', 5, '2024-12-02'], ['2024-12-30', 5, '2025-01-04'], ['2024-02-27', 2, '2024-02-29'], ['2023-02-27', 2, '2023-03-01']
  ] as const) t.equal(addDays(date, days), after, `${date} + ${days}`)
})

t.test('validation: real dates, explanationDays 1..90, second review not before the self-assessment', async (t) => {
  t.same(deadlineProblems(D), [])
  t.same(deadlineProblems({ ...D, secondReviewDue: D.selfAssessmentDue }), [], 'the same day is allowed')
  const cases: Array<[Partial<SchemeDeadlines>, string[]]> = [
    [{ selfAssessmentDue: '2024-02-30' }, ['/deadlines/selfAssessmentDue']],
    [{ secondReviewDue: '2024-13-01' }, ['/deadlines/secondReviewDue']],
    [{ explanationDays: 0 }, ['/deadlines/explanationDays']],
    [{ explanationDays: EXPLANATION_DAYS_MAX + 1 }, ['/deadlines/explanationDays']],
    [{ explanationDays: 2.5 }, ['/deadlines/explanationDays']],
    [{ secondReviewDue: '2024-11-14' }, ['/deadlines/secondReviewDue']],
    [{ selfAssessmentDue: 'soon', explanationDays: -1 }, ['/deadlines/selfAssessmentDue', '/deadlines/explanationDays']]
  ]
  for (const [change, paths] of cases) t.same(deadlineProblems({ ...D, ...change }).map((p) => p.path), paths, JSON.stringify(change))
  t.doesNotThrow(() => assertValidDeadlines(null))
  t.throws(() => assertValidDeadlines({ ...D, secondReviewDue: '2024-11-01' }), {
    kind: 'rule', code: 'invalid_deadlines', details: { errors: [{ path: '/body/deadlines/secondReviewDue' }] }
  })
})

t.test('the deadline of each step', async (t) => {
  const none = { reviewedOn: null, returnedOn: null }
  const reviewed = { reviewedOn: '2024-11-27', returnedOn: null }
  const cases: Array<[Parameters<typeof stepDeadline>[1], ScorecardStatus, Parameters<typeof stepDeadline>[3], ReturnType<typeof stepDeadline>]> = [
    ['submit', 'draft', none, { step: 'submit', dueOn: '2024-11-15' }],
    ['review', 'submitted', none, null],
    ['explain', 'reviewed', reviewed, { step: 'explain', dueOn: '2024-12-02' }],
    ['review', 'explained', reviewed, { step: 'second_review', dueOn: '2024-12-05' }],
    ['save', 'draft', none, null],
    ['finalize', 'reviewed', reviewed, null],
    // Submitting again after a return: explanationDays after the return, or selfAssessmentDue if later.
    ['submit', 'returned', { reviewedOn: null, returnedOn: '2024-11-28' }, { step: 'submit', dueOn: '2024-12-03', resubmission: true }],
    ['submit', 'returned', { reviewedOn: null, returnedOn: '2024-11-05' }, { step: 'submit', dueOn: '2024-11-15', resubmission: true }],
    ['save', 'returned', { reviewedOn: null, returnedOn: '2024-11-28' }, null],
    ['return', 'reviewed', reviewed, null]
  ]
  for (const [step, status, days, due] of cases) t.same(stepDeadline(D, step, status, days), due, `${step} from ${status}`)
  t.equal(stepDeadline(null, 'submit', 'draft', none), null, 'a scheme without deadlines has none')
  t.equal(stepDeadline(null, 'submit', 'returned', { reviewedOn: null, returnedOn: '2024-11-28' }), null, 'nor for a returned card')
})

t.test('a returned card is due again: explanationDays after the return, or selfAssessmentDue if later', async (t) => {
  const cases: Array<[string | null, number, string]> = [
    ['2024-11-28', 5, '2024-12-03'], // returned after the review: 5 days to revise
    ['2024-11-10', 5, '2024-11-15'], // 15 Nov is the later: an early return never shortens the unit's time
    ['2024-11-11', 5, '2024-11-16'],
    ['2024-11-10', 4, '2024-11-15'], // on the day itself: equal, either way
    ['2024-12-30', 5, '2025-01-04'],
    [null, 5, '2024-11-15'] // never kept (migration 016 fills it): the self-assessment's day
  ]
  for (const [returnedOn, days, due] of cases) {
    t.equal(resubmissionDue({ ...D, explanationDays: days }, returnedOn), due, `returned ${returnedOn ?? 'on an unknown day'}, ${days} days`)
  }
  t.throws(() => judgeStep('refuse', stepDeadline(D, 'submit', 'returned', { reviewedOn: null, returnedOn: '2024-11-28' }), '2024-12-04'), {
    code: 'deadline_passed', details: { step: 'submit', dueOn: '2024-12-03' }, message: /^The resubmission after the return for revision \(submit\) was due on 2024-12-03/
  })
  t.equal(judgeStep('mark_late', stepDeadline(D, 'submit', 'returned', { reviewedOn: null, returnedOn: '2024-11-28' }), '2024-12-04'), 'submit')
  t.equal(judgeStep('refuse', stepDeadline(D, 'submit', 'returned', { reviewedOn: null, returnedOn: '2024-11-28' }), '2024-12-03'), null)
})

t.test('a step on its due date is on time, the day after late', async (t) => {
  const due = { step: 'submit' as const, dueOn: '2024-11-15' }
  t.equal(isLate(due, '2024-11-14'), false)
  t.equal(isLate(due, '2024-11-15'), false)
  t.equal(isLate(due, '2024-11-16'), true)
  t.equal(isLate(null, '2099-01-01'), false)
  // Việt Nam is UTC+7: 16:59:59Z on the 15th is still the 15th there, 17:00Z is the 16th.
  t.equal(isLate(due, vietnamDate(new Date('2024-11-15T16:59:59Z'))), false)
  t.equal(isLate(due, vietnamDate(new Date('2024-11-15T17:00:00Z'))), true)
})

t.test('judging a step: refuse or mark late', async (t) => {
  const due = { step: 'second_review' as const, dueOn: '2024-12-05' }
  t.equal(judgeStep('refuse', due, '2024-12-05'), null)
  t.equal(judgeStep('mark_late', due, '2024-12-05'), null)
  t.equal(judgeStep('mark_late', due, '2024-12-06'), 'second_review')
  t.equal(judgeStep('refuse', null, '2099-12-31'), null)
  t.throws(() => judgeStep('refuse', due, '2024-12-06'), {
    kind: 'conflict', code: 'deadline_passed', details: { step: 'second_review', dueOn: '2024-12-05' }, message: /second review was due on 2024-12-05/
  })
})

t.test('what a card is due next, and whether it is late', async (t) => {
  const card = (status: ScorecardStatus | null, reviewedOn: string | null = null, lateSteps: Array<'submit' | 'explain' | 'second_review'> = [],
    returnedOn: string | null = null) => ({ status, reviewedOn, returnedOn, lateSteps })
  const cases: Array<[ReturnType<typeof card>, string, string | null, boolean]> = [
    [card(null), '2024-11-10', '2024-11-15', false],
    [card('draft'), '2024-11-15', '2024-11-15', false],
    [card('draft'), '2024-11-16', '2024-11-15', true],
    [card('submitted'), '2024-12-31', null, false],
    [card('submitted', null, ['submit']), '2024-11-20', null, true],
    [card('reviewed', '2024-11-27'), '2024-12-02', '2024-12-02', false],
    // The explanation is optional: a closed window leaves nothing due, and nothing late.
    [card('reviewed', '2024-11-27'), '2024-12-03', null, false],
    [card('explained', '2024-11-27'), '2024-12-05', '2024-12-05', false],
    [card('explained', '2024-11-27'), '2024-12-06', '2024-12-05', true],
    [card('second_reviewed', '2024-11-27'), '2025-01-01', null, false],
    [card('finalized', '2024-11-27', ['explain']), '2025-01-01', null, true],
    // Returned on 28 Nov: due again on 3 Dec, late the day after; returned on 10 Nov: due on the 15th.
    [card('returned', null, [], '2024-11-28'), '2024-12-03', '2024-12-03', false],
    [card('returned', null, [], '2024-11-28'), '2024-12-04', '2024-12-03', true],
    [card('returned', null, [], '2024-11-10'), '2024-11-14', '2024-11-15', false],
    [card('returned', null, ['submit'], '2024-11-28'), '2024-11-29', '2024-12-03', true],
    // Resubmitted, then reviewed again on 6 Dec: the window runs from that review, not the one the return undid.
    [card('reviewed', '2024-12-06', [], '2024-11-28'), '2024-12-11', '2024-12-11', false]
  ]
  for (const [c, today, dueOn, late] of cases) {
    const { due, late: isCardLate } = cardDeadline(D, c, today)
    t.same({ dueOn: due?.dueOn ?? null, late: isCardLate }, { dueOn, late }, `${c.status ?? 'no card'} on ${today}`)
  }
  t.same(cardDeadline(null, card('draft'), '2099-01-01'), { due: null, late: false }, 'no deadlines: nothing due')
})

const day = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10))

t.test('properties', async (t) => {
  fc.assert(fc.property(day, fc.integer({ min: 0, max: 400 }), (d, n) => {
    const later = addDays(d, n)
    return isCalendarDate(later) && later >= d && (n === 0) === (later === d) && addDays(later, -n) === d
  }))
  fc.assert(fc.property(day, day, (dueOn, today) => {
    // Late exactly when today is after the due date; a late step is refused, or marked late under mark_late.
    const due = { step: 'submit' as const, dueOn }
    const late = isLate(due, today)
    if (late !== today > dueOn) return false
    if (judgeStep('mark_late', due, today) !== (late ? 'submit' : null)) return false
    try { judgeStep('refuse', due, today); return !late } catch { return late }
  }))
  fc.assert(fc.property(day, day, fc.integer({ min: 1, max: EXPLANATION_DAYS_MAX }), (a, b, n) => {
    // Valid deadlines are exactly those whose second review is not before the self-assessment.
    const deadlines = { selfAssessmentDue: a, explanationDays: n, secondReviewDue: b }
    return (deadlineProblems(deadlines).length === 0) === (b >= a)
  }))
  const status = fc.constantFrom<ScorecardStatus>('draft', 'submitted', 'reviewed', 'explained', 'second_reviewed', 'returned', 'finalized')
  fc.assert(fc.property(day, day, day, status, (reviewedOn, returnedOn, today, status) => {
    // A card with no late step is late only when what it is due was due before today.
    const { due, late } = cardDeadline(D, { status, reviewedOn, returnedOn, lateSteps: [] }, today)
    return late === (due !== null && today > due.dueOn)
  }))
  fc.assert(fc.property(day, day, fc.integer({ min: 1, max: EXPLANATION_DAYS_MAX }), (selfAssessmentDue, returnedOn, n) => {
    // A returned card is always due, never before the self-assessment nor before n days after its return, and on
    // exactly one of the two.
    const deadlines = { ...D, selfAssessmentDue, explanationDays: n }
    const { due } = cardDeadline(deadlines, { status: 'returned', reviewedOn: null, returnedOn, lateSteps: [] }, returnedOn)
    const afterReturn = addDays(returnedOn, n)
    return due !== null && due.step === 'submit' && due.dueOn >= selfAssessmentDue && due.dueOn >= afterReturn &&
      (due.dueOn === selfAssessmentDue || due.dueOn === afterReturn) && due.dueOn > returnedOn
  }))
})
