// Issue 16's "Done when": seed 004's outcome recorded end to end. Cụm thi đua số 5's 2021 scores are finalized and its
// six units vote for their titles (the setup, over HTTP); then the award path runs through the generated client: the
// dossiers with each unit's achievement report, the Ministry returning one and accepting both, the Government flag's
// quota refusing a second flag while only 9 clusters are recorded for 2021 and allowing it once the tenth is, the
// Prime Minister's and the Minister's decisions (with a Bằng khen for a unit of Cụm 9 of the same block), a
// revocation, and the tallies: "2 đơn vị được tặng Cờ thi đua của
// Chính phủ; 4 đơn vị được tặng Cờ thi đua của Bộ Công an".
import t from 'tap'
import type { ThiduaClient } from '../../client/index.js'
import { created, expectStatus } from '../helpers/http.js'
import { pdfBytes, PDF_TYPE } from '../helpers/files.js'
import { seedCluster5 } from '../helpers/pledges.js'
import { castAll, openElection } from '../helpers/elections.js'
import { expectAnswer } from './year.js'
import { serve } from './serve.js'

const YEAR = 2021
// Totals 100, 97, 95.5, 94, 92.5 and 91: every unit in the Ministry-flag band (90), Viện Khoa học hình sự first.
const ACTUALS = [120, 118, 117, 116, 115, 114]
const SCHEME = {
  year: YEAR,
  period: 'annual',
  criteria: [{
    code: 'I',
    name: 'Kết quả thực hiện phong trào thi đua "Vì an ninh Tổ quốc"',
    maxPoints: 100,
    kind: 'group',
    children: [
      { code: 'I.1', name: 'Tỷ lệ hoàn thành chỉ tiêu công tác (%)', maxPoints: 60, kind: 'quantitative' },
      { code: 'I.2', name: 'Không có CBCS vi phạm kỷ luật phải xử lý', maxPoints: 40, kind: 'qualitative' }
    ]
  }],
  bands: [{ code: 'excellent', name: 'Xuất sắc', minTotal: 90 }, { code: 'good', name: 'Tốt', minTotal: 75 }, { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }],
  tieBreak: ['group:I'],
  ministryFlagBand: 'excellent'
}
const MINISTER = { name: 'Đại tướng Tô Lâm', position: 'Bộ trưởng Bộ Công an' }

