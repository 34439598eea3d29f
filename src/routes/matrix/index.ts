// GET /v1/scoring-schemes/{schemeId}/matrix: the scoring matrix (bảng tổng hợp điểm) as JSON, CSV, an Excel
// workbook or the printed table (PDF, A4 landscape), chosen by Accept or ?format= as the ranking's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { sendDocument } from '../../documents/document-routes.js'
import { assertPrintable, matrixDocument } from '../../documents/scoring-matrix-document.js'
import { readContext } from '../../http/context.js'
import { SchemeParams } from '../../http/common-schemas.js'
import { chosenType, VARY_ACCEPT } from '../../http/negotiate.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { XLSX_TYPE } from '../../http/spreadsheet.js'
import { readMatrix } from '../../services/scoring-matrix.js'
import { streamedJsonList } from '../streamed.js'
import { CSV_DESCRIPTION, CSV_EXAMPLE, matrixCsv } from './csv.js'
import { MatrixQuery, MatrixRow, ScoringMatrix } from './schemas.js'
import { matrixTitle } from './table.js'
import { MATRIX_SHEET, matrixXlsx } from './xlsx.js'

/** What the matrix answers in, by `?format=`; JSON first: what `*\/*` or no Accept gets. */
const FORMAT_TYPES = { json: 'application/json', csv: 'text/csv', xlsx: XLSX_TYPE, pdf: 'application/pdf' } as const
/** One row as the response schema serializes it (one object: Fastify compiles it once per route). */
const MATRIX_ROW = ref(MatrixRow) as unknown as Record<string, unknown>

const matrixRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/scoring-schemes/:schemeId/matrix', {
    config: { scope: { secretariat: 'own cluster only', unit: 'a member of the cluster in its year, once the scores are final' } },
    schema: {
      operationId: 'getScoringMatrix',
      summary: 'Every criterion × every member × self, reviewed, second-review and final points',
      description: 'The scoring matrix (bảng tổng hợp điểm): one row per criterion of the scheme, groups (with their ' +
        'subtotals) before their children, and per member unit four stages: `self` (computed from its own entries), ' +
        '`reviewed` (after the first review), `secondReview` (after the review following its explanation) and `final` ' +
        '(the points that count, as the ranking\'s breakdown); null where a stage is not reached, a criterion that does ' +
        'not apply to a unit marked `notApplicable` (never shown as 0). Members as the ranking\'s: the units in the ' +
        'cluster on some day of the scheme\'s year, once the scores are finalised those of that moment. ' +
        'The representation is chosen by the Accept header (q-values honoured; absent or `*/*`: JSON; none of the four: ' +
        '406 `not_acceptable` listing them) or by `?format=`, which wins over Accept when both are given. CSV (UTF-8 with ' +
        `BOM) and the Excel workbook (sheet "${MATRIX_SHEET}") hold the same table, numbers as numbers in the workbook; ` +
        'the PDF prints it in the official format, A4 landscape, the units that do not fit continuing on further pages ' +
        '(at most 100 units: more is 422 `matrix_too_large_to_print`). ' +
        '409 `scheme_not_published` for a draft. Read by admin and reader and the cluster\'s secretariat; by the ' +
        'cluster\'s member units of the year once final, or before where `membersReadDraftScorecards` publishes drafts (else 403).',
      tags: ['scoring'],
      params: SchemeParams,
      querystring: MatrixQuery,
      produces: [...Object.values(FORMAT_TYPES), 'application/problem+json'],
      response: {
        200: {
          description: 'The matrix, in the media type chosen.',
          headers: VARY_ACCEPT,
          content: {
            'application/json': { schema: ref(ScoringMatrix) },
            // Its bound: 10,000 units of four stage columns, each line of the largest scheme well under 20,000 characters a unit.
            'text/csv': { schema: { type: 'string', maxLength: 200_000_000, description: CSV_DESCRIPTION }, example: CSV_EXAMPLE },
            [XLSX_TYPE]: {
              schema: { type: 'string', format: 'binary', description: `An Excel workbook, sheet "${MATRIX_SHEET}": the CSV's table, each unit's name merged over its four stage columns, the header rows and the code and name columns frozen.` }
            },
            'application/pdf': {
              schema: { type: 'string', format: 'binary', description: 'The printed table (BẢNG TỔNG HỢP ĐIỂM THI ĐUA) under the national heading, A4 landscape, shown inline; "BẢN DỰ THẢO" until the scores are finalised.' }
            }
          }
        },
        ...problems({ 404: ['cluster_not_found', 'scoring_scheme_not_found'], 406: ['not_acceptable'], 409: ['scheme_not_published'], 422: ['invalid_scheme', 'invalid_scoring_input', 'matrix_too_large_to_print'] })
      }
    }
  }, async (request, reply) => {
    const type = chosenType(request, reply, request.query.format, FORMAT_TYPES)
    if (type === undefined) return reply
    const ctx = readContext(request)
    const matrix = await readMatrix(ctx, request.params)
    const { scheme, units, rows } = matrix
    const file = `bang-tong-hop-diem-${scheme.year}-${scheme.period}`
    const title = matrixTitle(matrix.clusterName, scheme.year, scheme.period)
    if (type === 'application/pdf') {
      assertPrintable(units.length)
      const at = matrix.finalizedAt === null ? ctx.now : new Date(matrix.finalizedAt)
      const pdf = await matrixDocument({ ...matrix, year: scheme.year, period: scheme.period, at, rows: [...rows()] })
      return sendDocument(reply as FastifyReply, pdf, { type, filename: `${file}.pdf`, disposition: 'inline' })
    }
    if (type === 'text/csv') {
      return sendDocument(reply as FastifyReply, matrixCsv(title, units, rows(), request.query.decimal), { type: 'text/csv; charset=utf-8', filename: `${file}.csv`, disposition: 'attachment' })
    }
    if (type === XLSX_TYPE) {
      return sendDocument(reply as FastifyReply, await matrixXlsx(title, units, rows(), ctx.now), { type, filename: `${file}.xlsx`, disposition: 'attachment' })
    }
    const head = `{"schemeId":${JSON.stringify(scheme.id)},"clusterId":${JSON.stringify(scheme.clusterId)},"year":${scheme.year},` +
      `"period":${JSON.stringify(scheme.period)},"final":${matrix.final},"units":${JSON.stringify(units)},"rows":[`
    // The serializer takes any object; its parameter is typed as a record, which an interface type is not.
    const serializeRow = reply.compileSerializationSchema(MATRIX_ROW) as (row: object) => string
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(streamedJsonList(head, rows(), serializeRow, ']}'))
  })
}

export default matrixRoute
