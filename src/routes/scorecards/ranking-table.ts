// The ranking as a table people open in a spreadsheet: a title row naming the cluster, the year and the period,
// Vietnamese headers, one row per unit in rank order and, with `breakdown`, one column per criterion of the
// scheme (groups and leaves, in the scheme's order) holding the points the JSON breakdown gives, or "không áp
// dụng" for a criterion that does not apply to the unit.
// The CSV and the XLSX exports both come from this one table.
import type { CriterionScore } from '../../domain/scoring/index.js'
import { PERIOD_TEXT } from '../../domain/scoring/scheme-lifecycle.js'

export const RANKING_HEADERS = [
  'Đơn vị', 'Tổng điểm', 'Xếp hạng', 'Xếp loại', 'Điểm thưởng', 'Điểm trừ', 'Đang bị kỷ luật',
  'Đủ điều kiện đề nghị danh hiệu', 'Đủ điều kiện Cờ thi đua Bộ Công an', 'Đủ điều kiện Cờ thi đua Chính phủ'
]

/** Columns of the fixed part holding points (two decimals); the others are text or whole numbers. */
const POINT_COLUMNS = new Set([1, 4, 5])

/** Whether a column holds points: the fixed point columns and every criterion column after them. */
export const isPointColumn = (column: number): boolean => POINT_COLUMNS.has(column) || column >= RANKING_HEADERS.length

/** "Bảng xếp hạng — Cụm thi đua số 1 — năm 2024 — cả năm". */
export const rankingTitle = (clusterName: string, year: number, period: string): string =>
  `Bảng xếp hạng — ${clusterName} — năm ${year} — ${PERIOD_TEXT[period] ?? period}`

/** A criterion of the scheme, as its column is headed. */
export interface CriterionHeading {
  code: string
  name: string
  children?: CriterionHeading[]
}

/** The criteria in the scheme's order, each group before its children: the order of the breakdown's columns. */
export function * flatCriteria<T extends { children?: T[] }> (nodes: readonly T[]): Generator<T> {
  for (const node of nodes) {
    yield node
    if (node.children) yield * flatCriteria(node.children)
  }
}

/** The header row: the fixed columns, then "<code> <name>" of each criterion when the breakdown is asked for. */
export const rankingHeaders = (criteria?: readonly CriterionHeading[]): string[] =>
  [...RANKING_HEADERS, ...(criteria ? [...flatCriteria(criteria)].map((c) => `${c.code} ${c.name}`) : [])]

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
  breakdown?: CriterionScore[]
}

const yesNo = (value: boolean) => (value ? 'Có' : 'Không')

/** The cell of a criterion that does not apply to the unit (its targets' `notApplicable`). */
export const NOT_APPLICABLE_CELL = 'không áp dụng'

/** The rows one at a time, as the exports write them; a unit's breakdown (when given) fills the criterion columns. */
export function * rankingRows (items: Iterable<RankingRowItem>): Generator<Array<string | number>> {
  for (const i of items) {
    yield [
      i.unitName, i.total, i.rank, i.bandName, i.bonus, i.deduction, yesNo(i.underDiscipline),
      yesNo(i.eligibleForTitles), yesNo(i.eligibleForMinistryFlag), yesNo(i.eligibleForGovernmentFlag),
      ...(i.breakdown ? [...flatCriteria(i.breakdown)].map((score) => score.notApplicable === true ? NOT_APPLICABLE_CELL : score.points) : [])
    ]
  }
}
