// Instances that start together on an empty PostgreSQL database all come up: they migrate one at a time, even with
// a pool of a single connection each.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { openConfiguredDatabase } from '../../src/db/open.js'
import { adminConnection, engine, TEST_DATABASE_PREFIX, urlFor } from '../helpers/database.js'

const skip = engine === 'postgres' ? false : 'the migration lock is PostgreSQL\'s; the embedded database has one process'
if (skip) console.log(`# skipping the concurrent-migration test: ${skip}`)

t.test('three instances starting at once on an empty database all migrate it and come up', { skip }, async (t) => {
  const name = `${TEST_DATABASE_PREFIX}empty_${randomBytes(4).toString('hex')}`
  const admin = adminConnection()
  await admin.raw('create database ??', [name])
  t.teardown(async () => {
    await admin.raw('drop database if exists ?? with (force)', [name])
    await admin.destroy()
  })
  const config = { databaseUrl: urlFor(name), dbPoolMax: 1, dataDir: '' }
  const opened = await Promise.allSettled([0, 1, 2].map(() => openConfiguredDatabase(config)))
  t.same(opened.map((o) => o.status), ['fulfilled', 'fulfilled', 'fulfilled'], 'no instance fails on another\'s migration')
  const dbs = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
  const applied = await dbs[0]('knex_migrations').select('name').orderBy('id')
  t.equal(new Set(applied.map((m: { name: string }) => m.name)).size, applied.length, 'each migration ran once')
  t.ok(applied.length >= 6)
  t.equal(Number((await dbs[2]('units').count({ n: '*' }))[0].n), 0, 'every instance reads the schema')
  for (const db of dbs) await db.destroy()
})
