// The four stored forms of a name (see domain/text.ts), and the `?q=` filter that uses them.
import type { Knex } from 'knex'
import { foldForSearch, nameKey, normalizeName, vietnameseSortKey } from '../domain/text.js'

export function nameColumns (name: string, ...alsoSearchable: Array<string | null | undefined>) {
  const searchable = [name, ...alsoSearchable].filter((s): s is string => typeof s === 'string' && s !== '')
  return {
    name: normalizeName(name),
    name_key: nameKey(name),
    search_text: searchable.map(foldForSearch).join(' \u2016 '),
    sort_key: vietnameseSortKey(name)
  }
}

/** Narrows `query` to rows whose name (or other searchable text) contains `q`, ignoring diacritics and case. */
export function whereSearchMatches (query: Knex.QueryBuilder, column: string, q: string | undefined): void {
  if (q === undefined) return
  const folded = foldForSearch(q).replace(/[\\%_]/g, (c) => '\\' + c)
  if (folded !== '') query.whereRaw(`?? like ? escape '\\'`, [column, `%${folded}%`])
}
