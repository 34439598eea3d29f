import t from 'tap'
import type { App } from '../../src/app.js'
import { build } from '../helpers/build.js'
import { postUnit } from '../helpers/units.js'
import { caller, created } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { purgeExpiredKeys } from '../../src/db/idempotency-repository.js'

async function counts (app: App) {
  const count = async (table: string) => Number((await app.db(table).count({ n: '*' }))[0].n)
  return { units: await count('units'), audit: await count('audit_events'), events: await count('events'), keys: await count('idempotency_keys') }
}

t.test('Idempotency-Key on POST', async (t) => {
  const { app, admin, auth } = await build(t)
  const withKey = (key: string) => ({ 'idempotency-key': key })

  await t.test('a retry with the same key and body replays the first answer and creates nothing more', async (t) => {
    const first = await postUnit(app, admin, { name: 'Cục Y tế', code: 'H06' }, withKey('create-yte'))
    t.equal(first.statusCode, 201)
    const retry = await postUnit(app, admin, { code: 'H06', name: 'Cục Y tế' }, withKey('create-yte'))
    t.equal(retry.statusCode, 201)
    t.same(retry.json(), first.json())
    t.equal(retry.headers.etag, first.headers.etag)
    t.equal(retry.headers.location, first.headers.location)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.notOk(first.headers['idempotent-replayed'])
    t.same(await counts(app), { units: 1, audit: 1, events: 1, keys: 1 })
  })

  await t.test('the same key with another body is refused with 422 and changes nothing', async (t) => {
    const before = await counts(app)
    const reused = await postUnit(app, admin, { name: 'Cục Hậu cần' }, withKey('create-yte'))
    t.equal(reused.statusCode, 422)
    t.match(reused.headers['content-type'], /^application\/problem\+json/)
    t.equal(reused.json().code, 'idempotency_key_reused')
    t.same(await counts(app), before)
  })

  await t.test('keys belong to their caller: another subject may use the same key', async (t) => {
    const other = auth({ role: 'admin', sub: 'another-admin' })
    const res = await postUnit(app, other, { name: 'Cục Hậu cần' }, withKey('create-yte'))
    t.equal(res.statusCode, 201)
    t.equal(res.json().name, 'Cục Hậu cần')
    t.equal((await counts(app)).keys, 2)
  })

  await t.test('five identical concurrent requests with one key create one unit and all answer the same 201', async (t) => {
    const before = await counts(app)
    const answers = await Promise.all(Array.from({ length: 5 }, () =>
      postUnit(app, admin, { name: 'Bệnh viện 19.8' }, withKey('concurrent-198'))))
    t.same(answers.map((a) => a.statusCode), [201, 201, 201, 201, 201])
    const bodies = new Set(answers.map((a) => a.body))
    t.equal(bodies.size, 1, 'one body for all')
    const after = await counts(app)
    t.same(after, { units: before.units + 1, audit: before.audit + 1, events: before.events + 1, keys: before.keys + 1 })
  })

  await t.test('a malformed key is a 400 and changes nothing', async (t) => {
    const before = await counts(app)
    for (const key of ['has space', 'khóa', 'x'.repeat(201), '']) {
      const res = await postUnit(app, admin, { name: `Bệnh viện ${key.length}` }, withKey(key))
      t.equal(res.statusCode, 400, JSON.stringify(key.slice(0, 20)))
      t.match(res.json().code, /^(invalid_idempotency_key|validation_failed)$/)
    }
    t.equal((await postUnit(app, admin, { name: 'Bệnh viện 30/4' }, withKey('has space'))).json().code, 'invalid_idempotency_key')
    t.same(await counts(app), before)
  })

  await t.test('a refused request stores no answer: after fixing the cause, the same key may succeed', async (t) => {
    const before = await counts(app)
    const duplicate = await postUnit(app, admin, { name: 'CỤC Y TẾ' }, withKey('retry-after-409'))
    t.equal(duplicate.statusCode, 409)
    t.same(await counts(app), before, 'a 409 writes no unit, audit, event or key')
    await app.inject({ method: 'PATCH', url: `/v1/units/${(await app.db('units').where({ code: 'H06' }).first()).id}`, headers: { authorization: admin }, payload: { name: 'Cục Y tế (cũ)' } })
    const retried = await postUnit(app, admin, { name: 'CỤC Y TẾ' }, withKey('retry-after-409'))
    t.equal(retried.statusCode, 201)
    t.notOk(retried.headers['idempotent-replayed'])
  })

  await t.test('a key older than IDEMPOTENCY_KEY_HOURS (24 h here) is forgotten: the same key makes a new request', async (t) => {
    const first = await postUnit(app, admin, { name: 'Bệnh viện 30/4' }, withKey('yesterday'))
    t.equal(first.statusCode, 201)
    const age = (hours: number) => app.db('idempotency_keys').where({ key: 'yesterday' }).update({ created_at: app.db.raw(`now() - interval '${hours} hours'`) })
    await age(23)
    t.equal((await postUnit(app, admin, { name: 'Bệnh viện 199' }, withKey('yesterday'))).json().code, 'idempotency_key_reused', 'still remembered after 23 hours')
    await age(25)
    const before = await counts(app)
    const fresh = await postUnit(app, admin, { name: 'Bệnh viện 199' }, withKey('yesterday'))
    t.equal(fresh.statusCode, 201, fresh.body)
    t.notOk(fresh.headers['idempotent-replayed'], 'a new request, not a replay')
    t.not(fresh.json().id, first.json().id)
    t.same(await counts(app), { ...before, units: before.units + 1, audit: before.audit + 1, events: before.events + 1 }, 'the old key\'s row was replaced, not added to')
    const retry = await postUnit(app, admin, { name: 'Bệnh viện 199' }, withKey('yesterday'))
    t.equal(retry.headers['idempotent-replayed'], 'true', 'and the key now replays the new answer')
    t.same(retry.json(), fresh.json())
  })

  await t.test('expired keys are purged, live ones kept', async (t) => {
    await postUnit(app, admin, { name: 'Bệnh viện Y học cổ truyền' }, withKey('old-1'))
    await postUnit(app, admin, { name: 'Cục Công nghiệp an ninh' }, withKey('old-2'))
    await app.db('idempotency_keys').whereIn('key', ['old-1', 'old-2']).update({ created_at: app.db.raw("now() - interval '30 hours'") })
    const live = (await counts(app)).keys - 2
    t.equal(await purgeExpiredKeys(app.db, 24), 2)
    t.equal((await counts(app)).keys, live)
    t.equal(await purgeExpiredKeys(app.db, 24), 0, 'nothing left to purge')
  })

  await t.test('a replay is only for POST: a key on a GET is ignored', async (t) => {
    const res = await app.inject({ url: '/v1/units', headers: { authorization: admin, 'idempotency-key': 'create-yte' } })
    t.equal(res.statusCode, 200)
    t.ok(Array.isArray(res.json().items))
  })
})

