// One knex instance over either a PostgreSQL pool (DATABASE_URL) or the embedded PGlite in a data directory.
// PGlite and its knex client are imported only when the embedded database is opened: on PostgreSQL the process
// does not load them (their code and sources held some 2–3 MiB of the service's memory for nothing).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import v8 from 'node:v8'
import knexFactory, { type Knex } from 'knex'
import pg from 'pg'
import type { BaseLogger } from 'pino'
import type { PGlite } from '@electric-sql/pglite'

export type Db = Knex

// Calendar dates stay `YYYY-MM-DD` strings (a JS Date would shift them by the time zone); counts are numbers.
const DATE_OID = 1082
const INT8_OID = 20
pg.types.setTypeParser(DATE_OID, (value: string) => value)
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value))

export interface PostgresTarget { kind: 'postgres', url: string, poolMax: number }
/** `dataDir` undefined means in memory; `loadDataDir` starts from a dump (the test template). */
export interface EmbeddedTarget { kind: 'embedded', dataDir?: string, loadDataDir?: Blob }

/**
 * The embedded server's buffer cache. initdb writes PostgreSQL's default of 128 MB into the data directory, and
 * every page of it the database touches stays in the process's memory (WebAssembly memory never shrinks): with it
 * the process grew past 400 MiB. The data files are in the operating system's cache anyway; 16 MB held some 110 MiB
 * less, 8 MB 8 MiB less again under the bench's load, with no change in its throughput that this machine's noise
 * showed. Given at each start, so a data directory made with any other setting gets it too. Only the cache's size
 * changes: how and when commits are written is as before.
 */
export const EMBEDDED_SHARED_BUFFERS = '8MB'

/**
 * The embedded server's WebAssembly (9 MB) is compiled by V8's baseline compiler only. By default V8 also compiles
 * it a second time, optimised, on background threads as it runs: that took some 0.6 s of CPU at every start (a third
 * of an embedded restart on two cores) and held 50–60 MiB more memory for good, to run its queries at most about 10 %
 * faster (measured with a mix of the service's reads and writes). Set before the first compilation; the flag
 * concerns WebAssembly alone, which nothing else in the process uses.
 */
function baselineWebAssemblyOnly (): void {
  v8.setFlagsFromString('--liftoff-only')
}

export async function openEmbedded (target: EmbeddedTarget): Promise<PGlite> {
  if (target.dataDir) fs.mkdirSync(path.dirname(target.dataDir), { recursive: true })
  baselineWebAssemblyOnly()
  const [{ PGlite, types }, { btree_gist: btreeGist }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/btree_gist')
  ])
  return PGlite.create({
    dataDir: target.dataDir,
    loadDataDir: target.loadDataDir,
    extensions: { btree_gist: btreeGist },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    parsers: { [types.DATE]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) }
  })
}

export interface ConnectOptions {
  /** How long a query waits for a free connection: 5 s on PostgreSQL, 60 s (knex's default) on the embedded one. */
  acquireTimeoutMs?: number
  /** Where knex's own messages go (as JSON log lines); knex prints them to stdout as plain text otherwise. */
  logger?: Pick<BaseLogger, 'warn' | 'error' | 'debug'>
}

/**
 * No connection became free within the wait while every connection of the pool was busy: the service has more
 * work at once than its pool (DB_POOL_MAX), and the database is up. knex reports every timed-out wait alike.
 */
export class PoolExhaustedError extends Error {
  readonly code = 'POOL_EXHAUSTED'
  constructor () {
    super('Every database connection of the pool stayed busy for the whole wait.')
    this.name = 'PoolExhaustedError'
  }
}

type ClientClass = new (...args: any[]) => Knex.Client

/** Every connection of the pool is open and in use (a query now waits for one to be released). */
export function poolBusy (client: Knex.Client): boolean {
  const pool = client.pool as unknown as { numUsed: () => number, max: number } | undefined
  return pool !== undefined && pool.numUsed() >= pool.max
}

/**
 * knex's client, telling an exhausted pool from a database that does not accept connections when a wait for a
 * connection times out: only in the first case are all the pool's connections open and in use.
 */
function tellingExhaustion<Base extends ClientClass> (Client: Base) {
  return class extends Client {
    async acquireConnection (): Promise<unknown> {
      try {
        return await super.acquireConnection()
      } catch (error) {
        if (error instanceof knexFactory.KnexTimeoutError && poolBusy(this)) throw new PoolExhaustedError()
        throw error
      }
    }
  }
}

// knex's dialect modules carry no types of their own.
const PgClient = tellingExhaustion(createRequire(import.meta.url)('knex/lib/dialects/postgres/index.js') as ClientClass)

/**
 * knex's messages (a failed connection attempt, a disposed connection, a deprecation) as log lines: the first line
 * only, as they come with a stack trace.
 */
function knexLog (logger: NonNullable<ConnectOptions['logger']>): Knex.Config['log'] {
  const line = (level: 'warn' | 'error' | 'debug') => (message: unknown) => {
    logger[level]({ source: 'knex' }, String(message).split('\n', 1)[0].slice(0, 500))
  }
  return { warn: line('warn'), error: line('error'), deprecate: line('warn'), debug: line('debug') }
}

export async function connect (target: PostgresTarget | EmbeddedTarget, options: ConnectOptions = {}): Promise<Db> {
  const common: Knex.Config = {
    // A failed query's message then holds its SQL with placeholders, never the values bound to them (a name, a
    // comment): that message reaches the logs.
    compileSqlOnError: false,
    ...(options.logger ? { log: knexLog(options.logger) } : {})
  }
  if (target.kind === 'postgres') {
    return knexFactory({
      ...common,
      client: PgClient as unknown as typeof knexFactory.Client,
      connection: { connectionString: target.url, application_name: 'thidua' },
      pool: { min: 0, max: target.poolMax },
      acquireConnectionTimeout: options.acquireTimeoutMs ?? 5_000
    })
  }
  const pglite = await openEmbedded(target)
  return knexFactory({
    ...common,
    client: await closingPGLiteClient() as unknown as typeof knexFactory.Client,
    connection: { pglite } as never,
    acquireConnectionTimeout: options.acquireTimeoutMs ?? 60_000
  })
}

let closingClient: ClientClass | undefined

/**
 * knex-pglite closes PGlite only if the pool ever handed out its connection; this closes it in every case, or
 * an instance that was never queried keeps the process alive.
 */
async function closingPGLiteClient (): Promise<ClientClass> {
  if (closingClient) return closingClient
  const { default: ClientPGLite } = await import('knex-pglite')
  closingClient = class ClosingPGLiteClient extends tellingExhaustion(ClientPGLite as unknown as ClientClass) {
    async destroy (callback?: (error?: unknown) => void): Promise<void> {
      await super.destroy(callback)
      const pglite = (this.config.connection as { pglite: PGlite }).pglite
      if (!pglite.closed) await pglite.close()
    }
  }
  return closingClient
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
