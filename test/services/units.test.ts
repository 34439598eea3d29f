import t from 'tap'
import { etagOf } from '../../src/domain/versions.js'
import { changeUnit, createUnit, listUnits, readUnit } from '../../src/services/units.js'
import { services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
/** A duplicate is refused by the database's unique key, which the HTTP layer answers with 409. */
const taken = (constraint: string) => ({ code: '23505', constraint })

t.test('createUnit stores a unit, readUnit and listUnits find it, and the creation is journaled', async (t) => {
  const s = await services(t)
  const unit = await s.write((ctx) => createUnit(ctx, { name: 'Cục Y tế', code: 'H06' }))
  t.match(unit, { name: 'Cục Y tế', code: 'H06', shortName: null, version: 1 })
  t.same(await readUnit(s.read(), { unitId: unit.id }), unit)
  await s.write((ctx) => createUnit(ctx, { name: 'Cục Hậu cần' }))
  const found = await listUnits(s.read(), { q: 'y te' })
  t.same(found.items.map((u) => u.id), [unit.id], 'a search ignores diacritics and case')
  t.same(await s.db('audit_events').where({ resource_id: unit.id }).pluck('action'), ['unit.created'])
  t.same(await s.db('events').where({ resource_id: unit.id }).pluck('type'), ['unit.created'])
})

t.test('changeUnit applies the fields given, keeps the others, and records before and after', async (t) => {
  const s = await services(t)
  const unit = await s.write((ctx) => createUnit(ctx, { name: 'Cục Y tế', code: 'H06' }))
  const changed = await s.write((ctx) => changeUnit(ctx, { unitId: unit.id, shortName: 'Y tế', ifMatch: etagOf(unit.version) }))
  t.match(changed, { name: 'Cục Y tế', code: 'H06', shortName: 'Y tế', version: 2 })
  const audit = await s.db('audit_events').where({ action: 'unit.updated' }).first()
  t.match(audit, { resource_id: unit.id, before: { version: 1, shortName: null }, after: { version: 2, shortName: 'Y tế' } })
})

t.test('createUnit refuses a name or code already taken, whatever its Unicode form or case, and adds nothing', async (t) => {
  const s = await services(t)
  await s.write((ctx) => createUnit(ctx, { name: 'Cục Y tế', code: 'H06' }))
  await t.rejects(s.write((ctx) => createUnit(ctx, { name: 'CỤC Y TẾ'.normalize('NFD') })), taken('units_name_unique'))
  await t.rejects(s.write((ctx) => createUnit(ctx, { name: 'Cục Hậu cần', code: 'h06' })), taken('units_code_unique'))
  t.equal((await listUnits(s.read(), {})).items.length, 1)
  t.same(await s.db('events').pluck('type'), ['unit.created'], 'no event from a refusal')
})

t.test('changeUnit refuses a stale tag, a taken name and an unknown unit, and changes nothing', async (t) => {
  const s = await services(t)
  const unit = await s.write((ctx) => createUnit(ctx, { name: 'Cục Y tế' }))
  await s.write((ctx) => createUnit(ctx, { name: 'Cục Hậu cần' }))
  await t.rejects(s.write((ctx) => changeUnit(ctx, { unitId: unit.id, code: 'H06', ifMatch: '"v2"' })), refusal('precondition_failed'))
  await t.rejects(s.write((ctx) => changeUnit(ctx, { unitId: unit.id, name: 'cục hậu cần' })), taken('units_name_unique'))
  await t.rejects(s.write((ctx) => changeUnit(ctx, { unitId: '00000000-0000-4000-8000-000000000000', name: 'Cục X' })),
    refusal('unit_not_found'))
  t.same(await readUnit(s.read(), { unitId: unit.id }), unit)
  t.equal(await s.db('audit_events').where({ action: 'unit.updated' }).count({ n: '*' }).first().then((r) => Number(r!.n)), 0)
})
