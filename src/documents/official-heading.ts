// The frame every printed document of the service shares: an A4 page (portrait, or landscape for a wide table) with the margins of an administrative
// document (Decree 30/2020/NĐ-CP: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm), the national heading
// (the issuing body on the left, the national motto on the right, then the place and date, the title), and a
// footer on every page with the content hash and the page number.
//
// The text is set in DejaVu Serif, embedded from the `dejavu-fonts-ttf` package (Bitstream Vera licence, DejaVu
// changes in the public domain): it has every Vietnamese letter with its tone marks, and no system font is needed.
// The builders are pure with respect to data: the same input gives the same bytes (the creation date is the
// record's time, pdfkit's subset names and file id derive from the content, not from a clock or a random source).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

export type Pdf = PDFKit.PDFDocument

const require = createRequire(import.meta.url)
const fontFile = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`))

let fonts: Record<FontName, Buffer> | undefined
type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic'

/** The four faces, read once. */
function loadFonts (): Record<FontName, Buffer> {
  fonts ??= {
    regular: fontFile('DejaVuSerif'),
    bold: fontFile('DejaVuSerif-Bold'),
    italic: fontFile('DejaVuSerif-Italic'),
    boldItalic: fontFile('DejaVuSerif-BoldItalic')
  }
  return fonts
}

export const PAGE = { width: 595.28, height: 841.89 }
export const MARGINS = { top: 57, bottom: 71, left: 85, right: 57 }
export const CONTENT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right
/** The width between the margins of the document's page: CONTENT_WIDTH in portrait, more in landscape. */
export const contentWidth = (doc: Pdf): number => doc.page.width - MARGINS.left - MARGINS.right
export const SIZE = { body: 12, small: 10, footer: 8, title: 15 }
const INK = '#000000'
const DRAFT_RED = '#c00000'

export interface DocumentMeta {
  /** The PDF's title and subject (document properties). */
  title: string
  subject: string
  /** The record's own time: the PDF's creation date, so the same record prints the same bytes. */
  createdAt: Date
  /** Landscape for a table too wide for a portrait page (Decree 30 keeps the same margins). */
  layout?: 'portrait' | 'landscape'
}

/**
 * A new A4 document with the four faces registered; pages are buffered so the footer can number them at the end.
 * pdfkit is loaded on the first document, not at start-up: it costs ~8 MB of memory that most processes never use.
 */
export async function newDocument (meta: DocumentMeta): Promise<Pdf> {
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    size: 'A4',
    layout: meta.layout ?? 'portrait',
    margins: MARGINS,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Author: 'thidua',
      Creator: 'thidua',
      Producer: 'thidua (PDFKit)',
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt
    }
  })
  const faces = loadFonts()
  for (const [name, data] of Object.entries(faces)) doc.registerFont(name, data)
  doc.font('regular').fontSize(SIZE.body).fillColor(INK)
  return doc
}

/** Collects the document's bytes. */
export function finish (doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}

export interface Heading {
  /** The issuing body in two lines: the body it belongs to, then itself (e.g. BỘ CÔNG AN / CỤM THI ĐUA SỐ 5). */
  issuer: [string, string]
  /** The place written before the date, e.g. Hà Nội. */
  place: string
  /** The date of the document, YYYY-MM-DD. */
  date: string
  /** The document kind, printed in capitals, e.g. GIAO ƯỚC THI ĐUA. */
  title: string
  /** What it is about, printed in bold under the title. */
  subtitle: string
  /** The document's number (số và ký hiệu), e.g. 125/QĐ-CAT-PV01, printed "Số: …" under the issuer; none when absent. */
  number?: string
}

const upper = (text: string) => text.toLocaleUpperCase('vi-VN')

/** "Hà Nội, ngày 29 tháng 3 năm 2022". */
export function placeAndDate (place: string, date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  // Decree 30/2020: days below 10 and months 1 and 2 are written with a leading zero.
  const dd = day < 10 ? `0${day}` : String(day)
  const mm = month < 3 ? `0${month}` : String(month)
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`
}

/** Draws a horizontal rule of `width` centred on `centre` at `y`. */
function rule (doc: Pdf, centre: number, y: number, width: number): void {
  doc.save().lineWidth(0.6).strokeColor(INK).moveTo(centre - width / 2, y).lineTo(centre + width / 2, y).stroke().restore()
}

/**
 * The national heading: the issuing body top left (its own name bold, a short rule under it), the country's name
 * and motto top right (the motto bold with a rule its width under it), the place and date right-aligned in
 * italics, then the title and subtitle centred. Leaves the cursor under the subtitle at the left margin.
 */
