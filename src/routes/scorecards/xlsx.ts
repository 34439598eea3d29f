// The ranking as an Excel workbook: the same table as the CSV (title row, header row, one row per unit), with
// numbers stored as numbers (points shown with two decimals) so that people can sort and sum them; written as the
// client reads (http/spreadsheet.ts).
import type { Readable } from 'node:stream'
import { streamedWorkbook } from '../../http/spreadsheet.js'
import { isPointColumn, rankingRows, type RankingRowItem } from './ranking-table.js'

/** Criterion columns are headed "<code> <name>": wide enough to read, not as wide as a long name. */
const MAX_WIDTH = 40

export const rankingXlsx = (
  title: string, headers: readonly string[], items: Iterable<RankingRowItem>, createdAt: Date
): Promise<Readable> => streamedWorkbook(title, createdAt, (workbook) => {
  // The title and header rows and the units' names stay in view while scrolling.
  const sheet = workbook.addWorksheet('Xếp hạng', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] })
  sheet.columns = headers.map((header, column) => ({
    width: column === 0 ? 48 : Math.min(MAX_WIDTH, Math.max(12, header.length + 2)),
    ...(isPointColumn(column) ? { style: { numFmt: '0.00' } } : {})
  }))
  const titleRow = sheet.addRow([title])
  titleRow.font = { bold: true, size: 14 }
  titleRow.commit()
  const headerRow = sheet.addRow([...headers])
  headerRow.font = { bold: true }
  // A criterion's name longer than its column wraps instead of being cut off.
  headerRow.alignment = { wrapText: true, vertical: 'top' }
  headerRow.commit()
  for (const row of rankingRows(items)) sheet.addRow(row).commit()
  sheet.commit()
})
