// Lays an official document model out as an A4 PDF with pdfkit: the frame of official-heading.ts (heading,
// margins, footers), then each block in order. A block that must stay with the next ones (keepWithNext) starts a
// new page when together they would not fit, so the signatures never sit alone on a page.
import type { Block, ClosingColumn, OfficialDocument, Run, TableBlock } from './model.js'
import { keepOf, upper } from './model.js'
import {
  CONTENT_WIDTH, drawDraftMark, drawFooters, drawHeading, finish, MARGINS, newDocument, PAGE, SIZE, type Pdf
} from './official-heading.js'

const HANG = 22
const CELL_PADDING = 3
const SIGNATURE_SPACE = 60
const FONT_SIZE = { body: SIZE.body, small: SIZE.small, large: SIZE.body + 1 }

const face = (run: Run) => run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular'
const plain = (runs: Run[]) => runs.map((r) => r.text).join('')
const bottom = () => PAGE.height - MARGINS.bottom

/** Writes runs as one flowing paragraph from (x, y). */
function writeRuns (doc: Pdf, runs: Run[], x: number, y: number, width: number, align: 'justify' | 'center' | 'left'): void {
  runs.forEach((run, i) => {
    doc.font(face(run))
    const options = { width, align, continued: i < runs.length - 1 }
    if (i === 0) doc.text(run.text, x, y, options)
    else doc.text(run.text, options)
  })
  doc.font('regular')
}

/** The height a block takes, measured in the faces it is set in (bold text runs wider than regular). */
function heightOf (doc: Pdf, block: Block): number {
  const gap = doc.currentLineHeight(true) * 0.3
  switch (block.kind) {
    case 'paragraph':
      doc.font(face(block.runs[0] ?? {})).fontSize(FONT_SIZE[block.size ?? 'body'])
      return doc.heightOfString(plain(block.runs), { width: CONTENT_WIDTH - (block.indent ?? 0) }) + gap
    case 'item':
      return doc.heightOfString(plain(block.runs), { width: CONTENT_WIDTH - (block.indent ?? 0) - HANG }) + gap
    case 'section':
      return 2 * doc.currentLineHeight(true)
    case 'table':
      return tableRowHeight(doc, block, block.columns.map((c) => c.header)) +
        block.rows.reduce((sum, row) => sum + tableRowHeight(doc, block, row), 0)
    case 'closing':
      return closingHeight(doc, block.left, block.right)
    case 'draft':
      return 3 * doc.currentLineHeight(true)
  }
}

function tableRowHeight (doc: Pdf, table: TableBlock, cells: string[]): number {
  doc.fontSize(SIZE.small)
  const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: table.columns[i].width * CONTENT_WIDTH - 2 * CELL_PADDING }))
  doc.fontSize(SIZE.body)
  return Math.max(...heights) + 2 * CELL_PADDING
}

function drawTable (doc: Pdf, table: TableBlock): void {
  const drawRow = (cells: string[], header: boolean) => {
    const height = tableRowHeight(doc, table, cells)
    if (doc.y + height > bottom()) doc.addPage()
    const y = doc.y
    let x = MARGINS.left
    doc.font(header ? 'bold' : 'regular').fontSize(SIZE.small)
    cells.forEach((cell, i) => {
      const width = table.columns[i].width * CONTENT_WIDTH
      doc.lineWidth(0.5).rect(x, y, width, height).stroke()
      doc.text(cell, x + CELL_PADDING, y + CELL_PADDING, { width: width - 2 * CELL_PADDING, align: header ? 'center' : table.columns[i].align ?? 'left' })
      x += width
    })
    doc.y = y + height
  }
  drawRow(table.columns.map((c) => c.header), true)
  for (const row of table.rows) drawRow(row, false)
  doc.font('regular').fontSize(SIZE.body).moveDown(0.4)
  doc.x = MARGINS.left
}