export function drawHeading (doc: Pdf, heading: Heading): void {
  const top = MARGINS.top
  const leftX = MARGINS.left - 45
  const leftWidth = 215
  // The motto's block keeps its portrait width, against the right edge whatever the page's orientation.
  const rightWidth = PAGE.width - MARGINS.right + 25 - (leftX + leftWidth + 5)
  const rightX = doc.page.width - MARGINS.right + 25 - rightWidth
  const leftCentre = leftX + leftWidth / 2
  const rightCentre = rightX + rightWidth / 2

  doc.font('regular').fontSize(SIZE.body)
  doc.text(upper(heading.issuer[0]), leftX, top, { width: leftWidth, align: 'center' })
  doc.font('bold')
  doc.text(upper(heading.issuer[1]), leftX, doc.y, { width: leftWidth, align: 'center', underline: false })
  const issuerBottom = doc.y + 4
  const issuerWidth = Math.min(leftWidth, doc.widthOfString(upper(heading.issuer[1])))
  rule(doc, leftCentre, issuerBottom, Math.max(60, issuerWidth * 0.5))

  doc.font('bold').fontSize(SIZE.body - 0.5)
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightWidth, align: 'center' })
  doc.fontSize(SIZE.body)
  const motto = 'Độc lập - Tự do - Hạnh phúc'
  doc.text(motto, rightX, doc.y, { width: rightWidth, align: 'center' })
  const mottoBottom = doc.y + 4
  rule(doc, rightCentre, mottoBottom, doc.widthOfString(motto))

  doc.font('italic').fontSize(SIZE.body)
  const dateLine = placeAndDate(heading.place, heading.date)
  // A long place ("Thành phố Hồ Chí Minh, ngày 20 tháng 12 năm 2024") is set a little smaller to stay on one line.
  doc.fontSize(Math.max(SIZE.small, Math.min(SIZE.body, SIZE.body * rightWidth / (doc.widthOfString(dateLine) + 2))))
  doc.text(dateLine, rightX, Math.max(mottoBottom, issuerBottom) + 12, { width: rightWidth, align: 'center' })
  doc.fontSize(SIZE.body)
  if (heading.number !== undefined) {
    doc.font('regular').text(`Số: ${heading.number}`, leftX, Math.max(mottoBottom, issuerBottom) + 12, { width: leftWidth, align: 'center' })
  }

  doc.moveDown(1.6)
  doc.font('bold').fontSize(SIZE.title)
  doc.text(upper(heading.title), MARGINS.left, doc.y, { width: contentWidth(doc), align: 'center' })
  doc.moveDown(0.2)
  doc.font('bold').fontSize(SIZE.body + 1)
  doc.text(heading.subtitle, MARGINS.left, doc.y, { width: contentWidth(doc), align: 'center' })
  doc.font('regular').fontSize(SIZE.body)
  doc.moveDown(0.8)
  doc.x = MARGINS.left
}

/** "BẢN DỰ THẢO" in large red capitals, centred: the record is not final and carries no hash yet. */
export function drawDraftMark (doc: Pdf, note: string): void {
  doc.font('bold').fontSize(20).fillColor(DRAFT_RED)
  doc.text(DRAFT_MARK, MARGINS.left, doc.y, { width: contentWidth(doc), align: 'center' })
  doc.font('italic').fontSize(SIZE.small)
  doc.text(note, MARGINS.left, doc.y, { width: contentWidth(doc), align: 'center' })
  doc.fillColor(INK).font('regular').fontSize(SIZE.body)
  doc.moveDown(0.8)
}

export const DRAFT_MARK = 'BẢN DỰ THẢO'

export type Footer = {
  /** The content hash (hex), or null for a draft. */
  hash: string | null
  /** What the hash is of, e.g. "Mã băm nội dung (SHA-256)". */
  hashLabel: string
  /** Printed instead of the hash for a draft. */
  draftNote: string
} | {
  /** A document that has no hash (a table computed from the records): a line saying what it shows. */
  note: string
}

/**
 * Writes the footer on every page: a rule, the hash (or the draft note, or the note of a document without a hash) on
 * the left, "Trang i/n" on the right.
 */
export function drawFooters (doc: Pdf, footer: Footer): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // The footer sits in the bottom margin: lift the margin while writing, or pdfkit would start a new page.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - MARGINS.bottom + 22
    doc.save().lineWidth(0.4).strokeColor('#808080')
      .moveTo(MARGINS.left, y - 5).lineTo(doc.page.width - MARGINS.right, y - 5).stroke().restore()
    const pageLabel = `Trang ${i - range.start + 1}/${range.count}`
    doc.font('regular').fontSize(SIZE.footer).fillColor(INK)
    const pageWidth = doc.widthOfString(pageLabel) + 2
    const textWidth = contentWidth(doc) - pageWidth - 10
    if ('note' in footer) {
      doc.text(footer.note, MARGINS.left, y, { width: textWidth, lineBreak: false })
    } else if (footer.hash) {
      doc.text(`${footer.hashLabel}:`, MARGINS.left, y, { width: textWidth, lineBreak: false })
      doc.font('regular').text(footer.hash, MARGINS.left, y + 10, { width: textWidth, lineBreak: false, characterSpacing: 0 })
    } else {
      doc.font('bold').fillColor(DRAFT_RED).text(`${DRAFT_MARK} — ${footer.draftNote}`, MARGINS.left, y, { width: textWidth, lineBreak: false })
      doc.fillColor(INK)
    }
    doc.font('regular').text(pageLabel, doc.page.width - MARGINS.right - pageWidth, y, { width: pageWidth, align: 'right', lineBreak: false })
    doc.page.margins.bottom = bottom
  }
}

const TIME_ZONE_OFFSET_MS = 7 * 3600_000

/** "15 giờ 00, ngày 29/03/2022": an instant as read in Việt Nam (UTC+7). */
export function vietnamTime (instant: string): string {
  const local = new Date(new Date(instant).getTime() + TIME_ZONE_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(local.getUTCHours())} giờ ${pad(local.getUTCMinutes())}, ngày ${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`
}

/** A number as written in Vietnamese (decimal comma, dot for thousands). */
export const vietnameseNumber = (value: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }).format(value)

/**
 * The issuing body in two lines: the police force the cluster's block belongs to, then the cluster. A block named
 * "… – Công an thành phố Hà Nội" belongs to that police; any other block to the Ministry (Bộ Công an).
 */
export function issuerOf (blockName: string, clusterName: string): [string, string] {
  const match = /\s[–-]\s*(Công an .+)$/u.exec(blockName)
  return [match ? match[1].trim() : 'Bộ Công an', clusterName]
}
