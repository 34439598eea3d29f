// The scoring matrix as an Excel workbook, sheet "Ma trận tiêu chí": a title row; two header rows, the code,
// criterion and maximum each merged over both, each unit's name merged over its four stage columns; then one row
// per criterion, groups bold, names indented by depth. Points are numbers shown with two decimals; a stage without
// a value is an empty cell. The header rows and the code and name columns stay in view while scrolling.
import type { Readable } from 'node:stream'
import type { MatrixRow } from '../../domain/scoring/index.js'
import { streamedWorkbook } from '../../http/spreadsheet.js'
import { FIXED_HEADERS, matrixCells, STAGE_HEADERS } from './table.js'

export const MATRIX_SHEET = 'Ma trận tiêu chí'
const STAGES = STAGE_HEADERS.length
const FIXED = FIXED_HEADERS.length

export const matrixXlsx = (
  title: string, units: ReadonlyArray<{ name: string }>, rows: Iterable<MatrixRow>, createdAt: Date
): Promise<Readable> => streamedWorkbook(title, createdAt, (workbook) => {
  const sheet = workbook.addWorksheet(MATRIX_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] })
  const lastColumn = FIXED + STAGES * units.length
  sheet.columns = [
    { width: 10 }, { width: 50 }, { width: 11, style: { numFmt: '0.00' } },
    ...Array.from({ length: STAGES * units.length }, () => ({ width: 12, style: { numFmt: '0.00' } }))
  ]
  const titleRow = sheet.addRow([title])
  titleRow.font = { bold: true, size: 14 }
  sheet.mergeCells(1, 1, 1, lastColumn)
  titleRow.commit()
  // Merged cells keep the value of their top-left cell: each unit's name goes in the first of its four columns.
  const unitRow = sheet.addRow([...FIXED_HEADERS, ...units.flatMap((u) => [u.name, ...Array<string>(STAGES - 1).fill('')])])
  const stageRow = sheet.addRow([...Array<string>(FIXED).fill(''), ...units.flatMap(() => STAGE_HEADERS)])
  for (const row of [unitRow, stageRow]) {
    row.font = { bold: true }
    row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }
  }
  for (let c = 1; c <= FIXED; c++) sheet.mergeCells(2, c, 3, c)
  units.forEach((_, u) => sheet.mergeCells(2, FIXED + 1 + u * STAGES, 2, FIXED + (u + 1) * STAGES))
  unitRow.commit()
  stageRow.commit()
  for (const matrixRow of rows) {
    const row = sheet.addRow(matrixCells(matrixRow))
    if (matrixRow.kind === 'group') row.font = { bold: true }
    row.getCell(2).alignment = { indent: matrixRow.depth - 1, wrapText: true }
    row.commit()
  }
  sheet.commit()
})
