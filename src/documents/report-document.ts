// The printed summary report (báo cáo sơ kết / tổng kết công tác thi đua): the national heading, the sections in
// order (each paragraph of a section's text a paragraph of the page), the conference that adopted it once final,
// and the head unit's signature block. A report not yet final prints "BẢN DỰ THẢO" under the title and in every
// footer; a final one carries its content hash in every footer.
import type { ReportPeriod, ReportSection, ReportStatus } from '../domain/report.js'
import { text, type Block, type OfficialDocument } from './model.js'

export interface ReportDocumentData {
  /** The issuing body in two lines, e.g. ['Bộ Công an', 'Cụm thi đua số 9']. */
  issuer: [string, string]
  place: string
  /** The document's date (YYYY-MM-DD, in Việt Nam). */
  date: string
  /** The record's time: the PDF's creation date. */
  createdAt: Date
  clusterName: string
  period: ReportPeriod
  year: number
  status: ReportStatus
  sections: ReportSection[]
  /** The conference that adopted the final report. */
  adoptedAt: { title: string, heldOn: string } | null
  contentHash: string | null
}

const STATUS_NOTE: Record<Exclude<ReportStatus, 'final'>, string> = {
  draft: 'Dự thảo đang soạn; chưa lấy ý kiến góp ý của các đơn vị.',
  open_for_comments: 'Dự thảo đang lấy ý kiến góp ý của các đơn vị trong Cụm.'
}

/** "Báo cáo tổng kết công tác thi đua năm 2024", "Báo cáo sơ kết công tác thi đua 6 tháng đầu năm 2024". */
export const reportTitle = (period: ReportPeriod, year: number) =>
  period === 'annual' ? `Báo cáo tổng kết công tác thi đua năm ${year}` : `Báo cáo sơ kết công tác thi đua 6 tháng đầu năm ${year}`

/** A section: its heading, then each non-blank line of its text as a paragraph. */
const sectionBlocks = (section: ReportSection): Block[] => [
  { kind: 'section', text: `${section.code}. ${section.title}` },
  ...section.text.split(/\n+/).map((line) => line.trim()).filter(Boolean).map((line) => text(line))
]

/** The report as a document model: what the PDF and the .docx both print. */
export function reportModel (data: ReportDocumentData): OfficialDocument {
  const title = reportTitle(data.period, data.year)
  const final = data.status === 'final' && data.contentHash !== null
  return {
    meta: { title, subject: `${title} — ${data.clusterName}`, createdAt: data.createdAt },
    heading: { issuer: data.issuer, place: data.place, date: data.date, title, subtitle: `Phong trào thi đua "Vì an ninh Tổ quốc" của ${data.clusterName}` },
    blocks: [
      ...(final ? [] : [{ kind: 'draft', note: STATUS_NOTE[data.status as Exclude<ReportStatus, 'final'>] } as const]),
      ...(data.sections.length === 0 ? [text('Chưa có nội dung.', { italic: true })] : data.sections.flatMap(sectionBlocks)),
      ...(data.adoptedAt
        ? [text(`Báo cáo đã được thông qua tại ${data.adoptedAt.title} ngày ${data.adoptedAt.heldOn.split('-').reverse().join('/')}.`, { italic: true, spaceAfter: 0.6 })]
        : []),
      {
        kind: 'closing',
        left: { heading: 'Nơi nhận:', lines: [`Các đơn vị trong ${data.clusterName};`, 'Lưu: VT.'] },
        right: { heading: 'ĐƠN VỊ CỤM TRƯỞNG', note: '(Ký, ghi rõ họ tên, đóng dấu)' }
      }
    ],
    footer: {
      hash: final ? data.contentHash : null,
      hashLabel: 'Mã băm nội dung báo cáo (SHA-256)',
      draftNote: 'dự thảo, chưa có mã băm nội dung'
    }
  }
}