function closingHeight (doc: Pdf, left: ClosingColumn, right: ClosingColumn): number {
  const lines = (c: ClosingColumn) => 2 + (c.lines?.length ?? 0)
  const signed = (c: ClosingColumn) => c.signer === undefined ? 0 : SIGNATURE_SPACE + doc.currentLineHeight(true)
  return doc.currentLineHeight(true) * (1 + Math.max(lines(left), lines(right))) + Math.max(signed(left), signed(right))
}

function drawClosingColumn (doc: Pdf, column: ClosingColumn, x: number, y: number, width: number): number {
  const recipients = column.lines !== undefined
  doc.font(recipients ? 'boldItalic' : 'bold').fontSize(SIZE.body)
  doc.text(recipients ? column.heading : upper(column.heading), x, y, { width, align: recipients ? 'left' : 'center' })
  if (column.note) doc.font('italic').fontSize(SIZE.small).text(column.note, x, doc.y, { width, align: 'center' })
  doc.font('regular').fontSize(SIZE.small)
  for (const line of column.lines ?? []) doc.text(`- ${line}`, x, doc.y, { width })
  if (column.signer !== undefined) {
    doc.font('bold').fontSize(SIZE.body).text(column.signer, x, doc.y + SIGNATURE_SPACE, { width, align: 'center' })
  }
  doc.font('regular').fontSize(SIZE.body)
  return doc.y
}

function drawBlock (doc: Pdf, block: Block): void {
  switch (block.kind) {
    case 'paragraph': {
      const indent = block.indent ?? 0
      doc.fontSize(FONT_SIZE[block.size ?? 'body'])
      writeRuns(doc, block.runs, MARGINS.left + indent, doc.y, CONTENT_WIDTH - indent, block.align ?? 'justify')
      doc.fontSize(SIZE.body).moveDown(block.spaceAfter ?? 0.25)
      return
    }
    case 'item': {
      const x = MARGINS.left + (block.indent ?? 0)
      if (doc.y > bottom() - 2 * doc.currentLineHeight(true)) doc.addPage()
      const y = doc.y
      doc.font('regular').text(block.number, x, y, { width: HANG, lineBreak: false })
      writeRuns(doc, block.runs, x + HANG, y, CONTENT_WIDTH - (block.indent ?? 0) - HANG, 'left')
      doc.moveDown(0.2)
      return
    }
    case 'section':
      if (doc.y > bottom() - 60) doc.addPage()
      doc.moveDown(0.5)
      doc.font('bold').fontSize(SIZE.body).text(upper(block.text), MARGINS.left, doc.y, { width: CONTENT_WIDTH })
      doc.font('regular').moveDown(0.3)
      return
    case 'draft':
      drawDraftMark(doc, block.note)
      return
    case 'table':
      drawTable(doc, block)
      return
    case 'closing': {
      doc.moveDown(1)
      const y = doc.y
      const half = CONTENT_WIDTH / 2
      const end = Math.max(drawClosingColumn(doc, block.left, MARGINS.left, y, half), drawClosingColumn(doc, block.right, MARGINS.left + half, y, half))
      doc.y = end
      doc.x = MARGINS.left
    }
  }
}

/** The document as an A4 PDF; the same model gives the same bytes. */
export async function renderPdf (model: OfficialDocument): Promise<Buffer> {
  const doc = await newDocument(model.meta)
  drawHeading(doc, model.heading)
  model.blocks.forEach((block, i) => {
    const keep = keepOf(model.blocks, i)
    if (keep > 0) {
      const together = model.blocks.slice(i, i + 1 + keep).reduce((sum, b) => sum + heightOf(doc, b), 0)
      doc.font('regular').fontSize(SIZE.body)
      if (doc.y + together > bottom() && together < bottom() - MARGINS.top) doc.addPage()
    }
    drawBlock(doc, block)
  })
  drawFooters(doc, model.footer)
  return finish(doc)
}
