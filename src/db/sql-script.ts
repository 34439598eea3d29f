// Runs a migration's SQL one statement at a time: PGlite prepares each query, and a prepared statement holds
// one command. Comments go first, so their text never reaches knex's `?` placeholders.
import type { Knex } from 'knex'

export async function runSqlScript (knex: Knex, script: string): Promise<void> {
  const statements = script
    .replace(/--[^\n]*/g, '')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean)
  for (const statement of statements) await knex.raw(statement)
}
