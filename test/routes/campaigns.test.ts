// The campaigns' endpoints one by one: launching and changing a campaign, its refusals (each changing nothing),
// idempotent retries, ETags, and what a campaign's scope does to deleting what it names.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'

const CAMPAIGN = {
  name: 'Đợt thi đua cao điểm 120 ngày đêm chào mừng kỷ niệm 80 năm Ngày truyền thống CAND',
  slogan: '  Công an nhân dân vì nước quên thân,   vì dân phục vụ ',
  issuer: 'Bộ trưởng Bộ Công an',
  decision: { number: '2468/KH-BCA-X03', date: '2025-04-15' },
  occasion: 'Kỷ niệm 80 năm Ngày truyền thống Công an nhân dân (19/8/1945 – 19/8/2025)',
  from: '2025-04-21',
  until: '2025-08-19',
  targets: [{ text: 'Tỷ lệ điều tra, khám phá các vụ án hình sự', target: 'trên 80%' }]
}

t.test('launch, read, change: the fields as stored, ETags, If-Match and idempotent retries', async (t) => {
  const { app, admin } = await build(t, { clock: () => new Date('2025-05-01T03:00:00Z') })
  const as = caller(app)(admin)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const key = { 'idempotency-key': randomUUID() }
  const body = { ...CAMPAIGN, scope: { blockIds: [seeded.blockId] } }
  const first = await as.post('/v1/campaigns', body, key)
  t.equal(first.statusCode, 201)
  t.equal(first.headers.etag, '"v1"')
  const campaign = first.json()
  t.equal(first.headers.location, `/v1/campaigns/${campaign.id}`)
  t.match(campaign, { slogan: 'Công an nhân dân vì nước quên thân, vì dân phục vụ', scope: { blockIds: [seeded.blockId], clusterIds: [], unitIds: [] } })
  const retry = await as.post('/v1/campaigns', body, key)
  t.equal(retry.json().id, campaign.id, 'a retry with the same key replays the answer')
  t.equal((await expectStatus(as.get('/v1/campaigns'), 200)).items.length, 1, 'one campaign, not two')

  const read = await as.get(`/v1/campaigns/${campaign.id}`)
  t.equal((await as.get(`/v1/campaigns/${campaign.id}`, { 'if-none-match': read.headers.etag as string })).statusCode, 304)
  const changed = await as.patch(`/v1/campaigns/${campaign.id}`, { until: '2025-08-31', slogan: null, decision: null }, { 'if-match': '"v1"' })
  t.equal(changed.statusCode, 200)
  t.match(changed.json(), { until: '2025-08-31', slogan: null, decision: null, version: 2 })
  t.equal(changed.headers.etag, '"v2"')
  const stale = await as.patch(`/v1/campaigns/${campaign.id}`, { name: 'Khác' }, { 'if-match': '"v1"' })
  t.equal(stale.statusCode, 412)
  t.equal((await as.get(`/v1/campaigns/${campaign.id}`)).json().name, CAMPAIGN.name, 'the stale change did nothing')
})

