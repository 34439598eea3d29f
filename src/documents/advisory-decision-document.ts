// The printed decision founding a cluster's advisory group (Quyết định thành lập Tổ tư vấn): the national heading
// with the decision's number, place and date, the title, the authority of the issuer, the three articles (Điều 1
// the members with rank, position and unit; Điều 2 their duties; Điều 3 its effect), the recipients and the
// signature block. Every page's footer carries the digest of the version printed. The words of the articles are
// one model (decisionModel) that the PDF and the .docx renderers both lay out, so both print the same decision.
import type { Decision } from '../domain/advisory-group.js'
import { placeOf } from '../domain/advisory-group.js'
import { numbered, text as paragraph, upper, type Block, type OfficialDocument } from './model.js'

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

const article = (label: string, value: string): Block =>
  ({ kind: 'paragraph', runs: [{ text: `${label} `, bold: true }, { text: value }], spaceAfter: 0.3 })

/** The decision as a document model: what the PDF and the .docx both print. */
export function decisionModel (data: DecisionDocumentData): OfficialDocument {
  const text = decisionText(data)
  return {
    meta: { title: `Quyết định ${data.decision.number}`, subject: text.subtitle, createdAt: data.createdAt },
    heading: {
      issuer: [data.superior, data.decision.issuer],
      number: data.decision.number,
      place: text.place,
      date: data.decision.date,
      title: text.title,
      subtitle: text.subtitle
    },
    blocks: [
      { kind: 'paragraph', runs: [{ text: text.authority, bold: true }], align: 'center', spaceAfter: 0.5 },
      ...text.grounds.map((ground) => paragraph(ground, { italic: true })),
      { kind: 'paragraph', runs: [{ text: text.decides, bold: true }], align: 'center', spaceAfter: 0.5 },
      article('Điều 1.', text.article1),
      ...numbered(text.members, '', { indent: 12 }),
      article('Điều 2.', text.article2),
      article('Điều 3.', text.article3),
      {
        kind: 'closing',
        left: { heading: 'Nơi nhận:', lines: text.recipients },
        right: { heading: text.signer, note: text.signNote }
      }
    ],
    footer: { hash: data.digest, hashLabel: text.footer, draftNote: '' }
  }
}
