// A report's comments (góp ý): member units comment on its sections while it is open; the secretariat answers each.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref } from '../../http/shared-schemas.js'
import { answerReportComment, commentOnReport, commentTag, listReportComments } from '../../services/reports.js'
import { CommentAnswer, CommentListQuery, CommentParams, NewReportComment, ReportComment, ReportCommentPage, ReportParams } from './schemas.js'

const tags = ['reports']

const reportComments: FastifyPluginAsyncTypebox = async (app) => {

  app.post('/v1/reports/:reportId/comments', {
    config: { roles: ['admin', 'secretariat', 'unit'], etag: true, scope: { secretariat: 'own cluster only', unit: 'own unit only' } },
    schema: {
      operationId: 'commentOnReport',
      summary: 'A member unit comments on a section of an open report (itself, or the secretariat on its behalf)',
      description: 'Records a comment (góp ý) on one of the report\'s sections (422 `report_section_unknown`) while it is ' +
        '`open_for_comments` (409 `report_not_open` otherwise), from a member unit of the cluster in the report\'s year ' +
        '(422 `report_unit_not_member`). A unit comments for itself; the secretariat or an admin records a comment on a ' +
        'unit\'s behalf (`onBehalf`). A report takes up to 2,000 comments (422 `report_comments_limit`). Audited and ' +
        'emitted as `report_comment.created`.',
      tags,
      params: ReportParams,
      headers: IdempotencyHeaders,
      body: ref(NewReportComment),
      response: { 201: ref(ReportComment, { description: 'The comment recorded, waiting for its answer.' }), ...problems({ 404: ['report_not_found', 'unit_not_found'], 409: ['report_not_open'], 422: ['report_comments_limit', 'report_section_unknown', 'report_unit_not_member'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const comment = await commentOnReport(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: comment, headers: { etag: commentTag(comment) } }
  })))

  app.get('/v1/reports/:reportId/comments', {
    schema: {
      operationId: 'listReportComments',
      summary: 'A report\'s comments in the order they were made',
      description: 'Every comment with its disposition and answer, for an admin, a reader and the cluster\'s secretariat; a ' +
        'unit sees its own unit\'s comments only; another cluster\'s secretariat none (403).',
      tags,
      params: ReportParams,
      querystring: CommentListQuery,
      response: { 200: ref(ReportCommentPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['report_not_found'] }) }
    }
  }, async (request) => listReportComments(readContext(request), { ...request.params, ...request.query }))

  app.patch('/v1/reports/:reportId/comments/:commentId', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'answerReportComment',
      summary: 'Mark a comment accepted or not, with the answer',
      description: 'The secretariat marks the comment `accepted` (tiếp thu) or `not_accepted`, with an answer (giải trình), ' +
        'and may change both until the report is final (409 `report_final`). Send the comment\'s ETag in If-Match (412 ' +
        'when stale). Audited (before and after) and emitted as `report_comment.answered`.',
      tags,
      params: CommentParams,
      headers: IfMatchHeaders,
      body: ref(CommentAnswer),
      response: { 200: ref(ReportComment), ...problems({ 404: ['report_comment_not_found', 'report_not_found'], 409: ['report_final'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const comment = await answerReportComment(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: comment, headers: { etag: commentTag(comment) } }
  })))
}

export default reportComments
