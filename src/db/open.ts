// Opens the configured database (PostgreSQL or the embedded one in DATA_DIR) and brings it to the latest schema.
import path from 'node:path'
import type { Knex } from 'knex'
import type { Config } from '../config.js'
import { connect } from './connect.js'
import { migrateToLatest } from './migrate.js'

export const embeddedDataDir = (dataDir: string) => path.join(dataDir, 'pgdata')

export async function openConfiguredDatabase (config: Pick<Config, 'databaseUrl' | 'dbPoolMax' | 'dataDir'>): Promise<Knex> {
  const db = config.databaseUrl
    ? await connect({ kind: 'postgres', url: config.databaseUrl, poolMax: config.dbPoolMax })
    : await connect({ kind: 'embedded', dataDir: embeddedDataDir(config.dataDir) })
  await migrateToLatest(db)
  return db
}
