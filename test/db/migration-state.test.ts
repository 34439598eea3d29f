// A start on a database already at the latest schema costs one query: migrationState says which migrations are
// still to run and which recorded ones this code does not know; only then does knex's migrator run. And each
// migration that runs is told as it starts, numbered among those to run.
import t from 'tap'
import { migrateToLatest, migrationState, upToDate } from '../../src/db/migrate.js'
import { createTestDatabase } from '../helpers/database.js'

t.test('a migrated database is up to date; one whose last migrations are unrecorded has them pending, in order', async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.destroy())
  const { db } = database
  const state = await migrationState(db)
  t.same(state, { pending: [], unknown: [] })
  t.ok(upToDate(state))

  const applied = (await db('knex_migrations').select('name').orderBy('id')).map((row: { name: string }) => row.name)
  const lastTwo = applied.slice(-2)
  await db('knex_migrations').whereIn('name', lastTwo).delete()
  t.same(await migrationState(db), { pending: lastTwo, unknown: [] }, 'the unrecorded ones are pending')
  t.notOk(upToDate(await migrationState(db)))

  // Their tables exist: they are recorded again rather than run.
  await db('knex_migrations').insert(lastTwo.map((name: string) => ({ name, batch: 99, migration_time: new Date() })))
  await db('knex_migrations').insert({ name: '999_from_a_newer_version', batch: 100, migration_time: new Date() })
  const newer = await migrationState(db)
  t.same(newer, { pending: [], unknown: ['999_from_a_newer_version'] }, 'a migration this code does not know is reported')
  t.notOk(upToDate(newer), 'so knex\'s migrator runs and refuses the database')
  await t.rejects(migrateToLatest(db), /missing|corrupt/i, 'as it did before')
})

t.test('a database without any migration has every one pending, and each is told as it runs', async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.destroy())
  const { db } = database
  await db.raw('drop schema public cascade')
  await db.raw('create schema public')
  const state = await migrationState(db)
  t.ok(state.pending.length >= 23, `${state.pending.length} pending`)
  t.same(state.unknown, [])
  const told: string[] = []
  await migrateToLatest(db, ({ index, total, name }) => { told.push(`${index}/${total} ${name}`) }, state.pending)
  t.same(told, state.pending.map((name, i) => `${i + 1}/${state.pending.length} ${name}`), 'every migration, numbered, in order')
  t.same(await migrationState(db), { pending: [], unknown: [] })
})
