// Two instances on one PostgreSQL database, each with its own connection pool and its own pg-boss queue, both
// polling: they share the work, and no job runs twice; a recurring job runs once per slot across both; an instance
// stopping mid-run finishes its job and leaves the rest to the other.
import t, { type Test } from 'tap'
import type { Knex } from 'knex'
import { connect } from '../../src/db/connect.js'
import type { JobDefinition, JobQueue } from '../../src/jobs/queue.js'
import { createTestDatabase, engine } from '../helpers/database.js'
import { eventually, queueOn } from '../helpers/jobs.js'

const skip = engine === 'postgres' ? false : 'PGlite is one embedded connection in one process: two instances need a PostgreSQL server (TEST_DATABASE_URL)'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Two queues of these jobs, each on a pool of its own to one fresh database; `definitions(i)` for instance i. */
async function twoQueues (t: Test, definitions: (instance: number) => JobDefinition[]): Promise<{ queues: [JobQueue, JobQueue], db: Knex }> {
  const database = await createTestDatabase()
  const pools = [0, 1].map(() => connect({ kind: 'postgres', url: database.url!, poolMax: 5 }))
  const dbs = await Promise.all(pools)
  const queues = dbs.map((db, i) => queueOn(db, definitions(i))) as [JobQueue, JobQueue]
  t.teardown(async () => {
    for (const queue of queues) await queue.stop()
    for (const db of dbs) await db.destroy()
    await database.close()
  })
  return { queues, db: database.db }
}

t.test('200 jobs queued on two polling instances each run exactly once, and both instances work', { skip }, async (t) => {
  const runs: Array<{ instance: number, n: number }> = []
  const { queues } = await twoQueues(t, (instance) => [{
    name: 'work',
    handler: async (payload) => {
      runs.push({ instance, n: payload.n as number })
      await sleep(5)
    }
  }])
  // Queued through both, before either starts, so both find work waiting.
  for (let n = 0; n < 200; n++) await queues[n % 2].add('work', { n })
  await Promise.all(queues.map((queue) => queue.start()))
  await eventually(() => runs.length >= 200, 20_000, '200 runs')
  await sleep(500)
  t.equal(runs.length, 200, 'no more runs than jobs')
  t.equal(new Set(runs.map((r) => r.n)).size, 200, 'every job ran, none twice')
  for (const instance of [0, 1]) t.ok(runs.some((r) => r.instance === instance), `instance ${instance} ran jobs`)
})

t.test('a keyed job queued through both instances at once is queued once', { skip }, async (t) => {
  let runs = 0
  const { queues } = await twoQueues(t, () => [{ name: 'deliver', handler: async () => { runs++ } }])
  await Promise.all(Array.from({ length: 10 }, (_, i) => queues[i % 2].add('deliver', { i }, { key: 'subscription-1' })))
  t.equal(await queues[0].runDue() + await queues[1].runDue(), 1, 'one run')
  t.equal(runs, 1)
})

t.test('a recurring job runs at most once per slot, one run at a time, across two instances', { skip }, async (t) => {
  const runs: Array<{ instance: number, slot: number }> = []
  let running = 0
  let overlapped = false
  const { queues } = await twoQueues(t, (instance) => [{
    name: 'tick',
    everySeconds: 1,
    handler: async () => {
      if (++running > 1) overlapped = true
      runs.push({ instance, slot: Math.floor(Date.now() / 1000) })
      await sleep(150)
      running--
    }
  }])
  await Promise.all(queues.map((queue) => queue.start()))
  await sleep(4500)
  for (const queue of queues) await queue.stop()
  const slots = runs.map((r) => r.slot)
  t.ok(runs.length >= 2 && runs.length <= 5, `${runs.length} runs in 4.5 s of one-second slots`)
  t.equal(new Set(slots).size, slots.length, `never two runs in one slot: ${slots.join(', ')}`)
  t.notOk(overlapped, 'never two runs at once')
})

t.test('an instance stopped mid-run finishes its job; the other instance takes the rest, nothing twice', { skip }, async (t) => {
  const runs: Array<{ instance: number, n: number, finished: boolean }> = []
  const { queues, db } = await twoQueues(t, (instance) => [{
    name: 'slow',
    handler: async (payload) => {
      const run = { instance, n: payload.n as number, finished: false }
      runs.push(run)
      await sleep(400)
      run.finished = true
    }
  }])
  for (let n = 0; n < 6; n++) await queues[0].add('slow', { n })
  await queues[0].start()
  await eventually(() => runs.length > 0, 10_000, 'a first run')
  await queues[0].stop()
  t.ok(runs.every((r) => r.finished), 'stop() resolved once the running jobs had finished')
  const before = runs.length
  t.ok(before < 6, `instance 0 ran ${before} of 6 before it stopped`)
  await queues[1].start()
  await eventually(() => runs.length >= 6, 10_000, 'the rest on instance 1')
  await sleep(500)
  t.equal(runs.length, 6, 'six runs')
  t.equal(new Set(runs.map((r) => r.n)).size, 6, 'each job once')
  t.ok(runs.slice(before).every((r) => r.instance === 1), 'the rest ran on instance 1')
  const { rows } = await db.raw("select state, count(*)::int as count from pgboss.job where name = 'slow' group by state")
  t.same(rows, [{ state: 'completed', count: 6 }], 'every job is recorded as completed')
})
