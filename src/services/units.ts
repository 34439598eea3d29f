// Units: an admin creates and changes them; every role reads. Names and codes are unique whatever their Unicode
// form or case: the database's unique keys refuse a duplicate (409), so a race cannot slip one past a check.
import type { PageRequest } from '../db/pagination.js'
import * as units from '../db/units-repository.js'
import type { Unit, UnitFields } from '../db/units-repository.js'
import { assertUnreferenced } from '../domain/deletion.js'
import { conflict } from '../domain/errors.js'
import { unitLabel } from '../domain/unit-label.js'
import { assertIfMatch } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'

/** 409 `unit_name_taken` (or `unit_code_taken`) naming the unit that already holds the name (or code), with its id in `existingUnitId`. */
async function assertNameAndCodeFree (trx: WriteContext['trx'], fields: UnitFields, exceptId?: string): Promise<void> {
  const holder = await units.unitHolding(trx, fields, exceptId)
  if (!holder) return
  const { held, unit } = holder
  throw conflict(held === 'name' ? 'unit_name_taken' : 'unit_code_taken',
    held === 'name'
      ? `A unit with this name already exists: ${unitLabel(unit.id, unit.name)}. Unit names are unique whatever their case or Unicode form; change that unit or choose another name.`
      : `A unit with this code already exists: ${unitLabel(unit.id, unit.name)} has code ${unit.code}.`,
    { existingUnitId: unit.id })
}

export async function createUnit ({ trx, record }: WriteContext, fields: UnitFields): Promise<Unit> {
  await assertNameAndCodeFree(trx, fields)
  const unit = await units.insertUnit(trx, fields)
  record({ action: 'unit.created', resourceType: 'unit', resourceId: unit.id, after: unit })
  return unit
}

/** Units in Vietnamese order, optionally only those whose name, short name or code contains `q`. */
export async function listUnits ({ db }: ReadContext, { q, ...page }: { q?: string } & PageRequest) {
  return units.listUnits(db, { q }, page)
}

export async function readUnit ({ db }: ReadContext, { unitId }: { unitId: string }): Promise<Unit> {
  return units.getUnit(db, unitId)
}

export interface UnitChange extends Partial<UnitFields> {
  unitId: string
  /** The tag the caller last read; a stale one is refused. */
  ifMatch?: string
}

export async function changeUnit ({ trx, record }: WriteContext, { unitId, ifMatch, ...changes }: UnitChange): Promise<Unit> {
  const before = await units.getUnit(trx, unitId, { forUpdate: true })
  assertIfMatch(ifMatch, before.version)
  await assertNameAndCodeFree(trx, { ...before, ...changes }, before.id)
  const after = await units.updateUnit(trx, before, { ...before, ...changes })
  record({ action: 'unit.updated', resourceType: 'unit', resourceId: after.id, before, after })
  return after
}

/**
 * Deletes a unit created by mistake: only while nothing refers to it (409 `unit_in_use` naming what does). The row
 * is locked FOR UPDATE first, so no membership, signature or vote can come to refer to it before this commits. The
 * audit trail keeps the unit as it was.
 */
export async function deleteUnit ({ trx, record }: WriteContext, { unitId, ifMatch }: { unitId: string, ifMatch?: string }): Promise<void> {
  const before = await units.getUnit(trx, unitId, { forUpdate: true })
  assertIfMatch(ifMatch, before.version)
  assertUnreferenced('unit', before.name, await units.unitReferences(trx, before.id))
  await units.deleteUnit(trx, before.id)
  record({ action: 'unit.deleted', resourceType: 'unit', resourceId: before.id, before, after: null, eventData: before })
}
