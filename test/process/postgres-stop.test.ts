// PostgreSQL stopped under a write load and started again. The real service runs on a PostgreSQL server of this
// test's own (the shared one serves the other test files), while four workers create units with Idempotency-Keys.
// While the database is down the service answers 503 problem+json and stays up; once it is back the service
// recovers by itself, every write it acknowledged is in the database, and every other write completes on retry.
import t from 'tap'
import knexFactory from 'knex'
import { signToken } from '../../src/auth/tokens.js'
import { REPEAT_WINDOW_MS } from '../../src/logging.js'
import { engine } from '../helpers/database.js'
import { outputLines, startServer, waitFor } from './server-process.js'
import { createThrowawayPostgres, unavailableReason } from './throwaway-postgres.js'
import { describe, succeeded, WriteLoad, type WriteRequest } from './write-load.js'

const SECRET = 'a-shared-secret-for-the-fault-tests-0123456789'
const admin = `Bearer ${signToken(SECRET, { sub: 'fault-test', role: 'admin' })}`

const cannot = engine === 'postgres' ? unavailableReason() : undefined
// Skipped only in the PGlite pass, or where PostgreSQL's binaries are missing; in CI (CI set) a missing
// prerequisite is not a reason to skip, so the test runs and fails saying what is missing.
const skip = engine !== 'postgres'
  ? 'the PGlite pass has no PostgreSQL server to stop; this runs in the PostgreSQL pass (TEST_DATABASE_URL)'
  : cannot && !process.env.CI ? `cannot make a throwaway PostgreSQL server: ${cannot}` : false

async function probe (url: string) {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) })
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.json() as Record<string, unknown> }
}

