import t from 'tap'
import { listAuditEvents, listEvents } from '../../src/services/audit.js'
import { createBlock } from '../../src/services/blocks.js'
import { changeUnit, createUnit } from '../../src/services/units.js'
import { services, type Services } from '../helpers/services.js'

/** A unit created and renamed by the admin, and a block created by another admin. */
async function seed (s: Services) {
  const unit = await s.write((ctx) => createUnit(ctx, { name: 'Cục Y tế' }))
  await s.write((ctx) => changeUnit(ctx, { unitId: unit.id, code: 'H06' }))
  await s.write((ctx) => createBlock(ctx, { name: 'Khối Công an các tỉnh' }), { sub: 'other-admin', role: 'admin' })
  return unit
}

t.test('listAuditEvents returns the changes newest first, filtered by every filter given', async (t) => {
  const s = await services(t)
  const unit = await seed(s)
  const all = await listAuditEvents(s.read(), {})
  t.same(all.items.map((e) => e.action), ['block.created', 'unit.updated', 'unit.created'])
  t.match(all.items[1], { actor: { sub: 'test-admin', role: 'admin' }, resourceType: 'unit', resourceId: unit.id, requestId: 'test' })
  t.same((await listAuditEvents(s.read(), { resourceType: 'unit', actorSub: 'test-admin' })).items.map((e) => e.action),
    ['unit.updated', 'unit.created'])
  t.same((await listAuditEvents(s.read(), { actorSub: 'other-admin' })).items.map((e) => e.action), ['block.created'])
  const first = await listAuditEvents(s.read(), { limit: 2 })
  t.same((await listAuditEvents(s.read(), { limit: 2, cursor: first.nextCursor! })).items.map((e) => e.action), ['unit.created'])
  const from = all.items[2].occurredAt
  t.equal((await listAuditEvents(s.read(), { from })).items.length, 3, 'from is inclusive')
  t.equal((await listAuditEvents(s.read(), { to: from })).items.length, 0, 'to is exclusive')
})

t.test('listAuditEvents refuses a time range that does not start before it ends', async (t) => {
  const s = await services(t)
  await t.rejects(listAuditEvents(s.read(), { from: '2024-01-02T00:00:00Z', to: '2024-01-02T00:00:00Z' }),
    { name: 'DomainError', code: 'invalid_time_range' })
  await t.rejects(listAuditEvents(s.read(), { from: '2024-01-01T20:00:00-07:00', to: '2024-01-02T01:00:00Z' }),
    { name: 'DomainError', code: 'invalid_time_range' }, 'instants compared, not strings')
})

t.test('listEvents reads the feed after a position, oldest first, optionally of one type', async (t) => {
  const s = await services(t)
  t.same(await listEvents(s.read(), {}), { items: [], nextCursor: null, lastPosition: '0' }, 'an empty feed')
  const unit = await seed(s)
  const all = await listEvents(s.read(), {})
  t.same(all.items.map((e) => e.type), ['unit.created', 'unit.updated', 'block.created'])
  t.equal(all.nextCursor, null, 'caught up')
  t.equal(all.lastPosition, all.items[2].position)
  t.match(all.items[1], { resourceType: 'unit', resourceId: unit.id, data: { code: 'H06', version: 2 } })

  const page = await listEvents(s.read(), { limit: 2 })
  t.equal(page.nextCursor, page.items[1].position, 'more are waiting')
  t.same((await listEvents(s.read(), { after: page.nextCursor! })).items.map((e) => e.type), ['block.created'])
  const units = await listEvents(s.read(), { type: 'unit.created' })
  t.same(units.items.map((e) => e.resourceId), [unit.id])
  t.equal(units.lastPosition, all.lastPosition, 'a filtered page still moves the follower to the head')
})
