// Keyset pagination: a cursor is the sort values of the last row served, so pages stay stable under inserts.
import type { Knex } from 'knex'
import { invalid } from '../domain/errors.js'

export interface Page<T> { items: T[], nextCursor: string | null }
export const DEFAULT_PAGE_SIZE = 50
/** The largest page any list answers: the query schemas refuse more, and every read holds to it again. */
export const MAX_PAGE_SIZE = 200

/** The rows to read for a page: the requested size, never outside 1…MAX_PAGE_SIZE whatever reached here. */
export function pageSize (limit: number = DEFAULT_PAGE_SIZE): number {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw invalid('invalid_limit', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`)
  }
  return limit
}

/** `limit` is normally filled in by the query schema's default. */
export interface PageRequest { limit?: number, cursor?: string }

export const encodeCursor = (values: Array<string | number>) => Buffer.from(JSON.stringify(values)).toString('base64url')

export function decodeCursor (cursor: string, arity: number): Array<string | number> {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values
    }
  } catch { /* falls through to the refusal */ }
  throw invalid('invalid_cursor', 'The cursor is not one this service issued; start again without it.')
}

/**
 * Runs `query` ordered by `columns` (unique together; the last is usually the id), one page at a time.
 * `direction` applies to every column.
 */
export async function paginate<Row extends Record<string, unknown>, T> (
  query: Knex.QueryBuilder,
  columns: string[],
  page: PageRequest,
  toItem: (row: Row) => T,
  direction: 'asc' | 'desc' = 'asc'
): Promise<Page<T>> {
  if (page.cursor) {
    const values = decodeCursor(page.cursor, columns.length)
    const op = direction === 'asc' ? '>' : '<'
    query.whereRaw(`(${columns.map(() => '??').join(', ')}) ${op} (${columns.map(() => '?').join(', ')})`, [...columns, ...values])
  }
  for (const column of columns) query.orderBy(column, direction)
  const limit = pageSize(page.limit)
  const rows: Row[] = await query.limit(limit + 1)
  const more = rows.length > limit
  const served = more ? rows.slice(0, limit) : rows
  const last = served[served.length - 1]
  return {
    items: served.map(toItem),
    nextCursor: more && last ? encodeCursor(columns.map((c) => last[c.split('.').pop() as string] as string | number)) : null
  }
}
