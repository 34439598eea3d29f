// Cluster membership over time, and the one read model every other use of membership goes through: who was a member
// on a day, during a period, or alongside another unit. Periods are [from, until): until is the first day out.
import type { Knex } from 'knex'
import type { BlockMembership, Period } from '../domain/membership.js'
import { paginate, type PageRequest } from './pagination.js'
import { unitIdsByConference } from './unit-ids-by-conference.js'

export interface Membership {
  id: string
  clusterId: string
  blockId: string
  unitId: string
  unitName: string
  unitCode: string | null
  from: string
  until: string | null
  version: number
  createdAt: string
  endedAt: string | null
}

interface MembershipRow {
  id: string
  cluster_id: string
  block_id: string
  unit_id: string
  unit_name: string
  unit_code: string | null
  valid_from: string
  valid_until: string | null
  version: number
  created_at: Date
  ended_at: Date | null
  [column: string]: unknown
}

const toMembership = (row: MembershipRow): Membership => ({
  id: row.id,
  clusterId: row.cluster_id,
  blockId: row.block_id,
  unitId: row.unit_id,
  unitName: row.unit_name,
  unitCode: row.unit_code,
  from: row.valid_from,
  until: row.valid_until,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  endedAt: row.ended_at ? row.ended_at.toISOString() : null
})

// Memberships with their unit's name, so lists can show and sort by it.
const withUnits = (db: Knex) => db('memberships as m')
  .join('units as u', 'u.id', 'm.unit_id')
  .select('m.*', 'u.name as unit_name', 'u.code as unit_code', 'u.sort_key')

async function getMembership (db: Knex, id: string): Promise<Membership> {
  return toMembership(await withUnits(db).where('m.id', id).first())
}

export async function insertMembership (
  trx: Knex.Transaction,
  fields: { clusterId: string, blockId: string, unitId: string, from: string }
): Promise<Membership> {
  const [{ id }] = await trx('memberships').insert({
    cluster_id: fields.clusterId,
    block_id: fields.blockId,
    unit_id: fields.unitId,
    valid_from: fields.from
  }).returning('id')
  return getMembership(trx, id)
}

/** Every membership, past or future, of the unit in the clusters of a block. */
export async function listBlockMemberships (db: Knex, unitId: string, blockId: string): Promise<BlockMembership[]> {
  const rows = await db('memberships').where({ unit_id: unitId, block_id: blockId }).select('cluster_id', 'valid_from', 'valid_until')
  return rows.map((r: MembershipRow) => ({ clusterId: r.cluster_id, from: r.valid_from, until: r.valid_until }))
}

/** The unit's membership of the cluster that has no end yet (at most one: periods in a block never overlap). */
export async function findOpenMembership (db: Knex, clusterId: string, unitId: string, options: { forUpdate?: boolean } = {}) {
  const query = withUnits(db).where({ 'm.cluster_id': clusterId, 'm.unit_id': unitId }).whereNull('m.valid_until').first()
  if (options.forUpdate) query.forUpdate('m')
  const row = await query
  return row ? toMembership(row) : undefined
}

export async function endMembership (trx: Knex.Transaction, current: Membership, on: string): Promise<Membership> {
  await trx('memberships')
    .where({ id: current.id })
    .update({ valid_until: on, ended_at: trx.fn.now(), version: current.version + 1 })
  return getMembership(trx, current.id)
}

/** The cluster's members on a date, by unit name in Vietnamese order. */
export async function listMembersOn (db: Knex, clusterId: string, on: string, page: PageRequest) {
  const query = withUnits(db)
    .where('m.cluster_id', clusterId)
    .where('m.valid_from', '<=', on)
    .where((q) => q.whereNull('m.valid_until').orWhere('m.valid_until', '>', on))
  // One membership per unit on a date, so (name key, unit id) is unique.
  return paginate<MembershipRow, Membership>(query, ['u.sort_key', 'm.unit_id'], page, toMembership)
}

/** A unit's memberships in every cluster, the latest first. */
export async function listUnitMemberships (db: Knex, unitId: string, page: PageRequest) {
  const query = withUnits(db).where('m.unit_id', unitId)
  return paginate<MembershipRow, Membership>(query, ['m.valid_from', 'm.id'], page, toMembership, 'desc')
}

/** The clusters the unit is, was or will be a member of. */
export async function clusterIdsOf (db: Knex, unitId: string): Promise<string[]> {
  const rows: Array<{ cluster_id: string }> = await db('memberships').where({ unit_id: unitId }).distinct('cluster_id')
  return rows.map((r) => r.cluster_id)
}

/** The periods in which some of `unitIds` were members of the cluster. */
export async function membershipPeriods (db: Knex, clusterId: string, unitIds: string[]): Promise<Array<Period & { unitId: string }>> {
  const rows = await db('memberships').where({ cluster_id: clusterId }).whereIn('unit_id', unitIds)
    .select('unit_id', 'valid_from', 'valid_until')
  return rows.map((r: MembershipRow) => ({ unitId: r.unit_id, from: r.valid_from, until: r.valid_until }))
}

