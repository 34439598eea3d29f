// A scorecard's deadline fields (domain/scoring/deadlines.ts): the days of its first review and its last return and
// the steps it took late, as stored, and what it is due next and whether it is late, judged on the day it is read.
import { Type } from 'typebox'
import { DEADLINE_STEPS } from '../../domain/scoring/deadlines.js'
import { CalendarDate, ref } from '../../http/shared-schemas.js'

export const deadlineFields = {
  reviewedOn: Type.Union([ref(CalendarDate), Type.Null()], {
    description: 'The calendar day (Asia/Ho_Chi_Minh) of the first review of the current cycle: the explanation window ' +
      '(the scheme\'s `deadlines.explanationDays`) runs from it. Null before the first review, and again once the card ' +
      'is returned for revision (the return undoes that review; the review after the resubmission sets it anew).'
  }),
  returnedOn: Type.Union([ref(CalendarDate), Type.Null()], {
    description: 'The calendar day (Asia/Ho_Chi_Minh) of the last return for revision; null if never returned. A ' +
      'returned card is due again `deadlines.explanationDays` days after it, or on `deadlines.selfAssessmentDue` if ' +
      'that is later; a late resubmission follows the cluster\'s rule `lateSteps` like a late first submission.'
  }),
  lateSteps: Type.Array(Type.Enum([...DEADLINE_STEPS]), {
    maxItems: DEADLINE_STEPS.length,
    description: 'The steps taken after their deadline, accepted under the cluster\'s `lateSteps: mark_late` rule ' +
      '(`submit`, `explain`, `second_review`; each at most once).'
  }),
  dueOn: Type.Union([ref(CalendarDate), Type.Null()], {
    description: 'The due date (Asia/Ho_Chi_Minh) of the step the scorecard waits for, from the scheme\'s `deadlines`: ' +
      'submitting (a draft), submitting again (returned: `explanationDays` after `returnedOn`, or `selfAssessmentDue` ' +
      'if later), explaining (reviewed, while the window is open; explaining is optional), the second review ' +
      '(explained). Null when nothing is due (no deadlines, waiting for the first review, or done).'
  }),
  late: Type.Boolean({
    description: 'Whether the scorecard is late, judged today (the request\'s clock): a step was taken late, or `dueOn` ' +
      'has passed without the step. A step on its due date is on time.'
  })
}
