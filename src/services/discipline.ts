// Discipline records (kỷ luật) of units. An admin records them for any unit; a secretariat only for units that are
// members of its cluster on every day of the record's period. Reading: admin and reader read every record; a
// secretariat those of its cluster's members' days; a unit its own, and others' only where a cluster they share
// publishes them (`membersReadDisciplineRecords`). A record hidden from the caller is a 404, like one that does not exist.
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import { readsEverything } from '../auth/access.js'
import { getCluster } from '../db/clusters-repository.js'
import {
  getDisciplineRecord, insertDisciplineRecord, listDisciplineRecords, updateDisciplineRecord, type DisciplineRecord, type DisciplineView
} from '../db/discipline-repository.js'
import { clusterIdsOf, membershipPeriods } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { getUnit } from '../db/units-repository.js'
import { assertDisciplinePeriod, assertWithinMembership, normalizeNote, type DisciplineStatus } from '../domain/discipline.js'
import type { Period } from '../domain/membership.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'

export type { DisciplineRecord }

export const disciplineTag = (record: DisciplineRecord) => etagOf(record.version)

/** Admin: any unit. Secretariat (the only other role that writes): a unit in its cluster on every day of the period. */
async function assertDisciplineScope (db: Knex, actor: Actor, unitId: string, period: Period): Promise<void> {
  if (actor.role === 'admin') return
  const { clusterId } = actor
  assertWithinMembership(clusterId, unitId, clusterId ? await membershipPeriods(db, clusterId, [unitId]) : [], period)
}

/** The records the caller reads; undefined: every record. */
async function viewOf (db: Knex, actor: Actor): Promise<DisciplineView | undefined> {
  if (readsEverything(actor)) return undefined
  if (actor.role === 'secretariat' || !actor.unitId) return { clusterIds: actor.clusterId ? [actor.clusterId] : [] }
  const publishing: string[] = []
  for (const clusterId of await clusterIdsOf(db, actor.unitId)) {
    if ((await getCluster(db, clusterId)).rules.membersReadDisciplineRecords) publishing.push(clusterId)
  }
  return { ownUnitId: actor.unitId, clusterIds: publishing, fellowOf: actor.unitId }
}

export interface NewDisciplineRecord {
  unitId: string
  from: string
  /** Open-ended when absent or null. */
  until?: string | null
  status: DisciplineStatus
  note: string
}

export async function createDisciplineRecord (ctx: WriteContext, { unitId, from, until = null, status, note }: NewDisciplineRecord): Promise<DisciplineRecord> {
  await getUnit(ctx.trx, unitId)
  await assertDisciplineScope(ctx.trx, ctx.actor, unitId, { from, until })
  assertDisciplinePeriod({ from, until })
  const created = await insertDisciplineRecord(ctx.trx, unitId, { from, until, status, note: normalizeNote(note) })
  ctx.record({ action: 'discipline_record.created', resourceType: 'discipline_record', resourceId: created.id, after: created })
  return created
}

/** A unit's records that the caller reads, the latest start first. */
export async function listUnitDisciplineRecords ({ db, actor }: ReadContext, { unitId, ...page }: { unitId: string } & PageRequest) {
  await getUnit(db, unitId)
  return listDisciplineRecords(db, unitId, page, await viewOf(db, actor))
}

export async function readDisciplineRecord ({ db, actor }: ReadContext, { recordId }: { recordId: string }): Promise<DisciplineRecord> {
  return getDisciplineRecord(db, recordId, { view: await viewOf(db, actor) })
}

export interface DisciplineChange {
  recordId: string
  status?: DisciplineStatus
  /** null reopens the period. */
  until?: string | null
  note?: string
  /** The tag the caller last read; a stale one is refused. */
  ifMatch?: string
}

/** Changes a record's status, end or note; the caller's scope holds for its period both before and after. */
export async function changeDisciplineRecord (ctx: WriteContext, { recordId, ifMatch, ...change }: DisciplineChange): Promise<DisciplineRecord> {
  const { trx, actor } = ctx
  const before = await getDisciplineRecord(trx, recordId, { forUpdate: true, view: await viewOf(trx, actor) })
  const { status = before.status, until = before.until, note } = change
  await assertDisciplineScope(trx, actor, before.unitId, before)
  await assertDisciplineScope(trx, actor, before.unitId, { from: before.from, until })
  assertIfMatch(ifMatch, before.version)
  assertDisciplinePeriod({ from: before.from, until })
  const after = await updateDisciplineRecord(trx, before, {
    from: before.from, until, status, note: note === undefined ? before.note : normalizeNote(note)
  })
  ctx.record({ action: 'discipline_record.updated', resourceType: 'discipline_record', resourceId: after.id, before, after })
  return after
}
