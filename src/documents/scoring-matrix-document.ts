// The scoring matrix printed (bảng tổng hợp điểm thi đua): the national heading, then one table on A4 landscape, a
// row per criterion (groups bold, their children indented) and, per unit, its self, reviewed, second-review and
// final points. A unit's four columns are never narrowed to fit more units: the units that do not fit continue on
// further pages, which repeat the criterion columns, and a table longer than a page repeats its header rows. Scores
// not finalised yet print with "BẢN DỰ THẢO".
import { vietnamDate } from '../domain/dates.js'
import { ruleBroken } from '../domain/errors.js'
import { PERIOD_TEXT } from '../domain/scoring/scheme-lifecycle.js'
import { STAGE_NAMES, type MatrixCell, type MatrixRow } from '../domain/scoring/index.js'
import { contentWidth, drawDraftMark, drawFooters, drawHeading, finish, MARGINS, newDocument, SIZE, type Pdf } from './official-heading.js'

export interface MatrixDocumentData {
  issuer: [string, string]
  clusterName: string
  year: number
  period: string
  final: boolean
  /** The moment the table shows: the finalisation, or the request's for scores still moving; printed as the date. */
  at: Date
  /** The members' names, in the order of every row's cells. */
  units: ReadonlyArray<{ name: string }>
  rows: readonly MatrixRow[]
}

export const MATRIX_TITLE = 'Bảng tổng hợp điểm thi đua'
/** What a cell of a criterion that does not apply to the unit reads (explained under the table). */
export const NOT_APPLICABLE_MARK = 'KAD'
const NO_VALUE = '–'

const FONT = 8
const PAD = 2.5
const CODE_WIDTH = 38
const MAX_WIDTH = 36
/** A stage's column: "100,00" in 8 pt with room to spare; a unit's four take 4 × 35. */
const STAGE_WIDTH = 35
/** The criterion's name is never narrower than this, so the names stay readable beside three or more units. */
const MIN_NAME_WIDTH = 170
const LINE = '#000000'
const GROUP_FILL = '#eeeeee'

/**
 * The most units a printed matrix holds. Three units fit an A4 landscape page beside the criteria, so each three
 * units take a band of pages of their own: 100 units print in some 34 bands, while a cluster has tens of members.
 * Past that the print is no table anyone reads, and pdfkit keeps every page until the footers are written: the
 * 3,434-member cluster's print took the process past its 1 GiB heap after some 100 s of blocked CPU, and it died.
 * The CSV and Excel exports hold a cluster of any size.
 */
export const MATRIX_PRINT_MAX_UNITS = 100

/** 422 `matrix_too_large_to_print` when the matrix has more units than a print holds. */
export function assertPrintable (unitCount: number): void {
  if (unitCount <= MATRIX_PRINT_MAX_UNITS) return
  throw ruleBroken('matrix_too_large_to_print', `The matrix has ${unitCount} units; a printed matrix holds at most ` +
    `${MATRIX_PRINT_MAX_UNITS}. Ask for ?format=csv or ?format=xlsx instead.`, { units: unitCount, maxUnits: MATRIX_PRINT_MAX_UNITS })
}

const points = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

const cellText = (cell: MatrixCell, value: number | null): string =>
  cell.notApplicable ? NOT_APPLICABLE_MARK : value === null ? NO_VALUE : points.format(value)

interface Layout {
  nameWidth: number
  /** Units per page band. */
  perBand: number
}

function layout (doc: Pdf, units: number): Layout {
  const width = contentWidth(doc)
  const perBand = Math.max(1, Math.floor((width - CODE_WIDTH - MAX_WIDTH - MIN_NAME_WIDTH) / (4 * STAGE_WIDTH)))
  return { nameWidth: width - CODE_WIDTH - MAX_WIDTH - perBand * 4 * STAGE_WIDTH, perBand: Math.min(perBand, Math.max(units, 1)) }
}

/** Units split into bands of at most `perBand`, as even as possible (7 by 3: 3, 2, 2), so no page holds one alone. */
function bands<T> (units: readonly T[], perBand: number): Array<{ from: number, units: T[] }> {
  const count = Math.max(1, Math.ceil(units.length / perBand))
  const result: Array<{ from: number, units: T[] }> = []
  let from = 0
  for (let b = 0; b < count; b++) {
    const size = Math.ceil((units.length - from) / (count - b))
    result.push({ from, units: units.slice(from, from + size) })
    from += size
  }
  return result
}

/** Writes `text` in the box, vertically centred, and strokes its border (filled first when asked). */
function box (doc: Pdf, text: string, x: number, y: number, w: number, h: number, options: { bold?: boolean, align?: 'left' | 'center' | 'right', indent?: number, fill?: string } = {}): void {
  if (options.fill) doc.save().rect(x, y, w, h).fill(options.fill).restore()
  doc.save().lineWidth(0.5).strokeColor(LINE).rect(x, y, w, h).stroke().restore()
  doc.font(options.bold ? 'bold' : 'regular').fontSize(FONT)
  const indent = options.indent ?? 0
  const textWidth = w - 2 * PAD - indent
  const height = doc.heightOfString(text, { width: textWidth })
  doc.text(text, x + PAD + indent, y + Math.max(PAD, (h - height) / 2), { width: textWidth, align: options.align ?? 'center' })
}

const textHeight = (doc: Pdf, text: string, width: number, bold = false): number =>
  doc.font(bold ? 'bold' : 'regular').fontSize(FONT).heightOfString(text, { width: width - 2 * PAD })