t.test('PostgreSQL stopped and started during a write load', { skip }, async (t) => {
  const pg = await createThrowawayPostgres(t)
  // No rate limit: the load is far more than a client's share of a minute.
  const server = await startServer(t, { DATABASE_URL: pg.url, AUTH_JWT_SECRET: SECRET, DB_POOL_MAX: '4', RATE_LIMIT_PER_MINUTE: '0' })
  const context = () => `service stderr:\n${server.stderr()}\nPostgreSQL log:\n${pg.log()}`

  const requests: WriteRequest[] = []
  const next = () => {
    const n = requests.length + 1
    const request = { key: `pg-stop-${n}`, path: '/v1/units', body: { name: `Đơn vị thử tải số ${n}` } }
    requests.push(request)
    return request
  }
  const load = new WriteLoad(server.base, admin, next, 4)
  const acknowledgedAfter = (instant: number) => load.attempts.filter((a) => a.startedAt > instant && succeeded(a)).length

  const outages: Array<{ mode: string, stoppedAt: number, startedAt: number }> = []
  await waitFor('20 acknowledged writes', () => load.acknowledged().length >= 20, 30_000, context)
  // A fast stop (sessions are told to end) and then an immediate one (a crash as far as the data is concerned).
  for (const mode of ['fast', 'immediate'] as const) {
    pg.stop(mode)
    const stoppedAt = Date.now()
    // Down: the workers keep writing; wait until several writes begun after the stop have been answered.
    await waitFor(`writes answered while PostgreSQL is down (${mode})`,
      () => load.attempts.filter((a) => a.startedAt > stoppedAt && a.answer !== undefined).length >= 4, 45_000, context)
    const ready = await probe(`${server.base}/readyz`)
    t.equal(ready.status, 503, `${mode} stop: /readyz is 503 while PostgreSQL is down`)
    t.match(ready.contentType, /^application\/problem\+json/)
    t.equal(ready.body.code, 'database_unavailable')
    t.equal((await probe(`${server.base}/healthz`)).status, 200, '/healthz: the process is up')
    t.ok(server.alive(), 'the service did not crash')

    pg.start()
    const startedAt = Date.now()
    await waitFor('/readyz to answer 200 again', async () => (await probe(`${server.base}/readyz`).catch(() => undefined))?.status === 200, 30_000, context)
    t.pass(`ready again ${Date.now() - startedAt} ms after PostgreSQL started`)
    const readyAt = Date.now()
    await waitFor(`10 writes acknowledged after recovery (${mode})`, () => acknowledgedAfter(readyAt) >= 10, 30_000, context)
    outages.push({ mode, stoppedAt, startedAt })
  }
  await load.stop()

  t.ok(server.alive(), 'the service ran through it all')
  t.notMatch(server.stderr(), /uncaught|unhandled/i, 'nothing went unhandled')
  // The log through both outages: JSON lines only, a repeating warning rate-limited, no value a request sent.
  const { json, other } = outputLines(server)
  t.same(other.slice(0, 5), [], 'every line the service wrote is a JSON log line')
  const warnings = json.filter((line) => Number(line.level) >= 40 && line.repeated === undefined)
  t.pass(`${warnings.length} warnings for ${load.attempts.filter((a) => a.answer?.status === 503).length} answers 503`)
  const lastOfKind = new Map<string, number>()
  const tooSoon = warnings.filter((line) => {
    const kind = `${line.level} ${line.msg} ${(line.err as { message?: string } | undefined)?.message}`
    const previous = lastOfKind.get(kind)
    lastOfKind.set(kind, Number(line.time))
    return previous !== undefined && Number(line.time) - previous < REPEAT_WINDOW_MS
  })
  t.same(tooSoon, [], `a warning is written again only ${REPEAT_WINDOW_MS} ms after the same one (the repeats are counted instead)`)
  t.notMatch(server.stdout() + server.stderr(), /Đơn vị thử tải/, 'no unit name that was written (a bound value) in the log')
  const unanswered = load.attempts.filter((a) => a.answer === undefined)
  t.same(unanswered.map(describe), [], 'every request was answered')
  const unexpected = load.attempts.filter((a) => a.answer && a.answer.status !== 201 &&
    !(a.answer.status === 503 && /^application\/problem\+json/.test(a.answer.contentType) && a.answer.body?.code === 'database_unavailable'))
  t.same(unexpected.map(describe), [], 'every answer is a 201 or a 503 database_unavailable problem')
  for (const { mode, stoppedAt, startedAt } of outages) {
    const down = load.attempts.filter((a) => a.startedAt > stoppedAt && a.endedAt < startedAt)
    t.ok(down.length >= 4, `${mode} stop: ${down.length} writes made while PostgreSQL was down`)
    t.same(down.filter(succeeded).map(describe), [], 'none of them was acknowledged')
  }

  const db = knexFactory({ client: 'pg', connection: pg.url, pool: { min: 0, max: 2 } })
  t.teardown(() => db.destroy())
  const acknowledged = load.acknowledged()
  const ids = acknowledged.map((a) => a.answer!.body.id as string)
  const stored = new Set((await db('units').whereIn('id', ids).select('id')).map((row: { id: string }) => row.id))
  t.same(ids.filter((id) => !stored.has(id)), [], `all ${ids.length} acknowledged units are in the database`)

  // Every request again with its key: an acknowledged one replays its answer; the others complete now.
  const retries = new WriteLoad(server.base, admin, (queue => () => queue.shift())([...requests]), 4)
  await retries.done()
  for (const retry of retries.attempts) {
    const first = acknowledged.find((a) => a.request.key === retry.request.key)
    if (first) {
      if (!retry.answer?.replayed || retry.answer.body.id !== first.answer!.body.id) t.fail(`retry of acknowledged ${describe(retry)} did not replay`)
    } else if (retry.answer?.status !== 201) {
      t.fail(`retry of ${describe(retry)} did not complete`)
    }
  }
  const units: Array<{ id: string, name: string }> = await db('units').select('id', 'name')
  t.equal(units.length, requests.length, `one unit for each of the ${requests.length} keys, none twice`)
  const audited = await db('audit_events').where({ action: 'unit.created' }).count({ n: '*' }).first()
  const published = await db('events').where({ type: 'unit.created' }).count({ n: '*' }).first()
  t.equal(Number(audited!.n), units.length, 'each with its audit record')
  t.equal(Number(published!.n), units.length, 'and its event')
})
