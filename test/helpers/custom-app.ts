// An app for platform tests that need what build(t) does not give: extra routes registered before it is ready
// (a route that throws, a write that fails after recording), or a database that is down.
import type { Test } from 'tap'
import knexFactory, { type Knex } from 'knex'
import { buildApp, type App } from '../../src/app.js'
import { TEST_SECRET } from './build.js'
import { createTestDatabase } from './database.js'

export interface CustomOptions {
  /** Routes to add before the app is ready. */
  routes?: (app: App) => void
  /** false: a knex pointed at a closed port, as when the database is down. Default: a fresh test database. */
  database?: false
}

/** knex's warning for each connection port 9 refuses: expected here, so kept out of the test output. */
export const EXPECTED_REFUSAL = /^Acquire connection error: Error: connect ECONNREFUSED 127\.0\.0\.1:9\b/

/**
 * A knex whose every query fails to connect (port 9 on the loopback: nothing listens there). knex warns on each
 * refused connection: those expected warnings go to `refusals` (for a test to assert on) instead of the test output;
 * any other warning, error or deprecation is printed as knex would.
 */
export function unreachableDatabase (refusals: string[] = []): Knex {
  const warn = (message: unknown) => {
    if (typeof message === 'string' && EXPECTED_REFUSAL.test(message)) refusals.push(message)
    else console.warn(message)
  }
  return knexFactory({
    client: 'pg',
    connection: 'postgres://nobody@127.0.0.1:9/none',
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 2000,
    log: { warn, error: (message: unknown) => console.error(message), deprecate: (message: unknown) => console.warn(message) }
  })
}

const closable = (db: Knex) => ({ db, close: () => db.destroy() })

export async function buildCustom (t: Test, options: CustomOptions = {}): Promise<App> {
  const database = options.database === false ? closable(unreachableDatabase()) : await createTestDatabase()
  const app = await buildApp({
    config: { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'silent', logPretty: false },
    db: database.db,
    jwtSecret: TEST_SECRET,
    logger: false
  })
  options.routes?.(app)
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await database.close()
  })
  return app
}
