// The printed pledge (giao ước thi đua): the national heading, the slogan, the commitments with their targets,
// the titles each unit registers for, and the units that signed with their signers. Every page's footer carries
// the content hash the signatures refer to. A draft (not yet opened) has no hash: it prints with "BẢN DỰ THẢO"
// under the title and in every footer instead.
import type { PledgeStatus, TargetDirection } from '../domain/pledge.js'
import { labelled, numbered, text, type Block, type OfficialDocument } from './model.js'
import { vietnameseNumber, vietnamTime } from './official-heading.js'

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

/** "Chỉ tiêu: đạt ít nhất 100% (tin báo …)": a per cent sign follows its number as Vietnamese writes it, other units after a space. */
export function targetText (target: NonNullable<PledgeDocumentData['commitments'][number]['target']>): string {
  const bound = target.direction === 'lower_is_better' ? 'không vượt quá' : 'đạt ít nhất'
  const value = `${vietnameseNumber(target.value)}${target.unit === '%' ? '' : ' '}${target.unit}`
  return `${bound} ${value}${target.description ? ` (${target.description})` : ''}`
}

/** Each signing unit, its signer, when, and whether it signed itself; a signer's lines stay on one page. */
function signatureBlocks (signatures: PledgeDocumentData['signatures']): Block[] {
  if (signatures.length === 0) return [text('Chưa có đơn vị nào ký.', { italic: true })]
  return signatures.flatMap((s, i): Block[] => [
    { kind: 'item', number: `${i + 1}.`, runs: [{ text: s.unitName, bold: true }], keepWithNext: 3 },
    { kind: 'paragraph', runs: [{ text: 'Người ký: ' }, { text: s.signerName, bold: true }, { text: `, ${s.signerPosition}` }], align: 'left', indent: 22, spaceAfter: 0 },
    text(`Thời gian ký: ${vietnamTime(s.signedAt)}`, { align: 'left', indent: 22, spaceAfter: 0 }),
    text(s.onBehalf ? 'Chữ ký do thư ký Cụm hoặc quản trị viên ghi nhận thay mặt đơn vị.' : 'Đơn vị tự ký.', { italic: true, align: 'left', indent: 22, spaceAfter: 0.4 })
  ])
}

/** The pledge as a document model: what the PDF and the .docx both print. */
export function pledgeModel (data: PledgeDocumentData): OfficialDocument {
  const draft = data.status === 'draft' || data.contentHash === null
  const status = data.status === 'in_force' && data.inForceAt
    ? `${STATUS_TEXT.in_force} từ ${vietnamTime(data.inForceAt)}`
    : STATUS_TEXT[data.status]
  return {
    meta: { title: `Giao ước thi đua năm ${data.year}`, subject: data.title, createdAt: data.createdAt },
    heading: { issuer: data.issuer, place: data.place, date: data.date, title: 'Giao ước thi đua', subtitle: data.title },
    blocks: [
      ...(draft ? [{ kind: 'draft', note: 'Nội dung còn có thể thay đổi; chưa có mã băm nội dung và chưa thể ký.' } as const] : []),
      text(`Phiên bản ${data.versionNumber} — ${status}.`, { italic: true, size: 'small', align: 'center', spaceAfter: 0.8 }),
      text('Khẩu hiệu thi đua:', { bold: true, align: 'center', spaceAfter: 0 }),
      text(`“${data.slogan}”`, { bold: true, italic: true, size: 'large', align: 'center', spaceAfter: 0.6 }),
      { kind: 'section', text: 'I. Nội dung giao ước' },
      ...(data.commitments.length === 0 ? [text('Chưa có nội dung.', { italic: true })] : []),
      ...data.commitments.flatMap((c, i): Block[] => [
        { kind: 'item', number: `${i + 1}.`, runs: [{ text: c.text }] },
        ...(c.target ? [labelled('Chỉ tiêu:', targetText(c.target), { indent: 22 })] : [])
      ]),
      { kind: 'section', text: 'II. Đăng ký danh hiệu thi đua' },
      ...numbered(data.registeredTitles.map((r) => `${r.unitName}: ${r.titleName}.`), 'Không có đơn vị đăng ký danh hiệu.'),
      { kind: 'section', text: 'III. Các đơn vị ký giao ước' },
      ...signatureBlocks(data.signatures)
    ],
    footer: {
      hash: draft ? null : data.contentHash,
      hashLabel: 'Mã băm nội dung giao ước (SHA-256), mà mọi chữ ký đều dẫn chiếu',
      draftNote: 'chưa có mã băm nội dung'
    }
  }
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
