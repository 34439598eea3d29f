// The ranking as CSV: UTF-8 with a byte-order mark (so Excel reads the diacritics), RFC 4180 quoting, a title
// row, then the header row, then one line per unit; points with exactly two decimals (the exact value: points are
// hundredths), and no text cell that a spreadsheet would take for a formula. Streamed line by line as the client reads.
import type { Readable } from 'node:stream'
import { csvCell, csvLine, csvNumber, csvTitleLine, type CsvDecimal } from '../../http/spreadsheet.js'
import { streamed } from '../streamed.js'
import { isPointColumn, RANKING_HEADERS, rankingRows, rankingTitle, type RankingRowItem } from './ranking-table.js'

/** A number as written: points with two decimals, whole numbers (the rank) as they are; never quoted. */
const number = (value: number, column: number, decimal: CsvDecimal): string =>
  (isPointColumn(column) ? csvNumber(value.toFixed(2), decimal) : String(value))

function * lines (title: string, headers: readonly string[], items: Iterable<RankingRowItem>, decimal: CsvDecimal = 'point'): Generator<string> {
  const cell = (text: string) => csvCell(text, decimal)
  yield csvTitleLine(title, decimal)
  yield csvLine(headers.map(cell), decimal)
  for (const row of rankingRows(items)) {
    yield csvLine(row.map((value, column) => (typeof value === 'number' ? number(value, column, decimal) : cell(value))), decimal)
  }
}

export const rankingCsv = (title: string, headers: readonly string[], items: Iterable<RankingRowItem>, decimal: CsvDecimal = 'point'): Readable =>
  streamed(lines(title, headers, items, decimal))

/** The contract's description of the CSV. */
export const CSV_DESCRIPTION = 'UTF-8 text starting with a byte-order mark (left out of the example), lines ending ' +
  'CRLF, RFC 4180 quoting. Line 1: the title, "Bảng xếp hạng — <cluster> — năm <year> — <cả năm | 6 tháng đầu năm>". ' +
  `Line 2: the headers: ${RANKING_HEADERS.join(', ')}; with \`breakdown=true\` then one column per criterion of the ` +
  'scheme, groups before their children in the scheme\'s order, headed "<code> <name>" and holding the points of the ' +
  'JSON breakdown. Then one line per unit in rank order: points with exactly two decimals, the rank a whole number, ' +
  'yes/no as "Có"/"Không". With `decimal=comma`: `,` as the decimal mark and `;` between cells.'

/** The first lines of a ranking, written by the code that writes the real ones. */
export const CSV_EXAMPLE = [...lines(rankingTitle('Cụm thi đua số 1', 2024, 'annual'), RANKING_HEADERS, [
  {
    unitName: 'Công an thành phố Hà Nội', total: 92.5, rank: 1, bandName: 'Xuất sắc', bonus: 3, deduction: 0,
    underDiscipline: false, eligibleForTitles: true, eligibleForMinistryFlag: true, eligibleForGovernmentFlag: true
  },
  {
    unitName: 'Công an tỉnh Lào Cai', total: 84.25, rank: 2, bandName: 'Tốt', bonus: 1, deduction: 2,
    underDiscipline: false, eligibleForTitles: true, eligibleForMinistryFlag: false, eligibleForGovernmentFlag: false
  }
])].join('').slice(1)
