// The printed decision founding a cluster's advisory group (Quyết định thành lập Tổ tư vấn): the national heading
// with the decision's number, place and date, the title, the authority of the issuer, the three articles (Điều 1
// the members with rank, position and unit; Điều 2 their duties; Điều 3 its effect), the recipients and the
// signature block. Every page's footer carries the digest of the version printed. The words of the articles are
// shared with the .docx (advisory-decision-docx.ts), so both print the same decision.
import type { Decision } from '../domain/advisory-group.js'
import { placeOf } from '../domain/advisory-group.js'
import {
  CONTENT_WIDTH, drawFooters, drawHeading, finish, item, keepTogether, MARGINS, newDocument, paragraph, SIZE, type Pdf
} from './official-heading.js'

export interface DecisionDocumentData {
  /** The body the issuer belongs to, e.g. Bộ Công an. */
  superior: string
  clusterName: string
  year: number
  version: number
  decision: Decision
  members: Array<{ name: string, rank: string | null, position: string, unitName: string }>
  /** When the version printed was written: the PDF's creation date. */
  createdAt: Date
  /** SHA-256 (hex) of the version printed (domain/advisory-group.ts contentDigest). */
  digest: string
}

const upper = (text: string) => text.toLocaleUpperCase('vi-VN')

/** The words of the decision, in reading order: what the PDF and the .docx both print. */
export function decisionText (data: DecisionDocumentData) {
  const { decision, clusterName, year } = data
  return {
    place: placeOf(decision.issuer),
    title: 'Quyết định',
    subtitle: `Về việc thành lập Tổ tư vấn cho đơn vị Cụm trưởng ${clusterName} năm ${year}`,
    authority: `THỦ TRƯỞNG ${upper(decision.issuer)}`,
    grounds: [
      `Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành;`,
      `Căn cứ quy định về tổ chức, hoạt động của các Cụm, Khối thi đua thuộc ${data.superior};`,
      `Căn cứ kết quả phân công đơn vị Cụm trưởng ${clusterName} năm ${year};`,
      'Theo đề nghị của bộ phận thường trực Cụm thi đua.'
    ],
    decides: 'QUYẾT ĐỊNH:',
    article1: `Thành lập Tổ tư vấn giúp đơn vị Cụm trưởng ${clusterName} năm ${year} thẩm định, chấm điểm thi đua, gồm ${data.members.length} đồng chí có tên sau:`,
    members: data.members.map((m) => `Đồng chí ${m.rank ? `${m.rank} ` : ''}${m.name}, ${m.position}, ${m.unitName}.`),
    article2: 'Tổ tư vấn có nhiệm vụ giúp đơn vị Cụm trưởng thẩm định hồ sơ, kết quả tự chấm điểm theo các tiêu chí thi đua ' +
      `của các đơn vị trong Cụm năm ${year}; tham mưu bình xét, suy tôn và đề nghị khen thưởng theo quy định. ` +
      'Tổ tư vấn làm việc theo chế độ kiêm nhiệm và tự giải thể sau khi hoàn thành nhiệm vụ.',
    article3: 'Quyết định này có hiệu lực kể từ ngày ký. Các đồng chí có tên tại Điều 1 và các đơn vị trong ' +
      `${clusterName} chịu trách nhiệm thi hành Quyết định này.`,
    recipients: ['Như Điều 3;', `Các đơn vị trong ${clusterName};`, 'Lưu: VT.'],
    signer: 'THỦ TRƯỞNG ĐƠN VỊ',
    signNote: '(Ký, ghi rõ họ tên, đóng dấu)',
    footer: `Mã băm nội dung Quyết định (SHA-256), phiên bản ${data.version}`
  }
}

function article (doc: Pdf, label: string, text: string): void {
  doc.font('bold').text(`${label} `, MARGINS.left, doc.y, { width: CONTENT_WIDTH, continued: true, align: 'justify' })
  doc.font('regular').text(text, { width: CONTENT_WIDTH, align: 'justify' })
  doc.moveDown(0.3)
}

function closing (doc: Pdf, text: ReturnType<typeof decisionText>): void {
  keepTogether(doc, 150)
  doc.moveDown(1)
  const y = doc.y
  const half = CONTENT_WIDTH / 2
  doc.font('boldItalic').fontSize(SIZE.body).text('Nơi nhận:', MARGINS.left, y, { width: half })
  doc.font('regular').fontSize(SIZE.small)
  for (const r of text.recipients) doc.text(`- ${r}`, MARGINS.left, doc.y, { width: half })
  doc.font('bold').fontSize(SIZE.body).text(text.signer, MARGINS.left + half, y, { width: half, align: 'center' })
  doc.font('italic').fontSize(SIZE.small).text(text.signNote, MARGINS.left + half, doc.y, { width: half, align: 'center' })
  doc.font('regular').fontSize(SIZE.body)
  doc.x = MARGINS.left
}

/** The decision as an A4 PDF. */
export async function decisionDocument (data: DecisionDocumentData): Promise<Buffer> {
  const text = decisionText(data)
  const doc = await newDocument({ title: `Quyết định ${data.decision.number}`, subject: text.subtitle, createdAt: data.createdAt })
  drawHeading(doc, {
    issuer: [data.superior, data.decision.issuer],
    number: data.decision.number,
    place: text.place,
    date: data.decision.date,
    title: text.title,
    subtitle: text.subtitle
  })
  doc.font('bold').text(text.authority, MARGINS.left, doc.y, { width: CONTENT_WIDTH, align: 'center' })
  doc.moveDown(0.5)
  for (const ground of text.grounds) paragraph(doc, ground, { font: 'italic' })
  doc.moveDown(0.3)
  doc.font('bold').text(text.decides, MARGINS.left, doc.y, { width: CONTENT_WIDTH, align: 'center' })
  doc.font('regular').moveDown(0.5)
  article(doc, 'Điều 1.', text.article1)
  text.members.forEach((m, i) => item(doc, `${i + 1}.`, m, { indent: 12 }))
  doc.moveDown(0.2)
  article(doc, 'Điều 2.', text.article2)
  article(doc, 'Điều 3.', text.article3)
  closing(doc, text)
  drawFooters(doc, { hash: data.digest, hashLabel: text.footer, draftNote: '' })
  return finish(doc)
}