t.test('seed 004\'s outcome: Cụm 5\'s dossiers, two Government flags and four Ministry flags, the decisions and the tally', async (t) => {
  const { app, token, clientFor } = await serve(t, { clock: () => new Date('2022-01-20T03:00:00Z') })
  const bearer = (actor: Parameters<typeof token>[0]) => `Bearer ${token(actor)}`
  const admin = bearer({ role: 'admin' })
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị trực thuộc Bộ Công an' })
  const { cluster5, unitIds } = await seedCluster5(app, admin, block.id)
  const [khhs, c06, c07, c08, c10, c11] = unitIds
  // Eight other clusters of the block recorded for 2021: nine in all, so 20 % rounded down allows one Government flag.
  const others: Record<number, string> = {}
  for (const number of [1, 2, 3, 4, 6, 7, 8, 9]) {
    others[number] = (await created(app, admin, '/v1/clusters', { number, name: `Cụm thi đua số ${number}`, blockId: block.id, foundedOn: '2019-06-01' })).id
  }
  // Cụm 9 of the same block, with Cục Y tế, whose Bằng khen the Minister's decision also carries.
  const yte = (await created(app, admin, '/v1/units', { name: 'Cục Y tế' })).id as string
  await created(app, admin, `/v1/clusters/${others[9]}/members`, { unitId: yte, from: '2021-01-01' })

  // 2021's scores, finalized.
  const scheme = await created(app, admin, `/v1/clusters/${cluster5.id}/scoring-schemes`, SCHEME)
  for (const unitId of unitIds) await expectStatus(app.inject({ method: 'PUT', url: `/v1/scoring-schemes/${scheme.id}/targets/${unitId}`, headers: { authorization: admin }, payload: { targets: { 'I.1': 100 } } }), 201)
  await expectStatus(app.inject({ method: 'POST', url: `/v1/scoring-schemes/${scheme.id}/publish`, headers: { authorization: admin } }), 200)
  for (const [i, unitId] of unitIds.entries()) {
    const card = `/v1/scoring-schemes/${scheme.id}/scorecards/${unitId}`
    await expectStatus(app.inject({ method: 'PUT', url: card, headers: { authorization: admin }, payload: { entries: [{ code: 'I.1', actual: ACTUALS[i] }, { code: 'I.2', achieved: true }] } }), 201)
    await expectStatus(app.inject({ method: 'POST', url: `${card}/submit`, headers: { authorization: admin } }), 200)
    await expectStatus(app.inject({ method: 'POST', url: `${card}/review`, headers: { authorization: admin }, payload: { entries: [] } }), 200)
  }
  await expectStatus(app.inject({ method: 'POST', url: `/v1/scoring-schemes/${scheme.id}/finalize`, headers: { authorization: admin } }), 200)

  // The votes: the Government flag for the leading unit and, by the admin's recorded override, for Cục Cảnh sát
  // QLHC về TTXH, which the ranking puts second; the Ministry flag for the other four.
  const voter = (unitId: string) => bearer({ role: 'unit', unitId, sub: `unit-${unitId}` })
  const everyone = (choices: string[]) => unitIds.map((unitId): [string, string[]] => [unitId, choices])
  const vote = async (titleCode: string, candidateUnitIds: string[], extra: object = {}) => {
    const id = await openElection(app, admin, cluster5.id, { kind: 'title', titleCode, termYear: YEAR, seats: candidateUnitIds.length, candidateUnitIds, ...extra })
    await castAll(app, voter, id, everyone(candidateUnitIds))
    await expectStatus(app.inject({ method: 'POST', url: `/v1/elections/${id}/close`, headers: { authorization: admin }, payload: {} }), 200)
  }
  await vote('government_flag', [khhs, c06], { eligibilityOverride: { reason: 'Đơn vị tiêu biểu xuất sắc trong phong trào thi đua của lực lượng Cảnh sát nhân dân, được Bộ đề nghị.' } })
  await vote('ministry_flag', [c07, c08, c10, c11])

  // The award path, through the generated client.
  const secretariat = clientFor({ role: 'secretariat', clusterId: cluster5.id, sub: 'van-phong-cum-5' })
  const ministry = clientFor({ role: 'ministry', sub: 'vu-thi-dua-khen-thuong' })
  const reader = clientFor({ role: 'reader', sub: 'bao-cao' })
  const upload = async (by: string, name: string) => (await expectStatus(app.inject({
    method: 'POST',
    url: '/v1/files',
    headers: { authorization: by, 'content-type': PDF_TYPE, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` },
    payload: await pdfBytes(name)
  }), 201)).id as string
  const dossierFor = async (titleCode: string) => {
    const dossier = await expectAnswer(t, secretariat.POST('/v1/clusters/{clusterId}/dossiers', { params: { path: { clusterId: cluster5.id } }, body: { year: YEAR, titleCode } }), 201, `the ${titleCode} dossier is made`)
    for (const { unitId } of dossier.proposals) {
      const unit: ThiduaClient = clientFor({ role: 'unit', unitId, sub: `unit-${unitId}` })
      const fileId = await upload(voter(unitId), `Báo cáo thành tích năm ${YEAR}.pdf`)
      await expectAnswer(t, unit.POST('/v1/dossiers/{dossierId}/attachments', { params: { path: { dossierId: dossier.id } }, body: { fileId, kind: 'achievement_report', unitId } }), 201, 'a unit attaches its achievement report')
    }
    await expectAnswer(t, secretariat.POST('/v1/dossiers/{dossierId}/submit', { params: { path: { dossierId: dossier.id } } }), 200, `the ${titleCode} dossier is submitted`)
    return dossier
  }
  const flags = await dossierFor('government_flag')
  t.match(flags.checklist.find((line) => line.unitId === c06), { standard: { met: false, reason: 'not_leading_unit' }, eligibilityOverride: { reason: /tiêu biểu xuất sắc/ } },
    'the checklist says the second unit does not lead the cluster, and shows the override it stands by')
  const ministryFlags = await dossierFor('ministry_flag')
  t.equal(ministryFlags.proposals.length, 4)

  // The Ministry returns the Ministry-flag dossier for the minutes of the vote; the cluster adds them and sends it again.
  const reason = 'Đề nghị bổ sung biên bản họp bình xét thi đua của Cụm có kết quả bỏ phiếu.'
  const returned = await expectAnswer(t, ministry.POST('/v1/dossiers/{dossierId}/return', { params: { path: { dossierId: ministryFlags.id } }, body: { reason } }), 200, 'returned')
  t.match(returned, { status: 'returned', returnReason: reason })
  const minutes = await upload(bearer({ role: 'secretariat', clusterId: cluster5.id, sub: 'van-phong-cum-5' }), 'Biên bản họp bình xét thi đua năm 2021.pdf')
  await expectAnswer(t, secretariat.POST('/v1/dossiers/{dossierId}/attachments', { params: { path: { dossierId: ministryFlags.id } }, body: { fileId: minutes, kind: 'other' } }), 201, 'the minutes are attached')
  await expectAnswer(t, secretariat.POST('/v1/dossiers/{dossierId}/submit', { params: { path: { dossierId: ministryFlags.id } } }), 200, 'and the dossier sent again')
  const allFour = await expectAnswer(t, ministry.POST('/v1/dossiers/{dossierId}/accept', {
    params: { path: { dossierId: ministryFlags.id } }, body: { proposalIds: ministryFlags.proposals.map((p) => p.proposalId) }
  }), 200, 'the four Ministry flags are accepted')
  t.equal(allFour.status, 'accepted')

  // Nine clusters recorded for 2021 allow one Government flag; the tenth, recorded late, allows two.
  const bothFlags = { params: { path: { dossierId: flags.id } }, body: { proposalIds: flags.proposals.map((p) => p.proposalId) } }
  const refused = await ministry.POST('/v1/dossiers/{dossierId}/accept', bothFlags)
  t.equal(refused.response.status, 422)
  t.match(refused.error, { code: 'quota_exceeded', quota: 1, accepted: 0, asked: 2 }, '20 % of 9 cluster-leading units, rounded down, is 1')
  await created(app, admin, '/v1/clusters', { number: 10, name: 'Cụm thi đua số 10', blockId: block.id, foundedOn: '2019-06-01' })
  await expectAnswer(t, ministry.POST('/v1/dossiers/{dossierId}/accept', bothFlags), 200, 'of 10 it is 2: both Government flags are accepted')

  const round = await expectAnswer(t, reader.GET('/v1/award-rounds/{year}', { params: { path: { year: YEAR } } }), 200, 'the year\'s roll-up')
  t.match(round, { year: YEAR, clustersActive: 10 })
  t.match(round.titles.find((title) => title.titleCode === 'government_flag'), { quota: { basis: 'cluster_leading_units', limit: 2 }, accepted: 2, waiting: 0 })
  t.match(round.titles.find((title) => title.titleCode === 'ministry_flag'), { accepted: 4, waiting: 0 })

  // The decisions: the Prime Minister's for the Government flags, the Minister's for the Ministry flags and two
  // officers' Chiến sĩ thi đua Công an nhân dân.
  const awardsOf = (dossier: typeof flags, titleCode: string) => dossier.proposals.map((p) => ({ titleCode, unitId: p.unitId, proposalId: p.proposalId }))
  await expectAnswer(t, ministry.POST('/v1/award-decisions', {
    body: { number: '456/QĐ-TTg', date: '2022-03-10', issuer: 'Thủ tướng Chính phủ', signer: { name: 'Phạm Minh Chính', position: 'Thủ tướng Chính phủ' }, year: YEAR, awards: awardsOf(flags, 'government_flag') }
  }), 201, 'the Prime Minister\'s decision')
  const minister = await expectAnswer(t, ministry.POST('/v1/award-decisions', {
    body: {
      number: '1234/QĐ-BCA-X03',
      date: '2022-03-15',
      issuer: 'Bộ Công an',
      signer: MINISTER,
      year: YEAR,
      awards: [
        ...awardsOf(ministryFlags, 'ministry_flag'),
        { titleCode: 'ministry_certificate', unitId: yte },
        { titleCode: 'cand_emulation_fighter', person: { name: 'Nguyễn Văn Bình', rank: 'Đại tá', position: 'Phó Viện trưởng', unitId: khhs } },
        { titleCode: 'cand_emulation_fighter', person: { name: 'Trần Thị Hoa', rank: 'Thượng tá', position: 'Trưởng phòng', unitId: c07 } }
      ]
    }
  }), 201, 'the Minister\'s decision')
  t.equal(minister.awards.length, 7)
  t.match(minister.awards.find((award) => award.unitId === yte), { titleCode: 'ministry_certificate', clusterId: others[9], proposalId: null }, 'a Bằng khen without a proposal counts in its unit\'s cluster')
  for (const dossier of [flags, ministryFlags]) {
    const decided = await expectAnswer(t, reader.GET('/v1/dossiers/{dossierId}', { params: { path: { dossierId: dossier.id } } }), 200, 'a dossier read back')
    t.equal(decided.status, 'decided', `the ${dossier.titleCode} dossier is decided once every accepted proposal is awarded`)
  }

  // One officer's title is revoked by a later decision (the achievement misdeclared).
  const officer = minister.awards.find((award) => award.person?.name === 'Trần Thị Hoa')!
  await expectAnswer(t, ministry.POST('/v1/awards/{awardId}/revoke', {
    params: { path: { awardId: officer.id } },
    body: { reason: 'Kê khai thành tích không trung thực (Kết luận thanh tra số 56/KL-BCA-V03).', decision: { number: '789/QĐ-BCA-X03', date: '2022-09-05', issuer: 'Bộ Công an' } }
  }), 200, 'an award revoked')

  const tally = await expectAnswer(t, reader.GET('/v1/clusters/{clusterId}/award-tally', { params: { path: { clusterId: cluster5.id }, query: { year: YEAR } } }), 200, 'Cụm 5\'s tally')
  t.match(tally, { year: YEAR, collectives: 6, individuals: 1, total: 7, revoked: 1 })
  const count = (titleCode: string) => tally.byTitle.find((line) => line.titleCode === titleCode)?.count
  t.equal(count('government_flag'), 2, '2 đơn vị được tặng Cờ thi đua của Chính phủ')
  t.equal(count('ministry_flag'), 4, '4 đơn vị được tặng Cờ thi đua của Bộ Công an')
  t.equal(count('cand_emulation_fighter'), 1, 'the revoked title is counted nowhere')
  t.same(new Set((await expectAnswer(t, reader.GET('/v1/awards', { params: { query: { year: YEAR, clusterId: cluster5.id, recipient: 'collective' } } }), 200, 'the collective awards')).items.map((a) => a.unitId)),
    new Set([khhs, c06, c07, c08, c10, c11]), 'every unit of Cụm 5 holds a flag')
  const cluster9 = await expectAnswer(t, reader.GET('/v1/clusters/{clusterId}/award-tally', { params: { path: { clusterId: others[9] }, query: { year: YEAR } } }), 200, 'Cụm 9\'s tally')
  t.match(cluster9, { collectives: 1, individuals: 0, byTitle: [{ titleCode: 'ministry_certificate', count: 1 }] }, 'Cục Y tế\'s Bằng khen counts in Cụm 9 only')
})
