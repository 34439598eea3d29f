// The scoring matrix as a table people open in a spreadsheet: a title row naming the cluster, the year and the
// period, Vietnamese headers (the code, the criterion, its maximum, then each unit's four stages), one row per
// criterion in the scheme's order, groups included. The CSV and the XLSX exports both come from it.
import { STAGE_NAMES, type MatrixRow } from '../../domain/scoring/index.js'
import { PERIOD_TEXT } from '../../domain/scoring/scheme-lifecycle.js'

export const FIXED_HEADERS = ['Mã', 'Tiêu chí', 'Điểm tối đa'] as const
/** The four stages' headings, in the cells' order (self, reviewed, secondReview, final). */
export const STAGE_HEADERS = STAGE_NAMES
/** The cell of a criterion that does not apply to the unit, at every stage. */
export const NOT_APPLICABLE_CELL = 'không áp dụng'

/** A unit as the CSV's headers name it: its short name, else its name. */
export interface MatrixUnitLabel { name: string, shortName: string | null }
export const unitLabel = (unit: MatrixUnitLabel): string => unit.shortName ?? unit.name

/** "Bảng tổng hợp điểm thi đua — Cụm thi đua số 9 — năm 2024 — cả năm". */
export const matrixTitle = (clusterName: string, year: number, period: string): string =>
  `Bảng tổng hợp điểm thi đua — ${clusterName} — năm ${year} — ${PERIOD_TEXT[period] ?? period}`

/** The header row of the CSV: the fixed columns, then "<unit> – <stage>" four times per unit. */
export const matrixHeaders = (units: readonly MatrixUnitLabel[]): string[] =>
  [...FIXED_HEADERS, ...units.flatMap((u) => STAGE_HEADERS.map((stage) => `${unitLabel(u)} – ${stage}`))]

/** A row as cells: code, name, maximum, then each unit's four stages (null: no value; text: not applicable). */
export const matrixCells = (row: MatrixRow): Array<string | number | null> => [
  row.code, row.name, row.maxPoints,
  ...row.cells.flatMap((c): Array<string | number | null> => c.notApplicable
    ? [NOT_APPLICABLE_CELL, NOT_APPLICABLE_CELL, NOT_APPLICABLE_CELL, NOT_APPLICABLE_CELL]
    : [c.self, c.reviewed, c.secondReview, c.final])
]
