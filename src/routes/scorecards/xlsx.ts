// The ranking as an Excel workbook: the same table as the CSV (title row, header row, one row per unit), with
// numbers stored as numbers (points shown with two decimals) so that people can sort and sum them. exceljs is
// loaded on the first workbook, not at start-up: it costs ~20 MB of memory that a process answering JSON never
// needs. The workbook is written by exceljs's streaming writer, each row committed as it is added, into the zip
// going out: its in-memory workbook kept every cell of a large cluster as objects until the end (tens of MB per
// request).
import { PassThrough, type Readable } from 'node:stream'
import { isPointColumn, rankingRows, type RankingRowItem } from './ranking-table.js'

/** Criterion columns are headed "<code> <name>": wide enough to read, not as wide as a long name. */
const MAX_WIDTH = 40

export async function rankingXlsx (
  title: string, headers: readonly string[], items: Iterable<RankingRowItem>, createdAt: Date
): Promise<Readable> {
  const { default: ExcelJS } = await import('exceljs')
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  workbook.created = createdAt
  workbook.modified = createdAt
  workbook.title = title
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
  // The zip is finished as the client reads; a failure ends the answer early, which the client sees as cut short.
  workbook.commit().catch((error: Error) => out.destroy(error))
  return out
}
