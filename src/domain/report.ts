// The cluster's summary report (báo cáo sơ kết / tổng kết) for a year and its comments (góp ý).
//
// Lifecycle: draft (the secretariat writes the sections) → open_for_comments (member units comment on sections;
// the secretariat still revises them and answers each comment) → final (adopted by a conference of the cluster,
// frozen under a content hash). Seeds 000 and 003: "các đại biểu có nhiều ý kiến phân tích, đóng góp, bổ sung để
// hoàn thiện nội dung dự thảo báo cáo tổng kết": the comments come before the final text, and each gets an answer.
import { canonicalJson } from './canonical-json.js'
import { conflict, ruleBroken } from './errors.js'
import { overlaps, yearPeriod, type Period } from './membership.js'
import { normalizeText, sha256Hex } from './pledge.js'
import { normalizeName } from './text.js'
import { assertEditable, type ConferenceStatus } from './conference.js'

export const REPORT_PERIODS = ['mid_year', 'annual'] as const
export type ReportPeriod = typeof REPORT_PERIODS[number]

export const REPORT_STATUSES = ['draft', 'open_for_comments', 'final'] as const
export type ReportStatus = typeof REPORT_STATUSES[number]

export const DISPOSITIONS = ['accepted', 'not_accepted'] as const
export type Disposition = typeof DISPOSITIONS[number]

/**
 * Bounds, each from the document it describes: a report has three to ten parts in practice (50 leaves room for
 * sub-sections); a section of 50,000 characters is about 15 printed pages; a comment is a paragraph or a page
 * (4,000); 2,000 comments is every member unit of the largest cluster (about 20) commenting on every section of a
 * long report twice.
 */
export const MAX_SECTIONS = 50
export const MAX_SECTION_TEXT = 50_000
export const MAX_COMMENT_TEXT = 4000
export const MAX_COMMENTS = 2000

export interface ReportSection {
  /** "I", "II", "III.1": how comments name the section. */
  code: string
  title: string
  text: string
}

/** Sections as stored: codes and titles NFC with single spaces, texts NFC and trimmed, the order kept. */
export const normalizeSections = (sections: readonly ReportSection[]): ReportSection[] =>
  sections.map((s) => ({ code: normalizeName(s.code), title: normalizeName(s.title), text: normalizeText(s.text) }))

/** Refuses a section code used twice (comments name sections by code). */
export function assertSections (sections: readonly ReportSection[]): void {
  const seen = new Set<string>()
  for (const { code } of sections) {
    if (seen.has(code)) throw ruleBroken('report_section_code_repeated', `Section code "${code}" is used more than once; each section has its own code.`, { sectionCode: code })
    seen.add(code)
  }
}

/**
 * Sections change in a draft and while open for comments (the revisions the comments ask for); a final report is
 * frozen. A revision keeps every section a comment names, so no comment loses what it is about.
 */
export function assertMayRevise (status: ReportStatus, sections?: readonly ReportSection[], commentedCodes: readonly string[] = []): void {
  if (status === 'final') throw conflict('report_final', 'The report is final: its content is frozen under its content hash.', { reportStatus: status })
  if (sections === undefined) return
  const codes = new Set(sections.map((s) => s.code))
  const orphaned = commentedCodes.filter((code) => !codes.has(code))
  if (orphaned.length > 0) {
    throw ruleBroken('report_section_has_comments', `Section${orphaned.length > 1 ? 's' : ''} ${orphaned.join(', ')} ${orphaned.length > 1 ? 'have' : 'has'} comments and cannot be removed.`, { sectionCodes: orphaned })
  }
}

/** Only a draft opens for comments, and it has something to comment on. */
export function assertMayOpen (report: { status: ReportStatus, sections: readonly ReportSection[] }): void {
  if (report.status !== 'draft') throw conflict('report_not_draft', `The report is already ${report.status}; only a draft opens for comments.`, { reportStatus: report.status })
  if (report.sections.length === 0) throw ruleBroken('report_without_sections', 'A report opens for comments with at least one section.')
}

