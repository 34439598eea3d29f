// Summary reports: the cluster's secretariat (or an admin) drafts the report in sections, opens it for comments,
// revises it and answers each comment, and finalizes it at the conference that adopted it. A member unit comments
// for itself (or the secretariat or an admin records the comment on its behalf). Every change locks the report, so
// a comment and the finalization serialise: no comment slips in after the count of those waiting.
import { assertClusterScope, assertUnitScope } from '../auth/access.js'
import type { Actor } from '../auth/tokens.js'
import { getBlock } from '../db/blocks-repository.js'
import { getCluster } from '../db/clusters-repository.js'
import { getConference } from '../db/conferences-repository.js'
import { membershipPeriods } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import {
  answerComment as saveAnswer, commentTally, getComment, getReport, insertComment, insertReport, listComments, listReports, reportExists,
  updateReport as saveReport, type Report, type ReportComment
} from '../db/reports-repository.js'
import { getUnit } from '../db/units-repository.js'
import { vietnamDate } from '../domain/dates.js'
import { conflict, forbidden, notFound } from '../domain/errors.js'
import { normalizeText } from '../domain/pledge.js'
import {
  assertMayAnswer, assertMayComment, assertMayFinalize, assertMayOpen, assertMayRevise, assertSections, normalizeSections, reportHash, reportView,
  visibleStatuses, type Disposition, type ReportPeriod, type ReportSection
} from '../domain/report.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import { issuerOf } from '../documents/official-heading.js'
import type { ReportDocumentData } from '../documents/report-document.js'
import type { ReadContext, WriteContext } from './context.js'
import { printedPlace } from '../domain/minutes.js'

export type { Report, ReportComment }

export const reportTag = (report: Report) => etagOf(report.version)
export const commentTag = (comment: ReportComment) => etagOf(comment.version)

const PERIOD_WORDS: Record<ReportPeriod, string> = { mid_year: 'mid-year', annual: 'annual' }

/** The report as `actor` may read it: a draft is hidden (404, as if absent) from all but those who see drafts. */
function visible (actor: Actor, report: Report): Report {
  if (!visibleStatuses(reportView(actor, report.clusterId)).includes(report.status)) throw notFound('report', report.id)
  return report
}

/** A report locked for a change by the secretariat of its cluster or an admin. */
async function lockedReport ({ trx, actor }: WriteContext, reportId: string): Promise<Report> {
  const report = await getReport(trx, reportId, { forUpdate: true })
  assertClusterScope(actor, report.clusterId)
  return report
}

export async function listClusterReports (
  { db, actor }: ReadContext, { clusterId, year, ...page }: { clusterId: string, year?: number } & PageRequest
) {
  await getCluster(db, clusterId)
  return listReports(db, clusterId, { year, statuses: visibleStatuses(reportView(actor, clusterId)) }, page)
}

export async function readReport ({ db, actor }: ReadContext, { reportId }: { reportId: string }): Promise<Report> {
  return visible(actor, await getReport(db, reportId))
}

/** The cluster's report of a period for a year, as a draft; one per cluster, period and year (409 otherwise). */
export async function draftReport (
  ctx: WriteContext, { clusterId, period, year, sections = [] }: { clusterId: string, period: ReportPeriod, year: number, sections?: ReportSection[] }
): Promise<Report> {
  assertClusterScope(ctx.actor, clusterId)
  // Locking the cluster serialises two first drafts of one period (the unique constraint would refuse anyway).
  await getCluster(ctx.trx, clusterId, { forUpdate: true })
  if (await reportExists(ctx.trx, clusterId, period, year)) {
    throw conflict('report_exists', `The cluster already has an ${PERIOD_WORDS[period]} report for ${year}; edit it instead.`, { period, year })
  }
  const normalized = normalizeSections(sections)
  assertSections(normalized)
  const report = await insertReport(ctx.trx, { clusterId, period, year, sections: normalized })
  ctx.record({ action: 'report.created', resourceType: 'report', resourceId: report.id, after: report })
  return report
}

/** Revises the sections (as a whole list) of a draft or of a report open for comments; a final one is frozen (409). */
export async function reviseReport (
  ctx: WriteContext, { reportId, ifMatch, sections }: { reportId: string, ifMatch?: string, sections: ReportSection[] }
): Promise<Report> {
  const before = await lockedReport(ctx, reportId)
  assertIfMatch(ifMatch, before.version)
  const normalized = normalizeSections(sections)
  assertMayRevise(before.status, normalized, (await commentTally(ctx.trx, before.id)).sectionCodes)
  assertSections(normalized)
  const after = await saveReport(ctx.trx, before, { sections: normalized })
  ctx.record({ action: 'report.updated', resourceType: 'report', resourceId: after.id, before, after })
  return after
}

/** Opens a draft for the member units' comments. */
export async function openReport (ctx: WriteContext, { reportId, ifMatch }: { reportId: string, ifMatch?: string }): Promise<Report> {
  const before = await lockedReport(ctx, reportId)
  assertIfMatch(ifMatch, before.version)
  assertMayOpen(before)
  const after = await saveReport(ctx.trx, before, { status: 'open_for_comments', at: ctx.now })
  ctx.record({ action: 'report.opened', resourceType: 'report', resourceId: after.id, before, after })
  return after
}

