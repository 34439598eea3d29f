// The audit trail and the outbox are written in the transaction of the change they record.
import t from 'tap'
import type { App } from '../../src/app.js'
import { build, tokenFor } from '../helpers/build.js'
import { buildCustom } from '../helpers/custom-app.js'
import { engine } from '../helpers/database.js'
import { postUnit } from '../helpers/units.js'
import { appendJournal } from '../../src/db/journal-repository.js'

const rows = async (app: App) => ({
  audit: await app.db('audit_events').orderBy('id'),
  events: await app.db('events').orderBy('position')
})

t.test('through the API', async (t) => {
  const { app, admin } = await build(t)

  await t.test('a change writes exactly one audit record and one event that agree', async (t) => {
    const res = await postUnit(app, admin, { name: 'Cục Y tế' }, { 'x-request-id': 'journal-1' })
    const unit = res.json()
    const { audit, events } = await rows(app)
    t.equal(audit.length, 1)
    t.equal(events.length, 1)
    t.match(audit[0], { actor_sub: 'test-admin', actor_role: 'admin', action: 'unit.created', resource_type: 'unit', resource_id: unit.id, before: null, request_id: 'journal-1' })
    t.same(audit[0].after, unit)
    t.match(events[0], { type: 'unit.created', resource_type: 'unit', resource_id: unit.id, request_id: 'journal-1' })
    t.same(events[0].data, unit)
  })

  await t.test('a refused change writes neither', async (t) => {
    const before = await rows(app)
    t.equal((await postUnit(app, admin, { name: 'cục y tế' })).statusCode, 409)
    const unitId = before.audit[0].resource_id
    const stale = await app.inject({ method: 'PATCH', url: `/v1/units/${unitId}`, headers: { authorization: admin, 'if-match': '"v9"' }, payload: { code: 'H06' } })
    t.equal(stale.statusCode, 412)
    t.same(await rows(app), before)
  })

  await t.test('an update records the resource before and after', async (t) => {
    const [created] = (await rows(app)).audit
    const res = await app.inject({ method: 'PATCH', url: `/v1/units/${created.resource_id}`, headers: { authorization: admin }, payload: { code: 'H06' } })
    const { audit, events } = await rows(app)
    t.equal(audit.length, 2)
    t.same(audit[1].before, created.after)
    t.same(audit[1].after, res.json())
    t.equal(events[1].type, 'unit.updated')
  })
})

t.test('a write that fails after recording leaves no audit record and no event', async (t) => {
  const app = await buildCustom(t, {
    routes: (app) => app.post('/v1/test-failing-write', async (request) => request.write(async ({ trx, record }) => {
      await trx('units').insert({ name: 'Tạm', name_key: 'tạm', search_text: 'tam', sort_key: 'x' })
      await record({ action: 'unit.created', resourceType: 'unit', resourceId: 'x', after: { name: 'Tạm' } })
      throw new Error('the handler failed after recording')
    }))
  })
  const res = await app.inject({ method: 'POST', url: '/v1/test-failing-write', headers: { authorization: tokenFor({ role: 'admin' }) }, payload: {} })
  t.equal(res.statusCode, 500)
  t.same(await rows(app), { audit: [], events: [] })
  t.equal((await app.db('units').count({ n: '*' }))[0].n, 0, 'and the change itself is gone')
})

t.test('outbox positions follow commit order', { skip: engine === 'pglite' && 'PGlite has one connection: transactions cannot overlap' }, async (t) => {
  const { app } = await build(t)
  const event = (resourceId: string) => ({ type: 'test.happened', resourceType: 'test', resourceId, requestId: 'order', data: {} })
  const first = await app.db.transaction()
  const second = await app.db.transaction()
  try {
    await appendJournal(first, { audits: [], events: [event('first')] })
    let secondAppended = false
    const appending = appendJournal(second, { audits: [], events: [event('second')] }).then(() => { secondAppended = true })
    await new Promise((resolve) => setTimeout(resolve, 300))
    t.notOk(secondAppended, 'a second writer waits while the first one holds its position uncommitted')
    t.same(await app.db('events').pluck('resource_id'), [], 'readers see nothing uncommitted')
    await first.commit()
    await appending
    t.same(await app.db('events').orderBy('position').pluck('resource_id'), ['first'], 'the first is visible alone')
    await second.commit()
  } finally {
    if (!first.isCompleted()) await first.rollback()
    if (!second.isCompleted()) await second.rollback()
  }
  t.same(await app.db('events').orderBy('position').pluck('resource_id'), ['first', 'second'])
})

t.test('concurrent changes through the API each get one event, in position order', async (t) => {
  const { app, admin } = await build(t)
  const names = ['Cục Y tế', 'Cục Hậu cần', 'Cục Công nghiệp an ninh', 'Bệnh viện 19.8', 'Bệnh viện 30/4', 'Bệnh viện 199']
  const answers = await Promise.all(names.map((name) => postUnit(app, admin, { name })))
  t.same(answers.map((a) => a.statusCode), names.map(() => 201))
  const feed = (await app.inject({ url: '/v1/events', headers: { authorization: admin } })).json()
  t.same(feed.items.map((e: { resourceId: string }) => e.resourceId).sort(), answers.map((a) => a.json().id).sort())
  const positions = feed.items.map((e: { position: string }) => BigInt(e.position))
  t.ok(positions.every((p: bigint, i: number) => i === 0 || p > positions[i - 1]))
})
