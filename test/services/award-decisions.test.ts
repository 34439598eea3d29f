import t from 'tap'
import { insertBlock } from '../../src/db/blocks-repository.js'
import { insertCluster } from '../../src/db/clusters-repository.js'
import { endMembership, insertMembership } from '../../src/db/memberships-repository.js'
import { insertUnit } from '../../src/db/units-repository.js'
import type { Actor } from '../../src/auth/tokens.js'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import type { AwardInput, DecisionInput } from '../../src/domain/award.js'
import {
  clusterAwardTally, createAwardDecision, listAwardDecisions, listAwards, readAward, readAwardDecision, revokeAward
} from '../../src/services/award-decisions.js'
import { READER, services, type Services } from '../helpers/services.js'

const MINISTRY = { sub: 'vu-thi-dua-khen-thuong', role: 'ministry' } as Actor
const refusal = (code: string) => ({ name: 'DomainError', code })
const SIGNER = { name: 'Thượng tướng Lê Quốc Hùng', position: 'Thứ trưởng' }
const decision = (number: string, awards: AwardInput[], over: Partial<DecisionInput> = {}): DecisionInput =>
  ({ number, date: '2022-01-20', issuer: 'Bộ Công an', signer: SIGNER, year: 2021, awards, ...over })

/**
 * Cụm thi đua số 5 of the local police block (seed 004, 2021): Lào Cai, Yên Bái, Hà Giang, members all year;
 * Hà Giang also in Cụm 2 of the border block; Sơn La moved from Cụm 4 to Cụm 5 on 1 July 2021.
 */
async function seed (s: Services) {
  return s.write(async ({ trx }) => {
    const local = await insertBlock(trx, { name: 'Khối các đơn vị Công an địa phương' })
    const border = await insertBlock(trx, { name: 'Khối các tỉnh biên giới phía Bắc' })
    const cluster = (number: number, blockId: string) => insertCluster(trx, { number, name: `Cụm thi đua số ${number}`, blockId, foundedOn: null, foundingDecision: null, rules: DEFAULT_RULES })
    const c5 = await cluster(5, local.id)
    const c4 = await cluster(4, local.id)
    const c2 = await cluster(2, border.id)
    const unit = async (name: string) => (await insertUnit(trx, { name })).id
    const laoCai = await unit('Công an tỉnh Lào Cai')
    const yenBai = await unit('Công an tỉnh Yên Bái')
    const haGiang = await unit('Công an tỉnh Hà Giang')
    const sonLa = await unit('Công an tỉnh Sơn La')
    for (const u of [laoCai, yenBai, haGiang]) await insertMembership(trx, { clusterId: c5.id, blockId: local.id, unitId: u, from: '2020-01-01' })
    await insertMembership(trx, { clusterId: c2.id, blockId: border.id, unitId: haGiang, from: '2020-01-01' })
    await endMembership(trx, await insertMembership(trx, { clusterId: c4.id, blockId: local.id, unitId: sonLa, from: '2020-01-01' }), '2021-07-01')
    await insertMembership(trx, { clusterId: c5.id, blockId: local.id, unitId: sonLa, from: '2021-07-01' })
    // The cluster's vote proposing Lào Cai for the Government flag (title_proposals, as an election decides it).
    const [election] = await trx('elections').insert({
      cluster_id: c5.id, kind: 'title', title_code: 'government_flag', term_year: 2021, seats: 1, candidate_unit_ids: JSON.stringify([laoCai]), status: 'decided'
    }).returning('id')
    const [proposal] = await trx('title_proposals').insert({
      cluster_id: c5.id, year: 2021, title_code: 'government_flag', unit_id: laoCai, election_id: election.id, round: 1, votes: 3, ballots_cast: 3, electorate: 3, decided_by: 'votes'
    }).returning('id')
    return { c5: c5.id, c4: c4.id, c2: c2.id, laoCai, yenBai, haGiang, sonLa, proposalId: proposal.id as string }
  })
}

const count = async (s: Services, table: string) => Number((await s.db(table).count('* as n'))[0].n)

