// GET /v1/award-rounds/{year}: the Ministry's roll-up of a year's proposals across clusters, as JSON or as an Excel
// workbook (chosen by Accept or ?format=, as the ranking's and the matrix's).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { sendDocument } from '../../documents/document-routes.js'
import { readContext } from '../../http/context.js'
import { chosenType, VARY_ACCEPT } from '../../http/negotiate.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { streamedWorkbook, XLSX_TYPE } from '../../http/spreadsheet.js'
import { readAwardRound } from '../../services/dossiers.js'
import { AwardRound, AwardRoundParams, AwardRoundQuery } from './round-schemas.js'

/** What the roll-up answers in, by `?format=`; JSON first: what `*\/*` or no Accept gets. */
const FORMAT_TYPES = { json: 'application/json', xlsx: XLSX_TYPE } as const
export const ROUND_SHEET = 'Xét khen thưởng'
export const QUOTA_SHEET = 'Chỉ tiêu'

const DOSSIER_WORDS: Record<string, string> = {
  draft: 'Đang lập', submitted: 'Đã gửi Bộ', returned: 'Trả lại', accepted: 'Bộ đã xét', decided: 'Đã có quyết định'
}
const PROPOSAL_WORDS: Record<string, string> = { proposed: 'Chờ xét', accepted: 'Chấp thuận', not_accepted: 'Không chấp thuận', decided: 'Đã khen thưởng' }

type Round = Awaited<ReturnType<typeof readAwardRound>>

/** Two sheets: one row per proposal (title, cluster, unit, ranking facts, vote, dossier), and per title its quota. */
const roundXlsx = (round: Round, createdAt: Date) => streamedWorkbook(`Xét khen thưởng năm ${round.year}`, createdAt, (workbook) => {
  const sheet = workbook.addWorksheet(ROUND_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] })
  sheet.columns = [{ width: 34 }, { width: 26 }, { width: 40 }, { width: 9 }, { width: 10, style: { numFmt: '0.00' } }, { width: 14 }, { width: 10 }, { width: 12 }, { width: 18 }, { width: 18 }]
  const title = sheet.addRow([`Danh sách đề nghị khen thưởng năm ${round.year}`])
  title.font = { bold: true, size: 14 }
  title.commit()
  const header = sheet.addRow(['Danh hiệu', 'Cụm thi đua', 'Đơn vị', 'Xếp hạng', 'Tổng điểm', 'Xếp loại', 'Số phiếu', 'Phiếu hợp lệ', 'Hồ sơ', 'Kết quả xét'])
  header.font = { bold: true }
  header.commit()
  for (const t of round.titles) {
    for (const p of t.proposals) {
      sheet.addRow([
        t.titleName, p.clusterName, p.unitName,
        p.ranking ? `${p.ranking.rank}/${p.ranking.rankedUnits}` : '', p.ranking?.total ?? null, p.ranking?.bandName ?? '',
        p.vote.votes, p.vote.ballotsCast,
        p.dossier ? DOSSIER_WORDS[p.dossier.status] : 'Chưa lập hồ sơ', p.dossier ? PROPOSAL_WORDS[p.dossier.proposalStatus] : ''
      ]).commit()
    }
  }
  sheet.commit()
  const quotas = workbook.addWorksheet(QUOTA_SHEET)
  quotas.columns = [{ width: 34 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 12 }]
  const head = quotas.addRow(['Danh hiệu', 'Chỉ tiêu', 'Đã chấp thuận', 'Chờ xét', 'Đề nghị'])
  head.font = { bold: true }
  head.commit()
  for (const t of round.titles) {
    const quota = t.quota === null ? 'Không giới hạn' : t.quota.basis === 'per_cluster' ? `${t.quota.limit} mỗi cụm` : t.quota.limit
    quotas.addRow([t.titleName, quota, t.accepted, t.waiting, t.proposals.length]).commit()
  }
  quotas.commit()
})

const awardRoundRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/award-rounds/:year', {
    config: { roles: ['admin', 'reader', 'ministry'] },
    schema: {
      operationId: 'getAwardRound',
      summary: 'The Ministry\'s roll-up of a year: every proposal by title across clusters, with the quotas',
      description: 'Every title proposal of the year, by title (code order), then cluster number and unit name: each with its ' +
        'cluster\'s ranking facts (rank of how many, total, band; null while the cluster\'s scores are not finalized), the vote ' +
        'and its dossier (status, and the proposal\'s status in it). Per title: `quota` (from the catalogue: the Government flag\'s ' +
        'floor(n × 20 / 100) for the n clusters active in the year, `clustersActive`; a per-cluster ceiling says so), `accepted` ' +
        '(accepted or decided since) and `waiting` (in a dossier submitted to the Ministry). As JSON, or as an Excel workbook ' +
        `(sheets "${ROUND_SHEET}" and "${QUOTA_SHEET}") by Accept or \`?format=xlsx\` (406 \`not_acceptable\` for neither). ` +
        'Read by admin, reader and ministry.',
      tags: ['awards'],
      params: AwardRoundParams,
      querystring: AwardRoundQuery,
      produces: [...Object.values(FORMAT_TYPES), 'application/problem+json'],
      response: {
        200: {
          description: 'The roll-up, in the media type chosen.',
          headers: VARY_ACCEPT,
          content: {
            'application/json': { schema: ref(AwardRound) },
            [XLSX_TYPE]: { schema: { type: 'string', format: 'binary', description: `An Excel workbook: sheet "${ROUND_SHEET}" one row per proposal, sheet "${QUOTA_SHEET}" one row per title.` } }
          }
        },
        ...problems({ 404: ['title_not_found'], 406: ['not_acceptable'] })
      }
    }
  }, async (request, reply) => {
    const type = chosenType(request, reply, request.query.format, FORMAT_TYPES)
    if (type === undefined) return reply
    const ctx = readContext(request)
    const round = await readAwardRound(ctx, request.params)
    if (type === XLSX_TYPE) {
      return sendDocument(reply as FastifyReply, await roundXlsx(round, ctx.now), { type, filename: `xet-khen-thuong-${round.year}.xlsx`, disposition: 'attachment' })
    }
    return round
  })
}

export default awardRoundRoute
