// The ranking as an Excel workbook: the same table as the CSV, with numbers stored as numbers (points shown with
// two decimals) so that people can sort and sum them. exceljs is loaded on the first workbook, not at start-up:
// it costs ~20 MB of memory that a process answering JSON never needs. The workbook is written by exceljs's
// streaming writer, each row committed as it is added, into the zip going out: its in-memory workbook kept every
// cell of a large cluster as objects until the end (tens of MB per request).
import { PassThrough, type Readable } from 'node:stream'
import { POINT_COLUMNS, RANKING_HEADERS, rankingRows, type RankingRowItem } from './ranking-table.js'

export async function rankingXlsx (items: Iterable<RankingRowItem>, title: string, createdAt: Date): Promise<Readable> {
  const { default: ExcelJS } = await import('exceljs')
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  workbook.created = createdAt
  workbook.modified = createdAt
  workbook.title = title
  const sheet = workbook.addWorksheet('Xếp hạng')
  sheet.columns = RANKING_HEADERS.map((header, column) => ({
    header,
    width: column === 0 ? 48 : Math.max(12, header.length + 2),
    ...(POINT_COLUMNS.has(column) ? { style: { numFmt: '0.00' } } : {})
  }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rankingRows(items)) sheet.addRow(row).commit()
  sheet.commit()
  // The zip is finished as the client reads; a failure ends the answer early, which the client sees as cut short.
  workbook.commit().catch((error: Error) => out.destroy(error))
  return out
}
