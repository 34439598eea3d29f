// A small scheme shaped like a cluster's annual scoring rules, shared by the scoring tests.
import { compileScheme, type ClusterUnit, type Scheme } from '../../../src/domain/scoring/index.js'

/** Base 100 (I: 60, II: 40) + bonus (cap 3) − deduction (cap 4): totals reach 103. */
export const scheme: Scheme = {
  criteria: [
    {
      code: 'I',
      name: 'Công tác chuyên môn',
      maxPoints: 60,
      kind: 'group',
      children: [
        { code: 'I.1', name: 'Tỷ lệ điều tra khám phá', maxPoints: 20, kind: 'quantitative', defaultTarget: 100 },
        { code: 'I.2', name: 'Án tồn đọng', maxPoints: 10, kind: 'quantitative', direction: 'lower_is_better', defaultTarget: 5 },
        {
          code: 'I.3',
          name: 'Xây dựng lực lượng',
          maxPoints: 30,
          kind: 'group',
          children: [
            { code: 'I.3.a', name: 'Không có CBCS vi phạm', maxPoints: 10, kind: 'qualitative' },
            { code: 'I.3.b', name: 'Sáng kiến', maxPoints: 20, kind: 'per_occurrence', pointsEach: 2.5 }
          ]
        }
      ]
    },
    { code: 'II', name: 'Phong trào thi đua', maxPoints: 40, kind: 'qualitative' },
    { code: 'B', name: 'Điểm thưởng', maxPoints: 5, kind: 'bonus_deduction', bonusEach: 1 },
    { code: 'D', name: 'Điểm trừ', maxPoints: 0, minPoints: -6, kind: 'bonus_deduction', deductionEach: 2 }
  ],
  bonusCap: 3,
  deductionCap: 4,
  bands: [
    { code: 'good', name: 'Tốt', minTotal: 75 },
    { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
    { code: 'fair', name: 'Khá', minTotal: 50 },
    { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
  ],
  tieBreak: ['group:I', 'fewer_deductions', 'more_bonus']
}

export const compiled = compileScheme(scheme)

/** A unit that did everything: full marks on every leaf when it is also the best. */
export function fullUnit (unitId: string, over: Partial<ClusterUnit> = {}): ClusterUnit {
  return {
    unitId,
    entries: [
      { code: 'I.1', actual: 120 },
      { code: 'I.2', actual: 0 },
      { code: 'I.3.a', achieved: true },
      { code: 'I.3.b', count: 8 },
      { code: 'II', achieved: true }
    ],
    ...over
  }
}

/**
 * A two-leaf scheme for ranking: totals and group scores are set directly with reviewed points.
 * G (50) = g1 (25) + g2 (25); H (50); B bonus 1 each up to 5; D deduction 1 each down to −5.
 */
export const rankingScheme = compileScheme({
  criteria: [
    {
      code: 'G',
      name: 'Nhóm I',
      maxPoints: 50,
      kind: 'group',
      children: [
        { code: 'g1', name: 'g1', maxPoints: 25, kind: 'qualitative' },
        { code: 'g2', name: 'g2', maxPoints: 25, kind: 'qualitative' }
      ]
    },
    { code: 'H', name: 'Nhóm II', maxPoints: 50, kind: 'qualitative' },
    { code: 'B', name: 'Thưởng', maxPoints: 5, kind: 'bonus_deduction', bonusEach: 1 },
    { code: 'D', name: 'Trừ', maxPoints: 0, minPoints: -5, kind: 'bonus_deduction', deductionEach: 1 }
  ],
  bands: [
    { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
    { code: 'good', name: 'Tốt', minTotal: 70 },
    { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
  ],
  tieBreak: ['group:G', 'fewer_deductions', 'more_bonus'],
  ministryFlagBand: 'good'
})

/** A unit for `rankingScheme` with the given group scores, bonus and deduction counts. */
export function scored (unitId: string, g: number, h: number, { bonus = 0, deductions = 0, disciplined = false } = {}): ClusterUnit {
  const half = Math.floor(g * 50) / 100 // g split over g1 and g2 with two decimals each
  return {
    unitId,
    entries: [{ code: 'B', bonusCount: bonus }, { code: 'D', deductionCount: deductions }],
    reviewed: [{ code: 'g1', points: half }, { code: 'g2', points: Math.round((g - half) * 100) / 100 }, { code: 'H', points: h }],
    underDiscipline: disciplined
  }
}
