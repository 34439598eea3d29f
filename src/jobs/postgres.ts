// The jobs kept in PostgreSQL by pg-boss (schema `pgboss`, created and upgraded by pg-boss itself as the queue is
// first used), so every instance on the database shares them: a job is taken by one instance only (SELECT … FOR
// UPDATE SKIP LOCKED), a failed one is retried, one whose instance died is retried once its timeout has passed.
// pg-boss talks through the app's own connection pool (no pool of its own); this module polls, runs the handlers,
// and completes or fails each job once its handler has ended, so stop() loses nothing.
//
// How the seam's semantics map onto pg-boss's queues (one per job name):
// - a key is pg-boss's singletonKey; a queue of the "short" policy holds one waiting job per key (a job without a
//   key gets a key of its own);
// - a recurring job's queue is "stately" (one waiting and one running job per key) and its runs carry one key:
//   the next slot's run is queued as a run starts, so there is always one, and never two at a time: while a run is
//   active, pg-boss's fetch of the next one fails on the queue's unique index (and takes nothing), so a run that
//   outlasts its slot makes the next slot's run late, started once it ends (in-process.ts does the same).
import { randomUUID } from 'node:crypto'
import type { Knex } from 'knex'
import type PgBoss from 'pg-boss'
import { DEFAULT_RETRY_DELAY_SECONDS, DEFAULT_RETRY_LIMIT, DEFAULT_TIMEOUT_SECONDS, nextSlotMs, UnknownJobError, type AddOptions, type JobContext, type JobDefinition, type JobPayload, type JobQueue } from './queue.js'

export const RECURRING_KEY = '__every'

export interface PostgresQueueOptions {
  definitions: readonly JobDefinition[]
  context: JobContext
  /** How many jobs this instance runs at once (4 when absent). */
  concurrency?: number
  /** How often this instance looks for due jobs (2000 ms when absent); a job it queues itself is looked for at once. */
  pollIntervalMs?: number
  /** pg-boss's schema (`pgboss` when absent). */
  schema?: string
}

type PooledClient = { query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> }

/** The advisory lock instances take while preparing pg-boss's schema and queues (an arbitrary constant of ours). */
const PREPARE_LOCK = 7_412_002

interface Adapter {
  db: PgBoss.Db
  /** Runs `work` holding PREPARE_LOCK, every pg-boss statement meanwhile on the lock's connection. */
  alone: <T>(work: () => Promise<T>) => Promise<T>
}

/**
 * pg-boss's statements on a connection of the app's pool (a failed multi-statement transaction is rolled back).
 * Preparing is done by one instance at a time: pg-boss creates a queue's table without a lock of its own, and two
 * instances creating the same queue at once deadlock.
 */
function poolAdapter (knex: Knex): Adapter {
  let pinned: PooledClient | undefined
  const query = async (connection: PooledClient, text: string, values?: unknown[]) => {
    try {
      return await connection.query(text, values)
    } catch (error) {
      await connection.query('rollback').catch(() => {})
      throw error
    }
  }
  return {
    db: {
      async executeSql (text: string, values: unknown[]) {
        if (pinned) return await query(pinned, text, values)
        const connection = await knex.client.acquireConnection() as PooledClient
        try {
          return await query(connection, text, values)
        } finally {
          await knex.client.releaseConnection(connection)
        }
      }
    },
    async alone (work) {
      const connection = await knex.client.acquireConnection() as PooledClient
      try {
        await connection.query('select pg_advisory_lock($1)', [PREPARE_LOCK])
        pinned = connection
        try {
          return await work()
        } finally {
          pinned = undefined
          await connection.query('select pg_advisory_unlock($1)', [PREPARE_LOCK])
        }
      } finally {
        await knex.client.releaseConnection(connection)
      }
    }
  }
}

function sendOptions (definition: JobDefinition): PgBoss.SendOptions {
  const delay = definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS
  return {
    retryLimit: definition.retryLimit ?? DEFAULT_RETRY_LIMIT,
    retryDelay: delay,
    retryBackoff: delay > 0,
    expireInSeconds: definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS
  }
}

