// The printed minutes (biên bản) of a conference: the national heading, when and where it was held, who chaired
// it and who kept the minutes, the member units present and absent and the guests, the quorum, the agenda, the
// minutes, the decisions, the votes held, the awards reported and the flag handed over (each only when it
// happened), and the signatures of the secretary and the chair side by side, kept on the page of the last lines. Every page's footer carries the SHA-256 of
// the finalized record's canonical form (see minutesHash). A draft record prints "BẢN DỰ THẢO" instead.
import type { Threshold } from '../domain/cluster-rules.js'
import { canonicalJson } from '../domain/canonical-json.js'
import type { ConferenceKind, ConferenceStatus, Quorum } from '../domain/conference.js'
import { sha256Hex } from '../domain/pledge.js'
import { electionHeading, electionOutcome, roundText, type MinutesElection } from './minutes-votes.js'
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
  place: string | null
  chair: { name: string, rank: string, position: string, unitId: string | null }
  secretary: { name: string, rank: string | null, position: string } | null
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
 * `place` and `secretary` enter only when recorded: a record finalized before they existed keeps its hash.
 */
export function minutesCanonical (c: HashedConference): string {
  const {
    id, clusterId, kind, title, year, heldAt, heldOn, location, place, chair, secretary, attendingUnitIds, guests, agenda,
    minutes, decisions, awardTally, links, quorum, finalizedAt
  } = c
  return canonicalJson({
    id, clusterId, kind, title, year, heldAt, heldOn, location, chair, attendingUnitIds, guests, agenda, minutes,
    decisions, awardTally, links, quorum, finalizedAt, ...(place === null ? {} : { place }), ...(secretary === null ? {} : { secretary })
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
  secretary: { name: string, rank: string | null, position: string } | null
  /** The member units present (the chair's first when it is one), and the members absent. */
  presentUnits: string[]
  absentUnits: string[]
  guests: Array<{ name: string, rank: string | null, position: string | null, organisation: string | null }>
  quorum: Quorum
  agenda: string[]
  minutes: string | null
  decisions: string[]
  awardTally: { collectives: number, individuals: number } | null
  /** The votes held at the conference. */
  elections: MinutesElection[]
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

/** Whether a position already names the unit ("Trưởng phòng Tham mưu" names Phòng Tham mưu), whatever the case. */
const mentions = (position: string, unitName: string) => position.toLocaleLowerCase('vi').includes(unitName.toLocaleLowerCase('vi'))

const personText = (p: { name: string, rank: string | null }) => (p.rank ? `${p.rank} ${p.name}` : p.name)

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']

/** "30/07/2024" from "2024-07-30". */
const dayText = (date: string) => date.split('-').reverse().join('/')

// The signature block's height: the titles, the note, the space to sign and the names.
const SIGN_SPACE = 64
const SIGNATURE_HEIGHT = 18 + 2 * 15 + 13 + SIGN_SPACE + 15

/** The secretary on the left and the chair on the right, each with the space to sign above the printed name. */
function signatureBlocks (doc: Pdf, signers: Array<{ role: string, person: { name: string, rank: string | null } | null }>): void {
  doc.moveDown(1)
  const top = doc.y
  const half = CONTENT_WIDTH / 2
  signers.forEach(({ role, person }, i) => {
    const x = MARGINS.left + i * half
    doc.font('bold').fontSize(SIZE.body).text(role, x, top, { width: half, align: 'center' })
    doc.font('italic').fontSize(SIZE.small).text('(Ký, ghi rõ họ tên)', x, doc.y, { width: half, align: 'center' })
    const nameY = doc.y + SIGN_SPACE
    if (person) doc.font('bold').fontSize(SIZE.body).text(personText(person), x, nameY, { width: half, align: 'center' })
  })
  doc.font('regular').fontSize(SIZE.body)
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
  const { chair, secretary } = data
  paragraph(doc, joinDefined([personText(chair), chair.position, chair.unitName === null || mentions(chair.position, chair.unitName) ? null : chair.unitName]) + '.', { label: 'Chủ trì:' })
  paragraph(doc, secretary ? `${joinDefined([personText(secretary), secretary.position])}.` : 'không ghi nhận.', { label: 'Thư ký:' })

  const sections = ROMAN.values()
  const heading = (text: string) => section(doc, `${sections.next().value}. ${text}`)

  heading('Thành phần tham dự')
  doc.font('bold').text('Các đơn vị trong Cụm có mặt:', MARGINS.left, doc.y, { width: CONTENT_WIDTH })
  doc.font('regular')
  if (data.presentUnits.length === 0) paragraph(doc, 'Không có đơn vị nào được ghi nhận có mặt.', { font: 'italic' })
  data.presentUnits.forEach((name, i) => item(doc, `${i + 1}.`, name))
  if (data.absentUnits.length === 0) paragraph(doc, 'không có.', { label: 'Các đơn vị vắng mặt:' })
  else {
    doc.font('bold').text('Các đơn vị vắng mặt:', MARGINS.left, doc.y, { width: CONTENT_WIDTH })
    data.absentUnits.forEach((name, i) => item(doc, `${i + 1}.`, name))
  }
  const q = data.quorum
  paragraph(doc, `${q.attending}/${q.members} đơn vị thành viên có mặt; yêu cầu ${thresholdText(q.required)} — ` +
    (q.met ? 'đủ điều kiện tiến hành hội nghị.' : 'chưa đủ điều kiện tiến hành hội nghị.'), { label: 'Số đơn vị có mặt:' })
  if (data.guests.length > 0) {
    doc.font('bold').text('Đại biểu, khách mời:', MARGINS.left, doc.y, { width: CONTENT_WIDTH })
    doc.font('regular')
    data.guests.forEach((g, i) => item(doc, `${i + 1}.`, joinDefined([personText(g), g.position, g.organisation])))
  }

  heading('Chương trình hội nghị')
  if (data.agenda.length === 0) paragraph(doc, 'Không ghi nhận.', { font: 'italic' })
  data.agenda.forEach((a, i) => item(doc, `${i + 1}.`, a))

  heading('Diễn biến hội nghị')
  for (const block of (data.minutes ?? 'Không ghi nhận.').split(/\n+/)) paragraph(doc, block)

  heading('Kết luận, quyết định')
  if (data.decisions.length === 0) paragraph(doc, 'Không ghi nhận.', { font: 'italic' })
  data.decisions.forEach((d, i) => item(doc, `${i + 1}.`, d))

  if (data.elections.length > 0) {
    heading('Kết quả bỏ phiếu tại hội nghị')
    data.elections.forEach((e, i) => {
      item(doc, `${i + 1}.`, electionHeading(e), { font: 'bold' })
      for (const round of e.rounds) paragraph(doc, roundText(round), { indent: 22 })
      paragraph(doc, electionOutcome(e), { label: 'Kết quả:', indent: 22 })
    })
  }

  if (data.awardTally) {
    heading('Khen thưởng')
    paragraph(doc, `${data.awardTally.collectives} tập thể và ${data.awardTally.individuals} cá nhân được khen thưởng.`)
  }
  if (data.flagHandover) {
    const f = data.flagHandover
    heading('Bàn giao cờ luân lưu')
    paragraph(doc, `${f.fromUnitName} bàn giao cờ luân lưu cho ${f.toUnitName}, đơn vị Cụm trưởng năm ${f.year}.`)
  }

  // The closing lines go with the signatures: a page never holds the signatures alone.
  const closing = `Biên bản được lập tại hội nghị ngày ${dayText(data.date)}, do thư ký hội nghị ghi và được chủ trì hội nghị ký xác nhận.`
  doc.font('regular').fontSize(SIZE.body)
  doc.moveDown(0.5)
  keepTogether(doc, doc.heightOfString(closing, { width: CONTENT_WIDTH, align: 'justify' }) + SIGNATURE_HEIGHT)
  paragraph(doc, closing)
  signatureBlocks(doc, [{ role: 'THƯ KÝ HỘI NGHỊ', person: secretary }, { role: 'CHỦ TRÌ HỘI NGHỊ', person: chair }])

  drawFooters(doc, {
    hash: draft ? null : data.hash,
    hashLabel: 'Mã băm biên bản đã hoàn tất (SHA-256)',
    draftNote: 'biên bản chưa hoàn tất, chưa có mã băm'
  })
  return finish(doc)
}
