import type { Knex } from 'knex'
import type { Reference } from '../domain/deletion.js'
import { notFound } from '../domain/errors.js'
import { normalizeName } from '../domain/text.js'
import { nameColumns, whereSearchMatches } from './name-columns.js'
import { paginate, type PageRequest } from './pagination.js'
import { countReferences } from './reference-counts.js'
import { awardsOfUnit } from './awards-repository.js'
import { campaignsNaming } from './campaigns-repository.js'

export interface Unit {
  id: string
  name: string
  code: string | null
  shortName: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export interface UnitFields { name: string, code?: string | null, shortName?: string | null }

interface UnitRow {
  id: string
  name: string
  code: string | null
  short_name: string | null
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toUnit = (row: UnitRow): Unit => ({
  id: row.id,
  name: row.name,
  code: row.code,
  shortName: row.short_name,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

const clean = (value: string | null | undefined) => (typeof value === 'string' ? normalizeName(value) || null : null)

function columns (fields: UnitFields) {
  const code = clean(fields.code)
  const shortName = clean(fields.shortName)
  return { ...nameColumns(fields.name, shortName, code), code, short_name: shortName }
}

export async function insertUnit (trx: Knex.Transaction, fields: UnitFields): Promise<Unit> {
  const [row] = await trx('units').insert(columns(fields)).returning('*')
  return toUnit(row)
}

export async function findUnit (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Unit | undefined> {
  const query = db('units').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  const row = await query
  return row ? toUnit(row) : undefined
}

/**
 * Another unit already holding the name (whatever its case or Unicode form, as the unique key compares it) or the
 * code of `fields`: which, and what it holds. Checked before a write so that the 409 can name the unit (the unique
 * keys still refuse a duplicate that a concurrent write slips in).
 */
export async function unitHolding (db: Knex, fields: UnitFields, exceptId?: string): Promise<{ held: 'name' | 'code', unit: Unit } | undefined> {
  const { name_key: nameKeyOf, code } = columns(fields)
  const query = db('units').where((q) => {
    q.where('name_key', nameKeyOf)
    if (code !== null) q.orWhereRaw('upper(code) = upper(?)', [code])
  })
  if (exceptId !== undefined) query.whereNot('id', exceptId)
  const rows: UnitRow[] = await query.select('*').limit(2)
  const byName = rows.find((r) => r.name_key === nameKeyOf)
  if (byName) return { held: 'name', unit: toUnit(byName) }
  return rows[0] ? { held: 'code', unit: toUnit(rows[0]) } : undefined
}

export async function getUnit (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Unit> {
  const unit = await findUnit(db, id, options)
  if (!unit) throw notFound('unit', id)
  return unit
}

export async function updateUnit (trx: Knex.Transaction, current: Unit, fields: UnitFields): Promise<Unit> {
  const [row] = await trx('units')
    .where({ id: current.id })
    .update({ ...columns(fields), version: current.version + 1, updated_at: trx.fn.now() })
    .returning('*')
  return toUnit(row)
}

/** Units in Vietnamese alphabetical order, optionally only those whose name, short name or code contains q. */
export async function listUnits (db: Knex, filter: { q?: string }, page: PageRequest) {
  const query = db('units').select('*')
  whereSearchMatches(query, 'search_text', filter.q)
  return paginate<UnitRow, Unit>(query, ['sort_key', 'id'], page, toUnit)
}

/** The ids among `ids` that name no unit. */
export async function missingUnitIds (db: Knex, ids: string[]): Promise<string[]> {
  const found = new Set((await db('units').whereIn('id', ids).select('id')).map((r: { id: string }) => r.id))
  return ids.filter((id) => !found.has(id))
}

/** The names of the units `ids` names, in one query; an id that names no unit stands for itself. */
export async function unitNames (db: Knex, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  const rows: Array<{ id: string, name: string }> = unique.length ? await db('units').whereIn('id', unique).select('id', 'name') : []
  const found = new Map(rows.map((r) => [r.id, r.name]))
  return new Map(unique.map((id) => [id, found.get(id) ?? id]))
}

/** A unit as a table heads its column: its name, short name and code. */
export interface UnitHeading { unitId: string, name: string, shortName: string | null, code: string | null }

/** The units `ids` names, in Vietnamese alphabetical order of their names (one query). */
export async function unitHeadings (db: Knex, ids: readonly string[]): Promise<UnitHeading[]> {
  const rows: Array<{ id: string, name: string, short_name: string | null, code: string | null }> = ids.length === 0
    ? []
    : await db('units').whereIn('id', [...ids]).select('id', 'name', 'short_name', 'code').orderBy([{ column: 'sort_key' }, { column: 'id' }])
  return rows.map((r) => ({ unitId: r.id, name: r.name, shortName: r.short_name, code: r.code }))
}

/** A message names the clusters of this many memberships at most, and counts more. */
const MEMBERSHIPS_NAMED = 3

/**
 * What refers to the unit, kind by kind: every table with a key to it, and the pledges and elections that name it
 * in their JSON (registered titles, candidates). Memberships name their clusters and first years (a few at most).
 */
export async function unitReferences (db: Knex, id: string): Promise<Reference[]> {
  const references = await countReferences(db, {
    membership: db('memberships').where({ unit_id: id }),
    term: db('terms').where({ head_unit_id: id }).orWhere({ deputy_unit_id: id }),
    pledge_signature: db('pledge_signatures').where({ unit_id: id }),
    registered_title: db('pledges').whereRaw('registered_titles @> ?::jsonb', [JSON.stringify([{ unitId: id }])]),
    conference_chair: db('conferences').where({ chair_unit_id: id }),
    conference_attendance: db('conference_attendances').where({ unit_id: id }),
    scoring_target: db('scoring_targets').where({ unit_id: id }),
    scorecard: db('scorecards').where({ unit_id: id }),
    discipline_record: db('discipline_records').where({ unit_id: id }),
    election_candidate: db('elections').whereRaw('candidate_unit_ids @> ?::jsonb', [JSON.stringify([id])]),
    election_voter: db('election_voters').where({ voter_unit_id: id }),
    title_proposal: db('title_proposals').where({ unit_id: id }),
    advisory_member: db('advisory_group_versions').whereRaw('members @> ?::jsonb', [JSON.stringify([{ unitId: id }])]),
    campaign_scope: campaignsNaming(db, 'unit', id),
    campaign_participant: db('campaign_participants').where({ unit_id: id }),
    report_comment: db('report_comments').where({ unit_id: id }),
    dossier_attachment: db('dossier_attachments').where({ unit_id: id }),
    award: awardsOfUnit(db, id)
  })
  const clusters: Array<{ name: string, year: number }> = await db('memberships as m').join('clusters as c', 'c.id', 'm.cluster_id')
    .where('m.unit_id', id).orderBy('m.valid_from').limit(MEMBERSHIPS_NAMED)
    .select('c.name', db.raw('extract(year from m.valid_from)::int as year'))
  return references.map((r) => (r.kind === 'membership' && r.count <= MEMBERSHIPS_NAMED
    ? { ...r, names: clusters.map((c) => `${c.name} (${c.year})`) }
    : r))
}

/** Deletes the unit's row (the caller has found nothing refers to it). */
export async function deleteUnit (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('units').where({ id }).delete()
}
