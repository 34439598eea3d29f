// Runs once before the test files: migrates a template database that every test file clones.
import fs from 'node:fs'
import path from 'node:path'
import { connect } from '../../src/db/connect.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { adminConnection, dropDatabases, engine, PGLITE_TEMPLATE, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, urlFor } from '../helpers/database.js'

if (engine === 'pglite') {
  const db = await connect({ kind: 'embedded' })
  await migrateToLatest(db)
  const pglite = await (db.client as { acquireConnection: () => Promise<{ dumpDataDir: (c: 'none') => Promise<Blob> }> }).acquireConnection()
  const dump = await pglite.dumpDataDir('none')
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true })
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()))
  await db.destroy()
} else {
  const admin = adminConnection()
  try {
    // Leftovers of an interrupted run of the same name would otherwise pile up; other runs are left alone.
    await dropDatabases(admin, TEST_DATABASE_PREFIX)
    await admin.raw('create database ??', [TEMPLATE_DATABASE])
  } finally {
    await admin.destroy()
  }
  const db = await connect({ kind: 'postgres', url: urlFor(TEMPLATE_DATABASE), poolMax: 1 })
  await migrateToLatest(db)
  await db.destroy()
}
console.log(`# test databases: ${engine}`)
