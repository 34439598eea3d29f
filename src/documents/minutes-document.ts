// The printed minutes (biên bản) of a conference: the national heading, when and where it was held, who chaired
// it, the units that attended and the guests, the quorum, the agenda, the minutes, the decisions, the awards
// reported, and the signature blocks of the secretary and the chair. Every page's footer carries the SHA-256 of
// the finalized record's canonical form (see minutesHash). A draft record prints "BẢN DỰ THẢO" instead.
import type { Threshold } from '../domain/cluster-rules.js'
import { canonicalJson } from '../domain/canonical-json.js'
import type { ConferenceKind, ConferenceStatus, Quorum } from '../domain/conference.js'
import { sha256Hex } from '../domain/pledge.js'
import {
  CONTENT_WIDTH, drawDraftMark, drawFooters, drawHeading, finish, item, keepTogether, MARGINS, newDocument,
  paragraph, section, SIZE, vietnamTime, type Pdf
} from './official-heading.js'

/** The finalized record's fields the hash covers (the conference as GET /v1/conferences/{id} shows it). */
export interface HashedConference {
  id: string
  clusterId: string
  kind: ConferenceKind
  title: string
  year: number
  heldAt: string
  heldOn: string
  location: string | null
  chair: { name: string, rank: string, position: string, unitId: string | null }
  attendingUnitIds: string[]
  guests: Array<{ name: string, rank: string | null, position: string | null, organisation: string | null }>
  agenda: string[]
  minutes: string | null
  decisions: string[]
  awardTally: { collectives: number, individuals: number } | null
  links: { pledgeId: string | null, electionIds: string[], flagHandover: { fromUnitId: string, toUnitId: string, year: number } | null }
  quorum: Quorum
  finalizedAt: string | null
}

/**
 * The canonical form of a finalized record: canonical JSON (keys sorted, no white space, as the pledge's content
 * hash) of its content fields, its quorum and when it was finalized; not its version, status or bookkeeping times.
 */
export function minutesCanonical (c: HashedConference): string {
  const {
    id, clusterId, kind, title, year, heldAt, heldOn, location, chair, attendingUnitIds, guests, agenda, minutes,
    decisions, awardTally, links, quorum, finalizedAt
  } = c
  return canonicalJson({
    id, clusterId, kind, title, year, heldAt, heldOn, location, chair, attendingUnitIds, guests, agenda, minutes,
    decisions, awardTally, links, quorum, finalizedAt
  })
}

/** SHA-256 (hex) of the record's canonical form. */
export const minutesHash = (c: HashedConference) => sha256Hex(minutesCanonical(c))

export interface MinutesDocumentData {
  issuer: [string, string]
  place: string
  /** The conference date in Việt Nam (YYYY-MM-DD). */
  date: string
  createdAt: Date
  kind: ConferenceKind
  status: ConferenceStatus
  title: string
  heldAt: string
  location: string | null
  chair: { name: string, rank: string, position: string, unitName: string | null }
  attendingUnits: string[]
  guests: Array<{ name: string, rank: string | null, position: string | null, organisation: string | null }>
  quorum: Quorum
  agenda: string[]
  minutes: string | null
  decisions: string[]
  awardTally: { collectives: number, individuals: number } | null
  flagHandover: { fromUnitName: string, toUnitName: string, year: number } | null
  /** The record's hash, or null for a draft. */
  hash: string | null
}

export const KIND_TEXT: Record<ConferenceKind, string> = {
  pledge_signing: 'Hội nghị ký kết giao ước thi đua',
  mid_year_review: 'Hội nghị sơ kết 6 tháng',
  annual_review: 'Hội nghị tổng kết năm',
  other: 'Hội nghị khác'
}

const thresholdText = (t: Threshold) => `${t.comparison === 'at_least' ? 'ít nhất' : 'trên'} ${t.numerator}/${t.denominator}`

const joinDefined = (parts: Array<string | null>) => parts.filter((p): p is string => p !== null && p !== '').join(', ')

function signatureBlocks (doc: Pdf, chair: MinutesDocumentData['chair']): void {
  keepTogether(doc, 130)
  doc.moveDown(1.5)
  const y = doc.y
  const half = CONTENT_WIDTH / 2
  doc.font('bold').text('THƯ KÝ HỘI NGHỊ', MARGINS.left, y, { width: half, align: 'center' })
  doc.font('bold').text('CHỦ TRÌ HỘI NGHỊ', MARGINS.left + half, y, { width: half, align: 'center' })
  doc.font('italic').fontSize(SIZE.small)
  doc.text('(Ký, ghi rõ họ tên)', MARGINS.left, doc.y, { width: half, align: 'center' })
  doc.text('(Ký, ghi rõ họ tên)', MARGINS.left + half, y + doc.currentLineHeight(true) + 4, { width: half, align: 'center' })
  doc.font('bold').fontSize(SIZE.body)
  doc.text(`${chair.rank} ${chair.name}`, MARGINS.left + half, y + 90, { width: half, align: 'center' })
  doc.font('regular')
  doc.x = MARGINS.left
}

