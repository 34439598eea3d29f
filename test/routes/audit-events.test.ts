import t from 'tap'
import { build } from '../helpers/build.js'
import { createUnit } from '../helpers/units.js'

interface Item { id: string, occurredAt: string, actor: { sub: string, role: string }, action: string, resourceId: string, before: unknown, after: unknown, requestId: string }

t.test('the audit trail', async (t) => {
  const { app, admin, auth } = await build(t)
  const list = async (query = '', authorization = admin) =>
    app.inject({ url: `/v1/audit-events${query}`, headers: { authorization } })
  const items = async (query = '') => (await list(query)).json().items as Item[]

  const yTe = await createUnit(app, admin, { name: 'Cục Y tế', code: 'H06' }, { 'x-request-id': 'audit-create-1' })
  const otherAdmin = auth({ role: 'admin', sub: 'second-admin' })
  const hauCan = await createUnit(app, otherAdmin, { name: 'Cục Hậu cần' })
  const patch = await app.inject({
    method: 'PATCH', url: `/v1/units/${yTe.id}`, headers: { authorization: admin, 'x-request-id': 'audit-patch-1' }, payload: { shortName: 'Y tế' }
  })
  const patched = patch.json()

  await t.test('lists changes newest first with the actor, both snapshots whole and the request id', async (t) => {
    const res = await list()
    t.equal(res.statusCode, 200)
    const all = res.json()
    t.equal(all.nextCursor, null)
    t.same(all.items.map((i: Item) => [i.action, i.resourceId]), [['unit.updated', yTe.id], ['unit.created', hauCan.id], ['unit.created', yTe.id]])
    const [update, , create] = all.items as Item[]
    t.same(update.actor, { sub: 'test-admin', role: 'admin' })
    t.same(update.before, yTe, 'before keeps every field')
    t.same(update.after, patched, 'after keeps every field')
    t.equal(update.requestId, 'audit-patch-1')
    t.equal(create.before, null)
    t.same(create.after, yTe)
    t.ok(BigInt(update.id) > BigInt(create.id), 'ids increase')
    t.ok(Date.parse(update.occurredAt) >= Date.parse(create.occurredAt))
  })

  await t.test('each filter narrows the list', async (t) => {
    t.same((await items(`?resourceId=${yTe.id}`)).map((i) => i.action), ['unit.updated', 'unit.created'])
    t.equal((await items('?resourceType=unit')).length, 3)
    t.same(await items('?resourceType=cluster'), [])
    t.same((await items('?actorSub=second-admin')).map((i) => i.resourceId), [hauCan.id])
    t.same((await items('?action=unit.updated')).map((i) => i.resourceId), [yTe.id])
    t.same((await items('?requestId=audit-create-1')).map((i) => i.action), ['unit.created'])
    t.same((await items(`?resourceId=${yTe.id}&action=unit.created&actorSub=test-admin`)).map((i) => i.requestId), ['audit-create-1'])
  })

  await t.test('from is inclusive and to exclusive', async (t) => {
    const [newest, , oldest] = await items()
    t.equal((await items('?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z')).length, 3)
    t.same(await items('?from=2100-01-01T00:00:00Z'), [])
    t.same(await items('?to=2000-01-01T00:00:00Z'), [])
    const before = await items(`?to=${newest.occurredAt}`)
    t.notOk(before.some((i) => i.id === newest.id), 'to excludes a change at that instant')
    t.ok(before.some((i) => i.id === oldest.id))
    t.ok((await items(`?from=${oldest.occurredAt}`)).some((i) => i.id === oldest.id), 'from includes a change at that instant')
  })

  await t.test('pages with limit and cursor visit every record once, newest first', async (t) => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Item[], nextCursor: string | null } = (await list(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()
      t.equal(page.items.length, 1)
      seen.push(page.items[0].id)
      cursor = page.nextCursor
    } while (cursor)
    t.same(seen, (await items()).map((i) => i.id))
  })

  await t.test('bad queries are refused with 400', async (t) => {
    const refusals: Array<[string, string]> = [
      ['?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z', 'invalid_time_range'],
      ['?from=yesterday', 'validation_failed'],
      ['?to=2024-13-01T00:00:00Z', 'validation_failed'],
      ['?actor=me', 'validation_failed'],
      ['?limit=500', 'validation_failed'],
      ['?cursor=bm90LWEtY3Vyc29y', 'invalid_cursor']
    ]
    for (const [query, code] of refusals) {
      const res = await list(query)
      t.equal(res.statusCode, 400, query)
      t.equal(res.json().code, code, query)
    }
  })

  await t.test('admin and reader may read the trail; others may not', async (t) => {
    t.equal((await list('', auth({ role: 'reader' }))).statusCode, 200)
    const unitToken = await list('', auth({ role: 'unit', unitId: yTe.id }))
    t.equal(unitToken.statusCode, 403)
    t.match(unitToken.headers['content-type'], /^application\/problem\+json/)
    t.equal((await list('', auth({ role: 'secretariat', clusterId: yTe.id }))).statusCode, 403)
    t.equal((await app.inject({ url: '/v1/audit-events' })).statusCode, 401)
  })
})
