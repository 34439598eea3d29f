// A scoring scheme's stage deadlines (domain/scoring/deadlines.ts), as its body and answers carry them.
import { Type } from 'typebox'
import { EXPLANATION_DAYS_MAX } from '../../domain/scoring/deadlines.js'
import { CalendarDate, Integer, ref } from '../../http/shared-schemas.js'

export const SchemeDeadlines = Type.Object({
  selfAssessmentDue: ref(CalendarDate, { description: 'The last day to submit the self-assessment (tự chấm), Asia/Ho_Chi_Minh.' }),
  explanationDays: Integer(1, EXPLANATION_DAYS_MAX, {
    description: 'Days after the first review (the day of the review not counted) during which the unit may explain ' +
      `(giải trình): 1 to ${EXPLANATION_DAYS_MAX}, the regulations giving days, not months. Also the days a unit has ` +
      'to submit a scorecard returned for revision again, from the day of the return (or until selfAssessmentDue, if later).'
  }),
  secondReviewDue: ref(CalendarDate, { description: 'The last day for the second review after an explanation; not before selfAssessmentDue.' })
}, {
  $id: 'SchemeDeadlines',
  additionalProperties: false,
  description: 'The scheme\'s stage deadlines, calendar dates in Asia/Ho_Chi_Minh. A step on its due date is on time, ' +
    'the day after is late: the cluster\'s rule `lateSteps` refuses it (409 `deadline_passed`) or accepts it marked late. ' +
    '422 `invalid_deadlines` when secondReviewDue is before selfAssessmentDue.',
  examples: [{ selfAssessmentDue: '2024-11-15', explanationDays: 5, secondReviewDue: '2024-12-05' }]
})

export const deadlinesOrNull = (description: string) => Type.Union([ref(SchemeDeadlines), Type.Null()], { description })