// Found by the contract fuzzer: hashing a body thousands of levels deep overflowed the stack (a 500).
t.test('a keyed POST whose body is nested too deep is a 400, not a 500', async (t) => {
  const { app, admin } = await build(t)
  const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/pledges/00000000-0000-4000-8000-000000000000/open',
    headers: { authorization: admin, 'idempotency-key': 'deep-body', 'content-type': 'application/json' },
    payload: deep
  })
  t.equal(res.statusCode, 400)
  t.equal(res.json().code, 'body_too_deep')
  const shallow = await app.inject({
    method: 'POST',
    url: '/v1/pledges/00000000-0000-4000-8000-000000000000/open',
    headers: { authorization: admin, 'idempotency-key': 'shallow-body', 'content-type': 'application/json' },
    payload: '{"a":'.repeat(60) + '1' + '}'.repeat(60)
  })
  t.equal(shallow.statusCode, 404, 'a body within the limit reaches the route')
})

// Found by probing: the stored answer was keyed by the token's `sub` alone and replayed before the route's scope
// check, so a token of another scope with the same `sub` got the first caller's answer where it would get a 403.
t.test('a stored answer belongs to the whole identity (subject, role, scope) and never reaches a caller the route refuses', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const withKey = { 'idempotency-key': 'shared-key' }
  const secretariatY = auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'shared-sub' })
  const secretariatX = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'shared-sub' })
  const pledge = (year: number) => ({ year, title: `Giao ước thi đua năm ${year}`, slogan: 'Kỷ cương, Trách nhiệm', commitments: [{ text: 'Hoàn thành nhiệm vụ.' }], registeredTitles: [] })
  const ofY = `/v1/clusters/${cluster8.id}/pledges`

  await t.test('secretariat X gets its own 403, not Y\'s created pledge', async (t) => {
    const first = await as(secretariatY).post(ofY, pledge(2025), withKey)
    t.equal(first.statusCode, 201, first.body)
    const before = await counts(app)
    const replayed = await as(secretariatX).post(ofY, pledge(2025), withKey)
    t.equal(replayed.statusCode, 403, 'as without the key')
    t.equal(replayed.json().code, 'forbidden')
    t.notOk(replayed.headers['idempotent-replayed'])
    t.notOk(replayed.body.includes(first.json().id), 'nothing of Y\'s answer')
    t.equal((await as(secretariatX).post(ofY, pledge(2025))).statusCode, 403, 'the same refusal without the key')
    t.same(await counts(app), before)
  })

  await t.test('the same subject and key in another scope is another key, not a reused one', async (t) => {
    const own = await as(secretariatX).post(`/v1/clusters/${cluster9.id}/pledges`, pledge(2026), withKey)
    t.equal(own.statusCode, 201, own.body)
    t.notOk(own.headers['idempotent-replayed'])
    t.equal(own.json().clusterId, cluster9.id)
    const again = await as(secretariatX).post(`/v1/clusters/${cluster9.id}/pledges`, pledge(2026), withKey)
    t.equal(again.headers['idempotent-replayed'], 'true', 'and each scope replays its own answer')
    t.same(again.json(), own.json())
  })

  await t.test('unit tokens likewise: another unit with the same subject gets its own 403', async (t) => {
    const pledgeId = (await created(app, admin, `/v1/clusters/${cluster9.id}/pledges`, pledge(2027))).id
    t.equal((await as(admin).post(`/v1/pledges/${pledgeId}/open`, undefined)).statusCode, 200)
    const yte = units['Cục Y tế']
    const signature = { unitId: yte, signerName: 'Phạm Quang Cử', signerPosition: 'Cục trưởng' }
    const url = `/v1/pledges/${pledgeId}/signatures`
    const signed = await as(auth({ role: 'unit', unitId: yte, sub: 'unit-shared' })).post(url, signature, withKey)
    t.equal(signed.statusCode, 201, signed.body)
    const before = await counts(app)
    const other = await as(auth({ role: 'unit', unitId: units['Cục Hậu cần'], sub: 'unit-shared' })).post(url, signature, withKey)
    t.equal(other.statusCode, 403)
    t.equal(other.json().code, 'forbidden')
    t.notOk(other.headers['idempotent-replayed'])
    t.same(await counts(app), before)
  })
})