export function postgresQueue ({ definitions, context, concurrency = 4, pollIntervalMs = 2000, schema }: PostgresQueueOptions): JobQueue {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]))
  const adapter = poolAdapter(context.db)
  /**
   * A pg-boss instance for each start after a stop: pg-boss's maintenance timer does not survive a restart. Loaded
   * when first used (the server starts its jobs once it listens), so loading it adds nothing to the time to ready.
   */
  const newBoss = async () => {
    const { default: PgBossClass } = await import('pg-boss')
    const boss = new PgBossClass({
      db: adapter.db,
      schema,
      // No cron (the recurring jobs reschedule themselves) and no state monitor; the maintenance (timed-out runs
      // retried, finished jobs archived then dropped) runs on one instance at a time.
      schedule: false,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: 60
    })
    boss.on('error', (error) => context.log.warn({ err: error }, 'job queue maintenance failed'))
    return boss
  }
  const running = new Set<Promise<void>>()
  let prepared: Promise<PgBoss> | undefined
  let started = false
  let timer: NodeJS.Timeout | undefined
  let polling: Promise<void> | undefined

  function definitionOf (name: string): JobDefinition {
    const definition = byName.get(name)
    if (!definition) throw new UnknownJobError(name)
    return definition
  }

  /** pg-boss's schema (installed or upgraded by pg-boss under its advisory lock) and a queue per job. */
  function prepare (): Promise<PgBoss> {
    prepared ??= adapter.alone(async () => {
      const boss = await newBoss()
      await boss.start()
      for (const definition of byName.values()) {
        await boss.createQueue(definition.name, { name: definition.name, policy: definition.everySeconds ? 'stately' : 'short' })
      }
      return boss
    })
    prepared.catch(() => { prepared = undefined })
    return prepared
  }

  /**
   * The run of a recurring job in the slot after `from`'s; nothing when one is waiting already. A run counts from
   * the start of its own slot, not from this clock, which may be behind the database's.
   */
  async function scheduleNext (boss: PgBoss, definition: JobDefinition, from: number): Promise<void> {
    const startAfter = new Date(nextSlotMs(from, definition.everySeconds!))
    await boss.send(definition.name, {}, { ...sendOptions(definition), singletonKey: RECURRING_KEY, startAfter })
  }

  async function execute (boss: PgBoss, job: PgBoss.JobWithMetadata<JobPayload>): Promise<void> {
    const definition = definitionOf(job.name)
    const log = context.log.child({ job: job.name, jobId: job.id, attempt: job.retryCount })
    try {
      if (definition.everySeconds && job.singletonKey === RECURRING_KEY) {
        await scheduleNext(boss, definition, Math.max(Date.now(), new Date(job.startAfter).getTime()))
      }
      await definition.handler(job.data ?? {}, { ...context, log, add })
    } catch (error) {
      if (job.retryCount < job.retryLimit) log.warn({ err: error }, 'job failed; it will be retried')
      else log.error({ err: error }, 'job failed for good')
      await boss.fail(job.name, job.id, { message: error instanceof Error ? error.message : String(error) })
        .catch((failure) => log.error({ err: failure }, 'could not record the failed job: it is retried once it times out'))
      return
    }
    await boss.complete(job.name, job.id)
      .catch((failure) => log.error({ err: failure }, 'could not record the finished job: it is run again once it times out'))
  }

  function run (boss: PgBoss, job: PgBoss.JobWithMetadata<JobPayload>): Promise<void> {
    const done = execute(boss, job).finally(() => {
      running.delete(done)
      if (started) soon()
    })
    running.add(done)
    return done
  }

  /** Takes up to `limit` due jobs, oldest first, across the job names. */
  async function take (boss: PgBoss, limit: number): Promise<Array<PgBoss.JobWithMetadata<JobPayload>>> {
    const taken: Array<PgBoss.JobWithMetadata<JobPayload>> = []
    for (const name of byName.keys()) {
      if (taken.length >= limit) break
      taken.push(...await boss.fetch<JobPayload>(name, { batchSize: limit - taken.length, includeMetadata: true }))
    }
    return taken
  }

  async function poll (): Promise<void> {
    try {
      const free = concurrency - running.size
      if (free > 0) {
        const boss = await prepare()
        for (const job of await take(boss, free)) void run(boss, job)
      }
    } catch (error) {
      context.log.warn({ err: error }, 'could not look for due jobs')
    }
  }

  /** Polls now (after the poll under way) and then every interval. */
  function soon (delayMs = 0) {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      if (!started) return
      polling ??= poll().finally(() => {
        polling = undefined
        if (started && !timer) soon(pollIntervalMs)
      })
    }, delayMs).unref()
  }

  async function add (name: string, payload: JobPayload, options: AddOptions = {}) {
    const definition = definitionOf(name)
    const boss = await prepare()
    await boss.send(name, payload, {
      ...sendOptions(definition),
      singletonKey: options.key ?? `~${randomUUID()}`,
      ...(options.runAt ? { startAfter: options.runAt } : {})
    })
    if (started && (!options.runAt || options.runAt.getTime() <= Date.now())) soon()
  }

  return {
    add,
    async start () {
      if (started) return
      const boss = await prepare()
      for (const definition of byName.values()) {
        if (definition.everySeconds) await scheduleNext(boss, definition, Date.now())
      }
      started = true
      soon()
    },
    async stop () {
      started = false
      if (timer) clearTimeout(timer)
      timer = undefined
      await polling
      while (running.size > 0) await Promise.allSettled([...running])
      const boss = await prepared?.catch(() => undefined)
      prepared = undefined
      await boss?.stop({ graceful: true, wait: true, close: false, timeout: 1000 })
    },
    async runDue () {
      const boss = await prepare()
      let runs = 0
      for (;;) {
        const [job] = await take(boss, 1)
        if (job) {
          runs++
          await run(boss, job)
        } else if (running.size > 0) {
          await Promise.allSettled([...running])
        } else {
          return runs
        }
      }
    }
  }
}
