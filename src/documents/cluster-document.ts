// The printed cluster document (quy chế hoạt động, chương trình hành động, quy định chấm điểm): the national
// heading, the kind as title and the document's own title under it, the line saying at which conference and on
// which day it was adopted, then each chapter ("Chương I. Quy định chung"), each article in bold ("Điều 1. Phạm vi
// điều chỉnh", numbered through the whole document as in a legal text) and its numbered clauses. An adopted
// version carries its content hash in every footer; a draft prints "BẢN DỰ THẢO" instead.
import type { Chapter, DocumentKind, DocumentStatus } from '../domain/cluster-document.js'
import { text, upper, type Block, type OfficialDocument } from './model.js'

export interface ClusterDocumentData {
  /** The issuing body in two lines, e.g. ['Bộ Công an', 'Cụm thi đua số 9']. */
  issuer: [string, string]
  place: string
  /** The document's date: the day it was adopted, or the day the draft was last changed (YYYY-MM-DD). */
  date: string
  /** The record's time: the PDF's creation date. */
  createdAt: Date
  kind: DocumentKind
  versionNumber: number
  year: number
  status: DocumentStatus
  title: string
  chapters: Chapter[]
  /** The conference that adopted it and when; null for a draft. */
  adoption: { conferenceTitle: string, adoptedOn: string } | null
  contentHash: string | null
}

export const KIND_TITLES: Record<DocumentKind, string> = {
  operating_regulations: 'Quy chế hoạt động',
  action_programme: 'Chương trình hành động',
  scoring_rules_note: 'Quy định chấm điểm'
}

const ROMAN: Array<[number, string]> = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]

/** Chapters are numbered in Roman numerals (Chương I, II, …); at most 30 of them. */
export function roman (n: number): string {
  let rest = n
  let out = ''
  for (const [value, letters] of ROMAN) {
    while (rest >= value) { out += letters; rest -= value }
  }
  return out
}

function adoptionLine (data: ClusterDocumentData): string {
  if (data.adoption === null) return `Phiên bản ${data.versionNumber}, năm ${data.year} — bản dự thảo, chưa được thông qua.`
  const [year, month, day] = data.adoption.adoptedOn.split('-')
  const when = `ngày ${day}/${month}/${year}`
  const state = data.status === 'superseded' ? ' Đã được thay thế bởi phiên bản thông qua sau.' : ''
  return `(Thông qua tại ${data.adoption.conferenceTitle}, ${when}; phiên bản ${data.versionNumber}, năm ${data.year}.)${state}`
}

/** The chapters, articles (numbered through the document) and clauses as blocks. */
function bodyBlocks (chapters: Chapter[]): Block[] {
  let article = 0
  return chapters.flatMap((chapter, c): Block[] => [
    { kind: 'section', text: `Chương ${roman(c + 1)}. ${chapter.title}`, keepWithNext: 1 },
    ...chapter.articles.flatMap((a): Block[] => [
      { kind: 'paragraph', runs: [{ text: `Điều ${++article}. ${a.title}`, bold: true }], align: 'left', spaceAfter: 0.2, keepWithNext: 1 },
      ...a.clauses.map((clause, i): Block => ({ kind: 'item', number: `${i + 1}.`, runs: [{ text: clause }] }))
    ])
  ])
}

/** The document as a model: what the PDF and the .docx both print. */
export function clusterDocumentModel (data: ClusterDocumentData): OfficialDocument {
  const draft = data.status === 'draft' || data.contentHash === null
  const kindTitle = KIND_TITLES[data.kind]
  return {
    meta: { title: `${kindTitle} năm ${data.year}`, subject: data.title, createdAt: data.createdAt },
    heading: { issuer: data.issuer, place: data.place, date: data.date, title: kindTitle, subtitle: data.title },
    blocks: [
      ...(draft ? [{ kind: 'draft', note: 'Nội dung còn có thể thay đổi; chưa được Hội nghị thông qua và chưa có mã băm nội dung.' } as const] : []),
      text(adoptionLine(data), { italic: true, align: 'center', spaceAfter: 0.8 }),
      ...bodyBlocks(data.chapters),
      {
        kind: 'closing',
        left: { heading: 'Nơi nhận:', lines: ['Các đơn vị thành viên Cụm;', 'Lưu: Cụm thi đua.'] },
        right: { heading: `TM. ${upper(data.issuer[1])}`, note: '(Ký, ghi rõ họ tên, đóng dấu)' }
      }
    ],
    footer: {
      hash: draft ? null : data.contentHash,
      hashLabel: `Mã băm nội dung ${kindTitle.toLocaleLowerCase('vi-VN')} (SHA-256), phiên bản ${data.versionNumber}`,
      draftNote: 'bản dự thảo, chưa có mã băm nội dung'
    }
  }
}
