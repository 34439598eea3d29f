// The ranking as CSV: UTF-8 with a byte-order mark (so Excel reads the diacritics), RFC 4180 quoting, points with
// two decimals, and no cell that a spreadsheet would take for a formula.
import { POINT_COLUMNS, RANKING_HEADERS, rankingRows, type RankingRowItem } from './ranking-table.js'

const cell = (value: string | number): string => {
  const text = String(value)
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function rankingCsv (items: readonly RankingRowItem[]): Buffer {
  const lines = [RANKING_HEADERS.map(cell).join(',')]
  for (const row of rankingRows(items)) {
    lines.push(row.map((value, column) => cell(POINT_COLUMNS.has(column) ? (value as number).toFixed(2) : value)).join(','))
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}
