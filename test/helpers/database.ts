// A real database per test: a clone of a template migrated once per run (see test/setup/prepare-template.ts).
// PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) is set, else the embedded PGlite.
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import knexFactory, { type Knex } from 'knex'
import { connect } from '../../src/db/connect.js'
import { insertDefaultTitles } from '../../src/db/migrations/021_titles.js'

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
  /** The test is done with it: it waits to be emptied for the file's next test. */
  close: () => Promise<void>
  /** Gone for good: the embedded one closed, the server's dropped. */
  destroy: () => Promise<void>
}

// The databases of a test file, reused: loading the template into a new PGlite took 1–2 s of every test. A closed
// database waits here; the next test gets it back emptied to the template's state, which holds no rows but the
// default title catalogue.
const idle: TestDatabase[] = []

export async function createTestDatabase (): Promise<TestDatabase> {
  for (let database = idle.pop(); database; database = idle.pop()) {
    if (await emptyTestDatabase(database)) return database
    await database.destroy().catch(() => {})
  }
  const database = engine === 'pglite' ? await loadedEmbedded() : await createdOnServer()
  if (templateCatalog === undefined) {
    templateCatalog = await catalogChange(database.db)
    // The idle ones hold their pools' timers: the file's process would not end while they are open. (Imported here:
    // the template step imports this module too, and must not become a test.)
    const { default: tap } = await import('tap')
    tap.teardown(async () => { for (const database of idle.splice(0)) await database.destroy() })
  }
  return database
}

function reusable (db: Knex, destroy: () => Promise<void>, url?: string): TestDatabase {
  const database: TestDatabase = { db, url, destroy, close: async () => { idle.push(database) } }
  return database
}

async function loadedEmbedded (): Promise<TestDatabase> {
  const db = await connect({ kind: 'embedded', loadDataDir: new Blob([fs.readFileSync(PGLITE_TEMPLATE)]) })
  return reusable(db, () => db.destroy())
}

async function createdOnServer (): Promise<TestDatabase> {
  const name = TEST_DATABASE_PREFIX + randomBytes(6).toString('hex')
  const admin = adminConnection()
  try {
    await admin.raw('create database ?? template ??', [name, TEMPLATE_DATABASE])
  } finally {
    await admin.destroy()
  }
  const url = urlFor(name)
  const db = await connect({ kind: 'postgres', url, poolMax: 10 })
  return reusable(db, async () => {
    await db.destroy()
    const dropper = adminConnection()
    try {
      await dropper.raw('drop database if exists ?? with (force)', [name])
    } finally {
      await dropper.destroy()
    }
  }, url)
}

/**
 * The newest catalog change of the template as cloned: a test that changes the schema (a trigger, a column) leaves a
 * newer one. Emptying rows touches no catalog row.
 */
let templateCatalog: string | undefined
const CATALOG_CHANGE = `select greatest(${['pg_class', 'pg_attribute', 'pg_proc', 'pg_trigger', 'pg_constraint', 'pg_type', 'pg_index', 'pg_namespace']
  .map((c) => `(select max(xmin::text::bigint) from ${c})`).join(', ')}) as change`

async function catalogChange (db: Knex): Promise<string> {
  return String((await db.raw(CATALOG_CHANGE)).rows[0].change)
}

/**
 * Deletes every row but knex's (the seeded ones are inserted again after it) (foreign keys unchecked: every table is emptied) and restarts every identity, in one
 * statement; refused when the catalog changed since the template. Faster than TRUNCATE, which makes new files for
 * every table.
 */
const emptying = (catalog: string) => `do $$
declare r record;
begin
  if (${CATALOG_CHANGE}) <> ${Number(catalog)} then raise exception 'a test changed the schema'; end if;
  set local session_replication_role = replica;
  for r in select tablename from pg_tables where schemaname = 'public' and tablename not like 'knex\\_%' loop
    execute format('delete from %I', r.tablename);
  end loop;
  for r in select pg_get_serial_sequence(format('%I', c.relname), a.attname) as seq
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and a.attidentity <> '' loop
    perform setval(r.seq, 1, false);
  end loop;
end $$`

/**
 * Empties a database a test is done with back to the template's state: false when it cannot be (a test changed its
 * schema, destroyed it, or left a lock it waits on), and it should be destroyed instead.
 */
export async function emptyTestDatabase (database: TestDatabase): Promise<boolean> {
  try {
    await withTimeout(database.db.raw(emptying(templateCatalog!)), 5000)
    // The rows the migrations seed: the template's state holds them.
    await insertDefaultTitles(database.db)
    return true
  } catch {
    return false
  }
}

async function withTimeout<T> (work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([work, new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms) })])
  } finally {
    clearTimeout(timer)
  }
}