/**
 * A comment is on an open report, on one of its sections, from a unit that is a member of the cluster on some day
 * of the report's year (`memberships`: that unit's memberships of the cluster), within the report's bound.
 */
export function assertMayComment (
  report: { status: ReportStatus, year: number, sections: readonly ReportSection[] },
  comment: { unitId: string, sectionCode: string },
  memberships: readonly Period[],
  commentCount: number
): void {
  if (report.status !== 'open_for_comments') {
    throw conflict('report_not_open', report.status === 'draft'
      ? 'The report is still a draft: it takes comments once opened.'
      : 'The report is final: it takes no more comments.', { reportStatus: report.status })
  }
  if (!report.sections.some((s) => s.code === comment.sectionCode)) {
    throw ruleBroken('report_section_unknown', `The report has no section "${comment.sectionCode}"; comment on one of ${report.sections.map((s) => s.code).join(', ')}.`, { sectionCode: comment.sectionCode })
  }
  if (!memberships.some((m) => overlaps(m, yearPeriod(report.year)))) {
    throw ruleBroken('report_unit_not_member', `Unit ${comment.unitId} is not a member of the cluster in ${report.year}; only members comment on its report.`, { unitId: comment.unitId })
  }
  if (commentCount >= MAX_COMMENTS) {
    throw ruleBroken('report_comments_limit', `The report already has ${MAX_COMMENTS} comments, as many as one report takes.`, { limit: MAX_COMMENTS })
  }
}

/** The secretariat answers a comment until the report is final (then the answers are part of the record). */
export function assertMayAnswer (status: ReportStatus): void {
  if (status === 'final') throw conflict('report_final', 'The report is final: its comments and answers are frozen.', { reportStatus: status })
}

/**
 * A report open for comments becomes final once every comment has its disposition (`waiting`: how many have none),
 * adopted by a conference of its own cluster.
 */
export function assertMayFinalize (
  report: { status: ReportStatus, clusterId: string }, waiting: number, conference: { id: string, clusterId: string, status: ConferenceStatus }
): void {
  if (report.status !== 'open_for_comments') {
    throw conflict('report_not_open', report.status === 'draft'
      ? 'The report is still a draft: open it for comments before it becomes final.'
      : 'The report is already final.', { reportStatus: report.status })
  }
  if (waiting > 0) {
    throw conflict('report_comments_waiting', `${waiting} comment${waiting > 1 ? 's wait' : ' waits'} for a disposition (accepted or not, with an answer) before the report becomes final.`, { waiting })
  }
  if (conference.clusterId !== report.clusterId) {
    throw ruleBroken('report_conference_not_in_cluster', `Conference ${conference.id} is not a conference of the report's cluster.`, { conferenceId: conference.id })
  }
  assertEditable(conference.status, 'a report adopted')
}

/** What the hash covers: the cluster, the period and year, the sections, and the conference that adopted them. */
export interface HashedReport {
  clusterId: string
  period: ReportPeriod
  year: number
  sections: ReportSection[]
  conferenceId: string
}

/** SHA-256 (hex) of the canonical JSON of the final report. */
export const reportHash = ({ clusterId, period, year, sections, conferenceId }: HashedReport) =>
  sha256Hex(canonicalJson({ clusterId, period, year, sections, conferenceId }))

/**
 * What a caller sees of a cluster's reports: `all` (drafts and every comment: an admin, a reader, the cluster's
 * secretariat), `own_comments` (a unit: reports once opened, since it comments on their text, and its own comments
 * only), `published` (another cluster's secretariat: reports once opened, no comments).
 */
export type ReportView = 'all' | 'own_comments' | 'published'

export function reportView (viewer: { role: string, clusterId?: string }, clusterId: string): ReportView {
  if (viewer.role === 'unit') return 'own_comments'
  if (viewer.role === 'secretariat' && viewer.clusterId !== clusterId) return 'published'
  return 'all'
}

/** The statuses a view shows: a draft is the secretariat's working copy. */
export const visibleStatuses = (view: ReportView): readonly ReportStatus[] =>
  view === 'all' ? REPORT_STATUSES : ['open_for_comments', 'final']
