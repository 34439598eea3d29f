import t from 'tap'
import { build } from '../helpers/build.js'
import { createUnit } from '../helpers/units.js'

t.test('the event feed', async (t) => {
  const { app, admin, auth } = await build(t)
  const feed = async (query = '', authorization = admin) =>
    app.inject({ url: `/v1/events${query}`, headers: { authorization } })

  await t.test('an empty feed answers no items and position 0', async (t) => {
    const page = await feed()
    t.equal(page.statusCode, 200)
    t.same(page.json(), { items: [], nextCursor: null, lastPosition: '0' })
    t.same((await feed('?after=0')).json(), page.json(), 'after=0 is the start too')
  })

  const made: Array<Awaited<ReturnType<typeof createUnit>>> = []
  for (const name of ['Cục Y tế', 'Cục Hậu cần', 'Bệnh viện 19.8']) {
    made.push(await createUnit(app, admin, { name }, { 'x-request-id': `feed-${made.length}` }))
  }

  await t.test('pages through events in position order and says where to resume', async (t) => {
    const first = (await feed('?limit=2')).json()
    t.equal(first.items.length, 2)
    t.equal(first.nextCursor, first.items[1].position, 'nextCursor is the last position served')
    t.equal(first.lastPosition, first.items[1].position)
    const second = (await feed(`?limit=2&after=${first.nextCursor}`)).json()
    t.equal(second.items.length, 1)
    t.equal(second.nextCursor, null, 'caught up')
    t.equal(second.lastPosition, second.items[0].position)
    const all = [...first.items, ...second.items]
    t.same(all.map((e: { resourceId: string }) => e.resourceId), made.map((u) => u.id), 'one event per unit, in commit order')
    const positions = all.map((e: { position: string }) => BigInt(e.position))
    t.ok(positions.every((p, i) => i === 0 || p > positions[i - 1]), 'positions increase')
    const idle = (await feed(`?after=${second.lastPosition}`)).json()
    t.same(idle, { items: [], nextCursor: null, lastPosition: second.lastPosition }, 'an idle poll keeps the position')
  })

  await t.test('an event carries the whole resource and the request that made it', async (t) => {
    const [event] = (await feed('?limit=1')).json().items
    t.equal(event.type, 'unit.created')
    t.equal(event.resourceType, 'unit')
    t.equal(event.requestId, 'feed-0')
    t.same(event.data, made[0], 'the serializer keeps every field of data')
    t.match(event.id, /^[0-9a-f-]{36}$/)
    t.ok(Number.isFinite(Date.parse(event.occurredAt)))
  })

  await t.test('a type filter keeps only that type, and an empty filtered page still moves the position', async (t) => {
    const patched = await app.inject({ method: 'PATCH', url: `/v1/units/${made[1].id}`, headers: { authorization: admin }, payload: { code: 'H07' } })
    t.equal(patched.statusCode, 200)
    const head = (await feed('?limit=200')).json().lastPosition
    const updates = (await feed('?type=unit.updated')).json()
    t.same(updates.items.map((e: { type: string, resourceId: string }) => [e.type, e.resourceId]), [['unit.updated', made[1].id]])
    t.equal(updates.items[0].data.code, 'H07')
    const none = (await feed('?type=cluster.created')).json()
    t.same(none, { items: [], nextCursor: null, lastPosition: head }, 'a follower of another type need not rescan')
  })

  await t.test('a position beyond the head is kept as it is', async (t) => {
    t.same((await feed('?after=999999')).json(), { items: [], nextCursor: null, lastPosition: '999999' })
  })

  await t.test('a bad position, limit or unknown parameter is a 400', async (t) => {
    for (const query of ['?after=abc', '?after=-1', '?after=01', '?after=1234567890123456789', '?limit=0', '?limit=201', '?cursor=x']) {
      const res = await feed(query)
      t.equal(res.statusCode, 400, query)
      t.equal(res.json().code, 'validation_failed', query)
    }
  })

  await t.test('admin and reader may read the feed; others may not', async (t) => {
    t.equal((await feed('', auth({ role: 'reader' }))).statusCode, 200)
    t.equal((await feed('', auth({ role: 'unit', unitId: made[0].id }))).statusCode, 403)
    t.equal((await feed('', auth({ role: 'secretariat', clusterId: made[0].id }))).statusCode, 403)
    t.equal((await app.inject({ url: '/v1/events' })).statusCode, 401)
  })
})
