// The printed minutes (biên bản) of a conference: the national heading, when and where it was held, who chaired
// it, the units that attended and the guests, the quorum, the agenda, the minutes, the decisions, the awards
// reported, and the signature blocks of the secretary and the chair. Every page's footer carries the SHA-256 of
// the finalized record's canonical form (see minutesHash). A draft record prints "BẢN DỰ THẢO" instead.
import type { Threshold } from '../domain/cluster-rules.js'
import { canonicalJson } from '../domain/canonical-json.js'
import type { ConferenceKind, ConferenceStatus, Quorum } from '../domain/conference.js'
import { sha256Hex } from '../domain/pledge.js'
import { labelled, numbered, text, type Block, type OfficialDocument } from './model.js'
import { vietnamTime } from './official-heading.js'

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

/** The conference minutes as a document model: what the PDF and the .docx both print. */
export function minutesModel (data: MinutesDocumentData): OfficialDocument {
  const draft = data.status === 'draft' || data.hash === null
  const { chair, quorum: q } = data
  const chairUnit = chair.unitName === null || chair.position.includes(chair.unitName) ? null : chair.unitName
  const heading = (value: string): Block => ({ kind: 'paragraph', runs: [{ text: value, bold: true }], align: 'left', spaceAfter: 0 })
  return {
    meta: { title: `Biên bản: ${data.title}`, subject: data.title, createdAt: data.createdAt },
    heading: { issuer: data.issuer, place: data.place, date: data.date, title: 'Biên bản hội nghị', subtitle: data.title },
    blocks: [
      ...(draft ? [{ kind: 'draft', note: 'Biên bản chưa được hoàn tất; nội dung còn có thể thay đổi.' } as const] : []),
      labelled('Loại hội nghị:', KIND_TEXT[data.kind] + '.'),
      labelled('Thời gian:', vietnamTime(data.heldAt) + '.'),
      labelled('Địa điểm:', (data.location ?? 'không ghi nhận') + '.'),
      labelled('Chủ trì:', joinDefined([`${chair.rank} ${chair.name}`, chair.position, chairUnit]) + '.'),
      { kind: 'section', text: 'I. Thành phần tham dự' },
      heading('Các đơn vị trong Cụm:'),
      ...numbered(data.attendingUnits, 'Không có đơn vị nào được ghi nhận có mặt.'),
      labelled('Số đơn vị có mặt:', `${q.attending}/${q.members} đơn vị thành viên có mặt; yêu cầu ${thresholdText(q.required)} — ` +
        (q.met ? 'đủ điều kiện tiến hành hội nghị.' : 'chưa đủ điều kiện tiến hành hội nghị.')),
      ...(data.guests.length === 0
        ? []
        : [heading('Đại biểu, khách mời:'), ...numbered(data.guests.map((g) => joinDefined([g.rank ? `${g.rank} ${g.name}` : g.name, g.position, g.organisation])), '')]),
      { kind: 'section', text: 'II. Chương trình hội nghị' },
      ...numbered(data.agenda, 'Không ghi nhận.'),
      { kind: 'section', text: 'III. Diễn biến hội nghị' },
      ...(data.minutes ?? 'Không ghi nhận.').split(/\n+/).map((block) => text(block)),
      { kind: 'section', text: 'IV. Kết luận, quyết định' },
      ...numbered(data.decisions, 'Không ghi nhận.'),
      ...(data.awardTally || data.flagHandover ? [{ kind: 'section', text: 'V. Khen thưởng, bàn giao cờ luân lưu' } as const] : []),
      ...(data.awardTally ? [labelled('Khen thưởng:', `${data.awardTally.collectives} tập thể và ${data.awardTally.individuals} cá nhân được khen thưởng.`)] : []),
      ...(data.flagHandover
        ? [labelled('Cờ luân lưu:', `${data.flagHandover.fromUnitName} bàn giao cờ luân lưu cho ${data.flagHandover.toUnitName}, đơn vị Cụm trưởng năm ${data.flagHandover.year}.`)]
        : []),
      {
        kind: 'closing',
        left: { heading: 'Thư ký hội nghị', note: '(Ký, ghi rõ họ tên)' },
        right: { heading: 'Chủ trì hội nghị', note: '(Ký, ghi rõ họ tên)', signer: `${chair.rank} ${chair.name}` }
      }
    ],
    footer: {
      hash: draft ? null : data.hash,
      hashLabel: 'Mã băm biên bản đã hoàn tất (SHA-256)',
      draftNote: 'biên bản chưa hoàn tất, chưa có mã băm'
    }
  }
}
