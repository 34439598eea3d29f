// The examples of the scorecards' contract: Công an tỉnh Lào Cai's scorecard in Cụm thi đua số 1's annual scheme
// for 2024 (scoring-schemes/examples.ts), and the cluster's ranking. The points are those the engine gives when
// Lào Cai is the best of the cluster on every quantitative criterion.
import { EXAMPLE_IDS, EXAMPLE_OTHER_UNIT, EXAMPLE_UNIT, EXAMPLE_YEAR } from '../../http/examples.js'
import { historyExample } from './history-schemas.js'

const entries = [
  { code: 'I.1', actual: 96.5 },
  { code: 'I.2', achieved: true },
  { code: 'I.3', count: 2, comment: 'Hai sáng kiến được Hội đồng sáng kiến Công an tỉnh công nhận' },
  { code: 'II.1', actual: 99.2 },
  { code: 'II.2', actual: 3 },
  { code: 'BD', bonusCount: 2, deductionCount: 0, comment: 'Bằng khen của Bộ trưởng Bộ Công an cho 2 tập thể' }
]

export const scorecardBodyExample = { entries }

// Reviewed by Thượng tá Nguyễn Văn Hùng, the first member of the year's advisory group (advisory-groups/examples.ts).
const review = [{
  code: 'I.3', points: 2.5, comment: 'Chỉ 1 sáng kiến có quyết định công nhận trong năm 2024', reviewerIds: [EXAMPLE_IDS.advisoryMembers[0]]
}]

export const reviewBodyExample = { entries: review }

export const explanationBodyExample = {
  entries: [{ code: 'I.3', comment: 'Sáng kiến thứ hai được công nhận theo Quyết định số 215/QĐ-CAT-PX01 ngày 12/11/2024' }]
}

const at = (day: string) => `${EXAMPLE_YEAR}-${day}T02:00:00.000Z`

export const scorecardExample = {
  schemeId: EXAMPLE_IDS.scheme,
  unitId: EXAMPLE_IDS.unit,
  status: 'reviewed',
  entries,
  review,
  explanation: null,
  secondReview: null,
  total: 84.5,
  breakdown: [
    {
      code: 'I',
      points: 32.5,
      children: [
        { code: 'I.1', points: 20, selfPoints: 20, reviewed: false },
        { code: 'I.2', points: 10, selfPoints: 10, reviewed: false },
        { code: 'I.3', points: 2.5, selfPoints: 5, reviewed: true }
      ]
    },
    {
      code: 'II',
      points: 50,
      children: [
        { code: 'II.1', points: 25, selfPoints: 25, reviewed: false },
        { code: 'II.2', points: 25, selfPoints: 25, reviewed: false }
      ]
    },
    { code: 'BD', points: 2, selfPoints: 2, reviewed: false }
  ],
  submittedAt: at('11-20'),
  reviewedAt: at('11-27'),
  explainedAt: null,
  secondReviewedAt: null,
  finalizedAt: null,
  history: historyExample,
  // Submitted on 20 November, after the 15 November deadline, in a cluster whose rule marks late steps.
  reviewedOn: '2024-11-27',
  returnedOn: null,
  lateSteps: ['submit'],
  dueOn: '2024-12-02',
  late: true,
  version: 3,
  createdAt: at('11-15'),
  updatedAt: at('11-27')
}

const line = { status: 'finalized', underDiscipline: false, eligibleForTitles: true, eligibleForGovernmentFlag: false }

export const rankingExample = {
  schemeId: EXAMPLE_IDS.scheme,
  clusterId: EXAMPLE_IDS.cluster,
  year: EXAMPLE_YEAR,
  period: 'annual',
  final: true,
  items: [
    {
      unitId: EXAMPLE_IDS.unit, unitName: EXAMPLE_UNIT.name, rank: 1, total: 84.5, base: 82.5, applicableMax: 100, notApplicable: [], bonus: 2, deduction: 0,
      band: 'good', bandName: 'Tốt', ...line, eligibleForMinistryFlag: false
    },
    {
      unitId: EXAMPLE_IDS.otherUnit, unitName: EXAMPLE_OTHER_UNIT.name, rank: 2, total: 78, base: 80, applicableMax: 100, notApplicable: [], bonus: 0, deduction: 2,
      band: 'fair', bandName: 'Khá', ...line, eligibleForMinistryFlag: false
    }
  ],
  nextCursor: null
}

export const finalizationExample = {
  schemeId: EXAMPLE_IDS.scheme, finalizedAt: at('12-05'), finalizedBy: 'admin', scorecards: 2
}
