// The cover letter of an award dossier (tờ trình đề nghị khen thưởng), in the layout of Decree 30/2020/NĐ-CP: the
// issuing body (the body it belongs to, then the cluster's head unit of the year, or the cluster when no term is
// recorded) with the number and symbol left to be filled in (số …/TTr), the national motto, place and date, the
// title "TỜ TRÌNH" and "Đề nghị tặng <title> năm <year>", the addressee, the grounds, the proposed units with their
// ranking and vote, the dossier's attachments, the recipients and the signature block. Until the dossier is
// submitted it prints "BẢN DỰ THẢO"; from the submission on its content hash is in every footer.
import type { AttachmentKind, DossierStatus } from '../domain/dossier.js'
import { vietnameseNumber } from './official-heading.js'
import { numbered, text, type Block, type OfficialDocument } from './model.js'

export interface CoverLetterData {
  /** The issuing body in two lines: e.g. ['Bộ Công an', 'Viện Khoa học hình sự']. */
  issuer: [string, string]
  clusterName: string
  /** The cluster's head unit of the year, when a term records it. */
  headUnitName: string | null
  place: string
  /** The letter's date (YYYY-MM-DD, in Việt Nam): the day of the last submission, or of the draft. */
  date: string
  /** The record's time: the PDF's creation date. */
  createdAt: Date
  year: number
  titleCode: string
  titleName: string
  status: DossierStatus
  contentHash: string | null
  checklist: Array<{
    unitName: string
    ranking: { rank: number, total: number, bandName: string } | null
    vote: { round: number, votes: number, ballotsCast: number, electorate: number }
  }>
  attachments: Array<{ kind: AttachmentKind, fileName: string, unitName: string | null }>
}

/** The number and symbol, left for the office to fill in when it registers the letter. */
export const COVER_LETTER_NUMBER = '        /TTr-CTĐ'

const DRAFT_NOTE: Partial<Record<DossierStatus, string>> = {
  draft: 'Hồ sơ đang được hoàn thiện; chưa gửi Bộ Công an.',
  returned: 'Hồ sơ được trả lại để hoàn thiện; chưa gửi lại Bộ Công an.'
}

const attachmentLine = (a: CoverLetterData['attachments'][number]) =>
  a.kind === 'achievement_report' ? `Báo cáo thành tích của ${a.unitName ?? 'đơn vị'} (tệp "${a.fileName}").` : `Tài liệu "${a.fileName}".`

/** The cover letter as a document model: what the PDF and the .docx both print. */
export function coverLetterModel (data: CoverLetterData): OfficialDocument {
  const subtitle = `Đề nghị tặng ${data.titleName} năm ${data.year}`
  const sent = data.contentHash !== null
  const count = data.checklist.length
  const sender = data.headUnitName ? `${data.headUnitName} (đơn vị Cụm trưởng ${data.clusterName} năm ${data.year})` : data.clusterName
  const blocks: Block[] = [
    ...(sent ? [] : [{ kind: 'draft', note: DRAFT_NOTE[data.status] ?? '' } as const]),
    text('Kính gửi: Hội đồng Thi đua - Khen thưởng Bộ Công an.', { align: 'center', spaceAfter: 0.6 }),
    text('Căn cứ Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành;', { italic: true }),
    text('Căn cứ Thông tư số 12/2019/TT-BCA quy định về công tác thi đua, khen thưởng trong Công an nhân dân;', { italic: true }),
    text(`Căn cứ kết quả chấm điểm, xếp hạng thi đua và bỏ phiếu suy tôn của ${data.clusterName} năm ${data.year},`, { italic: true, spaceAfter: 0.5 }),
    text(`${sender} kính đề nghị Bộ trưởng Bộ Công an xét, tặng ${data.titleName} năm ${data.year} cho ${count} tập thể có tên sau:`),
    {
      kind: 'table',
      columns: [
        { header: 'TT', width: 0.07, align: 'center' },
        { header: 'Đơn vị', width: 0.37 },
        { header: 'Xếp hạng', width: 0.12, align: 'center' },
        { header: 'Tổng điểm', width: 0.13, align: 'right' },
        { header: 'Xếp loại', width: 0.14 },
        { header: 'Kết quả bỏ phiếu', width: 0.17, align: 'center' }
      ],
      rows: data.checklist.map((line, i) => [
        String(i + 1),
        line.unitName,
        line.ranking ? String(line.ranking.rank) : '—',
        line.ranking ? vietnameseNumber(line.ranking.total) : '—',
        line.ranking?.bandName ?? '—',
        `${line.vote.votes}/${line.vote.ballotsCast} phiếu (vòng ${line.vote.round}; ${line.vote.electorate} đơn vị)`
      ])
    },
    text(`Các đơn vị trên đã được ${data.clusterName} bình xét, bỏ phiếu kín suy tôn tại hội nghị tổng kết năm ${data.year}; ` +
      'kết quả chấm điểm đã được thẩm định và chốt theo quy định.', { spaceAfter: 0.5 }),
    { kind: 'section', text: 'Hồ sơ kèm theo' },
    ...numbered(data.attachments.map(attachmentLine), 'Chưa có tài liệu kèm theo.', { indent: 12 }),
    text(`${sender} kính trình Hội đồng Thi đua - Khen thưởng Bộ Công an xem xét, quyết định./.`, { spaceAfter: 0.6 }),
    {
      kind: 'closing',
      left: { heading: 'Nơi nhận:', lines: ['Như trên;', `Các đơn vị trong ${data.clusterName};`, 'Lưu: VT.'] },
      right: { heading: 'THỦ TRƯỞNG ĐƠN VỊ CỤM TRƯỞNG', note: '(Ký, ghi rõ họ tên, đóng dấu)' }
    }
  ]
  return {
    meta: { title: `Tờ trình đề nghị tặng ${data.titleName} năm ${data.year}`, subject: `${subtitle} — ${data.clusterName}`, createdAt: data.createdAt },
    heading: { issuer: data.issuer, number: COVER_LETTER_NUMBER, place: data.place, date: data.date, title: 'Tờ trình', subtitle },
    blocks,
    footer: { hash: sent ? data.contentHash : null, hashLabel: 'Mã băm nội dung hồ sơ đề nghị khen thưởng (SHA-256)', draftNote: 'hồ sơ chưa gửi, chưa có mã băm nội dung' }
  }
}
