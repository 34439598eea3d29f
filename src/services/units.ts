// Units: an admin creates and changes them; every role reads. Names and codes are unique whatever their Unicode
// form or case: the database's unique keys refuse a duplicate (409), so a race cannot slip one past a check.
import type { PageRequest } from '../db/pagination.js'
import * as units from '../db/units-repository.js'
import type { Unit, UnitFields } from '../db/units-repository.js'
import { assertIfMatch } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'

export async function createUnit ({ trx, record }: WriteContext, fields: UnitFields): Promise<Unit> {
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
  const after = await units.updateUnit(trx, before, { ...before, ...changes })
  record({ action: 'unit.updated', resourceType: 'unit', resourceId: after.id, before, after })
  return after
}
