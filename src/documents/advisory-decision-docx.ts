// The decision founding an advisory group as a Word document (.docx), for an office that edits and signs it: the
// same words as the PDF (advisory-decision-document.ts decisionText), in the official layout: a borderless
// two-column table for the heading (issuer and number left, national name, motto, place and date right), the
// title, grounds, articles, recipients and signature block, in Times New Roman 13/14 pt on A4 with the margins of
// Decree 30/2020. `docx` is loaded on the first document, like pdfkit.
import type { DecisionDocumentData } from './advisory-decision-document.js'
import { decisionText } from './advisory-decision-document.js'
import { placeAndDate } from './official-heading.js'

const upper = (text: string) => text.toLocaleUpperCase('vi-VN')
const MM = 56.7 // twips per millimetre

/** The decision as a .docx. The same version gives the same words (the zip's timestamps aside). */
export async function decisionDocx (data: DecisionDocumentData): Promise<Buffer> {
  const { AlignmentType, BorderStyle, Document, Footer, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx')
  const text = decisionText(data)
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }
  const line = (children: InstanceType<typeof TextRun>[], options: Record<string, unknown> = {}) =>
    new Paragraph({ children, alignment: AlignmentType.CENTER, ...options })
  const run = (t: string, options: Record<string, unknown> = {}) => new TextRun({ text: t, ...options })
  const cell = (paragraphs: InstanceType<typeof Paragraph>[], width: number) =>
    new TableCell({ children: paragraphs, width: { size: width, type: WidthType.PERCENTAGE }, borders: noBorders })

  const heading = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({
      children: [
        cell([
          line([run(upper(data.superior))]),
          line([run(upper(data.decision.issuer), { bold: true })]),
          line([run('———')]),
          line([run(`Số: ${data.decision.number}`)])
        ], 42),
        cell([
          line([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })]),
          line([run('Độc lập - Tự do - Hạnh phúc', { bold: true })]),
          line([run('———————')]),
          line([run(placeAndDate(text.place, data.decision.date), { italics: true })])
        ], 58)
      ]
    })]
  })
  const body = (t: string, options: Record<string, unknown> = {}) =>
    new Paragraph({ children: [run(t, options)], alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 10 * MM }, spacing: { after: 80 } })
  const article = (label: string, t: string) =>
    new Paragraph({ children: [run(`${label} `, { bold: true }), run(t)], alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 10 * MM }, spacing: { after: 80 } })

  const closing = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({
      children: [
        cell([
          new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
          ...text.recipients.map((r) => new Paragraph({ children: [run(`- ${r}`, { size: 22 })] }))
        ], 50),
        cell([line([run(text.signer, { bold: true })]), line([run(text.signNote, { italics: true, size: 24 })])], 50)
      ]
    })]
  })

  const document = new Document({
    creator: 'thidua',
    title: `Quyết định ${data.decision.number}`,
    description: text.subtitle,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [{
      properties: { page: { size: { width: 210 * MM, height: 297 * MM }, margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } } },
      footers: { default: new Footer({ children: [new Paragraph({ children: [run(`${text.footer}: ${data.digest}`, { size: 16 })] })] }) },
      children: [
        heading,
        line([run(upper(text.title), { bold: true })], { spacing: { before: 360 } }),
        line([run(text.subtitle, { bold: true })], { spacing: { after: 240 } }),
        line([run(text.authority, { bold: true })], { spacing: { after: 160 } }),
        ...text.grounds.map((g) => body(g, { italics: true })),
        line([run(text.decides, { bold: true })], { spacing: { before: 160, after: 160 } }),
        article('Điều 1.', text.article1),
        ...text.members.map((m, i) => body(`${i + 1}. ${m}`)),
        article('Điều 2.', text.article2),
        article('Điều 3.', text.article3),
        new Paragraph({ children: [], spacing: { after: 240 } }),
        closing
      ]
    }]
  })
  return Packer.toBuffer(document)
}
