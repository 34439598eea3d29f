// The printed minutes (biên bản) of a conference: the national heading, when and where it was held, who chaired
// it and who kept the minutes, the member units present and absent and the guests, the quorum, the agenda, the
// minutes, the decisions, the documents adopted and the advisory group's founding decision announced, the pledge
// signed, the votes held, the awards reported and the flag handed over (each only when it happened), and the signatures of the secretary and the chair side by side, kept on the page of the last lines.
// Every page's footer carries the SHA-256 of the finalized record's canonical form (see minutesHash). A draft
// record prints "BẢN DỰ THẢO" instead. One model (minutesModel) is laid out as the PDF and as the .docx.
import type { Threshold } from '../domain/cluster-rules.js'
import { canonicalJson } from '../domain/canonical-json.js'
import type { ConferenceKind, ConferenceStatus, Quorum } from '../domain/conference.js'
import { sha256Hex } from '../domain/pledge.js'
import { electionHeading, electionOutcome, roundText, type MinutesElection } from './minutes-votes.js'
import { labelled, numbered, text, type Block, type OfficialDocument } from './model.js'
import { vietnamTime } from './official-heading.js'
import { KIND_TITLES } from './cluster-document.js'
import { reportTitle } from './report-document.js'
import type { DocumentKind } from '../domain/cluster-document.js'
import type { ReportPeriod } from '../domain/report.js'

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
  links: {
    pledgeId: string | null
    electionIds: string[]
    flagHandover: { fromUnitId: string, toUnitId: string, year: number } | null
    advisoryGroupYear?: number | null
  }
  quorum: Quorum
  finalizedAt: string | null
}

/**
 * The canonical form of a finalized record: canonical JSON (keys sorted, no white space, as the pledge's content
 * hash) of its content fields, its quorum and when it was finalized; not its version, status or bookkeeping times.
 * `place`, `secretary` and the advisory group's link enter only when recorded: a record finalized before they
 * existed keeps its hash.
 */
