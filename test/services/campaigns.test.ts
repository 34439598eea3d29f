import t from 'tap'
import { insertUnit } from '../../src/db/units-repository.js'
import {
  campaignTag, changeCampaign, createCampaign, listCampaignParticipants, listCampaigns, participantTag, readCampaign,
  registerParticipant, reportResult
} from '../../src/services/campaigns.js'
import { ADMIN, secretariatOf, seedCluster, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const count = async (s: Services, table: string) => Number((await s.db(table).count({ n: '*' }).first())!.n)
const day = (date: string) => new Date(`${date}T03:00:00Z`)

const CAMPAIGN = {
  name: 'Đợt thi đua cao điểm 120 ngày đêm chào mừng kỷ niệm 80 năm Ngày truyền thống CAND',
  issuer: 'Bộ trưởng Bộ Công an',
  from: '2025-04-21',
  until: '2025-08-19'
}

t.test('a campaign is launched, changed, joined and reported on, each change journaled in its unit of work', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const campaign = await s.write((ctx) => createCampaign(ctx, { ...CAMPAIGN, scope: { clusterIds: [clusterId] } }))
  t.match(campaign, { slogan: null, decision: null, occasion: null, targets: [], version: 1 })
  t.equal(campaignTag(campaign), '"v1"')
  const changed = await s.write((ctx) => changeCampaign(ctx, { campaignId: campaign.id, ifMatch: '"v1"', targets: [{ text: 'Không để xảy ra cháy nổ', target: '100%' }] }))
  t.match(changed, { version: 2, targets: [{ text: 'Không để xảy ra cháy nổ', target: '100%' }], scope: { clusterIds: [clusterId] } })

  const secretariat = secretariatOf(clusterId)
  const cluster = await s.write((ctx) => registerParticipant(ctx, { campaignId: campaign.id, clusterId }), secretariat, day('2025-04-01'))
  const member = await s.write((ctx) => registerParticipant(ctx, { campaignId: campaign.id, unitId: haucan }), secretariat, day('2025-04-01'))
  const self = await s.write((ctx) => registerParticipant(ctx, { campaignId: campaign.id, unitId: yte }), unitActor(yte), day('2025-05-01'))
  t.match(cluster, { name: 'Cụm thi đua số 9', unitId: null, registeredBy: { role: 'secretariat' } })
  const reported = await s.write((ctx) => reportResult(ctx, {
    campaignId: campaign.id, participantId: self.id, result: '  Hoàn thành 3/3 chỉ tiêu\n ', ifMatch: participantTag(self)
  }), unitActor(yte), day('2025-08-25'))
  t.match(reported, { result: 'Hoàn thành 3/3 chỉ tiêu', version: 2, reportedBy: { sub: 'test-unit', role: 'unit' } })
  const page = await listCampaignParticipants(s.read(), { campaignId: campaign.id })
  t.same(page.items.map((p) => p.id), [cluster.id, member.id, self.id], 'in the order they registered')
  t.same(await s.db('audit_events').whereLike('action', 'campaign%').orderBy('id').pluck('action'), [
    'campaign.created', 'campaign.updated', 'campaign_participant.registered', 'campaign_participant.registered',
    'campaign_participant.registered', 'campaign_participant.reported'
  ])
  t.equal((await readCampaign(s.read(), { campaignId: campaign.id })).version, 2)
})

t.test('refusals record nothing: scope, callers, phases, duplicates, stale tags', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan] = Object.values(units)
  const outsider = await s.write(({ trx }) => insertUnit(trx, { name: 'Cục Đối ngoại' }))
  const campaign = await s.write((ctx) => createCampaign(ctx, { ...CAMPAIGN, scope: { clusterIds: [clusterId] } }))
  const events = await count(s, 'events')
  const running = day('2025-05-01')
  const register = (who: { unitId?: string, clusterId?: string }, actor = ADMIN, now = running) =>
    s.write((ctx) => registerParticipant(ctx, { campaignId: campaign.id, ...who }), actor, now)

  await t.rejects(register({ unitId: outsider.id }), refusal('campaign_participant_out_of_scope'))
  await t.rejects(register({ unitId: yte }, unitActor(haucan)), refusal('forbidden'), 'a unit registers itself only')
  await t.rejects(register({ unitId: yte }, secretariatOf(outsider.id)), refusal('forbidden'), 'another cluster\'s secretariat')
  await t.rejects(register({ unitId: yte }, unitActor(yte), day('2025-08-20')), refusal('campaign_ended'))
  await t.rejects(s.write((ctx) => createCampaign(ctx, { ...CAMPAIGN, until: '2025-01-01', scope: {} })), refusal('campaign_period_invalid'))
  await t.rejects(s.write((ctx) => changeCampaign(ctx, { campaignId: campaign.id, ifMatch: '"v9"', name: 'X' })), refusal('precondition_failed'))
  t.equal(await count(s, 'events'), events, 'no event from a refusal')

  const joined = await register({ unitId: yte }, unitActor(yte), day('2025-04-01'))
  await t.rejects(register({ unitId: yte }), { code: '23505' }, 'a second registration breaks the unique index (answered 409 over HTTP)')
  await t.rejects(s.write((ctx) => reportResult(ctx, { campaignId: campaign.id, participantId: joined.id, result: 'Sớm' }), unitActor(yte), day('2025-04-20')),
    refusal('campaign_not_started'))
  await t.rejects(s.write((ctx) => reportResult(ctx, { campaignId: campaign.id, participantId: joined.id, result: 'Hộ' }), unitActor(haucan), running),
    refusal('forbidden'), 'a unit reports its own result only')
  t.equal(await count(s, 'campaign_participants'), 1)
})

t.test('listCampaigns filters by year, day, block and cluster', async (t) => {
  const s = await services(t)
  const { clusterId } = await seedCluster(s)
  const blockId = (await s.db('clusters').where({ id: clusterId }).first('block_id')).block_id
  const launch = (from: string, until: string, scope: object) => s.write((ctx) => createCampaign(ctx, { ...CAMPAIGN, from, until, scope }))
  const wide = await launch('2024-01-01', '2025-12-31', {})
  const block = await launch('2025-02-01', '2025-04-30', { blockIds: [blockId] })
  const cluster = await launch('2025-05-01', '2025-06-30', { clusterIds: [clusterId] })
  const other = await launch('2026-01-01', '2026-03-31', { unitIds: [(await s.write(({ trx }) => insertUnit(trx, { name: 'Cục A' }))).id] })
  const ids = async (filter: object) => (await listCampaigns(s.read(), filter)).items.map((c) => c.id)
  t.same(await ids({}), [other.id, cluster.id, block.id, wide.id])
  t.same(await ids({ year: 2024 }), [wide.id])
  t.same(await ids({ activeOn: '2025-03-01' }), [block.id, wide.id])
  t.same(await ids({ clusterId }), [cluster.id, block.id, wide.id])
  t.same(await ids({ blockId }), [cluster.id, block.id, wide.id])
  t.same(await ids({ year: 2026, clusterId }), [], 'a campaign naming units only reaches no cluster')
})
