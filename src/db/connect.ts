// One knex instance over either a PostgreSQL pool (DATABASE_URL) or the embedded PGlite in a data directory.
import fs from 'node:fs'
import path from 'node:path'
import knexFactory, { type Knex } from 'knex'
import pg from 'pg'
import { PGlite, types } from '@electric-sql/pglite'
import { btree_gist as btreeGist } from '@electric-sql/pglite/contrib/btree_gist'
import ClientPGLite from 'knex-pglite'

export type Db = Knex

// Calendar dates stay `YYYY-MM-DD` strings (a JS Date would shift them by the time zone); counts are numbers.
const DATE_OID = 1082
const INT8_OID = 20
pg.types.setTypeParser(DATE_OID, (value: string) => value)
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value))

export interface PostgresTarget { kind: 'postgres', url: string, poolMax: number }
/** `dataDir` undefined means in memory; `loadDataDir` starts from a dump (the test template). */
export interface EmbeddedTarget { kind: 'embedded', dataDir?: string, loadDataDir?: Blob }

export async function openEmbedded (target: EmbeddedTarget): Promise<PGlite> {
  if (target.dataDir) fs.mkdirSync(path.dirname(target.dataDir), { recursive: true })
  return PGlite.create({
    dataDir: target.dataDir,
    loadDataDir: target.loadDataDir,
    extensions: { btree_gist: btreeGist },
    parsers: { [types.DATE]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) }
  })
}

export async function connect (target: PostgresTarget | EmbeddedTarget): Promise<Db> {
  if (target.kind === 'postgres') {
    return knexFactory({
      client: 'pg',
      connection: { connectionString: target.url, application_name: 'thidua' },
      pool: { min: 0, max: target.poolMax },
      acquireConnectionTimeout: 5_000
    })
  }
  const pglite = await openEmbedded(target)
  return knexFactory({ client: ClosingPGLiteClient as unknown as typeof knexFactory.Client, connection: { pglite } as never })
}

/**
 * knex-pglite closes PGlite only if the pool ever handed out its connection; this closes it in every case, or
 * an instance that was never queried keeps the process alive.
 */
class ClosingPGLiteClient extends (ClientPGLite as unknown as new (config: Knex.Config) => Knex.Client) {
  async destroy (callback?: (error?: unknown) => void): Promise<void> {
    await super.destroy(callback)
    const pglite = (this.config.connection as { pglite: PGlite }).pglite
    if (!pglite.closed) await pglite.close()
  }
}

/** Reads the unique or exclusion constraint a PostgreSQL error names, if any. */
export function pgErrorInfo (error: unknown): { code?: string, constraint?: string } {
  if (typeof error !== 'object' || error === null) return {}
  const e = error as { code?: unknown, constraint?: unknown }
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    constraint: typeof e.constraint === 'string' ? e.constraint : undefined
  }
}