/** The conference minutes as an A4 PDF. */
export async function minutesDocument (data: MinutesDocumentData): Promise<Buffer> {
  const draft = data.status === 'draft' || data.hash === null
  const doc = await newDocument({ title: `Biên bản: ${data.title}`, subject: data.title, createdAt: data.createdAt })
  drawHeading(doc, { issuer: data.issuer, place: data.place, date: data.date, title: 'Biên bản hội nghị', subtitle: data.title })
  if (draft) drawDraftMark(doc, 'Biên bản chưa được hoàn tất; nội dung còn có thể thay đổi.')

  paragraph(doc, KIND_TEXT[data.kind] + '.', { label: 'Loại hội nghị:' })
  paragraph(doc, vietnamTime(data.heldAt) + '.', { label: 'Thời gian:' })
  paragraph(doc, (data.location ?? 'không ghi nhận') + '.', { label: 'Địa điểm:' })
  const { chair } = data
  paragraph(doc, joinDefined([`${chair.rank} ${chair.name}`, chair.position, chair.unitName === null || chair.position.includes(chair.unitName) ? null : chair.unitName]) + '.', { label: 'Chủ trì:' })

  section(doc, 'I. Thành phần tham dự')
  doc.font('bold').text('Các đơn vị trong Cụm:', MARGINS.left, doc.y, { width: CONTENT_WIDTH })
  doc.font('regular')
  if (data.attendingUnits.length === 0) paragraph(doc, 'Không có đơn vị nào được ghi nhận có mặt.', { font: 'italic' })
  data.attendingUnits.forEach((name, i) => item(doc, `${i + 1}.`, name))
  const q = data.quorum
  paragraph(doc, `${q.attending}/${q.members} đơn vị thành viên có mặt; yêu cầu ${thresholdText(q.required)} — ` +
    (q.met ? 'đủ điều kiện tiến hành hội nghị.' : 'chưa đủ điều kiện tiến hành hội nghị.'), { label: 'Số đơn vị có mặt:' })
  if (data.guests.length > 0) {
    doc.font('bold').text('Đại biểu, khách mời:', MARGINS.left, doc.y, { width: CONTENT_WIDTH })
    doc.font('regular')
    data.guests.forEach((g, i) => item(doc, `${i + 1}.`, joinDefined([g.rank ? `${g.rank} ${g.name}` : g.name, g.position, g.organisation])))
  }

  section(doc, 'II. Chương trình hội nghị')
  if (data.agenda.length === 0) paragraph(doc, 'Không ghi nhận.', { font: 'italic' })
  data.agenda.forEach((a, i) => item(doc, `${i + 1}.`, a))

  section(doc, 'III. Diễn biến hội nghị')
  for (const block of (data.minutes ?? 'Không ghi nhận.').split(/\n+/)) paragraph(doc, block)

  section(doc, 'IV. Kết luận, quyết định')
  if (data.decisions.length === 0) paragraph(doc, 'Không ghi nhận.', { font: 'italic' })
  data.decisions.forEach((d, i) => item(doc, `${i + 1}.`, d))

  if (data.awardTally || data.flagHandover) {
    section(doc, 'V. Khen thưởng, bàn giao cờ luân lưu')
    if (data.awardTally) {
      paragraph(doc, `${data.awardTally.collectives} tập thể và ${data.awardTally.individuals} cá nhân được khen thưởng.`, { label: 'Khen thưởng:' })
    }
    if (data.flagHandover) {
      const f = data.flagHandover
      paragraph(doc, `${f.fromUnitName} bàn giao cờ luân lưu cho ${f.toUnitName}, đơn vị Cụm trưởng năm ${f.year}.`, { label: 'Cờ luân lưu:' })
    }
  }

  signatureBlocks(doc, chair)

  drawFooters(doc, {
    hash: draft ? null : data.hash,
    hashLabel: 'Mã băm biên bản đã hoàn tất (SHA-256)',
    draftNote: 'biên bản chưa hoàn tất, chưa có mã băm'
  })
  return finish(doc)
}
