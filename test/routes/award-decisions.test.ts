import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'

const SIGNER = { name: 'Thượng tướng Lê Quốc Hùng', position: 'Thứ trưởng' }
const decision = (number: string, awards: object[], over: object = {}) =>
  ({ number, date: '2025-01-20', issuer: 'Bộ Công an', signer: SIGNER, year: 2024, awards, ...over })

t.test('award decisions over HTTP: recorded by the Ministry, read by everyone, an award revoked, the tally', async (t) => {
  const { app, admin, auth } = await build(t)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const c9 = seeded.cluster9.id as string
  const c8 = seeded.cluster8.id as string
  const u = seeded.units
  const as = caller(app)
  const ministry = auth({ role: 'ministry', sub: 'vu-thi-dua-khen-thuong' } as never)
  const reader = auth({ role: 'reader', sub: 'reader' })
  const unit = auth({ role: 'unit', unitId: u['Cục Y tế'], sub: 'unit-h06' })

  const body = decision('1234/QĐ-BCA-X03', [
    { titleCode: 'ministry_flag', unitId: u['Cục Y tế'] },
    { titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'] },
    { titleCode: 'ministry_flag', unitId: u['Cục Viễn thông và cơ yếu'] },
    { titleCode: 'cand_emulation_fighter', person: { name: 'Nguyễn Văn An', rank: 'Đại tá', position: 'Giám đốc Bệnh viện', unitId: u['Bệnh viện 19.8'] } },
    { titleCode: 'emulation_fighter', person: { name: 'Trần Thị Bình', unitId: u['Bệnh viện 199'] } }
  ])
  const response = await as(ministry).post('/v1/award-decisions', body)
  t.equal(response.statusCode, 201, response.body)
  const created = response.json()
  t.equal(response.headers.location, `/v1/award-decisions/${created.id}`)
  t.match(created, { number: '1234/QĐ-BCA-X03', signer: SIGNER, year: 2024, collectives: 3, individuals: 2, awardCount: 5 })
  t.same(created.awards.map((a: any) => a.clusterId), [c9, c9, c8, c9, c9])

  t.same(await expectStatus(as(unit).get(`/v1/award-decisions/${created.id}`), 200), created, 'a unit reads it: awards are public honours')
  t.same((await expectStatus(as(reader).get('/v1/award-decisions?year=2024'), 200)).items.map((d: any) => d.id), [created.id])
  t.same((await expectStatus(as(reader).get(`/v1/award-decisions?clusterId=${c8}`), 200)).items.map((d: any) => d.awardCount), [5])
  t.same((await expectStatus(as(reader).get('/v1/award-decisions?year=2023'), 200)).items, [])
  const collectives9 = await expectStatus(as(reader).get(`/v1/awards?year=2024&clusterId=${c9}&recipient=collective`), 200)
  t.same(collectives9.items.map((a: any) => a.unitName), ['Cục Y tế', 'Cục Hậu cần'])
  const page1 = await expectStatus(as(reader).get('/v1/awards?limit=3'), 200)
  const page2 = await expectStatus(as(reader).get(`/v1/awards?limit=3&cursor=${page1.nextCursor}`), 200)
  t.same([...page1.items, ...page2.items].map((a: any) => a.id), created.awards.map((a: any) => a.id), 'stable pages in the decision\'s order')
  t.equal(page2.nextCursor, null)

  const award = created.awards[1]
  const revocation = { reason: 'Đơn vị kê khai không trung thực thành tích năm 2024.', decision: { number: '567/QĐ-BCA-X03', date: '2025-06-10', issuer: 'Bộ Công an' } }
  // The award carries an ETag; the revocation honours If-Match like every other state transition (optional, 412 when stale).
  const granted = await as(reader).get(`/v1/awards/${award.id}`)
  const grantedTag = granted.headers.etag as string
  t.match(grantedTag, /^"v1\.[\w-]{12}"$/, 'the version (granted) and a digest of the names it shows')
  t.equal((await as(reader).get(`/v1/awards/${award.id}`, { 'if-none-match': grantedTag })).statusCode, 304)
  const stale = await as(ministry).post(`/v1/awards/${award.id}/revoke`, revocation, { 'if-match': '"v1.AAAAAAAAAAAA"' })
  t.equal(stale.statusCode, 412)
  t.match(stale.json(), { status: 412, code: 'precondition_failed', detail: new RegExp(`current version ${grantedTag}`) })
  t.equal((await expectStatus(as(reader).get(`/v1/awards/${award.id}`), 200)).revokedAt, null, 'a stale If-Match revokes nothing')
  const revoking = await as(ministry).post(`/v1/awards/${award.id}/revoke`, revocation, { 'if-match': grantedTag })
  t.equal(revoking.statusCode, 200, revoking.body)
  const revoked = revoking.json()
  t.match(revoked, { id: award.id, revokedAt: /Z$/, revocation: { ...revocation, decisionId: null } })
  t.match(revoking.headers.etag, /^"v2\.[\w-]{12}"$/, 'revoked: a new version')
  t.match(await expectStatus(as(ministry).post(`/v1/awards/${award.id}/revoke`, revocation, { 'if-match': grantedTag }), 412), { code: 'precondition_failed' },
    'the tag read before the revocation is stale')
  t.match(await expectStatus(as(ministry).post(`/v1/awards/${award.id}/revoke`, revocation), 409), { code: 'award_revoked' })
  t.match(await expectStatus(as(ministry).post(`/v1/awards/${award.id}/revoke`, revocation, { 'if-match': revoking.headers.etag as string }), 409), { code: 'award_revoked' })
  const read = await as(reader).get(`/v1/awards/${award.id}`)
  t.match(read.json(), { revokedAt: revoked.revokedAt }, 'listed still, with its revocation')
  t.equal(read.headers.etag, revoking.headers.etag, 'the revocation\'s answer carries the award\'s tag')

  const tally = await expectStatus(as(unit).get(`/v1/clusters/${c9}/award-tally?year=2024`), 200)
  t.match(tally, { clusterId: c9, clusterName: 'Cụm thi đua số 9', year: 2024, collectives: 1, individuals: 2, total: 3, revoked: 1 })
  t.same(tally.byTitle.map((x: any) => [x.titleCode, x.count]), [['ministry_flag', 1], ['cand_emulation_fighter', 1], ['emulation_fighter', 1]])
  t.match(await expectStatus(as(admin).get(`/v1/clusters/${c8}/award-tally?year=2024`), 200), { collectives: 1, individuals: 0 })

  // A correcting decision by an admin: grants Cục Hậu cần's certificate again, now that the first was revoked.
  const again = await expectStatus(as(admin).post('/v1/award-decisions', decision('890/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'] }], { date: '2025-07-01' })), 201)
  t.equal(again.awards[0].clusterId, c9)
  const events = await expectStatus(as(admin).get('/v1/events?type=award_decision.created'), 200)
  t.equal(events.items.length, 2)
  t.equal(events.items[0].data.awards.length, 5)
  t.equal((await expectStatus(as(admin).get('/v1/events?type=award.revoked'), 200)).items.length, 1)
})