/** Freezes the report as adopted by a conference of its cluster, once every comment has its disposition. */
export async function finalizeReport (
  ctx: WriteContext, { reportId, conferenceId, ifMatch }: { reportId: string, conferenceId: string, ifMatch?: string }
): Promise<Report> {
  const before = await lockedReport(ctx, reportId)
  assertIfMatch(ifMatch, before.version)
  const conference = await getConference(ctx.trx, conferenceId)
  assertMayFinalize(before, (await commentTally(ctx.trx, before.id)).waiting, conference)
  const contentHash = reportHash({ ...before, conferenceId: conference.id })
  const after = await saveReport(ctx.trx, before, { status: 'final', contentHash, conferenceId: conference.id, at: ctx.now })
  ctx.record({ action: 'report.finalized', resourceType: 'report', resourceId: after.id, before, after })
  return after
}

/** A report's comments: all of them for those who see all, a unit's own for a unit; another cluster's secretariat none (403). */
export async function listReportComments ({ db, actor }: ReadContext, { reportId, ...page }: { reportId: string } & PageRequest) {
  const report = visible(actor, await getReport(db, reportId))
  const view = reportView(actor, report.clusterId)
  if (view === 'published') throw forbidden('A secretariat token reads the comments of its own cluster\'s reports only.')
  return listComments(db, report.id, { unitId: view === 'own_comments' ? actor.unitId ?? '' : undefined }, page)
}

/**
 * A member unit's comment on a section of an open report: by the unit itself, or recorded on its behalf by the
 * cluster's secretariat or an admin (the comments said aloud at the conference).
 */
export async function commentOnReport (
  ctx: WriteContext, command: { reportId: string, unitId: string, sectionCode: string, text: string }
): Promise<ReportComment> {
  const { trx, actor } = ctx
  const unitId = command.unitId.toLowerCase()
  if (actor.role === 'unit') assertUnitScope(actor, unitId)
  const report = await getReport(trx, command.reportId, { forUpdate: true })
  if (actor.role === 'unit') visible(actor, report)
  else assertClusterScope(actor, report.clusterId)
  await getUnit(trx, unitId)
  const sectionCode = command.sectionCode.normalize('NFC').trim()
  assertMayComment(report, { unitId, sectionCode }, await membershipPeriods(trx, report.clusterId, [unitId]), (await commentTally(trx, report.id)).count)
  const comment = await insertComment(trx, {
    reportId: report.id, unitId, sectionCode, text: normalizeText(command.text), onBehalf: actor.role !== 'unit', createdBy: { sub: actor.sub, role: actor.role }
  })
  ctx.record({ action: 'report_comment.created', resourceType: 'report_comment', resourceId: comment.id, after: comment })
  return comment
}

/** The secretariat marks a comment accepted or not, with its answer (again, while the report is not final). */
export async function answerReportComment (
  ctx: WriteContext,
  { reportId, commentId, ifMatch, disposition, answer }: { reportId: string, commentId: string, ifMatch?: string, disposition: Disposition, answer: string }
): Promise<ReportComment> {
  const report = await lockedReport(ctx, reportId)
  const before = await getComment(ctx.trx, report.id, commentId)
  assertIfMatch(ifMatch, before.version)
  assertMayAnswer(report.status)
  const after = await saveAnswer(ctx.trx, before, { disposition, answer: normalizeText(answer), at: ctx.now })
  ctx.record({ action: 'report_comment.answered', resourceType: 'report_comment', resourceId: after.id, before, after })
  return after
}

/** What the printed report shows, and the name its file is offered under. */
export async function reportDocumentData (
  { db, actor }: ReadContext, { reportId }: { reportId: string }
): Promise<{ data: ReportDocumentData, fileName: string }> {
  const report = visible(actor, await getReport(db, reportId))
  const cluster = await getCluster(db, report.clusterId)
  const block = await getBlock(db, cluster.blockId)
  const conference = report.conferenceId ? await getConference(db, report.conferenceId) : null
  const issuer = issuerOf(block.name, cluster.name)
  return {
    data: {
      issuer,
      // The place of the conference that adopted it, as its minutes print it; a draft: the issuer's seat.
      place: printedPlace(conference?.place ?? null, conference?.location ?? null, issuer[0]),
      // The final report is the one the conference adopted: it bears that day, as an adopted regulation does.
      date: conference?.heldOn ?? vietnamDate(new Date(report.openedAt ?? report.createdAt)),
      createdAt: new Date(report.updatedAt),
      clusterName: cluster.name,
      period: report.period,
      year: report.year,
      status: report.status,
      sections: report.sections,
      adoptedAt: conference ? { title: conference.title, heldOn: conference.heldOn } : null,
      contentHash: report.contentHash
    },
    fileName: `bao-cao-${report.period === 'annual' ? 'tong-ket' : 'so-ket'}-${report.year}`
  }
}
