// How many rows of each kind refer to a record about to be deleted, counted in one statement.
import type { Knex } from 'knex'
import type { Reference, ReferenceKind } from '../domain/deletion.js'

/** Each query selects the referring rows of one kind; the answer counts them, in the order given. */
export async function countReferences (db: Knex, queries: Partial<Record<ReferenceKind, Knex.QueryBuilder>>): Promise<Reference[]> {
  const kinds = Object.keys(queries) as ReferenceKind[]
  const [row] = await db.select(kinds.map((kind) => queries[kind]!.clearSelect().count('*').as(kind)))
  return kinds.map((kind) => ({ kind, count: Number(row[kind]) }))
}
