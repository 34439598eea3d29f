import { Type } from 'typebox'
import { DEADLINE_STEPS } from '../../domain/scoring/deadlines.js'
import { PERIODS } from '../../domain/scoring/scheme-lifecycle.js'
import { CalendarDate, Integer, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Uuid } from '../../http/shared-schemas.js'
import { EXAMPLE_IDS, EXAMPLE_OTHER_UNIT, EXAMPLE_UNIT, EXAMPLE_YEAR } from '../../http/examples.js'

// Công an tỉnh Yên Bái has not submitted by 15 November (late, under mark_late or about to be refused); Công an
// tỉnh Lào Cai, reviewed on 27 November, may explain until 2 December.
const dueExamples = [
  {
    schemeId: EXAMPLE_IDS.scheme, year: EXAMPLE_YEAR, period: 'annual', unitId: EXAMPLE_IDS.otherUnit, unitName: EXAMPLE_OTHER_UNIT.name,
    step: 'submit', dueOn: '2024-11-15', late: true
  },
  {
    schemeId: EXAMPLE_IDS.scheme, year: EXAMPLE_YEAR, period: 'annual', unitId: EXAMPLE_IDS.unit, unitName: EXAMPLE_UNIT.name,
    step: 'explain', dueOn: '2024-12-02', late: false
  }
]

export const DueStep = Type.Object({
  schemeId: ref(Uuid),
  year: Integer(1945, 2100, { description: 'The scheme\'s year.' }),
  period: Type.Enum([...PERIODS], { description: 'The scheme\'s period: `annual` or `mid_year`.' }),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  step: Type.Enum([...DEADLINE_STEPS], {
    description: 'The step due: `submit` (the unit\'s self-assessment, also for a member with no scorecard yet, or its ' +
      'resubmission after a return for revision: `explanationDays` after the return, or `selfAssessmentDue` if later), ' +
      '`explain` (the unit may explain its reviewed points; optional, listed while the window is open) or ' +
      '`second_review` (the secretariat reviews the explanation).'
  }),
  dueOn: ref(CalendarDate, { description: 'The last day of the step (Asia/Ho_Chi_Minh); the day after, it is late.' }),
  late: Type.Boolean({ description: 'Whether the scorecard is late today: `dueOn` has passed, or an earlier step was taken late.' })
}, { $id: 'DueStep', description: 'A member unit\'s next due step under one scheme.', examples: [dueExamples[0]] })

export const DueStepPage = Object.assign(pageOf(DueStep, 'DueStepPage'), { examples: [{ items: dueExamples, nextCursor: null }] })

export const DeadlineListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const deadlineSchemas = [DueStep, DueStepPage]
