// The queue the configuration asks for: PostgreSQL's (pg-boss) with DATABASE_URL, shared by every instance on it;
// the in-process runner on the embedded database, which has one connection and one process (pg-boss needs a
// server: its own schema, SKIP LOCKED polling from several sessions, advisory locks).
import type { Config } from '../config.js'
import { inProcessQueue } from './in-process.js'
import { postgresQueue } from './postgres.js'
import type { QueueFactory } from './queue.js'

export function configuredQueue (config: Pick<Config, 'databaseUrl' | 'jobsConcurrency' | 'jobsPollIntervalMs'>): QueueFactory {
  const concurrency = config.jobsConcurrency
  return config.databaseUrl
    ? (definitions, context) => postgresQueue({ definitions, context, concurrency, pollIntervalMs: config.jobsPollIntervalMs })
    : (definitions, context) => inProcessQueue({ definitions, context, concurrency })
}