t.test('bad campaigns are refused with their codes and change nothing', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)(admin)
  const seeded = await seedClusters(app, admin)
  const cases: Array<[string, object, number, string]> = [
    ['ends before it starts', { ...CAMPAIGN, until: '2025-04-20', scope: {} }, 422, 'campaign_period_invalid'],
    ['longer than five years', { ...CAMPAIGN, from: '2020-01-01', until: '2025-12-31', scope: {} }, 422, 'campaign_period_invalid'],
    ['decided after its end', { ...CAMPAIGN, decision: { number: '1/KH', date: '2025-09-01' }, scope: {} }, 422, 'campaign_period_invalid'],
    ['a scope id naming nothing', { ...CAMPAIGN, scope: { clusterIds: [seeded.cluster9.id, NIL] } }, 422, 'campaign_scope_unknown'],
    ['a block id naming a cluster', { ...CAMPAIGN, scope: { blockIds: [seeded.cluster9.id] } }, 422, 'campaign_scope_unknown'],
    ['a scope id twice', { ...CAMPAIGN, scope: { unitIds: [NIL, NIL] } }, 400, 'validation_failed'],
    ['51 targets', { ...CAMPAIGN, targets: Array.from({ length: 51 }, (_, i) => ({ text: `Chỉ tiêu ${i + 1}` })), scope: {} }, 400, 'validation_failed'],
    ['a blank issuer', { ...CAMPAIGN, issuer: '   ', scope: {} }, 400, 'validation_failed'],
    ['no scope', { ...CAMPAIGN }, 400, 'validation_failed'],
    ['an unknown field', { ...CAMPAIGN, scope: {}, status: 'open' }, 400, 'validation_failed']
  ]
  for (const [name, body, status, code] of cases) {
    const response = await as.post('/v1/campaigns', body)
    t.match([response.statusCode, response.json().code], [status, code], name)
  }
  const unknown = await as.post('/v1/campaigns', { ...CAMPAIGN, scope: { clusterIds: [seeded.cluster9.id, NIL] } })
  t.match(unknown.json(), { detail: `scope.clusterIds[1] ${NIL} names no cluster.`, path: '/body/scope/clusterIds/1' })
  t.equal((await expectStatus(as.get('/v1/campaigns'), 200)).items.length, 0, 'nothing was created')
  t.equal((await as.get(`/v1/campaigns/${NIL}`)).json().code, 'campaign_not_found')
  t.equal((await as.patch(`/v1/campaigns/${NIL}`, { name: 'X' })).json().code, 'campaign_not_found')
  t.equal((await as.patch(`/v1/campaigns/${NIL}`, {})).statusCode, 400, 'an empty change')
})

t.test('participants: exactly one of unitId and clusterId, an existing one, and a scope kept by changes', async (t) => {
  const { app, admin } = await build(t, { clock: () => new Date('2025-05-01T03:00:00Z') })
  const as = caller(app)(admin)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const campaign = await created(app, admin, '/v1/campaigns', { ...CAMPAIGN, scope: { clusterIds: [seeded.cluster9.id] } })
  const url = `/v1/campaigns/${campaign.id}/participants`
  const yte = seeded.units['Cục Y tế']
  t.equal((await as.post(url, { unitId: yte, clusterId: seeded.cluster9.id })).statusCode, 400, 'both')
  t.equal((await as.post(url, {})).statusCode, 400, 'neither')
  t.equal((await as.post(url, { unitId: NIL })).json().code, 'unit_not_found')
  t.equal((await as.post(url, { clusterId: NIL })).json().code, 'cluster_not_found')
  t.equal((await as.post(`/v1/campaigns/${NIL}/participants`, { unitId: yte })).json().code, 'campaign_not_found')
  const participant = await expectStatus(as.post(url, { unitId: yte }), 201)
  t.equal((await as.get(`${url}/${participant.id}`)).json().name, 'Cục Y tế')
  t.equal((await as.get(`${url}/${NIL}`)).json().code, 'campaign_participant_not_found')
  t.equal((await as.patch(`${url}/${participant.id}`, { result: '   ' })).statusCode, 400, 'a blank result')

  // Cục Y tế came in through cluster 9: a scope of cluster 8 alone would leave it out.
  const narrowed = await as.patch(`/v1/campaigns/${campaign.id}`, { scope: { clusterIds: [seeded.cluster8.id] } })
  t.match([narrowed.statusCode, narrowed.json().code, narrowed.json().participantId], [422, 'campaign_scope_excludes_participant', participant.id])
  t.match(narrowed.json().detail, `Cục Y tế (${seeded.units['Cục Y tế']}) has registered (participant ${participant.id})`, 'the unit by name and id')
  const before = await as.patch(`/v1/campaigns/${campaign.id}`, { from: '2023-01-01', until: '2023-12-31', decision: null })
  t.equal(before.json().code, 'campaign_scope_excludes_participant', 'nor a period before it was a member')
  await expectStatus(as.patch(`/v1/campaigns/${campaign.id}`, { scope: { blockIds: [seeded.blockId] } }), 200)

  // What the scope names, and who took part, hold back their deletion.
  const deleted = await app.inject({ method: 'DELETE', url: `/v1/blocks/${seeded.blockId}`, headers: { authorization: admin } })
  t.match(deleted.json(), { code: 'block_in_use', references: [{ kind: 'cluster', count: 2 }, { kind: 'campaign_scope', count: 1 }] })
  const unit = await app.inject({ method: 'DELETE', url: `/v1/units/${yte}`, headers: { authorization: admin } })
  t.match(unit.json().references, [{ kind: 'membership' }, { kind: 'campaign_participant', count: 1 }])
})
