// The job queue the engine runs in production (pg-boss's on PostgreSQL, the in-process runner on PGlite), started
// and polling as in the server: the same cases pass on both, so the embedded runner keeps the queue's semantics.
import t, { type Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { connect } from '../../src/db/connect.js'
import type { JobDefinition, JobPayload, JobQueue } from '../../src/jobs/queue.js'
import { compiledSchemas, TEST_SECRET } from '../helpers/build.js'
import { createTestDatabase, engine } from '../helpers/database.js'
import { engineQueue, eventually, queueOn } from '../helpers/jobs.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A started queue of these jobs on a fresh database, stopped and the database dropped when the test ends. */
async function started (t: Test, definitions: JobDefinition[], options: { concurrency?: number } = {}): Promise<JobQueue> {
  const database = await createTestDatabase()
  const queue = queueOn(database.db, definitions, options)
  t.teardown(async () => {
    await queue.stop()
    // Given back: one where pg-boss made its tables is no longer the template's, and is dropped instead of reused.
    await database.close()
  })
  await queue.start()
  return queue
}

t.test(`${engine}: a queued job runs once, with its payload`, async (t) => {
  const seen: JobPayload[] = []
  const queue = await started(t, [{ name: 'echo', handler: async (payload) => { seen.push(payload) } }])
  await queue.add('echo', { n: 1, text: 'Cụm 5' })
  await eventually(() => seen.length === 1, 10_000, 'the run')
  await sleep(500)
  t.same(seen, [{ n: 1, text: 'Cụm 5' }], 'once')
})

t.test(`${engine}: an unknown job is refused`, async (t) => {
  const queue = await started(t, [])
  await t.rejects(queue.add('nope', {}), /No job is defined with the name nope/)
})

t.test(`${engine}: a job with a key still waiting is not queued again; other keys are`, async (t) => {
  const seen: unknown[] = []
  const database = await createTestDatabase()
  const queue = queueOn(database.db, [{ name: 'deliver', handler: async (payload) => { seen.push(payload.n) } }])
  t.teardown(async () => { await queue.stop(); await database.close() })
  // Not started: the jobs wait.
  await queue.add('deliver', { n: 1 }, { key: 'subscription-1' })
  await queue.add('deliver', { n: 2 }, { key: 'subscription-1' })
  await queue.add('deliver', { n: 3 }, { key: 'subscription-2' })
  await queue.add('deliver', { n: 4 })
  await queue.add('deliver', { n: 5 })
  t.equal(await queue.runDue(), 4, 'four runs')
  t.same(seen.sort(), [1, 3, 4, 5], 'the second job for subscription-1 was not queued; jobs without a key are never merged')
  await queue.add('deliver', { n: 6 }, { key: 'subscription-1' })
  t.equal(await queue.runDue(), 1, 'once the job ran, its key may be queued again')
})

t.test(`${engine}: a job queued while one with its key runs is queued (the running one does not count)`, async (t) => {
  let release!: () => void
  const gate = new Promise<void>((resolve) => { release = resolve })
  const runs: unknown[] = []
  // One job at a time, so the second stays waiting while the third is queued: with a free worker it could start
  // between the two adds (a poll falling there), and the third would then be queued behind it, rightly.
  const queue = await started(t, [{ name: 'deliver', handler: async (payload) => { runs.push(payload.n); if (payload.n === 1) await gate } }], { concurrency: 1 })
  await queue.add('deliver', { n: 1 }, { key: 'subscription-1' })
  await eventually(() => runs.length === 1, 10_000, 'the first run')
  await queue.add('deliver', { n: 2 }, { key: 'subscription-1' })
  await queue.add('deliver', { n: 3 }, { key: 'subscription-1' })
  release()
  await eventually(() => runs.length === 2, 10_000, 'the second run')
  await sleep(500)
  t.same(runs, [1, 2], 'one more run, not two')
})

t.test(`${engine}: a job queued to run later waits for its time`, async (t) => {
  const ran: number[] = []
  const queue = await started(t, [{ name: 'later', handler: async () => { ran.push(Date.now()) } }])
  const at = Date.now() + 2500
  await queue.add('later', {}, { runAt: new Date(at) })
  await sleep(1000)
  t.same(ran, [], 'not yet')
  await eventually(() => ran.length === 1, 10_000, 'the run')
  t.ok(ran[0] >= at - 50, 'not before its time')
})

t.test(`${engine}: a failing job is retried up to its limit, then left`, async (t) => {
  let runs = 0
  const queue = await started(t, [{ name: 'flaky', retryLimit: 2, retryDelaySeconds: 0, handler: async () => { runs++; throw new Error('receiver down') } }])
  await queue.add('flaky', {})
  await eventually(() => runs === 3, 10_000, 'three runs')
  await sleep(700)
  t.equal(runs, 3, 'the first run and two retries')
})

t.test(`${engine}: a job that fails once succeeds on its retry and is not run again`, async (t) => {
  let runs = 0
  const queue = await started(t, [{ name: 'once', retryLimit: 5, retryDelaySeconds: 0, handler: async () => { if (++runs === 1) throw new Error('first') } }])
  await queue.add('once', {})
  await eventually(() => runs === 2, 10_000, 'the retry')
  await sleep(700)
  t.equal(runs, 2)
})

t.test(`${engine}: a retry waits its delay`, async (t) => {
  const at: number[] = []
  const queue = await started(t, [{ name: 'slow-retry', retryLimit: 1, retryDelaySeconds: 1, handler: async () => { at.push(Date.now()); throw new Error('no') } }])
  await queue.add('slow-retry', {})
  await eventually(() => at.length === 2, 10_000, 'the retry')
  t.ok(at[1] - at[0] >= 900, `the retry came ${at[1] - at[0]} ms after the first run (1–2 s)`)
})

t.test(`${engine}: a recurring job runs once per interval, one run at a time`, async (t) => {
  const slots: number[] = []
  let running = 0
  let overlapped = false
  const queue = await started(t, [{
    name: 'tick',
    everySeconds: 1,
    handler: async () => {
      if (++running > 1) overlapped = true
      slots.push(Math.floor(Date.now() / 1000))
      await sleep(100)
      running--
    }
  }])
  await eventually(() => slots.length >= 3, 10_000, 'three runs')
  t.equal(new Set(slots).size, slots.length, `one run in each second: ${slots.join(', ')}`)
  t.notOk(overlapped, 'never two at once')
  await queue.stop()
})

t.test(`${engine}: a recurring run that outlasts its slot delays the next slot's run until it ends, never beside it`, async (t) => {
  let release!: () => void
  const held = new Promise<void>((resolve) => { release = resolve })
  const startedAt: number[] = []
  let running = 0
  let overlapped = false
  await started(t, [{
    name: 'tick',
    everySeconds: 1,
    handler: async () => {
      if (++running > 1) overlapped = true
      startedAt.push(Date.now())
      if (startedAt.length === 1) await held
      running--
    }
  }])
  await eventually(() => startedAt.length === 1, 10_000, 'the first run')
  // The next slot begins within a second of the first run's start.
  await sleep(1200)
  t.equal(startedAt.length, 1, 'no run beside the running one')
  const releasedAt = Date.now()
  release()
  await eventually(() => startedAt.length >= 2, 10_000, 'the late run')
  t.ok(startedAt[1] >= releasedAt, 'the next slot\'s run started once the first ended')
  t.notOk(overlapped, 'never two at once')
})

t.test(`${engine}: stop() waits for the running job, which is then done, not run again`, async (t) => {
  const events: string[] = []
  const database = await createTestDatabase()
  const definitions: JobDefinition[] = [{ name: 'slow', handler: async () => { events.push('started'); await sleep(600); events.push('finished') } }]
  const first = queueOn(database.db, definitions)
  t.teardown(async () => { await first.stop(); await database.close() })
  await first.start()
  await first.add('slow', {})
  await eventually(() => events.length === 1, 10_000, 'the run')
  await first.stop()
  events.push('stopped')
  t.same(events, ['started', 'finished', 'stopped'], 'stop() resolved after the job finished')
  // A restart (PostgreSQL: another queue on the same database) finds nothing left to do.
  const second = queueOn(database.db, definitions)
  t.teardown(() => second.stop())
  t.equal(await second.runDue(), 0, 'nothing to run again')
})

t.test(`${engine}: jobs queued while the queue is stopped wait and run once it starts`, async (t) => {
  let runs = 0
  const database = await createTestDatabase()
  const queue = queueOn(database.db, [{ name: 'j', handler: async () => { runs++ } }])
  t.teardown(async () => { await queue.stop(); await database.close() })
  await queue.add('j', {})
  await queue.add('j', {})
  await sleep(300)
  t.equal(runs, 0, 'nothing runs before start()')
  await queue.start()
  await eventually(() => runs === 2, 10_000, 'both runs')
})

t.test(`${engine}: closing the app, as the server does on SIGTERM, waits for the running job before the database closes`, async (t) => {
  const database = await createTestDatabase()
  const db = engine === 'postgres' ? await connect({ kind: 'postgres', url: database.url!, poolMax: 2 }) : database.db
  const events: string[] = []
  const slow: JobDefinition = { name: 'slow', handler: async (_payload, { db }) => { events.push('started'); await sleep(500); await db.raw('select 1'); events.push('finished') } }
  const app = await buildApp({
    config: { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'silent', logPretty: false },
    db,
    jwtSecret: TEST_SECRET,
    schemaController: compiledSchemas,
    logger: false,
    jobs: (definitions, context) => engineQueue()([...definitions, slow], context)
  })
  // As src/server.ts: the pool is closed with the app.
  if (engine === 'postgres') app.addHook('onClose', async () => { events.push('pool closed'); await db.destroy() })
  t.teardown(() => database.close())
  await app.jobs.start()
  await app.jobs.add('slow', {})
  await eventually(() => events.length === 1, 10_000, 'the run')
  await app.close()
  t.same(events.slice(0, 2), ['started', 'finished'], 'the job finished before the app closed')
  if (engine === 'postgres') {
    t.equal(events[2], 'pool closed', 'and then the pool closed')
    const { rows } = await database.db.raw("select state from pgboss.job where name = 'slow'")
    t.same(rows, [{ state: 'completed' }], 'recorded as done: no other instance runs it again')
  }
})

t.test('PostgreSQL: the queue works through the app\'s pool, even of one connection, and opens no connection of its own', { skip: engine === 'postgres' ? false : 'pg-boss runs on PostgreSQL only' }, async (t) => {
  const database = await createTestDatabase()
  const one = await connect({ kind: 'postgres', url: database.url!, poolMax: 1 })
  let runs = 0
  const queue = queueOn(one, [{ name: 'j', handler: async (_payload, { db }) => { await db.raw('select 1'); runs++ } }])
  t.teardown(async () => { await queue.stop(); await one.destroy(); await database.close() })
  await queue.start()
  for (let i = 0; i < 5; i++) await queue.add('j', { i })
  await eventually(() => runs === 5, 10_000, 'five runs')
  const { rows } = await database.db.raw("select application_name, count(*)::int as n from pg_stat_activity where datname = current_database() group by 1")
  t.same(rows.filter((r: { application_name: string }) => r.application_name !== 'thidua'), [], 'every session on the database is one of the app pools\' (application_name thidua)')
})
