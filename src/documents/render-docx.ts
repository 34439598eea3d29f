// Lays an official document model out as a Word document (.docx), for an office that edits and signs it: the
// layout of Decree 30/2020/NĐ-CP in Times New Roman 14 pt on A4 (top and bottom 20 mm, left 30 mm, right 15 mm),
// the national heading as a borderless two-column table, the blocks in order, the closing as a borderless table,
// and a footer with the hash (or the draft note) and "Trang i/n". The words are the model's, as in the PDF.
// `docx` is loaded on the first document, like pdfkit.
import type { Block, ClosingColumn, OfficialDocument, Run } from './model.js'
import { keepOf, upper } from './model.js'
import { DRAFT_MARK, placeAndDate } from './official-heading.js'

type Docx = typeof import('docx')
type Child = InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>

const MM = 56.7 // twips per millimetre
// Decree 30/2020: the national name 12–13 pt, the motto 13–14 pt, the body 13–14 pt.
const HALF_POINTS = { body: 28, small: 24, large: 30, footer: 16, heading: 24, motto: 26 }
const AFTER = 80 // twips after a paragraph

/** The document as a .docx. The same model gives the same words (the zip's timestamps aside). */
export async function renderDocx (model: OfficialDocument): Promise<Buffer> {
  const docx = await import('docx')
  const { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }
  const ALIGN = { justify: AlignmentType.JUSTIFIED, center: AlignmentType.CENTER, left: AlignmentType.LEFT, right: AlignmentType.RIGHT }
  const run = (r: Run, size?: number) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size })
  const centred = (runs: Run[], options: Record<string, unknown> = {}, size?: number) =>
    new Paragraph({ children: runs.map((r) => run(r, size)), alignment: AlignmentType.CENTER, ...options })
  const cell = (children: InstanceType<typeof Paragraph>[], width: number, borders: object = noBorders) =>
    new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE }, borders })
  const layout = (rows: InstanceType<typeof TableRow>[], borders: object = noBorders) =>
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders, rows })

  const { heading } = model
  const headingTable = layout([new TableRow({
    children: [
      cell([
        centred([{ text: upper(heading.issuer[0]) }], {}, HALF_POINTS.heading),
        centred([{ text: upper(heading.issuer[1]), bold: true }], {}, HALF_POINTS.heading),
        centred([{ text: '———' }]),
        ...(heading.number === undefined ? [] : [centred([{ text: `Số: ${heading.number}` }])])
      ], 42),
      cell([
        centred([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], {}, HALF_POINTS.heading),
        centred([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }], {}, HALF_POINTS.motto),
        centred([{ text: '———————' }]),
        centred([{ text: placeAndDate(heading.place, heading.date), italic: true }])
      ], 58)
    ]
  })])

  const closingColumn = (c: ClosingColumn) => {
    const recipients = c.lines !== undefined
    return [
      new Paragraph({ children: [run({ text: recipients ? c.heading : upper(c.heading), bold: true, italic: recipients })], alignment: recipients ? AlignmentType.LEFT : AlignmentType.CENTER, keepNext: true }),
      ...(c.note ? [centred([{ text: c.note, italic: true }], { keepNext: true })] : []),
      ...(c.lines ?? []).map((line) => new Paragraph({ children: [run({ text: `- ${line}` }, HALF_POINTS.small)], keepNext: true })),
      ...(c.signer === undefined ? [] : [centred([{ text: c.signer, bold: true }], { spacing: { before: 1400 } })])
    ]
  }

  const render = (block: Block, keepNext: boolean): Child[] => {
    switch (block.kind) {
      case 'paragraph':
        return [new Paragraph({
          children: block.runs.map((r) => run(r, HALF_POINTS[block.size ?? 'body'])),
          alignment: ALIGN[block.align ?? 'justify'],
          indent: block.indent ? { left: Math.round(block.indent * 20) } : undefined,
          spacing: { after: AFTER },
          keepNext,
          keepLines: true
        })]
      case 'item':
        return [new Paragraph({
          children: [run({ text: `${block.number}\t` }), ...block.runs.map((r) => run(r))],
          indent: { left: Math.round(((block.indent ?? 0) + 22) * 20), hanging: 22 * 20 },
          spacing: { after: AFTER / 2 },
          keepNext,
          keepLines: true
        })]
      case 'section':
        return [new Paragraph({ children: [run({ text: upper(block.text), bold: true })], spacing: { before: 160, after: AFTER }, keepNext: true })]
      case 'draft':
        return [
          centred([{ text: DRAFT_MARK, bold: true }], { spacing: { before: 120 } }),
          centred([{ text: block.note, italic: true }], { spacing: { after: 160 } })
        ]
      case 'table': {
        const bordered = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
        const borders = { top: bordered, bottom: bordered, left: bordered, right: bordered }
        const row = (cells: string[], header: boolean) => new TableRow({
          tableHeader: header,
          cantSplit: true,
          children: cells.map((value, i) => cell([new Paragraph({
            children: [run({ text: value, bold: header }, HALF_POINTS.small)],
            alignment: header ? AlignmentType.CENTER : ALIGN[block.columns[i].align ?? 'left']
          })], Math.round(block.columns[i].width * 100), borders))
        })
        return [
          layout([row(block.columns.map((c) => c.header), true), ...block.rows.map((r) => row(r, false))], { ...borders, insideHorizontal: bordered, insideVertical: bordered }),
          new Paragraph({ children: [], spacing: { after: AFTER } })
        ]
      }
      case 'closing':
        return [
          new Paragraph({ children: [], spacing: { after: 240 }, keepNext: true }),
          layout([new TableRow({ cantSplit: true, children: [cell(closingColumn(block.left), 50), cell(closingColumn(block.right), 50)] })])
        ]
    }
  }

  // Word keeps a paragraph with the next one: a run of n kept blocks is n paragraphs marked keepNext.
  const kept = new Set<number>()
  model.blocks.forEach((_, i) => { for (let j = i; j < i + keepOf(model.blocks, i); j++) kept.add(j) })
  const children: Child[] = [
    headingTable,
    centred([{ text: upper(heading.title), bold: true }], { spacing: { before: 360 } }),
    centred([{ text: heading.subtitle, bold: true }], { spacing: { after: 240 } }),
    ...model.blocks.flatMap((block, i) => render(block, kept.has(i)))
  ]

  const { footer } = model
  const footerText = 'note' in footer ? footer.note : footer.hash ? `${footer.hashLabel}: ${footer.hash}` : `${DRAFT_MARK} — ${footer.draftNote}`
  const document = new Document({
    creator: 'thidua',
    title: model.meta.title,
    description: model.meta.subject,
    styles: { default: { document: { run: { font: 'Times New Roman', size: HALF_POINTS.body } } } },
    sections: [{
      properties: { page: { size: { width: 210 * MM, height: 297 * MM }, margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } } },
      footers: {
        default: new Footer({
          children: [
            new Paragraph({ children: [new TextRun({ text: footerText, size: HALF_POINTS.footer })] }),
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              children: [new TextRun({ children: ['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], size: HALF_POINTS.footer })]
            })
          ]
        })
      },
      children
    }]
  })
  return Packer.toBuffer(document)
}