export function minutesCanonical (c: HashedConference): string {
  const {
    id, clusterId, kind, title, year, heldAt, heldOn, location, place, chair, secretary, attendingUnitIds, guests, agenda,
    minutes, decisions, awardTally, links, quorum, finalizedAt
  } = c
  const { advisoryGroupYear, ...otherLinks } = links
  return canonicalJson({
    id, clusterId, kind, title, year, heldAt, heldOn, location, chair, attendingUnitIds, guests, agenda, minutes,
    decisions, awardTally, links: advisoryGroupYear == null ? otherLinks : links, quorum, finalizedAt, ...(place === null ? {} : { place }), ...(secretary === null ? {} : { secretary })
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
  /**
   * What the conference adopted or announced: the cluster documents adopted at it (in force or superseded since),
   * the summary reports finalized at it, and the founding decision of the advisory group it links.
   */
  adopted: AdoptedAtConference
  /** The pledge the conference links, with its signatures (by the record's finalization) in signing order. */
  pledge: PledgeAtConference | null
  /** The votes held at the conference. */
  elections: MinutesElection[]
  flagHandover: { fromUnitName: string, toUnitName: string, year: number } | null
  /** The record's hash, or null for a draft. */
  hash: string | null
}

export interface AdoptedAtConference {
  documents: Array<{ kind: DocumentKind, title: string, versionNumber: number }>
  reports: Array<{ period: ReportPeriod, year: number }>
  advisoryDecision: { number: string, date: string, issuer: string, year: number, members: number } | null
}

export interface PledgeAtConference {
  title: string
  versionNumber: number
  /** Member units on the conference date. */
  members: number
  /** Each with its date (YYYY-MM-DD), printed when it is not the conference's. */
  signatures: Array<{ unitName: string, signerName: string, signerPosition: string, signedOn: string }>
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

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']

/** "30/07/2024" from "2024-07-30". */
const dayText = (date: string) => date.split('-').reverse().join('/')

/**
 * What the conference adopted, one line each: the documents (named by their title, the kind added when the title
 * does not say it, the version after the first), the reports, then the advisory group's founding decision.
 */
export function adoptedLines ({ documents, reports, advisoryDecision: d }: AdoptedAtConference): string[] {
  return [
    ...documents.map(({ kind, title, versionNumber }) => {
      const kindTitle = KIND_TITLES[kind]
      const notes = [
        ...(title.toLocaleLowerCase('vi').startsWith(kindTitle.toLocaleLowerCase('vi')) ? [] : [kindTitle.toLocaleLowerCase('vi')]),
        ...(versionNumber > 1 ? [`bản số ${versionNumber}`] : [])
      ]
      return `Thông qua ${title}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}.`
    }),
    ...reports.map(({ period, year }) => `Thông qua ${reportTitle(period, year)}.`),
    ...(d === null
      ? []
      : [`Công bố Quyết định số ${d.number} ngày ${dayText(d.date)} của ${d.issuer} về việc thành lập Tổ tư vấn cho đơn vị Cụm trưởng năm ${d.year} (${d.members} thành viên).`])
  ]
}

/** The conference minutes as a document model: what the PDF and the .docx both print. */
export function minutesModel (data: MinutesDocumentData): OfficialDocument {
  const draft = data.status === 'draft' || data.hash === null
  const { chair, secretary, quorum: q } = data
  const chairUnit = chair.unitName === null || mentions(chair.position, chair.unitName) ? null : chair.unitName
  const label = (value: string): Block => ({ kind: 'paragraph', runs: [{ text: value, bold: true }], align: 'left', spaceAfter: 0 })
  const adopted = adoptedLines(data.adopted)
  const numerals = ROMAN.values()
  const heading = (value: string): Block => ({ kind: 'section', text: `${numerals.next().value}. ${value}` })
  return {
    meta: { title: `Biên bản: ${data.title}`, subject: data.title, createdAt: data.createdAt },
    heading: { issuer: data.issuer, place: data.place, date: data.date, title: 'Biên bản hội nghị', subtitle: data.title },
    blocks: [
      ...(draft ? [{ kind: 'draft', note: 'Biên bản chưa được hoàn tất; nội dung còn có thể thay đổi.' } as const] : []),
      labelled('Loại hội nghị:', KIND_TEXT[data.kind] + '.'),
      labelled('Thời gian:', vietnamTime(data.heldAt) + '.'),
      labelled('Địa điểm:', (data.location ?? 'không ghi nhận') + '.'),
      labelled('Chủ trì:', joinDefined([personText(chair), chair.position, chairUnit]) + '.'),
      labelled('Thư ký:', secretary ? `${joinDefined([personText(secretary), secretary.position])}.` : 'không ghi nhận.'),
      heading('Thành phần tham dự'),
      label('Các đơn vị trong Cụm có mặt:'),
      ...numbered(data.presentUnits, 'Không có đơn vị nào được ghi nhận có mặt.'),
      ...(data.absentUnits.length === 0
        ? [labelled('Các đơn vị vắng mặt:', 'không có.')]
        : [label('Các đơn vị vắng mặt:'), ...numbered(data.absentUnits, '')]),
      labelled('Số đơn vị có mặt:', `${q.attending}/${q.members} đơn vị thành viên có mặt; yêu cầu ${thresholdText(q.required)} — ` +
        (q.met ? 'đủ điều kiện tiến hành hội nghị.' : 'chưa đủ điều kiện tiến hành hội nghị.')),
      ...(data.guests.length === 0
        ? []
        : [label('Đại biểu, khách mời:'), ...numbered(data.guests.map((g) => joinDefined([personText(g), g.position, g.organisation])), '')]),
      heading('Chương trình hội nghị'),
      ...numbered(data.agenda, 'Không ghi nhận.'),
      heading('Diễn biến hội nghị'),
      ...(data.minutes ?? 'Không ghi nhận.').split(/\n+/).map((block) => text(block)),
      heading('Kết luận, quyết định'),
      ...numbered(data.decisions, 'Không ghi nhận.'),
      ...(adopted.length === 0 ? [] : [heading('Văn bản được thông qua, công bố tại hội nghị'), ...numbered(adopted, '')]),
      ...(data.pledge === null
        ? []
        : [
            heading('Ký giao ước thi đua'),
            text(`${data.pledge.title}${data.pledge.versionNumber > 1 ? ` (bản số ${data.pledge.versionNumber})` : ''}: ` +
              `${data.pledge.signatures.length}/${data.pledge.members} đơn vị thành viên đã ký` +
              (data.pledge.signatures.length === 0 ? '.' : ':'), { keepWithNext: Math.min(1, data.pledge.signatures.length) }),
            ...(data.pledge.signatures.length === 0
              ? []
              : numbered(data.pledge.signatures.map((s) =>
                `${s.unitName}: đồng chí ${s.signerName}, ${s.signerPosition}${s.signedOn === data.date ? '' : ` (ký ngày ${dayText(s.signedOn)})`}.`), ''))
          ]),
      ...(data.elections.length === 0 ? [] : [heading('Kết quả bỏ phiếu tại hội nghị')]),
      ...data.elections.flatMap((e, i): Block[] => [
        { kind: 'item', number: `${i + 1}.`, runs: [{ text: electionHeading(e), bold: true }], keepWithNext: 1 },
        ...e.rounds.map((round) => text(roundText(round), { indent: 22 })),
        labelled('Kết quả:', electionOutcome(e), { indent: 22 })
      ]),
      ...(data.awardTally
        ? [heading('Khen thưởng'), text(`${data.awardTally.collectives} tập thể và ${data.awardTally.individuals} cá nhân được khen thưởng.`)]
        : []),
      ...(data.flagHandover
        ? [heading('Bàn giao cờ luân lưu'), text(`${data.flagHandover.fromUnitName} bàn giao cờ luân lưu cho ${data.flagHandover.toUnitName}, đơn vị Cụm trưởng năm ${data.flagHandover.year}.`)]
        : []),
      // The closing line goes with the signatures (the block before the closing always does): a page never holds
      // the signatures alone.
      text(`Biên bản được lập tại hội nghị ngày ${dayText(data.date)}, do thư ký hội nghị ghi và được chủ trì hội nghị ký xác nhận.`),
      {
        kind: 'closing',
        left: { heading: 'Thư ký hội nghị', note: '(Ký, ghi rõ họ tên)', ...(secretary ? { signer: personText(secretary) } : {}) },
        right: { heading: 'Chủ trì hội nghị', note: '(Ký, ghi rõ họ tên)', signer: personText(chair) }
      }
    ],
    footer: {
      hash: draft ? null : data.hash,
      hashLabel: 'Mã băm biên bản đã hoàn tất (SHA-256)',
      draftNote: 'biên bản chưa hoàn tất, chưa có mã băm'
    }
  }
}