t.test('every refusal: 403 role, 404, 409, 422 and 400 bounds; none changes anything', async (t) => {
  const { app, admin, auth } = await build(t)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const c9 = seeded.cluster9.id as string
  const u = seeded.units
  const as = caller(app)
  const ministry = auth({ role: 'ministry', sub: 'vu-thi-dua-khen-thuong' } as never)
  const first = await expectStatus(as(ministry).post('/v1/award-decisions', decision('1234/QĐ-BCA-X03', [{ titleCode: 'ministry_flag', unitId: u['Cục Y tế'] }])), 201)
  const awardId = first.awards[0].id
  const count = async () => Number((await app.db('awards').count('* as n'))[0].n) + Number((await app.db('award_decisions').count('* as n'))[0].n)
  const before = await count()

  const others = [
    auth({ role: 'secretariat', clusterId: c9, sub: 'sec-9' }), auth({ role: 'unit', unitId: u['Cục Y tế'], sub: 'unit-h06' }), auth({ role: 'reader', sub: 'reader' })
  ]
  for (const token of others) {
    t.match(await expectStatus(as(token).post('/v1/award-decisions', decision('1/QĐ-BCA', [{ titleCode: 'ministry_certificate', unitId: u['Cục Y tế'] }])), 403), { code: 'forbidden' })
    t.match(await expectStatus(as(token).post(`/v1/awards/${awardId}/revoke`, { reason: 'x', decision: { number: '2/QĐ-BCA', date: '2025-06-01', issuer: 'Bộ Công an' } }), 403), { code: 'forbidden' })
  }

  t.match(await expectStatus(as(ministry).get(`/v1/award-decisions/${NIL}`), 404), { code: 'award_decision_not_found' })
  t.match(await expectStatus(as(ministry).get(`/v1/awards/${NIL}`), 404), { code: 'award_not_found' })
  t.match(await expectStatus(as(ministry).post(`/v1/awards/${NIL}/revoke`, { reason: 'x', decision: { number: '2/QĐ-BCA', date: '2025-06-01', issuer: 'Bộ Công an' } }), 404), { code: 'award_not_found' })
  t.match(await expectStatus(as(ministry).get(`/v1/clusters/${NIL}/award-tally?year=2024`), 404), { code: 'cluster_not_found' })
  t.match(await expectStatus(as(ministry).get(`/v1/award-decisions?clusterId=${NIL}`), 404), { code: 'cluster_not_found' })

  const granted = await expectStatus(as(ministry).post('/v1/award-decisions', decision('1235/QĐ-BCA-X03', [{ titleCode: 'ministry_flag', unitId: u['Cục Y tế'] }])), 409)
  t.match(granted, { code: 'award_already_granted', unitName: 'Cục Y tế', unitId: u['Cục Y tế'], awardId })
  t.match(granted.detail, `Cục Y tế (${u['Cục Y tế']}) already holds ministry_flag`)
  t.match(await expectStatus(as(ministry).post('/v1/award-decisions', decision('1234/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: u['Cục Y tế'] }], { date: '2025-03-01' })), 409),
    { code: 'award_decision_exists' })
  t.match(await expectStatus(as(ministry).post(`/v1/awards/${awardId}/revoke`, { reason: 'x', decision: { number: '2/QĐ-BCA', date: '2025-01-19', issuer: 'Bộ Công an' } }), 422),
    { code: 'award_revocation_before_grant' })

  const refused: Array<[object[], object, string]> = [
    [[{ titleCode: 'emulation_fighter', unitId: u['Cục Y tế'] }], {}, 'award_recipient_mismatch'],
    [[{ titleCode: 'ministry_flag', person: { name: 'Nguyễn Văn An', unitId: u['Cục Y tế'] } }], {}, 'award_recipient_mismatch'],
    [[{ titleCode: 'co_thi_dua_bo', unitId: u['Cục Y tế'] }], {}, 'title_unknown'],
    [[{ titleCode: 'ministry_certificate', unitId: NIL }], {}, 'award_unit_unknown'],
    [[{ titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'] }, { titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'] }], {}, 'award_repeated'],
    [[{ titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'], proposalId: NIL }], {}, 'award_proposal_unknown'],
    [[{ titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'], clusterId: seeded.cluster8.id }], {}, 'award_cluster_not_member'],
    [[{ titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'] }], { year: 2026 }, 'award_year_after_decision'],
    [[], {}, 'award_decision_empty'],
    [[], { revokes: [{ awardId: NIL, reason: 'Sai' }] }, 'award_revocation_unknown']
  ]
  for (const [awards, over, code] of refused) {
    const problem = await expectStatus(as(ministry).post('/v1/award-decisions', decision('1236/QĐ-BCA-X03', awards, over)), 422)
    t.equal(problem.code, code, code)
  }
  const mismatch = await expectStatus(as(ministry).post('/v1/award-decisions', decision('1236/QĐ-BCA-X03', [
    { titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'] }, { titleCode: 'emulation_fighter', unitId: u['Cục Y tế'] }
  ])), 422)
  t.match(mismatch, { index: 1, titleCode: 'emulation_fighter', detail: /^awards\[1\]: emulation_fighter \(.+\) is an individual title/ })

  // Bounds: 1,000 awards a decision, both of a unit and a person; the tally needs its year.
  const many = Array.from({ length: 1001 }, () => ({ titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'] }))
  t.match(await expectStatus(as(ministry).post('/v1/award-decisions', decision('1237/QĐ-BCA-X03', many)), 400), { code: 'validation_failed' })
  t.match(await expectStatus(as(ministry).post('/v1/award-decisions', decision('1237/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: u['Cục Hậu cần'], person: { name: 'A', unitId: u['Cục Hậu cần'] } }])), 400),
    { code: 'validation_failed' }, 'a unit or a person, not both')
  t.match(await expectStatus(as(ministry).get(`/v1/clusters/${c9}/award-tally`), 400), { code: 'validation_failed' })
  t.match(await expectStatus(as(ministry).post(`/v1/awards/${awardId}/revoke`, { reason: ' ', decision: { number: '2/QĐ-BCA', date: '2025-06-01', issuer: 'Bộ Công an' } }), 400), { code: 'validation_failed' })

  t.equal(await count(), before, 'no refusal wrote anything')

  // An awarded unit, or a cluster its awards count in, is history: neither can be deleted.
  const unitInUse = await app.inject({ method: 'DELETE', url: `/v1/units/${u['Cục Y tế']}`, headers: { authorization: admin } })
  t.equal(unitInUse.statusCode, 409)
  t.match(unitInUse.json(), { code: 'unit_in_use', detail: /is named in 1 award of award decisions/ })
  t.ok(unitInUse.json().references.some((r: { kind: string, count: number }) => r.kind === 'award' && r.count === 1))
  const clusterInUse = await app.inject({ method: 'DELETE', url: `/v1/clusters/${c9}`, headers: { authorization: admin } })
  t.ok(clusterInUse.json().references.some((r: { kind: string, count: number }) => r.kind === 'award' && r.count === 1))
})
