// A real database per test: a clone of a template migrated once per run (see test/setup/prepare-template.ts).
// PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is set, else the embedded PGlite.
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import knexFactory, { type Knex } from 'knex'
import { connect } from '../../src/db/connect.js'

export const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined
export const engine: 'postgres' | 'pglite' = serverUrl ? 'postgres' : 'pglite'
// One template per test run (npm test names the run), so runs sharing a server do not drop each other's. A bare
// `npx tap` names it after the tap process, which runs the before step, every test file and the after step.
const RUN = (process.env.THIDUA_TEST_RUN ?? `local${process.ppid}`).replace(/[^a-z0-9]/gi, '').slice(0, 16) || 'local'
export const TEMPLATE_DATABASE = `thidua_test_${RUN}_template`
export const TEST_DATABASE_PREFIX = `thidua_test_${RUN}_`
export const PGLITE_TEMPLATE = path.resolve(`.tap/pglite-template-${RUN}.tar`)

export function urlFor (database: string): string {
  const url = new URL(serverUrl!)
  url.pathname = `/${database}`
  return url.toString()
}

/** A connection to the server's maintenance database, for CREATE/DROP DATABASE. */
export function adminConnection (): Knex {
  return knexFactory({ client: 'pg', connection: urlFor('postgres'), pool: { min: 0, max: 1 } })
}

/** Drops every database whose name starts with `prefix` (its template included). */
export async function dropDatabases (admin: Knex, prefix: string): Promise<void> {
  const found: Array<{ datname: string }> = (await admin.raw("select datname from pg_database where starts_with(datname, ?)", [prefix])).rows
  for (const { datname } of found) await admin.raw('drop database if exists ?? with (force)', [datname])
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
  const name = TEST_DATABASE_PREFIX + randomBytes(6).toString('hex')
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
