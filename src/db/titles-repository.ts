import type { Knex } from 'knex'
import { notFound } from '../domain/errors.js'
import type { QuotaRule, Title, TitleFields, TitleLevel, TitleRecipient, TitleStandard } from '../domain/titles.js'
import { nameColumns } from './name-columns.js'
import { paginate, type PageRequest } from './pagination.js'

interface TitleRow {
  code: string
  name: string
  level: TitleLevel
  recipient: TitleRecipient
  standard: TitleStandard
  quota: QuotaRule | null
  legal_basis: string
  built_in: boolean
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toTitle = (row: TitleRow): Title => ({
  code: row.code,
  name: row.name,
  level: row.level,
  recipient: row.recipient,
  standard: row.standard,
  quota: row.quota,
  legalBasis: row.legal_basis,
  builtIn: row.built_in,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

type Content = Pick<TitleFields, 'name' | 'standard' | 'quota' | 'legalBasis'>

const columns = (content: Content) => ({
  ...nameColumns(content.name),
  standard: JSON.stringify(content.standard),
  quota: content.quota === null ? null : JSON.stringify(content.quota),
  legal_basis: content.legalBasis
})

export async function insertTitle (trx: Knex.Transaction, fields: TitleFields): Promise<Title> {
  const [row] = await trx('titles').insert({ code: fields.code, level: fields.level, recipient: fields.recipient, ...columns(fields) }).returning('*')
  return toTitle(row)
}

export async function findTitle (db: Knex, code: string): Promise<Title | undefined> {
  const row: TitleRow | undefined = await db('titles').where({ code }).first()
  return row && toTitle(row)
}

/** The title, or 404 `title_not_found`. `forUpdate` locks it for a change. */
export async function getTitle (db: Knex, code: string, options: { forUpdate?: boolean } = {}): Promise<Title> {
  const query = db('titles').where({ code }).first()
  if (options.forUpdate) query.forUpdate()
  const row: TitleRow | undefined = await query
  if (!row) throw notFound('title', code, 'code')
  return toTitle(row)
}

export interface TitleFilter { level?: TitleLevel, recipient?: TitleRecipient }

/** The catalogue from the highest level down, each level in Vietnamese order of name. */
export async function listTitles (db: Knex, filter: TitleFilter, page: PageRequest) {
  const query = db('titles').select('*', db.raw("case level when 'government' then 0 when 'ministry' then 1 else 2 end as level_rank"))
  if (filter.level) query.where('level', filter.level)
  if (filter.recipient) query.where('recipient', filter.recipient)
  return paginate<TitleRow, Title>(db.queryBuilder().from(query.as('t')), ['level_rank', 'sort_key', 'code'], page, toTitle)
}

export async function updateTitle (trx: Knex.Transaction, current: Title, content: Content): Promise<Title> {
  const [row] = await trx('titles').where({ code: current.code })
    .update({ ...columns(content), version: current.version + 1, updated_at: trx.fn.now() }).returning('*')
  return toTitle(row)
}
