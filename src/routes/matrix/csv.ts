// The scoring matrix as CSV: UTF-8 with a byte-order mark, RFC 4180 quoting, the title row, the header row, then
// one line per criterion; points with exactly two decimals, an empty cell where a stage has no value yet. Streamed
// line by line as the client reads.
import type { Readable } from 'node:stream'
import type { MatrixRow } from '../../domain/scoring/index.js'
import { csvCell, csvLine, csvNumber, csvTitleLine, type CsvDecimal } from '../../http/spreadsheet.js'
import { streamed } from '../streamed.js'
import { FIXED_HEADERS, matrixCells, matrixHeaders, matrixTitle, NOT_APPLICABLE_CELL, STAGE_HEADERS, type MatrixUnitLabel } from './table.js'

const csvValue = (value: string | number | null, decimal: CsvDecimal): string =>
  value === null ? '' : typeof value === 'number' ? csvNumber(value.toFixed(2), decimal) : csvCell(value, decimal)

function * lines (title: string, units: readonly MatrixUnitLabel[], rows: Iterable<MatrixRow>, decimal: CsvDecimal = 'point'): Generator<string> {
  yield csvTitleLine(title, decimal)
  yield csvLine(matrixHeaders(units).map((header) => csvCell(header, decimal)), decimal)
  for (const row of rows) yield csvLine(matrixCells(row).map((value) => csvValue(value, decimal)), decimal)
}

export const matrixCsv = (title: string, units: readonly MatrixUnitLabel[], rows: Iterable<MatrixRow>, decimal: CsvDecimal = 'point'): Readable =>
  streamed(lines(title, units, rows, decimal))

/** The contract's description of the CSV. */
export const CSV_DESCRIPTION = 'UTF-8 text starting with a byte-order mark (left out of the example), lines ending ' +
  'CRLF, RFC 4180 quoting. Line 1: the title, "Bảng tổng hợp điểm thi đua — <cluster> — năm <year> — <cả năm | 6 tháng ' +
  `đầu năm>". Line 2: the headers: ${FIXED_HEADERS.join(', ')}, then for each unit (in the JSON's order) four columns ` +
  `"<short name, else name> – <stage>", the stages being ${STAGE_HEADERS.join(', ')}. Then one line per criterion in ` +
  'the scheme\'s order, groups before their children: points with exactly two decimals, an empty cell where the JSON ' +
  `has null, "${NOT_APPLICABLE_CELL}" in the four cells of a criterion that does not apply to the unit. With \`decimal=comma\`: \`,\` as the decimal mark and \`;\` between cells.`

const exampleCell = (unitId: string, self: number | null, reviewed: number | null, secondReview: number | null, final: number) =>
  ({ unitId, self, reviewed, secondReview, final, notApplicable: false })

/** The first lines of a matrix, written by the code that writes the real ones. */
export const CSV_EXAMPLE = [...lines(matrixTitle('Cụm thi đua số 9', 2024, 'annual'), [
  { name: 'Cục Công nghiệp an ninh', shortName: 'Cục CNAN' }, { name: 'Cục Y tế', shortName: null }
], [
  { code: 'I', name: 'Công tác xây dựng lực lượng', kind: 'group', depth: 1, maxPoints: 40, cells: [exampleCell('a', 37.92, 32.92, 35.42, 35.42), exampleCell('b', 37.5, 37.5, null, 37.5)] },
  { code: 'I.3', name: 'Sáng kiến, đề tài được công nhận', kind: 'per_occurrence', depth: 2, maxPoints: 10, cells: [exampleCell('a', 10, 5, 7.5, 7.5), exampleCell('b', 7.5, 7.5, null, 7.5)] }
])].join('').slice(1)