/** The two header rows: code, criterion and maximum spanning both; each unit's name over its four stages. */
function drawHeader (doc: Pdf, { nameWidth }: Layout, units: ReadonlyArray<{ name: string }>): void {
  const unitWidth = 4 * STAGE_WIDTH
  const top = Math.max(FONT, ...units.map((u) => textHeight(doc, u.name, unitWidth, true))) + 2 * PAD
  const bottom = Math.max(...STAGE_NAMES.map((s) => textHeight(doc, s, STAGE_WIDTH, true))) + 2 * PAD
  const y = doc.y
  let x = MARGINS.left
  box(doc, 'Mã', x, y, CODE_WIDTH, top + bottom, { bold: true })
  box(doc, 'Tiêu chí', x += CODE_WIDTH, y, nameWidth, top + bottom, { bold: true })
  box(doc, 'Điểm tối đa', x += nameWidth, y, MAX_WIDTH, top + bottom, { bold: true })
  x += MAX_WIDTH
  for (const unit of units) {
    box(doc, unit.name, x, y, unitWidth, top, { bold: true })
    STAGE_NAMES.forEach((stage, s) => box(doc, stage, x + s * STAGE_WIDTH, y + top, STAGE_WIDTH, bottom, { bold: true }))
    x += unitWidth
  }
  doc.y = y + top + bottom
}

const INDENT = 8

function drawRow (doc: Pdf, { nameWidth }: Layout, row: MatrixRow, cells: readonly MatrixCell[], height: number): void {
  const group = row.kind === 'group'
  const fill = group ? GROUP_FILL : undefined
  const y = doc.y
  let x = MARGINS.left
  box(doc, row.code, x, y, CODE_WIDTH, height, { bold: group, fill })
  box(doc, row.name, x += CODE_WIDTH, y, nameWidth, height, { bold: group, fill, align: 'left', indent: (row.depth - 1) * INDENT })
  box(doc, points.format(row.maxPoints), x += nameWidth, y, MAX_WIDTH, height, { bold: group, fill, align: 'right' })
  x += MAX_WIDTH
  for (const cell of cells) {
    for (const value of [cell.self, cell.reviewed, cell.secondReview, cell.final]) {
      box(doc, cellText(cell, value), x, y, STAGE_WIDTH, height, { bold: group, fill, align: cell.notApplicable || value === null ? 'center' : 'right' })
      x += STAGE_WIDTH
    }
  }
  doc.y = y + height
}

/** One band of units: the header, then every row, a new page (with the header again) when the next row does not fit. */
function drawBand (doc: Pdf, lay: Layout, data: MatrixDocumentData, band: { from: number, units: Array<{ name: string }> }): void {
  const limit = () => doc.page.height - MARGINS.bottom
  drawHeader(doc, lay, band.units)
  for (const row of data.rows) {
    const height = textHeight(doc, row.name, lay.nameWidth - (row.depth - 1) * INDENT, row.kind === 'group') + 2 * PAD
    if (doc.y + height > limit()) {
      doc.addPage()
      drawHeader(doc, lay, band.units)
    }
    drawRow(doc, lay, row, row.cells.slice(band.from, band.from + band.units.length), height)
  }
}

function drawNotes (doc: Pdf): void {
  const notes = `Ghi chú: “${NOT_APPLICABLE_MARK}”: tiêu chí không áp dụng đối với đơn vị; “${NO_VALUE}”: chưa có điểm ở bước này. ` +
    'Thẩm định, thẩm định lại: điểm sau mỗi bước (tiêu chí không được chấm lại giữ điểm của bước trước). ' +
    'Điểm cuối cùng: điểm được tính để xếp hạng. Nhóm tiêu chí: tổng điểm các tiêu chí thành phần.'
  doc.font('italic').fontSize(FONT)
  if (doc.y + doc.heightOfString(notes, { width: contentWidth(doc) }) + 6 > doc.page.height - MARGINS.bottom) doc.addPage()
  doc.text(notes, MARGINS.left, doc.y + 6, { width: contentWidth(doc), align: 'left' })
  doc.font('regular').fontSize(SIZE.body)
}

/** The matrix as an A4 landscape PDF. */
export async function matrixDocument (data: MatrixDocumentData): Promise<Buffer> {
  const subtitle = `${data.clusterName} — năm ${data.year} — ${PERIOD_TEXT[data.period] ?? data.period}`
  const doc = await newDocument({ title: `${MATRIX_TITLE}: ${subtitle}`, subject: subtitle, createdAt: data.at, layout: 'landscape' })
  drawHeading(doc, { issuer: data.issuer, place: 'Hà Nội', date: vietnamDate(data.at), title: MATRIX_TITLE, subtitle })
  if (!data.final) drawDraftMark(doc, 'Điểm thi đua chưa được chốt; số liệu còn có thể thay đổi.')
  const lay = layout(doc, data.units.length)
  const all = bands(data.units, lay.perBand)
  all.forEach((band, b) => {
    if (b > 0) {
      doc.addPage()
      doc.font('italic').fontSize(SIZE.small)
        .text(`${MATRIX_TITLE} (tiếp theo): đơn vị ${band.from + 1}–${band.from + band.units.length} trong ${data.units.length} đơn vị.`, MARGINS.left, doc.y, { width: contentWidth(doc) })
      doc.moveDown(0.4)
    }
    drawBand(doc, lay, data, band)
  })
  drawNotes(doc)
  drawFooters(doc, data.final
    ? { note: `Điểm thi đua đã chốt — ${data.clusterName}, năm ${data.year}.` }
    : { hash: null, hashLabel: '', draftNote: 'điểm thi đua chưa được chốt' })
  return finish(doc)
}
