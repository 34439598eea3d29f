import t from 'tap'
import { getPledge, insertPledge, insertSignature, updatePledge } from '../../src/db/pledges-repository.js'
import { createBlock } from '../../src/services/blocks.js'
import { createCluster } from '../../src/services/clusters.js'
import {
  addClusterMember, endClusterMembership, listClusterMembers, listUnitMemberships
} from '../../src/services/memberships.js'
import { createUnit } from '../../src/services/units.js'
import { seedCluster, services, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

/** Clusters 9 (founded 2018-10-04) and 8 of one block, and two units that are members of neither. */
async function seed (s: Services) {
  return s.write(async (ctx) => {
    const block = await createBlock(ctx, { name: 'Khối các đơn vị trực thuộc Bộ trưởng' })
    const cluster9 = await createCluster(ctx, { number: 9, name: 'Cụm thi đua số 9', blockId: block.id, foundedOn: '2018-10-04' })
    const cluster8 = await createCluster(ctx, { number: 8, name: 'Cụm thi đua số 8', blockId: block.id })
    const yte = await createUnit(ctx, { name: 'Cục Y tế' })
    const haucan = await createUnit(ctx, { name: 'Cục Hậu cần' })
    return { cluster9: cluster9.id, cluster8: cluster8.id, yte: yte.id, haucan: haucan.id }
  })
}

const count = async (s: Services, table: string) => Number((await s.db(table).count({ n: '*' }).first())!.n)

t.test('addClusterMember starts an open membership that the member lists show from its first day', async (t) => {
  const s = await services(t)
  const { cluster9, yte, haucan } = await seed(s)
  const membership = await s.write((ctx) => addClusterMember(ctx, { clusterId: cluster9, unitId: yte, from: '2019-01-01' }))
  t.match(membership, { clusterId: cluster9, unitId: yte, unitName: 'Cục Y tế', from: '2019-01-01', until: null, version: 1 })
  await s.write((ctx) => addClusterMember(ctx, { clusterId: cluster9, unitId: haucan, from: '2020-06-01' }))

  const on = async (date?: string) => (await listClusterMembers(s.read(), { clusterId: cluster9, on: date })).items.map((m) => m.unitName)
  t.same(await on('2019-12-31'), ['Cục Y tế'])
  t.same(await on('2020-06-01'), ['Cục Hậu cần', 'Cục Y tế'], 'by name in Vietnamese order')
  t.same(await on(), ['Cục Hậu cần', 'Cục Y tế'], 'today by default')
  t.same((await listClusterMembers(s.read(undefined, new Date('2019-06-01T00:00:00Z')), { clusterId: cluster9 })).items.map((m) => m.unitId),
    [yte], 'today is the context\'s')
  t.same((await listUnitMemberships(s.read(), { unitId: yte })).items, [membership])
  t.equal((await s.db('events').where({ type: 'membership.started', resource_id: membership.id }).pluck('data')).length, 1)
})

t.test('addClusterMember refuses a period overlapping a membership in the block or starting before the founding', async (t) => {
  const s = await services(t)
  const { cluster9, cluster8, yte, haucan } = await seed(s)
  await s.write((ctx) => addClusterMember(ctx, { clusterId: cluster9, unitId: yte, from: '2019-01-01' }))
  await t.rejects(s.write((ctx) => addClusterMember(ctx, { clusterId: cluster8, unitId: yte, from: '2020-01-01' })),
    refusal('unit_already_in_block_cluster'), 'another cluster of the block')
  await t.rejects(s.write((ctx) => addClusterMember(ctx, { clusterId: cluster9, unitId: yte, from: '2021-01-01' })),
    refusal('unit_already_in_block_cluster'), 'the same cluster again')
  await t.rejects(s.write((ctx) => addClusterMember(ctx, { clusterId: cluster9, unitId: UNKNOWN, from: '2021-01-01' })), refusal('unit_not_found'))
  await t.rejects(s.write((ctx) => addClusterMember(ctx, { clusterId: UNKNOWN, unitId: yte, from: '2021-01-01' })), refusal('cluster_not_found'))
  await s.write((ctx) => endClusterMembership(ctx, { clusterId: cluster9, unitId: yte, on: '2020-01-01' }))
  await t.rejects(s.write((ctx) => addClusterMember(ctx, { clusterId: cluster8, unitId: yte, from: '2019-12-31' })),
    refusal('unit_already_in_block_cluster'), 'an ended membership still holds its days')
  await t.rejects(s.write((ctx) => addClusterMember(ctx, { clusterId: cluster9, unitId: haucan, from: '2018-10-03' })),
    refusal('membership_before_founding'))
  t.equal(await count(s, 'memberships'), 1, 'no membership added')
  t.same(await s.db('events').where('type', 'like', 'membership.%').orderBy('position').pluck('type'),
    ['membership.started', 'membership.ended'], 'no event from a refusal')
})

t.test('endClusterMembership closes the open period, keeps the history, and refuses to end it twice', async (t) => {
  const s = await services(t)
  const { cluster9, cluster8, yte } = await seed(s)
  await s.write((ctx) => addClusterMember(ctx, { clusterId: cluster9, unitId: yte, from: '2019-01-01' }))
  await t.rejects(s.write((ctx) => endClusterMembership(ctx, { clusterId: cluster9, unitId: yte, on: '2019-01-01' })),
    refusal('membership_end_not_after_start'))
  const ended = await s.write((ctx) => endClusterMembership(ctx, { clusterId: cluster9, unitId: yte, on: '2023-01-01' }))
  t.match(ended, { from: '2019-01-01', until: '2023-01-01', version: 2 })
  t.not(ended.endedAt, null)
  await t.rejects(s.write((ctx) => endClusterMembership(ctx, { clusterId: cluster9, unitId: yte, on: '2024-01-01' })),
    refusal('membership_not_open'), 'ending twice')
  await t.rejects(s.write((ctx) => endClusterMembership(ctx, { clusterId: cluster8, unitId: yte, on: '2024-01-01' })),
    refusal('membership_not_open'), 'not a member of that cluster')
  await t.rejects(s.write((ctx) => endClusterMembership(ctx, { clusterId: cluster9, unitId: UNKNOWN, on: '2024-01-01' })), refusal('unit_not_found'))
  t.same((await listUnitMemberships(s.read(), { unitId: yte })).items, [ended], 'the history is kept')
  t.same((await listClusterMembers(s.read(), { clusterId: cluster9, on: '2023-01-01' })).items, [])
  t.same(await s.db('audit_events').where({ action: 'membership.ended' }).pluck('resource_id'), [ended.id], 'one end recorded')
})

t.test('the last unsigned member leaving brings the cluster\'s open pledge into force with the membership\'s end', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)
  const now = new Date('2024-03-01T03:00:00Z')
  const pledgeId = await s.write(async ({ trx }) => {
    const draft = await insertPledge(trx, {
      clusterId, year: 2024, versionNumber: 1, previousVersionId: null,
      content: { title: 'Giao ước thi đua năm 2024', slogan: 'Kỷ cương', commitments: [], registeredTitles: [] }
    })
    await updatePledge(trx, draft, { status: 'open', contentHash: 'hash', at: now })
    for (const unitId of [yte, haucan]) {
      await insertSignature(trx, {
        pledgeId: draft.id, unitId, signerName: 'Nguyễn Văn A', signerPosition: 'Cục trưởng', contentHash: 'hash',
        signedOn: '2024-03-01', signedAt: now, onBehalf: false, signedBy: { sub: 'test-unit', role: 'unit' }
      })
    }
    return draft.id
  })
  await s.write((ctx) => endClusterMembership(ctx, { clusterId, unitId: cnan, on: '2024-03-01' }), undefined, now)
  t.match(await getPledge(s.db, pledgeId), { status: 'in_force', inForceAt: now.toISOString() })
  const actions = await s.db('audit_events').whereIn('action', ['membership.ended', 'pledge.in_force']).orderBy('id').pluck('action')
  t.same(actions, ['membership.ended', 'pledge.in_force'], 'recorded together, the end first')
})