t.test('a decision: awards to units and persons, placed in their clusters, journaled; then refusals that change nothing', async (t) => {
  const s = await services(t)
  const w = await seed(s)
  const person = (name: string, unitId: string, rank = 'Thượng tá', position = 'Trưởng phòng') => ({ name, rank, position, unitId })

  const first = await s.write((ctx) => createAwardDecision(ctx, decision(' 1234/QĐ-BCA-X03 ', [
    { titleCode: 'government_flag', unitId: w.laoCai, proposalId: w.proposalId },
    { titleCode: 'ministry_flag', unitId: w.yenBai },
    { titleCode: 'ministry_flag', unitId: w.haGiang, clusterId: w.c5 },
    { titleCode: 'cand_emulation_fighter', person: person('Nguyễn  Văn An', w.laoCai, 'Đại tá', 'Phó Giám đốc') },
    { titleCode: 'emulation_fighter', person: person('Lò Văn Xuân', w.sonLa), clusterId: w.c5 }
  ])), MINISTRY)
  t.match(first, { number: '1234/QĐ-BCA-X03', year: 2021, collectives: 3, individuals: 2, awardCount: 5, revokedAwardIds: [], createdBy: MINISTRY })
  t.same(first.awards.map((a) => [a.titleCode, a.recipient, a.unitName, a.clusterId, a.proposalId]), [
    ['government_flag', 'collective', 'Công an tỉnh Lào Cai', w.c5, w.proposalId],
    ['ministry_flag', 'collective', 'Công an tỉnh Yên Bái', w.c5, null],
    ['ministry_flag', 'collective', 'Công an tỉnh Hà Giang', w.c5, null],
    ['cand_emulation_fighter', 'individual', 'Công an tỉnh Lào Cai', w.c5, null],
    ['emulation_fighter', 'individual', 'Công an tỉnh Sơn La', w.c5, null]
  ])
  t.same(first.awards[3].person, { name: 'Nguyễn Văn An', rank: 'Đại tá', position: 'Phó Giám đốc' })
  t.same(await readAwardDecision(s.read(READER), { decisionId: first.id }), first, 'every role reads it')
  const events = await s.db('events').where('type', 'like', 'award%').orderBy('position').select('type', 'resource_id', 'data')
  t.same(events.map((e) => e.type), ['award_decision.created'])
  t.equal(events[0].data.awards.length, 5, 'the event carries its awards')
  t.equal(await count(s, 'audit_events'), 1)

  // Refusals: each leaves the database as it was.
  const before = { decisions: await count(s, 'award_decisions'), awards: await count(s, 'awards'), events: await count(s, 'events') }
  const refused: Array<[string, DecisionInput, string]> = [
    ['the same number, issuer and year', decision('1234/qđ-bca-x03', [{ titleCode: 'ministry_certificate', unitId: w.laoCai }], { date: '2022-05-01' }), 'award_decision_exists'],
    ['a title Yên Bái holds', decision('1235/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: w.laoCai }, { titleCode: 'ministry_flag', unitId: w.yenBai }]), 'award_already_granted'],
    ['a unit of two blocks without its cluster', decision('1236/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: w.haGiang }]), 'award_cluster_ambiguous'],
    ['a cluster Lào Cai was not in', decision('1236/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: w.laoCai, clusterId: w.c4 }]), 'award_cluster_not_member'],
    ['a proposal of another title', decision('1236/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: w.laoCai, proposalId: w.proposalId }]), 'award_proposal_mismatch'],
    ['an unknown proposal', decision('1236/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: w.laoCai, proposalId: '00000000-0000-4000-8000-000000000000' }]), 'award_proposal_unknown'],
    ['an unknown title', decision('1236/QĐ-BCA-X03', [{ titleCode: 'co_thi_dua_bo', unitId: w.laoCai }]), 'title_unknown'],
    ['an individual title to a unit', decision('1236/QĐ-BCA-X03', [{ titleCode: 'emulation_fighter', unitId: w.laoCai }]), 'award_recipient_mismatch'],
    ['an unknown unit', decision('1236/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: '00000000-0000-4000-8000-000000000000' }]), 'award_unit_unknown'],
    ['a later year', decision('1236/QĐ-BCA-X03', [{ titleCode: 'ministry_certificate', unitId: w.laoCai }], { year: 2023 }), 'award_year_after_decision'],
    ['nothing', decision('1236/QĐ-BCA-X03', []), 'award_decision_empty'],
    ['an unknown award to revoke', decision('1236/QĐ-BCA-X03', [], { revokes: [{ awardId: '00000000-0000-4000-8000-000000000000', reason: 'Sai tên' }] }), 'award_revocation_unknown']
  ]
  for (const [what, input, code] of refused) await t.rejects(s.write((ctx) => createAwardDecision(ctx, input), MINISTRY), refusal(code), what)
  const held = await s.write((ctx) => createAwardDecision(ctx, refused[1][1]), MINISTRY).catch((e) => e)
  t.match(held.message, `awards[1]: Công an tỉnh Yên Bái (${w.yenBai}) already holds ministry_flag`)
  t.same({ decisions: await count(s, 'award_decisions'), awards: await count(s, 'awards'), events: await count(s, 'events') }, before, 'nothing written')
})

t.test('revocation, a correcting decision, the tally and the lists', async (t) => {
  const s = await services(t)
  const w = await seed(s)
  const d1 = await s.write((ctx) => createAwardDecision(ctx, decision('1234/QĐ-BCA-X03', [
    { titleCode: 'government_flag', unitId: w.laoCai, proposalId: w.proposalId },
    { titleCode: 'ministry_flag', unitId: w.yenBai },
    { titleCode: 'ministry_flag', unitId: w.haGiang, clusterId: w.c2 },
    { titleCode: 'cand_emulation_fighter', person: { name: 'Nguyễn Văn Ân', rank: 'Đại tá', unitId: w.laoCai } },
    { titleCode: 'emulation_fighter', person: { name: 'Hoàng Thị Mai', unitId: w.yenBai } }
  ])), MINISTRY)
  const [, yenBaiFlag, , misnamed] = d1.awards

  const revocation = { number: '567/QĐ-BCA-X03', date: '2022-06-10', issuer: 'Bộ Công an' }
  await t.rejects(s.write((ctx) => revokeAward(ctx, { awardId: yenBaiFlag.id, reason: 'Khai man', decision: { ...revocation, date: '2022-01-19' } }), MINISTRY),
    refusal('award_revocation_before_grant'))
  const revoked = await s.write((ctx) => revokeAward(ctx, { awardId: yenBaiFlag.id, reason: ' Kê khai không trung thực thành tích. ', decision: revocation }), MINISTRY)
  t.match(revoked, { revokedAt: /Z$/, revocation: { reason: 'Kê khai không trung thực thành tích.', decision: revocation, decisionId: null } })
  await t.rejects(s.write((ctx) => revokeAward(ctx, { awardId: yenBaiFlag.id, reason: 'x', decision: revocation }), MINISTRY), refusal('award_revoked'))
  await t.rejects(s.write((ctx) => revokeAward(ctx, { awardId: '00000000-0000-4000-8000-000000000000', reason: 'x', decision: revocation }), MINISTRY), refusal('award_not_found'))
  t.same(await readAward(s.read(), { awardId: yenBaiFlag.id }), revoked, 'the revoked award stays, with its revocation')

  // A correcting decision: revokes the misnamed award and grants it again under the right name; Yên Bái's flag,
  // revoked, may be granted again; a revoked award is not revoked twice.
  await t.rejects(s.write((ctx) => createAwardDecision(ctx, decision('89/QĐ-BCA-X03', [], {
    date: '2022-07-01', revokes: [{ awardId: yenBaiFlag.id, reason: 'x' }]
  })), MINISTRY), refusal('award_revoked'))
  await t.rejects(s.write((ctx) => createAwardDecision(ctx, decision('89/QĐ-BCA-X03', [], {
    date: '2022-07-01', revokes: [{ awardId: misnamed.id, reason: 'x' }, { awardId: misnamed.id, reason: 'y' }]
  })), MINISTRY), refusal('award_revocation_repeated'))
  const correction = await s.write((ctx) => createAwardDecision(ctx, decision('89/QĐ-BCA-X03', [
    { titleCode: 'cand_emulation_fighter', person: { name: 'Nguyễn Văn An', rank: 'Đại tá', unitId: w.laoCai } },
    { titleCode: 'ministry_flag', unitId: w.yenBai }
  ], { date: '2022-07-01', revokes: [{ awardId: misnamed.id, reason: 'Ghi sai họ tên cán bộ được khen thưởng' }] })), MINISTRY)
  t.same(correction.revokedAwardIds, [misnamed.id])
  t.match(await readAward(s.read(), { awardId: misnamed.id }), { revocation: { decisionId: correction.id, decision: { number: '89/QĐ-BCA-X03', date: '2022-07-01' } } })
  t.same((await s.db('events').where('type', 'like', 'award%').orderBy('position').pluck('type')),
    ['award_decision.created', 'award.revoked', 'award.revoked', 'award_decision.created'])

  const tally = await clusterAwardTally(s.read(READER), { clusterId: w.c5, year: 2021 })
  t.same(tally, {
    clusterId: w.c5,
    clusterName: 'Cụm thi đua số 5',
    year: 2021,
    collectives: 2,
    individuals: 2,
    total: 4,
    byTitle: [
      { titleCode: 'government_flag', titleName: tally.byTitle[0].titleName, level: 'government', recipient: 'collective', count: 1 },
      { titleCode: 'ministry_flag', titleName: tally.byTitle[1].titleName, level: 'ministry', recipient: 'collective', count: 1 },
      { titleCode: 'cand_emulation_fighter', titleName: tally.byTitle[2].titleName, level: 'ministry', recipient: 'individual', count: 1 },
      { titleCode: 'emulation_fighter', titleName: tally.byTitle[3].titleName, level: 'unit', recipient: 'individual', count: 1 }
    ],
    byLevel: [{ level: 'government', collectives: 1, individuals: 0 }, { level: 'ministry', collectives: 1, individuals: 1 }, { level: 'unit', collectives: 0, individuals: 1 }],
    revoked: 2
  }, 'Hà Giang\'s flag counts in Cụm 2; the revoked awards nowhere')
  t.match(await clusterAwardTally(s.read(), { clusterId: w.c2, year: 2021 }), { collectives: 1, individuals: 0 })
  t.match(await clusterAwardTally(s.read(), { clusterId: w.c5, year: 2020 }), { total: 0, revoked: 0 })
  await t.rejects(clusterAwardTally(s.read(), { clusterId: '00000000-0000-4000-8000-000000000000', year: 2021 }), refusal('cluster_not_found'))

  // Lists: stable pages in recording order, filters combined.
  const all = await listAwards(s.read(), { year: 2021 })
  t.equal(all.items.length, 7)
  const pages: string[] = []
  let cursor: string | undefined
  do {
    const page = await listAwards(s.read(), { year: 2021, limit: 3, cursor })
    pages.push(...page.items.map((a) => a.id))
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  t.same(pages, all.items.map((a) => a.id))
  t.same((await listAwards(s.read(), { clusterId: w.c5, recipient: 'individual' })).items.map((a) => a.person?.name), ['Nguyễn Văn Ân', 'Hoàng Thị Mai', 'Nguyễn Văn An'])
  t.same((await listAwards(s.read(), { unitId: w.yenBai })).items.map((a) => [a.titleCode, a.revokedAt === null]),
    [['ministry_flag', false], ['emulation_fighter', true], ['ministry_flag', true]], 'revoked awards stay listed')
  t.same((await listAwards(s.read(), { decisionId: correction.id })).items.length, 2)
  t.same((await listAwardDecisions(s.read(), { year: 2021 })).items.map((d) => d.number), ['89/QĐ-BCA-X03', '1234/QĐ-BCA-X03'], 'latest first')
  t.same((await listAwardDecisions(s.read(), { clusterId: w.c2 })).items.map((d) => d.number), ['1234/QĐ-BCA-X03'])
  t.same((await listAwardDecisions(s.read(), { year: 2020 })).items, [])
})

// Seed 002: "120 tập thể và 357 cá nhân của Cụm thi đua số 4 đã được lãnh đạo các cấp khen thưởng". Cụm 4's 60
// units and their people receive them in three decisions (the Prime Minister's, the Ministry's, the city
// police's), which also honour units of Cụm 5; the tally of each cluster reads back exactly.
t.test('seed 002: 120 collectives and 357 individuals entered from decisions, read back exactly', async (t) => {
  const s = await services(t)
  const w = await s.write(async ({ trx }) => {
    const block = await insertBlock(trx, { name: 'Khối Công an các quận, huyện, thị xã' })
    const c4 = await insertCluster(trx, { number: 4, name: 'Cụm thi đua số 4', blockId: block.id, foundedOn: null, foundingDecision: null, rules: DEFAULT_RULES })
    const c5 = await insertCluster(trx, { number: 5, name: 'Cụm thi đua số 5', blockId: block.id, foundedOn: null, foundingDecision: null, rules: DEFAULT_RULES })
    const units4: string[] = []
    for (let i = 1; i <= 60; i++) {
      const unit = await insertUnit(trx, { name: `Đội Cảnh sát số ${i} Cụm 4` })
      await insertMembership(trx, { clusterId: c4.id, blockId: block.id, unitId: unit.id, from: '2015-01-01' })
      units4.push(unit.id)
    }
    const units5: string[] = []
    for (let i = 1; i <= 5; i++) {
      const unit = await insertUnit(trx, { name: `Đội Cảnh sát số ${i} Cụm 5` })
      await insertMembership(trx, { clusterId: c5.id, blockId: block.id, unitId: unit.id, from: '2015-01-01' })
      units5.push(unit.id)
    }
    return { c4: c4.id, c5: c5.id, units4, units5 }
  })
  const people = (titleCode: string, n: number, units: string[], prefix: string): AwardInput[] =>
    Array.from({ length: n }, (_, i) => ({ titleCode, person: { name: `${prefix} ${i + 1}`, rank: 'Thiếu tá', position: 'Đội trưởng', unitId: units[i % units.length] } }))
  const collective = (titleCode: string, units: string[]): AwardInput[] => units.map((unitId) => ({ titleCode, unitId }))

  const government = await s.write((ctx) => createAwardDecision(ctx, {
    number: '215/QĐ-TTg', date: '2017-02-20', issuer: 'Thủ tướng Chính phủ', signer: { name: 'Nguyễn Xuân Phúc', position: 'Thủ tướng' }, year: 2016,
    awards: [...collective('government_flag', w.units4.slice(0, 4)), ...collective('government_flag', w.units5.slice(0, 1))]
  }), MINISTRY)
  const ministry = await s.write((ctx) => createAwardDecision(ctx, decision('1234/QĐ-BCA-X03', [
    ...collective('ministry_flag', w.units4.slice(4)), // 56
    ...collective('ministry_certificate', w.units4), // 60
    ...people('cand_emulation_fighter', 30, w.units4, 'Chiến sĩ thi đua CAND'),
    ...people('ministry_certificate_individual', 27, w.units4, 'Cán bộ được tặng Bằng khen'),
    ...collective('ministry_flag', w.units5.slice(1)),
    ...people('cand_emulation_fighter', 3, w.units5, 'Chiến sĩ Cụm 5')
  ], { date: '2017-01-25', year: 2016 })), MINISTRY)
  const city = await s.write((ctx) => createAwardDecision(ctx, {
    number: '3456/QĐ-CATP-PX01', date: '2017-01-10', issuer: 'Công an thành phố Hà Nội', signer: { name: 'Thiếu tướng Đoàn Duy Khương', position: 'Giám đốc' }, year: 2016,
    awards: [...people('emulation_fighter', 301, w.units4, 'Chiến sĩ thi đua cơ sở'), ...people('emulation_fighter', 10, w.units5, 'CSTĐ Cụm 5')]
  }), MINISTRY)
  t.equal(ministry.awards.length, 173 + 4 + 3)
  // One of the city's awards turns out misdeclared: revoked, it leaves the tally.
  await s.write((ctx) => revokeAward(ctx, { awardId: city.awards[0].id, reason: 'Không đủ tiêu chuẩn', decision: { number: '4012/QĐ-CATP-PX01', date: '2017-03-01', issuer: 'Công an thành phố Hà Nội' } }), MINISTRY)

  const tally = await clusterAwardTally(s.read(READER), { clusterId: w.c4, year: 2016 })
  t.match(tally, { collectives: 120, individuals: 357, total: 477, revoked: 1 }, '120 tập thể và 357 cá nhân')
  t.same(Object.fromEntries(tally.byTitle.map((x) => [x.titleCode, x.count])), {
    government_flag: 4, ministry_flag: 56, ministry_certificate: 60, cand_emulation_fighter: 30, ministry_certificate_individual: 27, emulation_fighter: 300
  })
  t.match(await clusterAwardTally(s.read(), { clusterId: w.c5, year: 2016 }), { collectives: 5, individuals: 13, total: 18 })
  t.same((await listAwardDecisions(s.read(), { clusterId: w.c4, year: 2016 })).items.map((d) => d.id), [government.id, ministry.id, city.id], 'the latest date first')
})

t.test('two decisions at once giving a unit the same title: one is recorded, the other refused 409', async (t) => {
  const s = await services(t)
  const w = await seed(s)
  const results = await Promise.allSettled(['11/QĐ-BCA-X03', '12/QĐ-BCA-X03'].map((number) =>
    s.write((ctx) => createAwardDecision(ctx, decision(number, [{ titleCode: 'ministry_flag', unitId: w.yenBai }])), MINISTRY)))
  t.same(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
  const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  t.match(refused.reason, { code: 'award_already_granted' })
  t.equal(await count(s, 'awards'), 1)
})

t.test('a decision costs the same number of queries whatever its awards: 1,000 awards as 2', async (t) => {
  const s = await services(t)
  const w = await seed(s)
  let queries = 0
  const counting = () => { queries++ }
  s.db.on('query', counting)
  t.teardown(() => { s.db.off('query', counting) })
  const people = (n: number, year: number, batch = 'Cán bộ') => Array.from({ length: n }, (_, i) => ({
    titleCode: 'emulation_fighter', person: { name: `${batch} ${year}-${i + 1}`, unitId: [w.laoCai, w.yenBai][i % 2] }
  }))
  const cost = async (awards: AwardInput[], year: number, number = `${year}/QĐ-CATP`) => {
    queries = 0
    const recorded = await s.write((ctx) => createAwardDecision(ctx, decision(number, awards, { year })), MINISTRY)
    t.equal(recorded.awards.length, awards.length)
    return queries
  }
  const small = await cost([...people(1, 2019), { titleCode: 'ministry_flag', unitId: w.laoCai, proposalId: null }], 2019)
  const large = await cost([...people(999, 2020), { titleCode: 'ministry_flag', unitId: w.laoCai }], 2020)
  // 999 more people of the same units, title and year: each checked against the 999 already honoured, still at once.
  const againstHeld = await cost([...people(999, 2020, 'Chiến sĩ'), { titleCode: 'ministry_certificate', unitId: w.laoCai }], 2020, '2020b/QĐ-CATP')
  t.ok(small > 0)
  t.equal(large, small, `${small} queries either way`)
  t.equal(againstHeld, small, 'the people\'s awards of the year held already cost no more queries')
})

t.test('a person receives an individual title once a year: another decision is refused 409 naming them until the earlier award is revoked', async (t) => {
  const s = await services(t)
  const w = await seed(s)
  const person = (name: string, unitId = w.laoCai) => ({ name, rank: 'Thiếu tá', position: 'Đội trưởng', unitId })
  const first = await s.write((ctx) => createAwardDecision(ctx, decision('3456/QĐ-CAT-PX01', [
    { titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') },
    { titleCode: 'emulation_fighter', person: person('Trần Thị Bình') }
  ])), MINISTRY)
  const [an] = first.awards
  const before = { awards: await count(s, 'awards'), decisions: await count(s, 'award_decisions'), events: await count(s, 'events') }

  // The same person, named in another form (NFD, upper case, extra spaces), by another decision of the same year.
  const again = decision('3500/QĐ-CAT-PX01', [
    { titleCode: 'ministry_flag', unitId: w.yenBai },
    { titleCode: 'emulation_fighter', person: person('  NGUYỄN   VĂN AN '.normalize('NFD')) }
  ])
  const refused = await s.write((ctx) => createAwardDecision(ctx, again), MINISTRY).catch((e) => e)
  t.match(refused, {
    code: 'award_already_granted',
    message: new RegExp(`^awards\\[1\\]: NGUYỄN VĂN AN of Công an tỉnh Lào Cai \\(${w.laoCai}\\) already holds emulation_fighter for 2021 \\(award ${an.id}, to Nguyễn Văn An, decision 3456/QĐ-CAT-PX01\\)`),
    details: { index: 1, unitId: w.laoCai, personName: 'NGUYỄN VĂN AN', titleCode: 'emulation_fighter', awardId: an.id, decisionNumber: '3456/QĐ-CAT-PX01' }
  })
  t.same({ awards: await count(s, 'awards'), decisions: await count(s, 'award_decisions'), events: await count(s, 'events') }, before, 'the refusal records nothing')

  // Within one decision: 422 naming the person and both positions.
  await t.rejects(s.write((ctx) => createAwardDecision(ctx, decision('3501/QĐ-CAT-PX01', [
    { titleCode: 'cand_emulation_fighter', person: person('Lê Văn Cường') },
    { titleCode: 'ministry_flag', unitId: w.yenBai },
    { titleCode: 'cand_emulation_fighter', person: person('lê văn cường') }
  ])), MINISTRY), { code: 'award_repeated', message: /^awards\[2\] repeats awards\[0\]: lê văn cường of Công an tỉnh Lào Cai/, details: { index: 2, repeats: 0, personName: 'lê văn cường' } })

  // Not the same: a namesake of another unit, another title, another year.
  const others = await s.write((ctx) => createAwardDecision(ctx, decision('3502/QĐ-CAT-PX01', [
    { titleCode: 'emulation_fighter', person: person('Nguyễn Văn An', w.yenBai) },
    { titleCode: 'cand_emulation_fighter', person: person('Nguyễn Văn An') }
  ])), MINISTRY)
  t.equal(others.awards.length, 2)
  await s.write((ctx) => createAwardDecision(ctx, decision('3503/QĐ-CAT-PX01', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }], { year: 2020 })), MINISTRY)

  // Revoked, the title may be given again; a correcting decision revokes and grants at once.
  await s.write((ctx) => revokeAward(ctx, { awardId: an.id, reason: 'Nhầm đối tượng', decision: { number: '3600/QĐ-CAT-PX01', date: '2022-02-01', issuer: 'Bộ Công an' } }), MINISTRY)
  const regranted = await s.write((ctx) => createAwardDecision(ctx, { ...again, number: '3601/QĐ-CAT-PX01', date: '2022-02-02' }), MINISTRY)
  t.match(regranted.awards[1], { person: { name: 'NGUYỄN VĂN AN' }, revokedAt: null })
  const corrected = await s.write((ctx) => createAwardDecision(ctx, decision('3602/QĐ-CAT-PX01', [
    { titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }
  ], { date: '2022-03-01', revokes: [{ awardId: regranted.awards[1].id, reason: 'Sai chính tả họ tên' }] })), MINISTRY)
  t.match(corrected.awards, [{ person: { name: 'Nguyễn Văn An' } }])
  t.equal((await readAward(s.read(), { awardId: regranted.awards[1].id })).revocation?.decisionId, corrected.id)
})

t.test('two decisions at once giving a person the same title: one is recorded, the other refused 409', async (t) => {
  const s = await services(t)
  const w = await seed(s)
  const results = await Promise.allSettled(['21/QĐ-BCA-X03', '22/QĐ-BCA-X03'].map((number, i) =>
    s.write((ctx) => createAwardDecision(ctx, decision(number, [
      { titleCode: 'cand_emulation_fighter', person: { name: i === 0 ? 'Hoàng Thị Dung' : 'hoàng thị dung', unitId: w.haGiang }, clusterId: w.c5 }
    ])), MINISTRY)))
  t.same(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
  t.match((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason, { code: 'award_already_granted', details: { titleCode: 'cand_emulation_fighter' } })
  t.equal(await count(s, 'awards'), 1)
})
