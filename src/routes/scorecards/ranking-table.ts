// The ranking as a table people open in a spreadsheet: Vietnamese headers, one row per unit in rank order.
// The CSV and the XLSX exports both come from this one table.
export const RANKING_HEADERS = [
  'Đơn vị', 'Tổng điểm', 'Xếp hạng', 'Xếp loại', 'Điểm thưởng', 'Điểm trừ', 'Đang bị kỷ luật',
  'Đủ điều kiện đề nghị danh hiệu', 'Đủ điều kiện Cờ thi đua Bộ Công an', 'Đủ điều kiện Cờ thi đua Chính phủ'
]

/** Columns holding points (two decimals); the others are text or whole numbers. */
export const POINT_COLUMNS = new Set([1, 4, 5])

export interface RankingRowItem {
  unitName: string
  total: number
  rank: number
  bandName: string
  bonus: number
  deduction: number
  underDiscipline: boolean
  eligibleForTitles: boolean
  eligibleForMinistryFlag: boolean
  eligibleForGovernmentFlag: boolean
}

const yesNo = (value: boolean) => (value ? 'Có' : 'Không')

/** The rows one at a time, as the exports write them. */
export function * rankingRows (items: Iterable<RankingRowItem>): Generator<Array<string | number>> {
  for (const i of items) {
    yield [
      i.unitName, i.total, i.rank, i.bandName, i.bonus, i.deduction, yesNo(i.underDiscipline),
      yesNo(i.eligibleForTitles), yesNo(i.eligibleForMinistryFlag), yesNo(i.eligibleForGovernmentFlag)
    ]
  }
}
