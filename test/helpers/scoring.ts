// A realistic scoring scheme for Cụm thi đua số 9 (2024, annual): group I (building the force) and group II
// (professional work) with quantitative, qualitative and per-occurrence leaves, a top-level bonus/deduction leaf,
// and the bands excellent / good / fair / not achieved.

export const CLUSTER_9_SCHEME = {
  year: 2024,
  period: 'annual',
  criteria: [
    {
      code: 'I',
      name: 'Công tác xây dựng lực lượng',
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
        { code: 'II.1', name: 'Số hồ sơ, vụ việc tồn đọng', maxPoints: 25, kind: 'quantitative', direction: 'lower_is_better', defaultTarget: 5 },
        { code: 'II.2', name: 'Số lượt khám, chữa bệnh cho CBCS', maxPoints: 25, kind: 'quantitative' }
      ]
    },
    {
      code: 'BD',
      name: 'Điểm thưởng, điểm trừ',
      maxPoints: 10,
      kind: 'bonus_deduction',
      bonusEach: 1,
      deductionEach: 2,
      minPoints: -10
    }
  ],
  bonusCap: 10,
  deductionCap: 10,
  bands: [
    { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
    { code: 'good', name: 'Tốt', minTotal: 80 },
    { code: 'fair', name: 'Khá', minTotal: 65 },
    { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
  ],
  tieBreak: ['group:I', 'fewer_deductions'],
  ministryFlagBand: 'excellent'
}

/** Targets for the two quantitative leaves without a default (II.1 falls back to its default). */
export const targetsFor = (i: number) => ({ 'I.1': 70 + i, 'II.2': 1500.5 + 100 * i })

/** A criteria tree nested `depth` groups deep, for the nesting limit. */
export function nested (depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { code: `L${depth}`, name: `Mức ${depth}`, maxPoints: 10, kind: 'qualitative' }
  for (let level = depth - 1; level >= 1; level--) {
    node = { code: `L${level}`, name: `Mức ${level}`, maxPoints: 10, kind: 'group', children: [node] }
  }
  return node
}
