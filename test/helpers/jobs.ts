// Job queues for tests: the one the engine under test runs in production — pg-boss's on PostgreSQL, the in-process
// runner on PGlite — polling often, so a started queue picks a job up within a fraction of a second.
import type { Knex } from 'knex'
import pino from 'pino'
import { inProcessQueue } from '../../src/jobs/in-process.js'
import { postgresQueue } from '../../src/jobs/postgres.js'
import type { JobContext, JobDefinition, JobQueue, QueueFactory } from '../../src/jobs/queue.js'
import { engine } from './database.js'

export const TEST_POLL_INTERVAL_MS = 100

/** The engine's queue factory, for build(t, { jobs: engineQueue() }) or buildApp. */
export function engineQueue (options: { concurrency?: number } = {}): QueueFactory {
  return engine === 'postgres'
    ? (definitions, context) => postgresQueue({ definitions, context, concurrency: options.concurrency, pollIntervalMs: TEST_POLL_INTERVAL_MS })
    : (definitions, context) => inProcessQueue({ definitions, context, concurrency: options.concurrency })
}

/** A queue of these jobs on `db`, as one instance would have (not started), with a silent log and the real clock. */
export function queueOn (db: Knex, definitions: JobDefinition[], options: { concurrency?: number, now?: () => Date } = {}): JobQueue {
  const context: JobContext = { db, log: pino({ level: 'silent' }), now: options.now ?? (() => new Date()) }
  return engineQueue(options)(definitions, context)
}

/** Resolves once `check` holds, polling every 20 ms; rejects after `ms`. */
export async function eventually (check: () => boolean | Promise<boolean>, ms = 10_000, what = 'the condition'): Promise<void> {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} did not come true within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
