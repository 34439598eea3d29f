// Refusals name units by name and id: the ids a refusal's detail holds are looked up in one query, within the
// transaction of the write that was refused, and each unit's id is written as "<name> (<id>)".
import type { Knex } from 'knex'
import { unitNames } from '../db/units-repository.js'
import { DomainError } from '../domain/errors.js'
import { idsIn, nameUnits } from '../domain/unit-label.js'

/**
 * `error` with its detail naming each unit it gives by id; any other error, or a refusal naming no unit, as it is.
 * When the names cannot be read (a transaction a failed statement has aborted), the refusal keeps its ids.
 */
export async function withUnitNames (db: Knex, error: unknown): Promise<unknown> {
  if (!(error instanceof DomainError)) return error
  const ids = idsIn(error.message)
  if (ids.length === 0) return error
  let names: Map<string, string>
  try {
    names = await unitNames(db, ids.map((id) => id.toLowerCase()))
  } catch {
    return error
  }
  const message = nameUnits(error.message, names)
  if (message === error.message) return error
  const named = new DomainError(error.kind, error.code, message, error.details)
  named.stack = error.stack
  return named
}
