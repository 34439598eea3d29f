// The example of the matrix's contract: Cụm thi đua số 9's annual scheme for 2024, two of its units. Cục Công
// nghiệp an ninh self-assessed 4 initiatives (10 points), the review accepted 2 (5), and after its explanation the
// second review 3 (7.5); Cục Y tế's review changed nothing and it had no second review. The rows of group II are
// left out; the points are those the engine gives for the whole cluster.
const ids = {
  scheme: '0b6f7a52-3c1d-4e8f-9a2b-7c5d4e3f2a19',
  cluster: '9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e59',
  cnan: '5d8c7b6a-1e2f-4a3b-9c4d-6e5f7a8b9c08',
  yte: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c06'
}

const cells = (cnan: [number, number, number, number], yte: [number, number, number]) => [
  { unitId: ids.cnan, self: cnan[0], reviewed: cnan[1], secondReview: cnan[2], final: cnan[3], notApplicable: false },
  { unitId: ids.yte, self: yte[0], reviewed: yte[1], secondReview: null, final: yte[2], notApplicable: false }
]

export const matrixExample = {
  schemeId: ids.scheme,
  clusterId: ids.cluster,
  year: 2024,
  period: 'annual',
  final: false,
  units: [
    { unitId: ids.cnan, name: 'Cục Công nghiệp an ninh', shortName: 'Cục CNAN', code: 'H08', status: 'second_reviewed' },
    { unitId: ids.yte, name: 'Cục Y tế', shortName: null, code: 'H06', status: 'reviewed' }
  ],
  rows: [
    { code: 'I', name: 'Công tác xây dựng lực lượng', kind: 'group', depth: 1, maxPoints: 40, cells: cells([37.92, 32.92, 35.42, 35.42], [37.5, 37.5, 37.5]) },
    { code: 'I.1', name: 'Tỷ lệ CBCS hoàn thành xuất sắc nhiệm vụ (%)', kind: 'quantitative', depth: 2, maxPoints: 20, cells: cells([17.92, 17.92, 17.92, 17.92], [20, 20, 20]) },
    { code: 'I.2', name: 'Không có CBCS vi phạm kỷ luật phải xử lý', kind: 'qualitative', depth: 2, maxPoints: 10, cells: cells([10, 10, 10, 10], [10, 10, 10]) },
    { code: 'I.3', name: 'Sáng kiến, đề tài được công nhận', kind: 'per_occurrence', depth: 2, maxPoints: 10, cells: cells([10, 5, 7.5, 7.5], [7.5, 7.5, 7.5]) },
    { code: 'BD', name: 'Điểm thưởng, điểm trừ', kind: 'bonus_deduction', depth: 1, maxPoints: 10, cells: cells([0, 0, 0, 0], [3, 3, 3]) }
  ]
}
