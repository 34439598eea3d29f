// A cluster's own documents (seed 004: "Chương trình hành động ... quy chế hoạt động ... quy định chấm điểm"):
// the operating regulations, the action programme and the note on the scoring rules, each as chapters of articles
// of clauses. A version is a draft until a conference of the cluster adopts it; it is then frozen under a content
// hash, and the version of the same kind adopted before it is superseded. Pure rules: content, bounds, lifecycle.
import { canonicalJson } from './canonical-json.js'
import { conflict, ruleBroken } from './errors.js'
import { sha256Hex } from './pledge.js'
import { yearOf } from './dates.js'
import { normalizeName } from './text.js'
import { assertEditable, type ConferenceStatus } from './conference.js'

export const DOCUMENT_KINDS = ['operating_regulations', 'action_programme', 'scoring_rules_note'] as const
export type DocumentKind = typeof DOCUMENT_KINDS[number]

export const DOCUMENT_STATUSES = ['draft', 'adopted', 'superseded'] as const
export type DocumentStatus = typeof DOCUMENT_STATUSES[number]

/** A regulation of a cluster runs to 4–6 chapters; 30 leaves room for a long programme split by quarter and field. */
export const MAX_CHAPTERS = 30
/** A chapter of a cluster regulation holds a handful of articles; 60 covers a programme listing every task. */
export const MAX_ARTICLES_PER_CHAPTER = 60
/** An article has a few numbered clauses (khoản); 30 covers a scoring note listing every criterion. */
export const MAX_CLAUSES_PER_ARTICLE = 30
/** A clause is one paragraph of rules, rarely more than a page (about 4,000 characters). */
export const CLAUSE_MAX_LENGTH = 4000
/** A document's, chapter's or article's title, e.g. "Quy chế hoạt động của Cụm thi đua số 9". */
export const DOCUMENT_TITLE_MAX_LENGTH = 300

export interface Article { title: string, clauses: string[] }
export interface Chapter { title: string, articles: Article[] }

export interface DocumentContent {
  title: string
  chapters: Chapter[]
}

/** Titles NFC with single spaces; clauses NFC without the white space around them (their line breaks are kept). */
export function normalizeDocumentContent (input: DocumentContent): DocumentContent {
  return {
    title: normalizeName(input.title),
    chapters: input.chapters.map((chapter) => ({
      title: normalizeName(chapter.title),
      articles: chapter.articles.map((article) => ({
        title: normalizeName(article.title),
        clauses: article.clauses.map((clause) => clause.normalize('NFC').trim())
      }))
    }))
  }
}

/** What the hash covers: the content, and the cluster, kind and year it is the document of. */
export interface HashedDocument extends DocumentContent {
  clusterId: string
  kind: DocumentKind
  year: number
}

/** SHA-256 (hex) of the canonical JSON of a version: what an adopted version is frozen under and printed with. */
export function documentHash (document: HashedDocument): string {
  const { clusterId, kind, year, title, chapters } = document
  return sha256Hex(canonicalJson({ clusterId, kind, year, title, chapters }))
}

/** Only a draft changes (or is adopted): an adopted or superseded version is frozen; a new draft replaces it. */
export function assertDraft (status: DocumentStatus): void {
  if (status !== 'draft') {
    throw conflict('document_not_draft', `The document is ${status}: its content is frozen. Draft a new version of the same kind to change it.`, { documentStatus: status })
  }
}

export interface Adoption {
  document: { clusterId: string, year: number, status: DocumentStatus }
  conference: { clusterId: string, heldOn: string, status: ConferenceStatus }
  adoptedOn: string
  /** The day the version of the same kind now in force was adopted, if one is. */
  currentAdoptedOn?: string
}

/**
 * A draft is adopted at a conference of its own cluster, on the conference's date, in the document's year or the
 * year before (the regulations for 2025 are often adopted at the conference closing 2024), and not before the
 * version it supersedes was adopted (history runs forward).
 */
export function assertMayAdopt ({ document, conference, adoptedOn, currentAdoptedOn }: Adoption): void {
  assertDraft(document.status)
  if (conference.clusterId !== document.clusterId) {
    throw ruleBroken('document_conference_other_cluster', 'The conference belongs to another cluster: a document is adopted at a conference of its own cluster.', { conferenceClusterId: conference.clusterId })
  }
  assertEditable(conference.status, 'a document adopted')
  if (adoptedOn !== conference.heldOn) {
    throw ruleBroken('document_adopted_off_conference_date', `The conference was held on ${conference.heldOn}, not on ${adoptedOn}: a document is adopted on the day of its conference.`, { heldOn: conference.heldOn, adoptedOn })
  }
  const adoptedIn = yearOf(adoptedOn)
  if (adoptedIn !== document.year && adoptedIn !== document.year - 1) {
    throw ruleBroken('document_adoption_outside_year', `A document for ${document.year} is adopted in ${document.year - 1} or ${document.year}, not on ${adoptedOn}.`, { adoptedOn, year: document.year })
  }
  if (currentAdoptedOn !== undefined && adoptedOn < currentAdoptedOn) {
    throw ruleBroken('document_adoption_before_current', `The version in force was adopted on ${currentAdoptedOn}; a version superseding it is adopted on that day or later, not on ${adoptedOn}.`, { currentAdoptedOn, adoptedOn })
  }
}
