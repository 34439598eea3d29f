// The service killed with SIGKILL in the middle of a write load (units created, pledge signatures), on a fresh
// database of the shared PostgreSQL server. A write is one transaction with its audit record, its event and its
// stored idempotent answer, so the kill leaves no half of one behind. After a restart every request is sent
// again with its key: each completes, and there is exactly one record per key.
import t from 'tap'
import { signToken } from '../../src/auth/tokens.js'
import { createTestDatabase, engine } from '../helpers/database.js'
import { startServer, stopServer, waitFor } from './server-process.js'
import { describe, WriteLoad, type WriteRequest } from './write-load.js'

const SECRET = 'a-shared-secret-for-the-fault-tests-0123456789'
const admin = `Bearer ${signToken(SECRET, { sub: 'fault-test', role: 'admin' })}`
const MEMBERS = 24
const NEW_UNITS = 48

const skip = engine === 'postgres' ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL); runs in the PostgreSQL pass'

async function created (base: string, path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: admin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000)
  })
  if (response.status !== 201 && response.status !== 200) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`)
  return response.json() as Promise<{ id: string }>
}

/**
 * A send-everything-once load over `requests` with eight workers: twice the service's four connections, so some
 * requests always wait for one and the kill finds them in flight (with as many workers as connections, every
 * request in flight could be answered in the instant before the process died).
 */
function loadOf (base: string, requests: WriteRequest[]) {
  const queue = [...requests]
  return new WriteLoad(base, admin, () => queue.shift(), 8)
}

t.test('SIGKILL during a write load leaves whole writes only, and retries with the same keys complete', { skip }, async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const { db } = database
  // No rate limit: the load and the retries are far more than a client's share of a minute.
  const env = { DATABASE_URL: database.url!, AUTH_JWT_SECRET: SECRET, DB_POOL_MAX: '4', RATE_LIMIT_PER_MINUTE: '0' }
  // Named sessions (the URL's application_name wins over the service's), to see them go when the process dies.
  const first = await startServer(t, { ...env, DATABASE_URL: `${database.url}?application_name=thidua-to-be-killed` })

  // An open pledge of a cluster with MEMBERS member units, for signatures to race.
  const block = await created(first.base, '/v1/blocks', { name: 'Khối thử lỗi' })
  const cluster = await created(first.base, '/v1/clusters', { number: 1, name: 'Cụm thi đua thử lỗi', blockId: block.id })
  const members = await Promise.all(Array.from({ length: MEMBERS }, async (_, i) => {
    const unit = await created(first.base, '/v1/units', { name: `Đơn vị thành viên ${i + 1}` })
    await created(first.base, `/v1/clusters/${cluster.id}/members`, { unitId: unit.id, from: '2020-01-01' })
    return unit.id
  }))
  const pledge = await created(first.base, `/v1/clusters/${cluster.id}/pledges`, {
    year: 2022, title: 'Giao ước thi đua năm 2022', slogan: 'Kỷ cương, Hiệu quả', commitments: [{ text: 'Hoàn thành xuất sắc nhiệm vụ được giao.' }]
  })
  await created(first.base, `/v1/pledges/${pledge.id}/open`, {})

  // New units and signatures, interleaved.
  const requests: WriteRequest[] = []
  for (let i = 0; i < NEW_UNITS; i++) {
    requests.push({ key: `sigkill-unit-${i}`, path: '/v1/units', body: { name: `Đơn vị mới số ${i}` } })
    if (i % 2 === 0 && i / 2 < MEMBERS) {
      requests.push({
        key: `sigkill-sign-${i / 2}`,
        path: `/v1/pledges/${pledge.id}/signatures`,
        body: { unitId: members[i / 2], signerName: `Lãnh đạo đơn vị ${i / 2}`, signerPosition: 'Cục trưởng' }
      })
    }
  }
  const load = loadOf(first.base, requests)
  await waitFor('15 acknowledged writes', () => load.acknowledged().length >= 15, 60_000, first.stderr)
  const killedAt = Date.now()
  first.child.kill('SIGKILL')
  t.same(await first.exited, { code: null, signal: 'SIGKILL' }, 'killed')
  await load.done()
  const acknowledged = load.acknowledged()
  const cut = load.attempts.filter((a) => a.answer === undefined && a.startedAt <= killedAt)
  t.ok(cut.length > 0, `${cut.length} requests in flight were cut by the kill (${acknowledged.length} acknowledged before it)`)
  t.same(load.attempts.filter((a) => a.answer && a.answer.status !== 201).map(describe), [], 'before the kill every answer was a 201')

  // The killed process's sessions go away with it; their open transactions are rolled back.
  const sessions = async () => Number((await db.raw("select count(*) as n from pg_stat_activity where application_name = 'thidua-to-be-killed'")).rows[0].n)
  await waitFor('the killed process\'s sessions to end', async () => await sessions() === 0, 15_000)

  t.test('no half-written records', async (t) => {
    // Every unit and signature has exactly one audit record and one event; every audit record and event has its row.
    const halfWritten = await db.raw(`
      with writes as (
        select id::text as id, 'unit.created' as action from units
        union all select id::text, 'pledge.signed' from pledge_signatures
      )
      select w.action, w.id,
        (select count(*) from audit_events a where a.action = w.action and a.resource_id = w.id) as audits,
        (select count(*) from events e where e.type = w.action and e.resource_id = w.id) as events
      from writes w
      where (select count(*) from audit_events a where a.action = w.action and a.resource_id = w.id) <> 1
         or (select count(*) from events e where e.type = w.action and e.resource_id = w.id) <> 1`)
    t.same(halfWritten.rows, [], 'every write has one audit record and one event')
    const orphans = await db.raw(`
      select 'audit' as kind, resource_id from audit_events a where
        (a.action = 'unit.created' and not exists (select 1 from units u where u.id::text = a.resource_id)) or
        (a.action = 'pledge.signed' and not exists (select 1 from pledge_signatures s where s.id::text = a.resource_id))
      union all
      select 'event', resource_id from events e where
        (e.type = 'unit.created' and not exists (select 1 from units u where u.id::text = e.resource_id)) or
        (e.type = 'pledge.signed' and not exists (select 1 from pledge_signatures s where s.id::text = e.resource_id))`)
    t.same(orphans.rows, [], 'no audit record or event without its row')
    // A stored idempotent answer names a row that exists, and the row of every acknowledged write is there.
    const keys: Array<{ key: string, id: string }> = (await db('idempotency_keys').where('key', 'like', 'sigkill-%')
      .select('key', db.raw("response_body->>'id' as id"))).map((row: { key: string, id: string }) => row)
    const rows = new Set([...(await db('units').pluck('id')), ...(await db('pledge_signatures').pluck('id'))].map(String))
    t.same(keys.filter((k) => !rows.has(k.id)), [], 'every stored answer names a committed row')
    t.same(acknowledged.filter((a) => !rows.has(a.answer!.body.id)).map(describe), [], 'every acknowledged write is committed')
    const events: Array<{ position: number }> = await db('events').select('position')
    t.equal(new Set(events.map((e) => e.position)).size, events.length, 'event positions are unique')
  })

  await t.test('after a restart, every request retried with its key completes once', async (t) => {
    const second = await startServer(t, env)
    const retries = loadOf(second.base, requests)
    await retries.done()
    t.same(retries.attempts.filter((a) => a.answer?.status !== 201).map(describe), [], 'every retry answers 201')
    for (const retry of retries.attempts) {
      const before = acknowledged.find((a) => a.request.key === retry.request.key)
      if (before && !(retry.answer?.replayed && retry.answer.body.id === before.answer!.body.id)) {
        t.fail(`the retry of acknowledged ${retry.request.key} did not replay its answer: ${describe(retry)}`)
      }
    }
    const replayed = retries.attempts.filter((a) => a.answer?.replayed).length
    t.ok(replayed >= acknowledged.length, `${replayed} replayed (the ${acknowledged.length} acknowledged, and any committed as the process died)`)

    const newUnits = await db('units').where('name', 'like', 'Đơn vị mới số %').count({ n: '*' }).first()
    t.equal(Number(newUnits!.n), NEW_UNITS, 'one unit per key')
    const signatures: Array<{ unit_id: string }> = await db('pledge_signatures').where({ pledge_id: pledge.id }).select('unit_id')
    t.same(signatures.map((s) => s.unit_id).sort(), [...members].sort(), 'one signature per member, none lost')
    t.equal((await db('pledges').where({ id: pledge.id }).first()).status, 'in_force', 'the last signature brought the pledge into force')
    t.equal((await db('events').where({ type: 'pledge.in_force', resource_id: pledge.id })).length, 1, 'once')
    t.same(await stopServer(second), { code: 0, signal: null }, 'and the restarted service stops cleanly')
  })
})