/** Memberships current on a date: begun by then and not yet ended. */
const currentOn = (query: Knex.QueryBuilder, on: string) => query
  .where('valid_from', '<=', on)
  .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>', on))

/** Memberships overlapping [from, until) by at least one day. */
const overlapping = (query: Knex.QueryBuilder, from: string, until: string) => query
  .where('valid_from', '<', until)
  .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>', from))

/** The units that are members of the cluster on a date. */
export async function memberUnitIdsOn (db: Knex, clusterId: string, on: string): Promise<string[]> {
  const rows: Array<{ unit_id: string }> = await currentOn(db('memberships').where('cluster_id', clusterId), on).select('unit_id')
  return rows.map((r) => r.unit_id)
}

/** The ids of the units that are members of the cluster on some day of [from, until), as a subquery. */
export const memberUnitIdsDuringQuery = (db: Knex, clusterId: string, from: string, until: string) =>
  overlapping(db('memberships').where({ cluster_id: clusterId }), from, until).select('unit_id')

/** Units that are members of the cluster on at least one day of [from, until), ordered by id. */
export async function memberUnitIdsDuring (db: Knex, clusterId: string, from: string, until: string): Promise<string[]> {
  const rows: Array<{ unit_id: string }> = await overlapping(db('memberships').where({ cluster_id: clusterId }), from, until)
    .distinct('unit_id').orderBy('unit_id')
  return rows.map((r) => r.unit_id)
}

/**
 * The clusters (with their block) each of `unitIds` is a member of on some day from `from` to `lastDay` (both
 * included: a campaign's period), by unit id (one query).
 */
export async function clustersOfUnitsDuring (
  db: Knex, unitIds: readonly string[], from: string, lastDay: string
): Promise<Map<string, Array<{ clusterId: string, blockId: string }>>> {
  const byUnit = new Map<string, Array<{ clusterId: string, blockId: string }>>()
  if (unitIds.length === 0) return byUnit
  const rows: Array<{ unit_id: string, cluster_id: string, block_id: string }> = await db('memberships')
    .whereIn('unit_id', [...unitIds]).where('valid_from', '<=', lastDay)
    .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>', from))
    .distinct('unit_id', 'cluster_id', 'block_id')
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), { clusterId: r.cluster_id, blockId: r.block_id }])
  return byUnit
}

/** The ids of every unit that ever was, is or will be a member of the cluster, as a subquery. */
export const everMemberUnitIdsQuery = (db: Knex, clusterId: string) => db('memberships').where({ cluster_id: clusterId }).select('unit_id')

/** Whether the unit is a member of the cluster on some day of [from, until) (until null: open-ended). */
export async function isMemberDuring (db: Knex, clusterId: string, unitId: string, from: string, until: string | null): Promise<boolean> {
  const query = db('memberships').where({ cluster_id: clusterId, unit_id: unitId })
    .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>', from))
  if (until !== null) query.where('valid_from', '<', until)
  return (await query.first('id')) !== undefined
}

/** The members of each conference's cluster on the day it is held, by conference id (one query). */
export async function memberUnitIdsAtConferences (db: Knex, conferenceIds: readonly string[]): Promise<Map<string, string[]>> {
  if (conferenceIds.length === 0) return new Map()
  const rows: Array<{ conference_id: string, unit_id: string }> = await db('conferences as c')
    .join('memberships as m', function () {
      this.on('m.cluster_id', 'c.cluster_id').andOn('m.valid_from', '<=', 'c.held_on')
        .andOn((q) => q.onNull('m.valid_until').orOn('m.valid_until', '>', 'c.held_on'))
    })
    .whereIn('c.id', conferenceIds as string[])
    .select('c.id as conference_id', 'm.unit_id')
  return unitIdsByConference(rows)
}

/**
 * Narrows `query` (a subquery of `EXISTS`) to a membership of `unitColumn`'s unit in one of `clusterIds` overlapping
 * [fromColumn, untilColumn), and with `fellowOf`, to clusters that unit shared with `fellowOf` over that period too.
 */
export function sharedMembershipDuring (
  query: Knex.QueryBuilder,
  columns: { unit: string, from: string, until: string },
  clusterIds: readonly string[],
  fellowOf?: string
): Knex.QueryBuilder {
  const during = (alias: string) => (q: Knex.QueryBuilder) => q
    .where((w) => w.whereNull(`${alias}.valid_until`).orWhereRaw(`${alias}.valid_until > ${columns.from}`))
    .where((w) => w.whereNull(columns.until).orWhereRaw(`${alias}.valid_from < ${columns.until}`))
  query.select(1).from('memberships as theirs')
    .whereRaw(`theirs.unit_id = ${columns.unit}`)
    .whereIn('theirs.cluster_id', [...clusterIds])
    .where(during('theirs'))
  if (fellowOf) {
    query.join('memberships as mine', 'mine.cluster_id', 'theirs.cluster_id')
      .where('mine.unit_id', fellowOf)
      .where(during('mine'))
  }
  return query
}
