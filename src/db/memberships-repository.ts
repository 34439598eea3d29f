import type { Knex } from 'knex'
import type { BlockMembership, Period } from '../domain/membership.js'
import { paginate, type PageRequest } from './pagination.js'

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
