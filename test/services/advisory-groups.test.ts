import t from 'tap'
import {
  advisoryGroupTag, decisionDocumentData, listAdvisoryGroupHistory, readAdvisoryGroup, writeAdvisoryGroup
} from '../../src/services/advisory-groups.js'
import { ADMIN, READER, secretariatOf, seedCluster, services, unitActor } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const NIL = '00000000-0000-4000-8000-000000000000'
const decision = { number: '15/QĐ-H06-PV01', date: '2024-01-05', issuer: 'Cục Y tế' }

t.test('writeAdvisoryGroup founds a year\'s group, replaces it as new versions, and journals each', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const members = [{ name: 'Nguyễn Văn Hùng', rank: 'Thượng tá', position: 'Trưởng phòng', unitId: yte }]

  const first = await s.write((ctx) => writeAdvisoryGroup(ctx, { clusterId, year: 2024, decision, members }), secretariatOf(clusterId))
  t.equal(first.created, true)
  t.match(first.group, { clusterId, year: 2024, version: 1, decision, writtenBy: { sub: 'test-secretariat', role: 'secretariat' } })
  const hung = first.group.members[0]

  const second = await s.write((ctx) => writeAdvisoryGroup(ctx, {
    clusterId, year: 2024, decision, members: [hung, { name: 'Trần Thị Mai', position: 'Chuyên viên', unitId: haucan }], ifMatch: advisoryGroupTag(first.group)
  }))
  t.equal(second.created, false)
  t.equal(second.group.version, 2)
  t.equal(second.group.members[0].id, hung.id)
  t.same(second.group.changes.addedMemberIds, [second.group.members[1].id])
  t.same(await readAdvisoryGroup(s.read(READER), { clusterId, year: 2024 }), second.group)
  t.same((await listAdvisoryGroupHistory(s.read(unitActor(yte)), { clusterId, year: 2024 })).items.map((v) => v.version), [2, 1])

  t.same(await s.db('audit_events').where({ resource_type: 'advisory_group' }).orderBy('id').pluck('action'), ['advisory_group.created', 'advisory_group.updated'])
  t.same(await s.db('events').where({ type: 'advisory_group.updated' }).pluck('resource_id'), [`${clusterId}/2024`])

  const { data, fileName } = await decisionDocumentData(s.read(), { clusterId, year: 2024, version: 1 })
  t.equal(fileName, 'quyet-dinh-to-tu-van-2024-v1')
  t.match(data, { superior: 'Bộ Công an', clusterName: 'Cụm thi đua số 9', version: 1, members: [{ name: 'Nguyễn Văn Hùng', unitName: 'Cục Y tế' }] })
})

t.test('writeAdvisoryGroup refuses, and changes nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte] = Object.values(units)
  const members = [{ name: 'Nguyễn Văn Hùng', position: 'Trưởng phòng', unitId: yte }]
  const write = (command: object, actor = ADMIN) =>
    s.write((ctx) => writeAdvisoryGroup(ctx, { clusterId, year: 2024, decision, members, ...command }), actor)

  await t.rejects(write({}, secretariatOf(NIL)), refusal('forbidden'))
  await t.rejects(write({}, unitActor(yte)), refusal('forbidden'))
  await t.rejects(write({ clusterId: NIL }), refusal('cluster_not_found'))
  await t.rejects(write({ ifMatch: '"v1"' }), refusal('precondition_failed'), 'If-Match on a group that does not exist')
  await t.rejects(write({ decision: { ...decision, date: '2026-01-01' } }), refusal('advisory_decision_date_outside_year'))
  await t.rejects(write({ members: [{ ...members[0], unitId: NIL }] }), refusal('advisory_member_unit_unknown'))
  await t.rejects(write({ members: [{ ...members[0], id: NIL }] }), refusal('advisory_member_unknown'))
  await t.rejects(readAdvisoryGroup(s.read(), { clusterId, year: 2024 }), refusal('advisory_group_not_found'))
  t.equal(Number((await s.db('audit_events').where({ resource_type: 'advisory_group' }).count({ n: '*' }))[0].n), 0)
})
