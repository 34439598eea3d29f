import t from 'tap'
import { etagOf } from '../../src/domain/versions.js'
import { draftPledge, openPledge, signPledge } from '../../src/services/pledges.js'
import { changeUnit, createUnit, deleteUnit, listUnits, readUnit } from '../../src/services/units.js'
import { assertDeleted } from '../helpers/deletion.js'
import { seedCluster, services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
/** A duplicate is refused naming the unit that holds the name or code (the database's unique keys stay behind it). */
const taken = (code: string, existingUnitId: string) => ({ name: 'DomainError', code, details: { existingUnitId } })

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
  const yte = await s.write((ctx) => createUnit(ctx, { name: 'Cục Y tế', code: 'H06' }))
  await t.rejects(s.write((ctx) => createUnit(ctx, { name: 'CỤC Y TẾ'.normalize('NFD') })), {
    ...taken('unit_name_taken', yte.id),
    message: `A unit with this name already exists: Cục Y tế (${yte.id}). Unit names are unique whatever their case or Unicode form; change that unit or choose another name.`
  })
  await t.rejects(s.write((ctx) => createUnit(ctx, { name: 'Cục Hậu cần', code: 'h06' })), {
    ...taken('unit_code_taken', yte.id), message: `A unit with this code already exists: Cục Y tế (${yte.id}) has code H06.`
  })
  t.equal((await listUnits(s.read(), {})).items.length, 1)
  t.same(await s.db('events').pluck('type'), ['unit.created'], 'no event from a refusal')
})

t.test('changeUnit refuses a stale tag, a taken name and an unknown unit, and changes nothing', async (t) => {
  const s = await services(t)
  const unit = await s.write((ctx) => createUnit(ctx, { name: 'Cục Y tế' }))
  const haucan = await s.write((ctx) => createUnit(ctx, { name: 'Cục Hậu cần' }))
  await t.rejects(s.write((ctx) => changeUnit(ctx, { unitId: unit.id, code: 'H06', ifMatch: '"v2"' })), refusal('precondition_failed'))
  await t.rejects(s.write((ctx) => changeUnit(ctx, { unitId: unit.id, name: 'cục hậu cần' })), taken('unit_name_taken', haucan.id))
  await t.rejects(s.write((ctx) => changeUnit(ctx, { unitId: '00000000-0000-4000-8000-000000000000', name: 'Cục X' })),
    refusal('unit_not_found'))
  t.same(await readUnit(s.read(), { unitId: unit.id }), unit)
  t.equal(await s.db('audit_events').where({ action: 'unit.updated' }).count({ n: '*' }).first().then((r) => Number(r!.n)), 0)
})

t.test('deleteUnit removes a unit nothing refers to and journals it as it was; the unit is then unknown', async (t) => {
  const s = await services(t)
  const unit = await s.write((ctx) => createUnit(ctx, { name: 'Công an tỉnh Lào Cai', code: 'LCA' }))
  await s.write((ctx) => deleteUnit(ctx, { unitId: unit.id, ifMatch: etagOf(unit.version) }))
  await assertDeleted(t, s, { table: 'units', id: unit.id, action: 'unit.deleted', before: unit })
  await t.rejects(readUnit(s.read(), { unitId: unit.id }), refusal('unit_not_found'))
  await t.rejects(s.write((ctx) => deleteUnit(ctx, { unitId: unit.id })), refusal('unit_not_found'))
  t.ok(await s.write((ctx) => createUnit(ctx, { name: 'Công an tỉnh Lào Cai', code: 'LCA' })), 'its name and code are free again')
})

t.test('deleteUnit refuses a unit that is a member and has signed a pledge, naming both, and keeps it', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const unitId = units['Cục Y tế']
  const draft = await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2024, title: 'Giao ước thi đua năm 2024', slogan: 'Vì an ninh Tổ quốc', commitments: [{ text: 'Hoàn thành 100% chỉ tiêu' }] }))
  await s.write((ctx) => openPledge(ctx, { pledgeId: draft.id }))
  await s.write((ctx) => signPledge(ctx, { pledgeId: draft.id, unitId, signerName: 'Nguyễn Văn A', signerPosition: 'Cục trưởng' }))
  await t.rejects(s.write((ctx) => deleteUnit(ctx, { unitId })), {
    name: 'DomainError',
    code: 'unit_in_use',
    message: 'Cục Y tế has been a member of Cụm thi đua số 9 (2019) and has 1 signature of a pledge, so it cannot be deleted: only a unit nothing refers to can be.',
    details: { references: [{ kind: 'membership', count: 1 }, { kind: 'pledge_signature', count: 1 }] }
  })
  t.ok(await readUnit(s.read(), { unitId }), 'the unit stays')
  t.equal((await s.db('audit_events').where({ action: 'unit.deleted' })).length, 0)
})

t.test('deleteUnit refuses a stale tag and keeps the unit', async (t) => {
  const s = await services(t)
  const unit = await s.write((ctx) => createUnit(ctx, { name: 'Công an thành phố Hà Nội' }))
  await s.write((ctx) => changeUnit(ctx, { unitId: unit.id, code: 'HNI' }))
  await t.rejects(s.write((ctx) => deleteUnit(ctx, { unitId: unit.id, ifMatch: etagOf(unit.version) })), refusal('precondition_failed'))
  t.equal((await readUnit(s.read(), { unitId: unit.id })).code, 'HNI')
})
