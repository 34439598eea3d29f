// Summary reports (báo cáo sơ kết / tổng kết) and their comments (góp ý).
import type { Knex } from 'knex'
import { notFound } from '../domain/errors.js'
import type { Disposition, ReportPeriod, ReportSection, ReportStatus } from '../domain/report.js'
import { paginate, type PageRequest } from './pagination.js'

export interface Report {
  id: string
  clusterId: string
  period: ReportPeriod
  year: number
  sections: ReportSection[]
  status: ReportStatus
  contentHash: string | null
  conferenceId: string | null
  openedAt: string | null
  finalizedAt: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export interface ReportComment {
  id: string
  reportId: string
  unitId: string
  unitName: string
  sectionCode: string
  text: string
  onBehalf: boolean
  createdBy: { sub: string, role: string }
  disposition: Disposition | null
  answer: string | null
  answeredAt: string | null
  version: number
  createdAt: string
  updatedAt: string
}

interface ReportRow {
  id: string
  cluster_id: string
  period: ReportPeriod
  year: number
  sections: ReportSection[]
  status: ReportStatus
  content_hash: string | null
  conference_id: string | null
  opened_at: Date | null
  finalized_at: Date | null
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

interface CommentRow {
  id: string
  report_id: string
  unit_id: string
  unit_name: string
  section_code: string
  text: string
  on_behalf: boolean
  created_by_sub: string
  created_by_role: string
  disposition: Disposition | null
  answer: string | null
  answered_at: Date | null
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const instant = (value: Date | null) => (value ? value.toISOString() : null)

const toReport = (row: ReportRow): Report => ({
  id: row.id,
  clusterId: row.cluster_id,
  period: row.period,
  year: row.year,
  sections: row.sections,
  status: row.status,
  contentHash: row.content_hash,
  conferenceId: row.conference_id,
  openedAt: instant(row.opened_at),
  finalizedAt: instant(row.finalized_at),
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

const toComment = (row: CommentRow): ReportComment => ({
  id: row.id,
  reportId: row.report_id,
  unitId: row.unit_id,
  unitName: row.unit_name,
  sectionCode: row.section_code,
  text: row.text,
  onBehalf: row.on_behalf,
  createdBy: { sub: row.created_by_sub, role: row.created_by_role },
  disposition: row.disposition,
  answer: row.answer,
  answeredAt: instant(row.answered_at),
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

/** The report, or 404. `forUpdate` locks it: comments, answers and lifecycle steps serialise on the report. */
export async function getReport (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Report> {
  const query = db('reports').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  const row = await query
  if (!row) throw notFound('report', id)
  return toReport(row)
}

/** Whether the cluster has a report of the period for the year. */
export async function reportExists (db: Knex, clusterId: string, period: ReportPeriod, year: number): Promise<boolean> {
  return (await db('reports').where({ cluster_id: clusterId, period, year }).first('id')) !== undefined
}

export async function insertReport (
  trx: Knex.Transaction, fields: { clusterId: string, period: ReportPeriod, year: number, sections: ReportSection[] }
): Promise<Report> {
  const [row] = await trx('reports').insert({
    cluster_id: fields.clusterId, period: fields.period, year: fields.year, sections: JSON.stringify(fields.sections)
  }).returning('*')
  return toReport(row)
}

type ReportChange =
  | { sections: ReportSection[] }
  | { status: 'open_for_comments', at: Date }
  | { status: 'final', contentHash: string, conferenceId: string, at: Date }

/** Saves one change of `current` and bumps its version. */
export async function updateReport (trx: Knex.Transaction, current: Report, change: ReportChange): Promise<Report> {
  let columns: Record<string, unknown>
  if ('sections' in change) columns = { sections: JSON.stringify(change.sections) }
  else if (change.status === 'open_for_comments') columns = { status: change.status, opened_at: change.at }
  else columns = { status: change.status, content_hash: change.contentHash, conference_id: change.conferenceId, finalized_at: change.at }
  const [row] = await trx('reports').where({ id: current.id })
    .update({ ...columns, version: current.version + 1, updated_at: trx.fn.now() }).returning('*')
  return toReport(row)
}

/** A cluster's reports, the latest year first (annual before mid-year), optionally only those in `statuses`. */
export async function listReports (db: Knex, clusterId: string, filter: { year?: number, statuses?: readonly ReportStatus[] }, page: PageRequest) {
  const query = db('reports').where({ cluster_id: clusterId })
  if (filter.year !== undefined) query.where({ year: filter.year })
  if (filter.statuses !== undefined) query.whereIn('status', filter.statuses)
  return paginate<ReportRow, Report>(query, ['year', 'period', 'id'], page, toReport, 'desc')
}

const withUnits = (db: Knex) => db('report_comments as c').join('units as u', 'u.id', 'c.unit_id').select('c.*', 'u.name as unit_name')

export async function getComment (db: Knex, reportId: string, id: string): Promise<ReportComment> {
  const row = await withUnits(db).where({ 'c.report_id': reportId, 'c.id': id }).first()
  if (!row) throw notFound('report_comment', id)
  return toComment(row)
}

export async function insertComment (
  trx: Knex.Transaction,
  fields: { reportId: string, unitId: string, sectionCode: string, text: string, onBehalf: boolean, createdBy: { sub: string, role: string } }
): Promise<ReportComment> {
  const [{ id }] = await trx('report_comments').insert({
    report_id: fields.reportId,
    unit_id: fields.unitId,
    section_code: fields.sectionCode,
    text: fields.text,
    on_behalf: fields.onBehalf,
    created_by_sub: fields.createdBy.sub,
    created_by_role: fields.createdBy.role
  }).returning('id')
  return getComment(trx, fields.reportId, id)
}

/** Records the comment's disposition and answer (again, when revised) and bumps its version. */
export async function answerComment (
  trx: Knex.Transaction, current: ReportComment, answer: { disposition: Disposition, answer: string, at: Date }
): Promise<ReportComment> {
  await trx('report_comments').where({ id: current.id }).update({
    disposition: answer.disposition, answer: answer.answer, answered_at: answer.at, version: current.version + 1, updated_at: trx.fn.now()
  })
  return getComment(trx, current.reportId, current.id)
}

/** A report's comments in the order they were made, optionally only one unit's. */
export async function listComments (db: Knex, reportId: string, filter: { unitId?: string }, page: PageRequest) {
  const query = withUnits(db).where('c.report_id', reportId)
  if (filter.unitId !== undefined) query.where('c.unit_id', filter.unitId)
  return paginate<CommentRow, ReportComment>(query, ['c.position'], page, toComment)
}

/** How many comments the report has, how many still wait for a disposition, and the section codes they name. */
export async function commentTally (db: Knex, reportId: string): Promise<{ count: number, waiting: number, sectionCodes: string[] }> {
  const [row] = await db('report_comments').where({ report_id: reportId })
    .select(db.raw('count(*)::int as count'), db.raw('(count(*) filter (where disposition is null))::int as waiting'),
      db.raw('coalesce(array_agg(distinct section_code), \'{}\') as section_codes'))
  return { count: row.count, waiting: row.waiting, sectionCodes: row.section_codes }
}

/** The reports finalized at a conference, by year and period. */
export async function reportsFinalizedAt (db: Knex, conferenceId: string): Promise<Report[]> {
  const rows: ReportRow[] = await db('reports').where({ conference_id: conferenceId }).orderBy(['year', 'period'])
  return rows.map(toReport)
}
