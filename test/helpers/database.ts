// A real database per test: a clone of a template migrated once per run (see test/setup/prepare-template.ts).
// PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is set, else the embedded PGlite.
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import knexFactory, { type Knex } from 'knex'
import { connect } from '../../src/db/connect.js'

export const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined
export const engine: 'postgres' | 'pglite' = serverUrl ? 'postgres' : 'pglite'
export const TEMPLATE_DATABASE = 'thidua_test_template'
export const PGLITE_TEMPLATE = path.resolve('.tap/pglite-template.tar')

export function urlFor (database: string): string {
  const url = new URL(serverUrl!)
  url.pathname = `/${database}`
  return url.toString()
}

/** A connection to the server's maintenance database, for CREATE/DROP DATABASE. */
export function adminConnection (): Knex {
  return knexFactory({ client: 'pg', connection: urlFor('postgres'), pool: { min: 0, max: 1 } })
}

export interface TestDatabase {
  db: Knex
  /** Another, independent connection pool to the same database (a second service instance). */
  url?: string
  close: () => Promise<void>
}

export async function createTestDatabase (): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dump = new Blob([fs.readFileSync(PGLITE_TEMPLATE)])
    const db = await connect({ kind: 'embedded', loadDataDir: dump })
    return { db, close: () => db.destroy() }
  }
  const name = `thidua_test_${randomBytes(6).toString('hex')}`
  const admin = adminConnection()
  try {
    await admin.raw(`create database ?? template ??`, [name, TEMPLATE_DATABASE])
  } finally {
    await admin.destroy()
  }
  const url = urlFor(name)
  const db = await connect({ kind: 'postgres', url, poolMax: 10 })
  return {
    db,
    url,
    close: async () => {
      await db.destroy()
      const dropper = adminConnection()
      try {
        await dropper.raw('drop database if exists ?? with (force)', [name])
      } finally {
        await dropper.destroy()
      }
    }
  }
}
