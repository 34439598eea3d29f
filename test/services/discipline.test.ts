import t from 'tap'
import { insertUnit } from '../../src/db/units-repository.js'
import {
  changeDisciplineRecord, createDisciplineRecord, disciplineTag, listUnitDisciplineRecords, readDisciplineRecord
} from '../../src/services/discipline.js'
import { ADMIN, READER, secretariatOf, seedCluster, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const NIL = '00000000-0000-4000-8000-000000000000'
const count = async (s: Services, table: string) => Number((await s.db(table).count({ n: '*' }).first())!.n)

t.test('a secretariat records its member\'s discipline (note trimmed) and changes it; both journaled', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte] = Object.values(units)
  const secretariat = secretariatOf(clusterId)
  const created = await s.write((ctx) => createDisciplineRecord(ctx, { unitId: yte, from: '2024-03-15', status: 'pending', note: '  Chờ quyết định  ' }), secretariat)
  t.match(created, { unitId: yte, from: '2024-03-15', until: null, status: 'pending', note: 'Chờ quyết định', version: 1 })
  t.equal(disciplineTag(created), '"v1"')
  const changed = await s.write((ctx) => changeDisciplineRecord(ctx, {
    recordId: created.id, ifMatch: '"v1"', status: 'in_force', until: '2024-09-15'
  }), secretariat)
  t.match(changed, { status: 'in_force', until: '2024-09-15', note: 'Chờ quyết định', version: 2 })
  const reopened = await s.write((ctx) => changeDisciplineRecord(ctx, { recordId: created.id, until: null, note: 'Khiển trách' }))
  t.match(reopened, { status: 'in_force', until: null, note: 'Khiển trách', version: 3 }, 'null reopens the period')
  t.same(await s.db('audit_events').where({ resource_type: 'discipline_record' }).orderBy('id').pluck('action'),
    ['discipline_record.created', 'discipline_record.updated', 'discipline_record.updated'])
})

t.test('createDisciplineRecord refuses an unknown unit, a secretariat outside the unit\'s membership and an end before the start, recording nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s, '2024-01-01')
  const [yte] = Object.values(units)
  const record = { unitId: yte, from: '2024-03-15', status: 'pending' as const, note: 'Chờ quyết định' }
  await t.rejects(s.write((ctx) => createDisciplineRecord(ctx, { ...record, unitId: NIL })), refusal('unit_not_found'))
  await t.rejects(s.write((ctx) => createDisciplineRecord(ctx, record), secretariatOf(NIL)), refusal('discipline_outside_membership'))
  await t.rejects(s.write((ctx) => createDisciplineRecord(ctx, { ...record, from: '2023-12-01' }), secretariatOf(clusterId)),
    refusal('discipline_outside_membership'), 'days before the unit joined')
  await t.rejects(s.write((ctx) => createDisciplineRecord(ctx, { ...record, until: '2024-03-15' })), refusal('discipline_period_invalid'))
  const outsider = await s.write(({ trx }) => insertUnit(trx, { name: 'Cục Đối ngoại' }))
  const byAdmin = await s.write((ctx) => createDisciplineRecord(ctx, { ...record, unitId: outsider.id }))
  t.equal(byAdmin.unitId, outsider.id, 'an admin records for any unit')
  t.equal(await count(s, 'discipline_records'), 1)
  t.equal(await count(s, 'events'), 1, 'no event from a refusal')
})

t.test('changeDisciplineRecord refuses a stale tag, an end out of the secretariat\'s membership or before the start, changing nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte] = Object.values(units)
  const created = await s.write((ctx) => createDisciplineRecord(ctx, { unitId: yte, from: '2024-03-15', until: '2024-06-01', status: 'pending', note: 'Chờ' }))
  const recordId = created.id
  await s.db('memberships').where({ unit_id: yte }).update({ valid_until: '2024-07-01' })
  await t.rejects(s.write((ctx) => changeDisciplineRecord(ctx, { recordId, ifMatch: '"v2"', status: 'in_force' })), refusal('precondition_failed'))
  await t.rejects(s.write((ctx) => changeDisciplineRecord(ctx, { recordId, until: null }), secretariatOf(clusterId)),
    refusal('discipline_outside_membership'), 'the unit leaves the cluster on 2024-07-01')
  await t.rejects(s.write((ctx) => changeDisciplineRecord(ctx, { recordId, until: '2024-03-01' })), refusal('discipline_period_invalid'))
  await t.rejects(s.write((ctx) => changeDisciplineRecord(ctx, { recordId, status: 'in_force' }), secretariatOf(NIL)),
    refusal('discipline_record_not_found'), 'a record hidden from the caller is not found')
  t.same(await readDisciplineRecord(s.read(), { recordId }), created, 'the record is unchanged')
})

t.test('who reads: admin and reader all, a secretariat its members\' days, a unit its own and what its cluster publishes', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const older = await s.write((ctx) => createDisciplineRecord(ctx, { unitId: yte, from: '2023-02-01', until: '2023-08-01', status: 'in_force', note: 'Khiển trách' }))
  const newer = await s.write((ctx) => createDisciplineRecord(ctx, { unitId: yte, from: '2024-03-15', status: 'pending', note: 'Chờ' }))
  const starts = async (actor: Parameters<Services['read']>[0]) =>
    (await listUnitDisciplineRecords(s.read(actor), { unitId: yte })).items.map((r) => r.from)
  for (const actor of [ADMIN, READER, secretariatOf(clusterId), unitActor(yte)]) {
    t.same(await starts(actor), ['2024-03-15', '2023-02-01'], `${actor.role}: the latest start first`)
  }
  t.same(await starts(secretariatOf(NIL)), [], 'another cluster\'s secretariat')
  t.same(await starts(unitActor(haucan)), [], 'a fellow member, while the cluster does not publish them')
  await t.rejects(readDisciplineRecord(s.read(unitActor(haucan)), { recordId: newer.id }), refusal('discipline_record_not_found'))

  await s.db('clusters').where({ id: clusterId }).update({ rules: JSON.stringify({ membersReadDisciplineRecords: true }) })
  t.same(await starts(unitActor(haucan)), ['2024-03-15', '2023-02-01'], 'a fellow member, once the cluster publishes them')
  t.same(await readDisciplineRecord(s.read(unitActor(haucan)), { recordId: older.id }), older)
  await t.rejects(listUnitDisciplineRecords(s.read(), { unitId: NIL }), refusal('unit_not_found'))
})
