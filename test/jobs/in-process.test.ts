// The in-process runner (the embedded database's queue, and test apps'), driven by a clock the test moves: keyed
// jobs wait once, delayed ones wait for the app's clock, failures are retried after doubling delays, recurring jobs
// run once per slot. (test/jobs/queue.test.ts runs the shared cases against it started, in real time.)
import t from 'tap'
import pino from 'pino'
import type { Knex } from 'knex'
import { inProcessQueue, RECURRING_KEY } from '../../src/jobs/in-process.js'
import type { JobDefinition, JobPayload } from '../../src/jobs/queue.js'

const log = pino({ level: 'silent' })
const db = {} as Knex

function queueWith (definitions: JobDefinition[], clock = { at: Date.parse('2026-01-01T00:00:00Z') }, random = () => 0) {
  const queue = inProcessQueue({ definitions, context: { db, log, now: () => new Date(clock.at) }, random })
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

t.test('a failed run is retried after a doubling delay with jitter, up to its limit', async (t) => {
  let runs = 0
  const jitter = [0, 0.5]
  const { queue, clock } = queueWith([{ name: 'flaky', retryLimit: 2, retryDelaySeconds: 5, handler: async () => { runs++; throw new Error('no') } }],
    undefined, () => jitter.shift()!)
  await queue.add('flaky', {})
  t.equal(await queue.runDue(), 1)
  clock.at += 4_999
  t.equal(await queue.runDue(), 0, 'the first retry waits 5 s (no jitter drawn)')
  clock.at += 1
  t.equal(await queue.runDue(), 1)
  clock.at += 14_999
  t.equal(await queue.runDue(), 0, 'the second waits 10 s and half as much again (jitter 0.5)')
  clock.at += 1
  t.equal(await queue.runDue(), 1)
  clock.at += 3_600_000
  t.equal(await queue.runDue(), 0, 'no third retry')
  t.equal(runs, 3)
})

t.test('a job waiting for its retry does not hold its key', async (t) => {
  const seen: unknown[] = []
  const { queue, clock } = queueWith([{ name: 'deliver', retryDelaySeconds: 10, handler: async (payload) => { seen.push(payload.n); if (payload.n === 1) throw new Error('no') } }])
  await queue.add('deliver', { n: 1 }, { key: 'k' })
  await queue.runDue()
  await queue.add('deliver', { n: 2 }, { key: 'k' })
  t.equal(await queue.runDue(), 1, 'the new one runs; the retry waits')
  clock.at += 20_000
  t.equal(await queue.runDue(), 1, 'then the retry')
  t.same(seen, [1, 2, 1])
})

t.test('a job that succeeds on a retry is not run again', async (t) => {
  let runs = 0
  const { queue } = queueWith([{ name: 'once-flaky', retryDelaySeconds: 0, handler: async () => { if (++runs === 1) throw new Error('first') } }])
  await queue.add('once-flaky', {})
  t.equal(await queue.runDue(), 2, 'the retry is due at once and runs')
  t.equal(runs, 2)
})

t.test('a recurring job runs at the start of each slot after the queue starts, once per slot', async (t) => {
  let runs = 0
  // 00:00:30 into a minute slot.
  const { queue, clock } = queueWith([{ name: 'tick', everySeconds: 60, handler: async () => { runs++ } }], { at: Date.parse('2026-01-01T00:00:30Z') })
  await queue.start()
  await queue.stop()
  t.equal(await queue.runDue(), 0, 'not before the next slot')
  clock.at += 30_000
  t.equal(await queue.runDue(), 1, 'at 00:01:00')
  await queue.add('tick', {}, { key: RECURRING_KEY })
  t.equal(await queue.runDue(), 0, 'the next slot\'s run is already waiting: not queued twice')
  clock.at += 59_999
  t.equal(await queue.runDue(), 0)
  clock.at += 1
  t.equal(await queue.runDue(), 1, 'at 00:02:00')
  clock.at += 10 * 60_000
  t.equal(await queue.runDue(), 1, 'after a long pause, one run, not one per missed slot')
  t.equal(runs, 3)
})

t.test('a recurring run that outlasts its slots delays the next slot\'s run until it ends: never two runs at once', async (t) => {
  const releases: Array<() => void> = []
  let runs = 0
  let running = 0
  let most = 0
  const { queue, clock } = queueWith([{
    name: 'deliver',
    everySeconds: 10,
    handler: async () => {
      runs++
      most = Math.max(most, ++running)
      await new Promise<void>((resolve) => releases.push(resolve))
      running--
    }
  }])
  const settled = () => new Promise((resolve) => setImmediate(resolve))
  await queue.start()
  await queue.stop()
  clock.at += 10_000
  const drains = [queue.runDue()]
  await settled()
  t.equal(runs, 1, 'the first slot\'s run is running, held by the test')
  // Two more slots begin while it runs; each is looked at, as the poller would.
  for (let slot = 0; slot < 2; slot++) {
    clock.at += 10_000
    drains.push(queue.runDue())
    await settled()
  }
  t.equal(runs, 1, 'the next slot\'s run waits for the running one')
  releases[0]()
  await settled()
  t.equal(runs, 2, 'and starts as soon as it ends, late')
  releases[1]()
  const made = (await Promise.all(drains)).reduce((sum, n) => sum + n, 0)
  t.equal(made, 2, 'one late run for the slots missed, not one per slot')
  t.equal(most, 1, 'never two at once')
  clock.at += 10_000
  const next = queue.runDue()
  await settled()
  releases[2]()
  t.equal(await next, 1, 'the schedule goes on: the late run queued the slot after its start')
})

t.test('a recurring run that fails for good keeps the schedule', async (t) => {
  let runs = 0
  const { queue, clock } = queueWith([{ name: 'tick', everySeconds: 60, retryLimit: 0, handler: async () => { runs++; throw new Error('no') } }])
  await queue.start()
  await queue.stop()
  clock.at += 60_000
  t.equal(await queue.runDue(), 1)
  clock.at += 60_000
  t.equal(await queue.runDue(), 1, 'the next slot runs')
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
