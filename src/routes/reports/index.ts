// Summary reports: an admin or the cluster's secretariat drafts, revises, opens and finalizes a cluster's report
// for a period; member units comment on it (comments.ts); the document is printed from it (document.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { draftReport, finalizeReport, listClusterReports, openReport, readReport, reportTag, reviseReport, type Report } from '../../services/reports.js'
import { FinalizeReport, NewReport, Report as ReportSchema, ReportListQuery, ReportPage, ReportParams, ReportPatch, StepHeaders } from './schemas.js'
import reportComments from './comments.js'
import reportDocument from './document.js'

const tags = ['reports']
// Drafting, revising and the lifecycle steps: the cluster's secretariat (its head unit's office) or an admin.
const writers = () => ({ roles: ['admin', 'secretariat'] as Array<'admin' | 'secretariat'>, etag: true as const, scope: { secretariat: 'own cluster only' } })

const changed = (report: Report) => ({ statusCode: 200, body: report, headers: { etag: reportTag(report) } })

const reports: FastifyPluginAsyncTypebox = async (app) => {

  app.post('/v1/clusters/:clusterId/reports', {
    config: { ...writers(), location: true as const },
    schema: {
      operationId: 'createReport',
      summary: 'Draft the cluster\'s summary report for a period (sơ kết or tổng kết)',
      description: 'Drafts the cluster\'s `mid_year` (sơ kết 6 tháng) or `annual` (tổng kết) report for a year, in sections ' +
        '(e.g. "I. Kết quả thực hiện phong trào thi đua", "II. Tồn tại, hạn chế", "III. Phương hướng năm 2025"), each ' +
        'with its own code (422 `report_section_code_repeated`). One report per cluster, period and year: 409 ' +
        '`report_exists`. Then: updateReport to revise, openReport to take the member units\' comments, finalizeReport ' +
        'once adopted. Audited and emitted as `report.created`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewReport),
      response: { 201: ref(ReportSchema, { description: 'The draft created.' }), ...problems({ 404: ['cluster_not_found'], 409: ['report_exists'], 422: ['report_section_code_repeated'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const report = await draftReport(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: report, headers: { etag: reportTag(report), location: `/v1/reports/${report.id}` } }
  })))

  app.get('/v1/clusters/:clusterId/reports', {
    schema: {
      operationId: 'listReports',
      summary: 'A cluster\'s summary reports, the latest year first',
      description: 'The cluster\'s reports, the latest year first; `year` narrows the list. Drafts are listed to an admin, a ' +
        'reader and the cluster\'s secretariat only: a unit and another cluster\'s secretariat see the reports once opened.',
      tags,
      params: ClusterParams,
      querystring: ReportListQuery,
      response: { 200: ref(ReportPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterReports(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/reports/:reportId', {
    schema: {
      operationId: 'getReport',
      summary: 'One summary report',
      description: 'The report with its sections, state and ETag (send it in If-Match to revise or move it on, in ' +
        'If-None-Match to read it again: 304 while unchanged). A draft is the secretariat\'s working copy: to a unit or ' +
        'another cluster\'s secretariat it is 404 `report_not_found` until opened.',
      tags,
      params: ReportParams,
      response: { 200: ref(ReportSchema), ...notModified, ...problems({ 404: ['report_not_found'] }) }
    }
  }, async (request, reply) => {
    const report = await readReport(readContext(request), request.params)
    return reply.header('etag', reportTag(report)).send(report)
  })

  app.patch('/v1/reports/:reportId', {
    config: writers(),
    schema: {
      operationId: 'updateReport',
      summary: 'Revise the sections of a report not yet final',
      description: 'Replaces the sections as a whole list, in a draft or while open for comments (the revisions the ' +
        'comments ask for). A final report is frozen: 409 `report_final`. A section a comment names stays (422 ' +
        '`report_section_has_comments`); codes are unique (422). Send the ETag last read in If-Match (412 when stale). ' +
        'Audited (before and after) and emitted as `report.updated`.',
      tags,
      params: ReportParams,
      headers: IfMatchHeaders,
      body: ref(ReportPatch),
      response: { 200: ref(ReportSchema), ...problems({ 404: ['report_not_found'], 409: ['report_final'], 412: ['precondition_failed'], 422: ['report_section_code_repeated', 'report_section_has_comments'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await reviseReport(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/reports/:reportId/open', {
    config: writers(),
    schema: {
      operationId: 'openReport',
      summary: 'Open a draft report for the member units\' comments',
      description: 'Moves a `draft` with at least one section (422 `report_without_sections`) to `open_for_comments`: ' +
        'member units now read it and comment on its sections; the secretariat still revises it. 409 `report_not_draft` ' +
        'when already opened. If-Match is optional (412 when stale). Audited and emitted as `report.opened`.',
      tags,
      params: ReportParams,
      headers: StepHeaders,
      response: { 200: ref(ReportSchema), ...problems({ 404: ['report_not_found'], 409: ['report_not_draft'], 412: ['precondition_failed'], 422: ['report_without_sections'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await openReport(ctx, { ...request.params, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/reports/:reportId/finalize', {
    config: writers(),
    schema: {
      operationId: 'finalizeReport',
      summary: 'Freeze the report as adopted by a conference (returns its contentHash)',
      description: 'Moves a report `open_for_comments` to `final`, attached to the conference of its cluster that adopted ' +
        'it (422 `report_conference_not_in_cluster`) before its minutes, which list the reports adopted, are finalized ' +
        '(409 `conference_finalized`), frozen under its contentHash. Every comment must first be marked ' +
        'accepted or not with an answer: 409 `report_comments_waiting` says how many wait (`waiting`). A draft or a final ' +
        'report is 409 `report_not_open`. If-Match is optional (412 when stale). Audited and emitted as `report.finalized`.',
      tags,
      params: ReportParams,
      headers: StepHeaders,
      body: ref(FinalizeReport),
      response: { 200: ref(ReportSchema, { description: 'The report, final, with its contentHash.' }), ...problems({ 404: ['conference_not_found', 'report_not_found'], 409: ['conference_finalized', 'report_comments_waiting', 'report_not_open'], 412: ['precondition_failed'], 422: ['report_conference_not_in_cluster'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await finalizeReport(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  await app.register(reportComments)
  // Last: the contract lists operations in the order they are registered, and a document comes after what it prints.
  await app.register(reportDocument)
}

export default reports
