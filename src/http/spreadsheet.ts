// What the table exports share (the ranking's and the scoring matrix's): CSV cells as RFC 4180 quotes them and no
// spreadsheet takes for a formula, and an Excel workbook written as it is read. exceljs is loaded on the first
// workbook, not at start-up: it costs ~20 MB of memory that a process answering JSON never needs. The workbook is
// written by exceljs's streaming writer, each row committed as it is added, into the zip going out: its in-memory
// workbook kept every cell of a large cluster as objects until the end (tens of MB per request).
import { PassThrough, type Readable } from 'node:stream'
import type { stream } from 'exceljs'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * How a CSV export writes its numbers (`?decimal=`): `point`, the default, with `.` decimals and `,` between cells
 * (RFC 4180, what programs read); `comma`, with `,` decimals and `;` between cells, what Excel expects of a CSV
 * under a Vietnamese (or other European) Windows locale. The XLSX export holds numbers as numbers in either case.
 */
export type CsvDecimal = 'point' | 'comma'

/** The character between cells: `;` when the decimals are commas. */
const csvSeparator = (decimal: CsvDecimal = 'point'): string => (decimal === 'comma' ? ';' : ',')

/** A number already written with `.` decimals (e.g. `toFixed(2)`), with the decimal mark `decimal` asks for. */
export const csvNumber = (written: string, decimal: CsvDecimal = 'point'): string =>
  (decimal === 'comma' ? written.replace('.', ',') : written)

/** A CSV cell: quoted when it holds a quote, the separator or a line break, or starts like a formula (=, +, -, @). */
export const csvCell = (text: string, decimal: CsvDecimal = 'point'): string =>
  text.includes(csvSeparator(decimal)) || /["\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text

/** One line of a CSV export: its cells, already written, between the separator `decimal` asks for. */
export const csvLine = (cells: readonly string[], decimal: CsvDecimal = 'point'): string => `${cells.join(csvSeparator(decimal))}\r\n`

/** The first line of a CSV export: the byte-order mark (so Excel reads the diacritics), then the title. */
export const csvTitleLine = (title: string, decimal: CsvDecimal = 'point'): string => `\uFEFF${csvLine([csvCell(title, decimal)], decimal)}`

/**
 * A workbook titled `title` and dated `createdAt` (the same request gives the same document properties), filled by
 * `write`, which commits its rows and sheets; the zip is finished as the client reads, and a failure ends the
 * answer early, which the client sees as cut short.
 */
export async function streamedWorkbook (
  title: string, createdAt: Date, write: (workbook: stream.xlsx.WorkbookWriter) => void
): Promise<Readable> {
  const { default: ExcelJS } = await import('exceljs')
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  workbook.created = createdAt
  workbook.modified = createdAt
  workbook.title = title
  write(workbook)
  workbook.commit().catch((error: Error) => out.destroy(error))
  return out
}
