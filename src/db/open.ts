// Opens the configured database (PostgreSQL or the embedded one in DATA_DIR) and brings it to the latest schema.
// A database already at the latest schema costs one query (migrationState); only one that is not runs knex's
// migrator, with its checks and lock. What takes time (creating the embedded database, each migration) is told
// to `progress` as it starts.
import fs from 'node:fs'
import path from 'node:path'
import type { Knex } from 'knex'
import pg from 'pg'
import type { Config } from '../config.js'
import { connect, type ConnectOptions } from './connect.js'
import { migrateToLatest, migrationState, upToDate, type MigrationProgress } from './migrate.js'

export const embeddedDataDir = (dataDir: string) => path.join(dataDir, 'pgdata')

/** A step of opening the database, told as it starts. */
export type OpenStep =
  | { step: 'creating', dataDir: string }
  | { step: 'migrating', index: number, total: number, name: string }

/** `logger` receives the database library's own messages (see connect). */
export async function openConfiguredDatabase (config: Pick<Config, 'databaseUrl' | 'dbPoolMax' | 'dataDir'>,
  logger?: ConnectOptions['logger'], progress?: (step: OpenStep) => void): Promise<Knex> {
  if (!config.databaseUrl && !fs.existsSync(path.join(embeddedDataDir(config.dataDir), 'PG_VERSION'))) {
    progress?.({ step: 'creating', dataDir: config.dataDir })
  }
  const db = config.databaseUrl
    ? await connect({ kind: 'postgres', url: config.databaseUrl, poolMax: config.dbPoolMax }, { logger })
    : await connect({ kind: 'embedded', dataDir: embeddedDataDir(config.dataDir) }, { logger })
  try {
    const state = await migrationState(db)
    if (upToDate(state)) return db
    const onMigration: MigrationProgress | undefined = progress && ((step) => progress({ step: 'migrating', ...step }))
    if (config.databaseUrl) await migrateAlone(config.databaseUrl, db, onMigration, state.pending)
    else await migrateToLatest(db, onMigration, state.pending)
    return db
  } catch (error) {
    await db.destroy().catch(() => {})
    throw error
  }
}

/** The advisory lock key instances take around their migrations (an arbitrary constant of this service). */
const MIGRATION_LOCK = 7_412_001

/**
 * Instances starting together on one database migrate one at a time: the first migrates, the others wait and
 * then find nothing to do. (knex's own lock refuses a second migrator instead of waiting, and two first runs race
 * to create knex's tables.) The lock is held on a connection of its own, not the pool's: a pool of one connection
 * would otherwise wait for itself.
 */
async function migrateAlone (url: string, db: Knex, onMigration: MigrationProgress | undefined, pending: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'thidua-migrate' })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrateToLatest(db, onMigration, pending)
  } finally {
    // Ending the session releases the lock too.
    await client.end()
  }
}
