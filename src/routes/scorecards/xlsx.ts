// The ranking as an Excel workbook: the same table as the CSV, with numbers stored as numbers (points shown with
// two decimals) so that people can sort and sum them. exceljs is loaded on the first workbook, not at start-up:
// it costs ~20 MB of memory that a process answering JSON never needs.
import { POINT_COLUMNS, RANKING_HEADERS, rankingRows, type RankingRowItem } from './ranking-table.js'

export async function rankingXlsx (items: readonly RankingRowItem[], title: string, createdAt: Date): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.created = createdAt
  workbook.modified = createdAt
  const sheet = workbook.addWorksheet('Xếp hạng')
  sheet.columns = RANKING_HEADERS.map((header, column) => ({
    header,
    width: column === 0 ? 48 : Math.max(12, header.length + 2),
    ...(POINT_COLUMNS.has(column) ? { style: { numFmt: '0.00' } } : {})
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.addRows(rankingRows(items))
  workbook.title = title
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
