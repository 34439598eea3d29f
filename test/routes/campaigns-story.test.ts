// Seed 002 over HTTP: in 2016 the units of Cụm thi đua số 4 of CATP Hà Nội "triển khai và tổ chức có hiệu quả 4
// đợt thi đua khen thưởng do CATP Hà Nội phát động". Four campaigns of the year, one for the whole block, one for a
// cluster, one for units named, one ministry-wide; clusters and units register and report their results, on the
// days the campaigns allow, and the year's list shows them.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus } from '../helpers/http.js'
import { createUnit } from '../helpers/units.js'

const ISSUER = 'Giám đốc Công an thành phố Hà Nội'

t.test('four campaigns of CATP Hà Nội in 2016: registrations, results and the year\'s list', async (t) => {
  let now = new Date('2016-01-20T02:00:00Z')
  const { app, admin, auth } = await build(t, { clock: () => now })
  const at = (day: string) => { now = new Date(`${day}T03:00:00Z`) }
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị Công an thành phố Hà Nội' })
  const cluster4 = await created(app, admin, '/v1/clusters', { number: 4, name: 'Cụm thi đua số 4', blockId: block.id })
  const cluster3 = await created(app, admin, '/v1/clusters', { number: 3, name: 'Cụm thi đua số 3', blockId: block.id })
  const unit = async (name: string, clusterId: string) => {
    const { id } = await createUnit(app, admin, { name })
    await created(app, admin, `/v1/clusters/${clusterId}/members`, { unitId: id, from: '2016-01-01' })
    return id
  }
  const ctct = await unit('Phòng Công tác chính trị', cluster4.id)
  const hauCan = await unit('Phòng Hậu cần', cluster4.id)
  const ctd = await unit('Phòng Công tác đảng và công tác quần chúng', cluster4.id)
  const pc45 = await unit('Phòng Cảnh sát hình sự', cluster3.id)
  const secretariat4 = as(auth({ role: 'secretariat', clusterId: cluster4.id, sub: 'thu-ky-cum-4' }))
  const secretariat3 = as(auth({ role: 'secretariat', clusterId: cluster3.id, sub: 'thu-ky-cum-3' }))
  const unitToken = (unitId: string) => as(auth({ role: 'unit', unitId, sub: `unit-${unitId}` }))
  const reader = as(auth({ role: 'reader', sub: 'reader' }))

  const launch = (name: string, occasion: string | null, from: string, until: string, scope: object) => created(app, admin, '/v1/campaigns', {
    name, issuer: ISSUER, decision: { number: `${from.slice(5, 7)}/KH-CATP-PV01`, date: from }, occasion, from, until, scope,
    slogan: 'Công an Thủ đô vì nhân dân phục vụ',
    targets: [{ text: 'Kéo giảm tội phạm về trật tự xã hội so với cùng kỳ', target: 'ít nhất 5%' }, { text: 'Không để xảy ra vụ việc phức tạp, bị động, bất ngờ' }]
  })
  const elections = await launch('Đợt thi đua đặc biệt bảo vệ cuộc bầu cử đại biểu Quốc hội khóa XIV và đại biểu HĐND các cấp',
    'Bầu cử đại biểu Quốc hội khóa XIV và đại biểu HĐND các cấp nhiệm kỳ 2016–2021', '2016-02-01', '2016-05-22', { blockIds: [block.id] })
  const peak = await launch('Đợt thi đua cao điểm 100 ngày đêm chào mừng kỷ niệm 71 năm Ngày truyền thống CAND',
    'Kỷ niệm 71 năm Ngày truyền thống Công an nhân dân (19/8/1945 – 19/8/2016)', '2016-05-12', '2016-08-19', { clusterIds: [cluster4.id] })
  const national = await launch('Đợt thi đua chào mừng kỷ niệm 71 năm Cách mạng tháng Tám và Quốc khánh 2/9',
    'Kỷ niệm 71 năm Cách mạng tháng Tám và Quốc khánh 2/9', '2016-07-01', '2016-09-02', { unitIds: [hauCan, pc45] })
  const finish = await launch('Đợt thi đua nước rút hoàn thành thắng lợi nhiệm vụ công tác năm 2016', null, '2016-09-05', '2016-11-30', {})
  t.match(peak, { issuer: ISSUER, scope: { blockIds: [], clusterIds: [cluster4.id], unitIds: [] }, targets: [{ target: 'ít nhất 5%' }, { target: null }], version: 1 })
  t.same(finish.scope, { blockIds: [], clusterIds: [], unitIds: [] }, 'no list: the whole ministry')

  // January: registrations open before the start; results wait for it.
  const register = (who: ReturnType<typeof as>, campaignId: string, body: object) => who.post(`/v1/campaigns/${campaignId}/participants`, body)
  const c4 = await expectStatus(register(secretariat4, elections.id, { clusterId: cluster4.id }), 201)
  t.match(c4, { clusterId: cluster4.id, unitId: null, name: 'Cụm thi đua số 4', result: null, registeredBy: { sub: 'thu-ky-cum-4', role: 'secretariat' } })
  const hc = await expectStatus(register(secretariat4, elections.id, { unitId: hauCan }), 201)
  const ct = await expectStatus(register(unitToken(ctct), elections.id, { unitId: ctct }), 201)
  await expectStatus(register(secretariat3, elections.id, { clusterId: cluster3.id }), 201)
  t.equal((await register(secretariat4, elections.id, { clusterId: cluster4.id })).json().code, 'campaign_participant_exists')
  t.equal((await register(secretariat3, elections.id, { unitId: ctd })).statusCode, 403, 'cluster 3 does not register cluster 4\'s unit')
  const early = await unitToken(ctct).patch(`/v1/campaigns/${elections.id}/participants/${ct.id}`, { result: 'Hoàn thành' })
  t.match([early.statusCode, early.json().code], [409, 'campaign_not_started'])

  // April: the campaign runs; results come in, a correction needs the tag last read.
  at('2016-04-15')
  const reported = await expectStatus(unitToken(ctct).patch(`/v1/campaigns/${elections.id}/participants/${ct.id}`,
    { result: 'Bảo đảm tuyệt đối an toàn 30 điểm bầu cử trên địa bàn được phân công.' }), 200)
  t.match(reported, { version: 2, reportedBy: { role: 'unit' }, reportedAt: String })
  const stale = await unitToken(ctct).patch(`/v1/campaigns/${elections.id}/participants/${ct.id}`, { result: 'Sửa' }, { 'if-match': '"v1"' })
  t.equal(stale.statusCode, 412)

  // After the end (May 25): no new registration but by an admin; results still reported for the review.
  at('2016-05-25')
  const late = await register(unitToken(ctd), elections.id, { unitId: ctd })
  t.match([late.statusCode, late.json().code], [409, 'campaign_ended'])
  await expectStatus(as(admin).post(`/v1/campaigns/${elections.id}/participants`, { unitId: ctd }), 201)
  await expectStatus(secretariat4.patch(`/v1/campaigns/${elections.id}/participants/${hc.id}`,
    { result: 'Bảo đảm hậu cần cho 100% lực lượng làm nhiệm vụ bầu cử.' }), 200)
  await expectStatus(secretariat4.patch(`/v1/campaigns/${elections.id}/participants/${c4.id}`,
    { result: '8/8 đơn vị hoàn thành chỉ tiêu của đợt thi đua.' }, { 'if-match': '"v1"' }), 200)

  // The 100-day campaign names cluster 4 only: its units come in through it, cluster 3 does not.
  const out = await register(secretariat3, peak.id, { clusterId: cluster3.id })
  t.match([out.statusCode, out.json().code], [422, 'campaign_participant_out_of_scope'])
  await expectStatus(register(unitToken(ctd), peak.id, { unitId: ctd }), 201)
  // The 2/9 campaign names two units: a unit not named is out, whatever its cluster.
  await expectStatus(register(unitToken(pc45), national.id, { unitId: pc45 }), 201)
  t.equal((await register(unitToken(ctct), national.id, { unitId: ctct })).json().code, 'campaign_participant_out_of_scope')
  // The last one is ministry-wide: anyone registers.
  await expectStatus(register(secretariat3, finish.id, { clusterId: cluster3.id }), 201)

  // The year's list, the latest start first; by cluster, by day.
  const names = async (query: string) => (await expectStatus(reader.get(`/v1/campaigns?${query}`), 200)).items.map((c: { id: string }) => c.id)
  t.same(await names('year=2016'), [finish.id, national.id, peak.id, elections.id], 'the four campaigns of 2016')
  t.same(await names('year=2017'), [])
  t.same(await names(`year=2016&clusterId=${cluster3.id}`), [finish.id, elections.id], 'those reaching cluster 3: its block and the ministry')
  t.same(await names(`blockId=${block.id}`), [finish.id, peak.id, elections.id], 'those reaching the block (through a cluster too)')
  t.same(await names('activeOn=2016-07-15'), [national.id, peak.id])
  const firstPage = await expectStatus(reader.get('/v1/campaigns?year=2016&limit=3'), 200)
  const secondPage = await expectStatus(reader.get(`/v1/campaigns?year=2016&limit=3&cursor=${firstPage.nextCursor}`), 200)
  t.same(secondPage.items.map((c: { id: string }) => c.id), [elections.id], 'the cursor pages on')

  // Who took part in the election campaign, and what they reported.
  const participants = await expectStatus(reader.get(`/v1/campaigns/${elections.id}/participants`), 200)
  t.same(participants.items.map((p: { name: string, result: string | null }) => [p.name, p.result]), [
    ['Cụm thi đua số 4', '8/8 đơn vị hoàn thành chỉ tiêu của đợt thi đua.'],
    ['Phòng Hậu cần', 'Bảo đảm hậu cần cho 100% lực lượng làm nhiệm vụ bầu cử.'],
    ['Phòng Công tác chính trị', 'Bảo đảm tuyệt đối an toàn 30 điểm bầu cử trên địa bàn được phân công.'],
    ['Cụm thi đua số 3', null],
    ['Phòng Công tác đảng và công tác quần chúng', null]
  ])
  const events = await expectStatus(as(admin).get('/v1/events?limit=200'), 200)
  const types = events.items.map((e: { type: string }) => e.type).filter((type: string) => type.startsWith('campaign'))
  t.same([...new Set(types)], ['campaign.created', 'campaign_participant.registered', 'campaign_participant.reported'])
  t.equal(types.filter((type: string) => type === 'campaign_participant.reported').length, 3, 'the three results reported, none of the refusals')
})
