// The printed pledge (giao ước thi đua): the national heading, the slogan, the commitments with their targets,
// the titles each unit registers for, and the units that signed with their signers. Every page's footer carries
// the content hash the signatures refer to. A draft (not yet opened) has no hash: it prints with "BẢN DỰ THẢO"
// under the title and in every footer instead.
import type { PledgeStatus, TargetDirection } from '../domain/pledge.js'
import {
  drawDraftMark, drawFooters, drawHeading, finish, item, keepTogether, MARGINS, newDocument, paragraph, section,
  SIZE, CONTENT_WIDTH, vietnameseNumber, vietnamTime, type Pdf
} from './official-heading.js'

export interface PledgeDocumentData {
  /** The issuing body in two lines, e.g. ['Bộ Công an', 'Cụm thi đua số 5']. */
  issuer: [string, string]
  place: string
  /** The document's date (YYYY-MM-DD, in Việt Nam). */
  date: string
  /** The record's time: the PDF's creation date. */
  createdAt: Date
  year: number
  versionNumber: number
  status: PledgeStatus
  title: string
  slogan: string
  commitments: Array<{
    text: string
    target: { value: number, unit: string, direction: TargetDirection, description: string | null } | null
  }>
  registeredTitles: Array<{ unitName: string, titleName: string }>
  signatures: Array<{
    unitName: string
    signerName: string
    signerPosition: string
    signedAt: string
    onBehalf: boolean
  }>
  contentHash: string | null
  inForceAt: string | null
}

const STATUS_TEXT: Record<PledgeStatus, string> = {
  draft: 'Bản dự thảo, chưa mở để ký',
  open: 'Đang lấy chữ ký của các đơn vị',
  in_force: 'Có hiệu lực',
  superseded: 'Đã được thay thế bởi phiên bản sau'
}

/** "Chỉ tiêu: đạt ít nhất 100 % (tin báo …)". */
export function targetText (target: NonNullable<PledgeDocumentData['commitments'][number]['target']>): string {
  const bound = target.direction === 'lower_is_better' ? 'không vượt quá' : 'đạt ít nhất'
  const value = `${vietnameseNumber(target.value)} ${target.unit}`
  return `${bound} ${value}${target.description ? ` (${target.description})` : ''}`
}

function drawSignatures (doc: Pdf, signatures: PledgeDocumentData['signatures']): void {
  if (signatures.length === 0) {
    paragraph(doc, 'Chưa có đơn vị nào ký.', { font: 'italic' })
    return
  }
  signatures.forEach((s, i) => {
    keepTogether(doc, 4 * doc.currentLineHeight(true) + 10)
    item(doc, `${i + 1}.`, s.unitName, { font: 'bold' })
    const x = MARGINS.left + 22
    const width = CONTENT_WIDTH - 22
    doc.font('regular').fontSize(SIZE.body)
    doc.text('Người ký: ', x, doc.y, { width, continued: true }).font('bold').text(s.signerName, { continued: true })
      .font('regular').text(`, ${s.signerPosition}`)
    doc.text(`Thời gian ký: ${vietnamTime(s.signedAt)}`, x, doc.y, { width })
    doc.font('italic').text(s.onBehalf
      ? 'Chữ ký do thư ký Cụm hoặc quản trị viên ghi nhận thay mặt đơn vị.'
      : 'Đơn vị tự ký.', x, doc.y, { width })
    doc.font('regular').moveDown(0.4)
  })
}

/** The pledge as an A4 PDF. */
export async function pledgeDocument (data: PledgeDocumentData): Promise<Buffer> {
  const draft = data.status === 'draft' || data.contentHash === null
  const doc = await newDocument({
    title: `Giao ước thi đua năm ${data.year}`,
    subject: data.title,
    createdAt: data.createdAt
  })
  drawHeading(doc, {
    issuer: data.issuer,
    place: data.place,
    date: data.date,
    title: 'Giao ước thi đua',
    subtitle: data.title
  })
  if (draft) drawDraftMark(doc, 'Nội dung còn có thể thay đổi; chưa có mã băm nội dung và chưa thể ký.')

  doc.font('italic').fontSize(SIZE.small)
  const status = data.status === 'in_force' && data.inForceAt
    ? `${STATUS_TEXT.in_force} từ ${vietnamTime(data.inForceAt)}`
    : STATUS_TEXT[data.status]
  doc.text(`Phiên bản ${data.versionNumber} — ${status}.`, MARGINS.left, doc.y, { width: CONTENT_WIDTH, align: 'center' })
  doc.font('regular').fontSize(SIZE.body).moveDown(0.8)

  doc.font('bold').text('Khẩu hiệu thi đua:', MARGINS.left, doc.y, { width: CONTENT_WIDTH, align: 'center' })
  doc.font('boldItalic').fontSize(SIZE.body + 1).text(`“${data.slogan}”`, MARGINS.left, doc.y, { width: CONTENT_WIDTH, align: 'center' })
  doc.font('regular').fontSize(SIZE.body).moveDown(0.6)

  section(doc, 'I. Nội dung giao ước')
  if (data.commitments.length === 0) paragraph(doc, 'Chưa có nội dung.', { font: 'italic' })
  data.commitments.forEach((c, i) => {
    item(doc, `${i + 1}.`, c.text)
    if (c.target) paragraph(doc, targetText(c.target), { label: 'Chỉ tiêu:', indent: 22 })
  })

  section(doc, 'II. Đăng ký danh hiệu thi đua')
  if (data.registeredTitles.length === 0) paragraph(doc, 'Không có đơn vị đăng ký danh hiệu.', { font: 'italic' })
  data.registeredTitles.forEach((r, i) => {
    item(doc, `${i + 1}.`, `${r.unitName}: ${r.titleName}.`)
  })

  section(doc, 'III. Các đơn vị ký giao ước')
  drawSignatures(doc, data.signatures)

  drawFooters(doc, {
    hash: draft ? null : data.contentHash,
    hashLabel: 'Mã băm nội dung giao ước (SHA-256), mà mọi chữ ký đều dẫn chiếu',
    draftNote: 'chưa có mã băm nội dung'
  })
  return finish(doc)
}

/** Title codes the service knows by name. A Map: a client's code such as `constructor` must not find an inherited property. */
const TITLE_NAMES = new Map([
  ['government_flag', 'Cờ thi đua của Chính phủ'],
  ['ministry_flag', 'Cờ thi đua của Bộ Công an'],
  ['ministry_certificate', 'Bằng khen của Bộ trưởng Bộ Công an']
])

/** The Vietnamese name of a title code; a code the service does not know by name prints as it is. */
export function titleName (code: string): string {
  return TITLE_NAMES.get(code) ?? code
}
