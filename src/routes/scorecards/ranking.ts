// GET /v1/scoring-schemes/{schemeId}/ranking: the cluster's ranking as JSON, CSV or an Excel workbook, chosen by
// Accept or ?format=, streamed row by row whatever the cluster's size.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { readContext } from '../../http/context.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { SchemeParams } from '../../http/common-schemas.js'
import { chosenType, VARY_ACCEPT } from '../../http/negotiate.js'
import { XLSX_TYPE } from '../../http/spreadsheet.js'
import { readRanking } from '../../services/scorecards.js'
import { Ranking, RankingItem, RankingQuery } from './schemas.js'
import { CSV_DESCRIPTION, CSV_EXAMPLE, rankingCsv } from './csv.js'
import { rankingXlsx } from './xlsx.js'
import { rankingJson } from './ranking-json.js'
import { rankingHeaders, rankingTitle } from './ranking-table.js'

/** What the ranking answers in, by `?format=`; JSON first: what `*\/*` or no Accept gets. */
const FORMAT_TYPES = { json: 'application/json', csv: 'text/csv', xlsx: XLSX_TYPE } as const
/** One line of the ranking as the response schema serializes it (one object: Fastify compiles it once per route). */
const RANKING_ITEM = ref(RankingItem) as unknown as Record<string, unknown>

const tags = ['scoring']

const rankingRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/scoring-schemes/:schemeId/ranking', {
    config: { scope: { secretariat: 'own cluster only', unit: 'a member of the cluster in its year, once the scores are final' } },
    schema: {
      operationId: 'getRanking',
      summary: 'Every member\'s total, rank, band and eligibility, computed by the scoring engine',
      description: 'Members are the units in the cluster on some day of the scheme\'s year (once the scores are finalised, ' +
        'those of that moment, kept with the finalisation); a unit without a scorecard scores 0 on every leaf. ' +
        'Reviewed points replace self scores. A pending or in-force discipline record ' +
        'overlapping the year bars a unit from titles and, unless the cluster rule `disciplinedUnitMayRankFirst` ' +
        'allows it, from rank 1. The representation is chosen by the Accept header (q-values honoured; absent or `*/*`: ' +
        'JSON; none of the three: 406 `not_acceptable` listing them) or by `?format=`, which wins over Accept when both ' +
        'are given. CSV (UTF-8 with BOM) and the Excel workbook hold the same table, numbers as numbers in the ' +
        'workbook: a title row naming the cluster, the year and the period, the Vietnamese headers, one row per unit; ' +
        '`breakdown=true` adds one column per criterion; in JSON it adds `breakdown`, each criterion\'s points, where each ' +
        'quantitative leaf\'s `explanation` gives the branch of the formula that applied, the target, the actual, the ' +
        'cluster\'s best actual and the formula with its numbers (so a unit sees why its points moved when another unit ' +
        'reported a better actual), and whether a review replaced the computed points. ' +
        '409 `scheme_not_published` for a draft. Read by admin and reader and the cluster\'s secretariat; by the ' +
        'cluster\'s member units of the year once final, or before where `membersReadDraftScorecards` publishes drafts (else 403).',
      tags,
      params: SchemeParams,
      querystring: RankingQuery,
      produces: ['application/json', 'text/csv', XLSX_TYPE, 'application/problem+json'],
      response: {
        200: {
          description: 'The ranking, in rank order, in the media type chosen.',
          headers: VARY_ACCEPT,
          content: {
            'application/json': { schema: ref(Ranking) },
            // Text, so generators hand it over as a string. Its bound: 10,000 members (Ranking's maxItems), each line
            // well under 20,000 characters even with a breakdown of the largest scheme.
            'text/csv': { schema: { type: 'string', maxLength: 200_000_000, description: CSV_DESCRIPTION }, example: CSV_EXAMPLE },
            [XLSX_TYPE]: {
              schema: { type: 'string', format: 'binary', description: 'An Excel workbook, sheet "Xếp hạng": the CSV\'s table.' }
            }
          }
        },
        ...problems({ 404: ['cluster_not_found', 'scoring_scheme_not_found'], 406: ['not_acceptable'], 409: ['scheme_not_published'], 422: ['invalid_scheme', 'invalid_scoring_input'] })
      }
    }
  }, async (request, reply) => {
    const { format, breakdown, decimal } = request.query
    const type = chosenType(request, reply, format, FORMAT_TYPES)
    if (type === undefined) return reply
    const ctx = readContext(request)
    const { scheme, clusterName, final, items } = await readRanking(ctx, { ...request.params, breakdown })
    if (type !== 'application/json') {
      const title = rankingTitle(clusterName, scheme.year, scheme.period)
      const headers = rankingHeaders(breakdown ? scheme.criteria : undefined)
      const file = `ranking-${scheme.year}-${scheme.period}.${type === 'text/csv' ? 'csv' : 'xlsx'}`
      // A stream goes out as it is, past the JSON serializer.
      return (reply as FastifyReply)
        .type(type === 'text/csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(type === 'text/csv' ? rankingCsv(title, headers, items(), decimal) : await rankingXlsx(title, headers, items(), ctx.now))
    }
    const envelope = { schemeId: scheme.id, clusterId: scheme.clusterId, year: scheme.year, period: scheme.period, final }
    // The serializer takes any object; its parameter is typed as a record, which an interface type is not.
    const serializeItem = reply.compileSerializationSchema(RANKING_ITEM) as (item: object) => string
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(rankingJson(envelope, items(), serializeItem))
  })
}

export default rankingRoute
