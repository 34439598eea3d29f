// The in-process runner (the embedded database's queue, and test apps'): keyed jobs wait once, delayed ones wait
// for the app's clock, failures are retried, recurring jobs run one at a time, stop() waits for running jobs.
import t from 'tap'
import pino from 'pino'
import type { Knex } from 'knex'
import { inProcessQueue, RECURRING_KEY } from '../../src/jobs/in-process.js'
import type { JobDefinition, JobPayload } from '../../src/jobs/queue.js'

const log = pino({ level: 'silent' })
const db = {} as Knex

function queueWith (definitions: JobDefinition[], clock = { at: Date.parse('2026-01-01T00:00:00Z') }) {
  const queue = inProcessQueue({ definitions, context: { db, log, now: () => new Date(clock.at) } })
  return { queue, clock }
}

t.test('a job runs once with its payload and the context', async (t) => {
  const seen: JobPayload[] = []
  const { queue } = queueWith([{ name: 'echo', handler: async (payload, context) => { t.equal(context.db, db); seen.push(payload) } }])
  await queue.add('echo', { n: 1 })
  t.equal(await queue.runDue(), 1)
  t.same(seen, [{ n: 1 }])
  t.equal(await queue.runDue(), 0, 'nothing left')
})

t.test('an unknown job name is refused when queued', async (t) => {
  const { queue } = queueWith([])
  await t.rejects(queue.add('nope', {}), /No job is defined with the name nope/)
})

t.test('a keyed job still waiting is not queued twice; once it runs, the key is free again', async (t) => {
  const seen: unknown[] = []
  const { queue } = queueWith([{ name: 'deliver', handler: async (payload) => { seen.push(payload.n) } }])
  await queue.add('deliver', { n: 1 }, { key: 'sub-1' })
  await queue.add('deliver', { n: 2 }, { key: 'sub-1' })
  await queue.add('deliver', { n: 3 }, { key: 'sub-2' })
  t.equal(await queue.runDue(), 2)
  t.same(seen.sort(), [1, 3])
  await queue.add('deliver', { n: 4 }, { key: 'sub-1' })
  t.equal(await queue.runDue(), 1)
})

t.test('a delayed job waits for its time on the app clock', async (t) => {
  const { queue, clock } = queueWith([{ name: 'later', handler: async () => {} }])
  await queue.add('later', {}, { runAt: new Date(clock.at + 60_000) })
  t.equal(await queue.runDue(), 0, 'not yet')
  clock.at += 60_000
  t.equal(await queue.runDue(), 1, 'due now')
})

t.test('a failed run is retried after a doubling delay, up to its limit', async (t) => {
  let runs = 0
  const { queue, clock } = queueWith([{ name: 'flaky', retryLimit: 2, retryDelaySeconds: 5, handler: async () => { runs++; throw new Error('no') } }])
  await queue.add('flaky', {})
  t.equal(await queue.runDue(), 1)
  clock.at += 4_999
  t.equal(await queue.runDue(), 0, 'the first retry waits 5 s')
  clock.at += 1
  t.equal(await queue.runDue(), 1)
  clock.at += 9_999
  t.equal(await queue.runDue(), 0, 'the second waits 10 s')
  clock.at += 1
  t.equal(await queue.runDue(), 1)
  clock.at += 3_600_000
  t.equal(await queue.runDue(), 0, 'no third retry')
  t.equal(runs, 3)
})

t.test('a job that succeeds on a retry is not run again', async (t) => {
  let runs = 0
  const { queue } = queueWith([{ name: 'once-flaky', retryDelaySeconds: 0, handler: async () => { if (++runs === 1) throw new Error('first') } }])
  await queue.add('once-flaky', {})
  t.equal(await queue.runDue(), 2, 'the retry is due at once and runs')
  t.equal(runs, 2)
})

t.test('a recurring job runs as the queue starts, then once per interval, one at a time', async (t) => {
  let runs = 0
  const { queue, clock } = queueWith([{ name: 'tick', everySeconds: 60, handler: async () => { runs++ } }])
  t.equal(await queue.runDue(), 0, 'not before start')
  await queue.start()
  await queue.stop()
  await queue.runDue()
  t.equal(runs, 1, 'the first run as it starts')
  await queue.add('tick', {}, { key: RECURRING_KEY })
  t.equal(await queue.runDue(), 0, 'the next run is already waiting: not queued twice')
  clock.at += 60_000
  t.equal(await queue.runDue(), 1)
  t.equal(runs, 2)
})

t.test('started, it runs due jobs by itself, and stop() waits for the running one', async (t) => {
  let release!: () => void
  const gate = new Promise<void>((resolve) => { release = resolve })
  const events: string[] = []
  const queue = inProcessQueue({
    definitions: [{ name: 'slow', handler: async () => { events.push('started'); await gate; events.push('finished') } }],
    context: { db, log, now: () => new Date() }
  })
  await queue.start()
  await queue.add('slow', {})
  while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
  const stopped = queue.stop().then(() => events.push('stopped'))
  await new Promise((resolve) => setTimeout(resolve, 20))
  t.same(events, ['started'], 'stop() is still waiting')
  release()
  await stopped
  t.same(events, ['started', 'finished', 'stopped'])
})

t.test('a queued job waits while the queue is stopped and runs when it starts again', async (t) => {
  let runs = 0
  const queue = inProcessQueue({ definitions: [{ name: 'j', handler: async () => { runs++ } }], context: { db, log, now: () => new Date() } })
  await queue.add('j', {})
  await new Promise((resolve) => setTimeout(resolve, 20))
  t.equal(runs, 0)
  await queue.start()
  while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5))
  await queue.stop()
  t.equal(runs, 1)
})
