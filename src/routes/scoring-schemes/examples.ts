// The examples of the scoring schemes' contract: Cụm thi đua số 1's annual scheme for 2024 (see http/examples.ts),
// with criteria worded like the clusters' scoring rules (quy định chấm điểm). Valid against the schemas and the
// domain's rules, so "Try it out" with the default body drafts a scheme that publishes once targets are set.
import { EXAMPLE_CREATED_AT, EXAMPLE_IDS, EXAMPLE_YEAR } from '../../http/examples.js'

/** Ids of this area's example records: fixed, so the contract does not change from one generation to the next. */

const criteria = [
  {
    code: 'I',
    name: 'Công tác xây dựng Đảng, xây dựng lực lượng',
    maxPoints: 40,
    kind: 'group',
    children: [
      { code: 'I.1', name: 'Tỷ lệ CBCS hoàn thành xuất sắc nhiệm vụ (%)', maxPoints: 20, kind: 'quantitative' },
      { code: 'I.2', name: 'Không có CBCS vi phạm kỷ luật phải xử lý', maxPoints: 10, kind: 'qualitative' },
      { code: 'I.3', name: 'Sáng kiến, đề tài được công nhận', maxPoints: 10, kind: 'per_occurrence', pointsEach: 2.5 }
    ]
  },
  {
    code: 'II',
    name: 'Công tác chuyên môn, nghiệp vụ',
    maxPoints: 50,
    kind: 'group',
    children: [
      { code: 'II.1', name: 'Tỷ lệ tin báo, tố giác tội phạm được tiếp nhận, phân loại, xử lý (%)', maxPoints: 25, kind: 'quantitative' },
      { code: 'II.2', name: 'Số vụ việc tồn đọng', maxPoints: 25, kind: 'quantitative', direction: 'lower_is_better', defaultTarget: 5 }
    ]
  },
  { code: 'BD', name: 'Điểm thưởng, điểm trừ', maxPoints: 10, kind: 'bonus_deduction', bonusEach: 1, deductionEach: 2, minPoints: -10 }
]

const content = {
  criteria,
  bonusCap: 10,
  deductionCap: 10,
  bands: [
    { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
    { code: 'good', name: 'Tốt', minTotal: 80 },
    { code: 'fair', name: 'Khá', minTotal: 65 },
    { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
  ],
  tieBreak: ['group:I', 'fewer_deductions'],
  ministryFlagBand: 'excellent',
  // The 2024 annual review's calendar: self-assessments by 15 November, 5 days to explain a review, second reviews by 5 December.
  deadlines: { selfAssessmentDue: '2024-11-15', explanationDays: 5, secondReviewDue: '2024-12-05' }
}

export const newSchemeExample = { year: EXAMPLE_YEAR, period: 'annual', ...content }

/** Next year's scheme drafted as a copy of this year's, with the members' targets. */
export const copySchemeExample = { year: EXAMPLE_YEAR + 1, period: 'annual', copyFrom: EXAMPLE_IDS.scheme, copyTargets: true }

export const schemeExample = {
  id: EXAMPLE_IDS.scheme,
  clusterId: EXAMPLE_IDS.cluster,
  year: EXAMPLE_YEAR,
  period: 'annual',
  version: 1,
  status: 'published',
  ...content,
  publishedAt: '2024-03-29T08:00:00.000Z',
  supersededAt: null,
  revision: 2,
  createdAt: EXAMPLE_CREATED_AT,
  updatedAt: '2024-03-29T08:00:00.000Z'
}

export const schemePatchExample = { tieBreak: ['group:II', 'group:I', 'fewer_deductions'] }

/** Targets (chỉ tiêu) of Công an tỉnh Lào Cai; II.2 keeps the criterion's default. */
const targets = { 'I.1': 95, 'II.1': 98 }

export const targetsBodyExample = { targets }

export const unitTargetsExample = {
  schemeId: EXAMPLE_IDS.scheme, unitId: EXAMPLE_IDS.unit, targets, notApplicable: [], version: 1, createdAt: EXAMPLE_CREATED_AT, updatedAt: EXAMPLE_CREATED_AT
}
