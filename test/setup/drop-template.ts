// Runs once after the test files: removes this run's template (and any database a crashed file left behind).
import fs from 'node:fs'
import { adminConnection, dropDatabases, engine, PGLITE_TEMPLATE, TEST_DATABASE_PREFIX } from '../helpers/database.js'

if (engine === 'pglite') {
  fs.rmSync(PGLITE_TEMPLATE, { force: true })
} else {
  const admin = adminConnection()
  try {
    await dropDatabases(admin, TEST_DATABASE_PREFIX)
  } finally {
    await admin.destroy()
  }
}
