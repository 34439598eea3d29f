// The ranking as CSV: UTF-8 with a byte-order mark (so Excel reads the diacritics), RFC 4180 quoting, points with
// two decimals, and no cell that a spreadsheet would take for a formula. Streamed line by line as the client reads.
import type { Readable } from 'node:stream'
import { streamed } from '../streamed.js'
import { POINT_COLUMNS, RANKING_HEADERS, rankingRows, type RankingRowItem } from './ranking-table.js'

const cell = (value: string | number): string => {
  const text = String(value)
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function * lines (items: Iterable<RankingRowItem>): Generator<string> {
  yield `\uFEFF${RANKING_HEADERS.map(cell).join(',')}\r\n`
  for (const row of rankingRows(items)) {
    yield `${row.map((value, column) => cell(POINT_COLUMNS.has(column) ? (value as number).toFixed(2) : value)).join(',')}\r\n`
  }
}

export const rankingCsv = (items: Iterable<RankingRowItem>): Readable => streamed(lines(items))
