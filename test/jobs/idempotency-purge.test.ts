// The idempotency-key purge is a background job: hourly, on the hour, one instance at a time. It deletes the keys
// older than IDEMPOTENCY_KEY_HOURS and keeps the live ones.
import t, { type Test } from 'tap'
import type { App } from '../../src/app.js'
import { IDEMPOTENCY_PURGE } from '../../src/jobs/idempotency-purge.js'
import { build } from '../helpers/build.js'
import { engine } from '../helpers/database.js'
import { engineQueue } from '../helpers/jobs.js'
import { postUnit } from '../helpers/units.js'

/** Two keys 30 hours old and one fresh; the number of keys left once the old ones are gone. */
async function keysOfAllAges (t: Test, app: App, admin: string): Promise<number> {
  for (const [key, name] of [['old-1', 'Bệnh viện Y học cổ truyền'], ['old-2', 'Cục Công nghiệp an ninh'], ['new-1', 'Cục Y tế']]) {
    const res = await postUnit(app, admin, { name }, { 'idempotency-key': key })
    t.equal(res.statusCode, 201, `unit ${name} created`)
  }
  await app.db('idempotency_keys').whereIn('key', ['old-1', 'old-2']).update({ created_at: app.db.raw("now() - interval '30 hours'") })
  return (await app.db('idempotency_keys').count({ n: '*' }))[0].n as number - 2
}

const keys = async (app: App) => (await app.db('idempotency_keys').orderBy('key').pluck('key')) as string[]

t.test(`${engine}: the purge job deletes expired keys and keeps live ones`, async (t) => {
  const { app, admin } = await build(t, { jobs: engineQueue() })
  await keysOfAllAges(t, app, admin)
  await app.jobs.add(IDEMPOTENCY_PURGE, {})
  t.equal(await app.jobs.runDue(), 1, 'one run')
  t.same(await keys(app), ['new-1'])
})

t.test('in process: once started, the purge runs at the next hour and every hour after', async (t) => {
  let now = Date.parse('2026-03-02T09:40:00Z')
  // Other recurring jobs (webhook deliveries) run too: the purge's runs are counted by the line each writes.
  const logLines: string[] = []
  const { app, admin } = await build(t, { clock: () => new Date(now), logLines })
  const purges = async () => {
    await app.jobs.runDue()
    const count = logLines.filter((line) => line.includes('expired idempotency keys purged')).length
    logLines.length = 0
    return count
  }
  await keysOfAllAges(t, app, admin)
  await app.jobs.start()
  t.teardown(() => app.jobs.stop())
  t.equal(await purges(), 0, 'nothing at 09:40')
  t.equal((await keys(app)).length, 3)
  now = Date.parse('2026-03-02T10:00:00Z')
  t.equal(await purges(), 1, 'the purge at 10:00')
  t.same(await keys(app), ['new-1'])
  now = Date.parse('2026-03-02T10:59:59Z')
  t.equal(await purges(), 0, 'not again within the hour')
  now = Date.parse('2026-03-02T11:00:00Z')
  t.equal(await purges(), 1, 'again at 11:00')
})

t.test('PostgreSQL: once started, one purge waits for the next hour, however often instances start', { skip: engine === 'postgres' ? false : 'pg-boss runs on PostgreSQL only' }, async (t) => {
  const { app } = await build(t, { jobs: engineQueue() })
  await app.jobs.start()
  await app.jobs.stop()
  await app.jobs.start()
  const nextHour = (Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000
  const rows = await app.db('pgboss.job').where({ name: IDEMPOTENCY_PURGE }).select('state', 'start_after')
  t.same(rows.map((r) => ({ state: r.state, at: new Date(r.start_after).getTime() })), [{ state: 'created', at: nextHour }], 'one purge, at the start of the next hour')
})

t.test('a test app does not run its jobs by itself: they wait for runDue() (the server starts the queue)', async (t) => {
  const { app, admin } = await build(t)
  const left = await keysOfAllAges(t, app, admin)
  await app.jobs.add(IDEMPOTENCY_PURGE, {})
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.equal((await keys(app)).length, left + 2, 'nothing purged yet')
  t.equal(await app.jobs.runDue(), 1)
  t.equal((await keys(app)).length, left)
})
