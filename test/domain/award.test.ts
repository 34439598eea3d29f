import t from 'tap'
import fc from 'fast-check'
import {
  assertDecisionYear, assertRevocable, assertRevocationsDistinct, assertRevokedAfterGrant, AWARD_LEVELS, decisionKey, normalizeDecision,
  placeInCluster, recipientUnitOf, resolveAwards, tallyAwards, type AwardFacts, type AwardInput, type TallyEntry, type TitleFacts
} from '../../src/domain/award.js'
import { DomainError } from '../../src/domain/errors.js'
import { outcome } from '../helpers/outcome.js'

// Cụm thi đua số 5 of the local police block, 2021 (seed 004): Lào Cai and Yên Bái, with Hà Giang also in a
// cluster of another block, and Sơn La which moved between clusters that year.
const TITLES: TitleFacts[] = [
  { code: 'government_flag', name: 'Cờ thi đua của Chính phủ', level: 'government', recipient: 'collective' },
  { code: 'ministry_flag', name: 'Cờ thi đua của Bộ Công an', level: 'ministry', recipient: 'collective' },
  { code: 'ministry_certificate', name: 'Bằng khen của Bộ trưởng Bộ Công an', level: 'ministry', recipient: 'collective' },
  { code: 'cand_emulation_fighter', name: 'Chiến sĩ thi đua Công an nhân dân', level: 'ministry', recipient: 'individual' },
  { code: 'emulation_fighter', name: 'Chiến sĩ thi đua cơ sở', level: 'unit', recipient: 'individual' }
]
const LAO_CAI = 'u-laocai'
const YEN_BAI = 'u-yenbai'
const HA_GIANG = 'u-hagiang'
const SON_LA = 'u-sonla'
const C5 = 'c5'
const facts = (over: Partial<AwardFacts> = {}): AwardFacts => ({
  titles: new Map(TITLES.map((x) => [x.code, x])),
  units: new Map([[LAO_CAI, 'Công an tỉnh Lào Cai'], [YEN_BAI, 'Công an tỉnh Yên Bái'], [HA_GIANG, 'Công an tỉnh Hà Giang'], [SON_LA, 'Công an tỉnh Sơn La']]),
  proposals: new Map([['p1', { id: 'p1', clusterId: C5, year: 2021, titleCode: 'government_flag', unitId: LAO_CAI }]]),
  clustersOfUnits: new Map([
    [LAO_CAI, [{ clusterId: C5, blockId: 'b-local' }]],
    [YEN_BAI, [{ clusterId: C5, blockId: 'b-local' }]],
    [HA_GIANG, [{ clusterId: C5, blockId: 'b-local' }, { clusterId: 'c-border', blockId: 'b-border' }]],
    [SON_LA, [{ clusterId: 'c4', blockId: 'b-local' }, { clusterId: C5, blockId: 'b-local' }]]
  ]),
  held: [],
  revoking: new Set(),
  ...over
})
const person = (name: string, unitId = LAO_CAI) => ({ name, rank: 'Đại tá', position: 'Phó Giám đốc', unitId })
/** Nguyễn Văn An's (or another's) Chiến sĩ thi đua cơ sở of Lào Cai for the year, by an earlier decision. */
const heldBy = (name: string, awardId = 'a1') => ({ awardId, unitId: LAO_CAI, personName: name, titleCode: 'emulation_fighter', decisionNumber: '12/QĐ-CAT-PV01' })
const check = (awards: AwardInput[], over: Partial<AwardFacts> = {}) => outcome(() => { resolveAwards(2021, awards, facts(over)) })

t.test('resolveAwards: each refusal, table-first', async (t) => {
  const table: Array<[string, AwardInput[], Partial<AwardFacts>, string]> = [
    ['a collective title to a unit', [{ titleCode: 'ministry_flag', unitId: LAO_CAI }], {}, 'ok'],
    ['an individual title to a person', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }], {}, 'ok'],
    ['the same title to two persons of a unit', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }, { titleCode: 'emulation_fighter', person: person('Trần Thị Bình') }], {}, 'ok'],
    ['two titles to one unit', [{ titleCode: 'ministry_flag', unitId: LAO_CAI }, { titleCode: 'ministry_certificate', unitId: LAO_CAI }], {}, 'ok'],
    ['an unknown title', [{ titleCode: 'co_thi_dua_bo', unitId: LAO_CAI }], {}, 'rule:title_unknown'],
    ['a collective title to a person', [{ titleCode: 'ministry_flag', person: person('Nguyễn Văn An') }], {}, 'rule:award_recipient_mismatch'],
    ['an individual title to a unit', [{ titleCode: 'emulation_fighter', unitId: LAO_CAI }], {}, 'rule:award_recipient_mismatch'],
    ['an unknown unit', [{ titleCode: 'ministry_flag', unitId: 'u-none' }], {}, 'rule:award_unit_unknown'],
    ['a person of an unknown unit', [{ titleCode: 'emulation_fighter', person: person('An', 'u-none') }], {}, 'rule:award_unit_unknown'],
    ['a unit twice', [{ titleCode: 'ministry_flag', unitId: LAO_CAI }, { titleCode: 'ministry_flag', unitId: LAO_CAI }], {}, 'rule:award_repeated'],
    ['a person twice (case and spaces aside)', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }, { titleCode: 'emulation_fighter', person: person('nguyễn văn an') }], {}, 'rule:award_repeated'],
    ['its proposal', [{ titleCode: 'government_flag', unitId: LAO_CAI, proposalId: 'p1' }], {}, 'ok'],
    ['an unknown proposal', [{ titleCode: 'government_flag', unitId: LAO_CAI, proposalId: 'p9' }], {}, 'rule:award_proposal_unknown'],
    ['a proposal of another unit', [{ titleCode: 'government_flag', unitId: YEN_BAI, proposalId: 'p1' }], {}, 'rule:award_proposal_mismatch'],
    ['a proposal of another title', [{ titleCode: 'ministry_flag', unitId: LAO_CAI, proposalId: 'p1' }], {}, 'rule:award_proposal_mismatch'],
    ['a proposal of another year', [{ titleCode: 'government_flag', unitId: LAO_CAI, proposalId: 'p1' }], { proposals: new Map([['p1', { id: 'p1', clusterId: C5, year: 2020, titleCode: 'government_flag', unitId: LAO_CAI }]]) }, 'rule:award_proposal_mismatch'],
    ['a proposal of another cluster than named', [{ titleCode: 'government_flag', unitId: LAO_CAI, proposalId: 'p1', clusterId: 'c4' }], {}, 'rule:award_proposal_mismatch'],
    ['a unit of clusters of two blocks, no cluster named', [{ titleCode: 'ministry_flag', unitId: HA_GIANG }], {}, 'rule:award_cluster_ambiguous'],
    ['a unit of clusters of two blocks, its cluster named', [{ titleCode: 'ministry_flag', unitId: HA_GIANG, clusterId: 'c-border' }], {}, 'ok'],
    ['a unit that moved, no cluster named', [{ titleCode: 'emulation_fighter', person: person('Lò Văn Xuân', SON_LA) }], {}, 'rule:award_cluster_ambiguous'],
    ['a cluster the unit was not in', [{ titleCode: 'ministry_flag', unitId: LAO_CAI, clusterId: 'c4' }], {}, 'rule:award_cluster_not_member'],
    ['a title the unit holds', [{ titleCode: 'ministry_flag', unitId: LAO_CAI }], { held: [{ awardId: 'a1', unitId: LAO_CAI, personName: null, titleCode: 'ministry_flag', decisionNumber: '1/QĐ-BCA' }] }, 'conflict:award_already_granted'],
    ['a title the unit holds, revoked by this decision', [{ titleCode: 'ministry_flag', unitId: LAO_CAI }], { held: [{ awardId: 'a1', unitId: LAO_CAI, personName: null, titleCode: 'ministry_flag', decisionNumber: '1/QĐ-BCA' }], revoking: new Set(['a1']) }, 'ok'],
    ['another title the unit holds', [{ titleCode: 'government_flag', unitId: LAO_CAI }], { held: [{ awardId: 'a1', unitId: LAO_CAI, personName: null, titleCode: 'ministry_flag', decisionNumber: '1/QĐ-BCA' }] }, 'ok'],
    ['a title a person holds', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }], { held: [heldBy('Nguyễn Văn An')] }, 'conflict:award_already_granted'],
    ['a title a person holds, named in NFD with other case and spaces', [{ titleCode: 'emulation_fighter', person: person('  NGUYỄN   văn an '.normalize('NFD')) }], { held: [heldBy('Nguyễn Văn An')] }, 'conflict:award_already_granted'],
    ['a title a person holds, revoked by this decision', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }], { held: [heldBy('Nguyễn Văn An')], revoking: new Set(['a1']) }, 'ok'],
    ['the title another person of the unit holds', [{ titleCode: 'emulation_fighter', person: person('Trần Thị Bình') }], { held: [heldBy('Nguyễn Văn An')] }, 'ok'],
    ['the title a namesake of another unit holds', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An', YEN_BAI) }], { held: [heldBy('Nguyễn Văn An')] }, 'ok'],
    ['another title the person holds', [{ titleCode: 'cand_emulation_fighter', person: person('Nguyễn Văn An') }], { held: [heldBy('Nguyễn Văn An')] }, 'ok'],
    ['a name differing by a diacritic is another person', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn Ân') }], { held: [heldBy('Nguyễn Văn An')] }, 'ok'],
    ['the unit\'s collective award of a code does not hold it for its people', [{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }],
      { held: [{ ...heldBy('Nguyễn Văn An'), personName: null }] }, 'ok']
  ]
  for (const [what, awards, over, expected] of table) t.equal(check(awards, over), expected, what)
})

t.test('the refusals name the award\'s index, the title and the unit', async (t) => {
  const thrown = (awards: AwardInput[], over: Partial<AwardFacts> = {}) => {
    try { resolveAwards(2021, awards, facts(over)) } catch (e) { return e as DomainError }
    throw new Error('not refused')
  }
  const ok = { titleCode: 'ministry_flag', unitId: YEN_BAI }
  const mismatch = thrown([ok, { titleCode: 'emulation_fighter', unitId: LAO_CAI }])
  t.match(mismatch.message, /^awards\[1\]: emulation_fighter \(Chiến sĩ thi đua cơ sở\) is an individual title/)
  t.match(mismatch.details, { index: 1, titleCode: 'emulation_fighter' })
  const held = thrown([ok, { titleCode: 'ministry_flag', unitId: LAO_CAI }], { held: [{ awardId: 'a1', unitId: LAO_CAI, personName: null, titleCode: 'ministry_flag', decisionNumber: '1/QĐ-BCA' }] })
  t.match(held.message, /awards\[1\]: Công an tỉnh Lào Cai \(u-laocai\) already holds ministry_flag/)
  t.match(held.details, { index: 1, unitId: LAO_CAI, unitName: 'Công an tỉnh Lào Cai', awardId: 'a1' })
  const personHeld = thrown([ok, { titleCode: 'emulation_fighter', person: person('nguyễn văn an') }], { held: [heldBy('Nguyễn Văn An')] })
  t.equal(personHeld.code, 'award_already_granted')
  t.equal(personHeld.message, 'awards[1]: nguyễn văn an of Công an tỉnh Lào Cai (u-laocai) already holds emulation_fighter for 2021 ' +
    '(award a1, to Nguyễn Văn An, decision 12/QĐ-CAT-PV01); revoke it first to award it again.', 'the person, the title, the year and the earlier decision\'s number')
  t.same(personHeld.details, {
    index: 1, unitId: LAO_CAI, unitName: 'Công an tỉnh Lào Cai', titleCode: 'emulation_fighter', awardId: 'a1', decisionNumber: '12/QĐ-CAT-PV01', personName: 'nguyễn văn an'
  })
  const repeated = thrown([{ titleCode: 'emulation_fighter', person: person('Nguyễn Văn An') }, ok, { titleCode: 'emulation_fighter', person: person('NGUYỄN VĂN AN') }])
  t.equal(repeated.code, 'award_repeated')
  t.equal(repeated.message, 'awards[2] repeats awards[0]: NGUYỄN VĂN AN of Công an tỉnh Lào Cai (u-laocai) receives emulation_fighter once in a decision.',
    'the person and both positions in the request')
  t.match(repeated.details, { index: 2, repeats: 0, titleCode: 'emulation_fighter', unitId: LAO_CAI, personName: 'NGUYỄN VĂN AN' })
})

t.test('resolveAwards places each award in its cluster', async (t) => {
  const resolved = resolveAwards(2021, [
    { titleCode: 'government_flag', unitId: LAO_CAI, proposalId: 'p1' },
    { titleCode: 'ministry_flag', unitId: YEN_BAI },
    { titleCode: 'ministry_flag', unitId: HA_GIANG, clusterId: 'c-border' },
    { titleCode: 'cand_emulation_fighter', person: { ...person('Lò Văn Xuân', SON_LA), rank: null }, clusterId: 'c4' }
  ], facts({ clustersOfUnits: new Map([...facts().clustersOfUnits]) }))
  t.same(resolved.map((a) => [a.clusterId, a.recipient, a.level, a.proposalId]), [
    [C5, 'collective', 'government', 'p1'], [C5, 'collective', 'ministry', null], ['c-border', 'collective', 'ministry', null], ['c4', 'individual', 'ministry', null]
  ])
  t.same(resolved[3].person, { name: 'Lò Văn Xuân', rank: null, position: 'Phó Giám đốc' })
  t.equal(placeInCluster(0, 'u', 'U', 2021, null, []), null, 'a unit of no cluster: an award counted in no cluster')
})

t.test('the decision: its year, its key, its text', async (t) => {
  const table: Array<[string, number, string]> = [['2022-01-20', 2021, 'ok'], ['2021-12-30', 2021, 'ok'], ['2021-12-30', 2022, 'rule:award_year_after_decision'], ['2030-01-01', 1990, 'ok']]
  for (const [date, year, expected] of table) t.equal(outcome(() => assertDecisionYear({ date, year })), expected, `${date} for ${year}`)
  t.same(decisionKey({ number: '1234/QĐ-BCA-X03', date: '2022-01-20', issuer: 'Bộ Công an' }), decisionKey({ number: '1234/qđ-bca-x03', date: '2022-12-31', issuer: ' BỘ CÔNG  AN ' }))
  const n = normalizeDecision({
    number: ' 1234/QĐ-BCA-X03 ', date: '2022-01-20', issuer: 'Bộ  Công an', signer: { name: 'Lê Quốc  Hùng', position: 'Thứ trưởng' }, year: 2021,
    awards: [{ titleCode: 'emulation_fighter', person: { name: ' Nguyễn Văn An', rank: ' ', unitId: 'ABC' } }]
  })
  t.same(n.awards[0], { titleCode: 'emulation_fighter', person: { name: 'Nguyễn Văn An', rank: null, position: null, unitId: 'abc' }, proposalId: null, clusterId: null })
  t.equal(n.number, '1234/QĐ-BCA-X03')
  t.same(n.revokes, [])
})

t.test('revocation lifecycle: granted → revoked, once, by a decision not earlier than the grant', async (t) => {
  const revocation = { reason: 'Khai man thành tích', decision: { number: '567/QĐ-BCA-X03', date: '2023-05-10', issuer: 'Bộ Công an' }, decisionId: null, revokedAt: '2023-05-10T03:00:00.000Z' }
  t.equal(outcome(() => assertRevocable({ id: 'a1', revocation: null })), 'ok')
  t.equal(outcome(() => assertRevocable({ id: 'a1', revocation })), 'conflict:award_revoked')
  const table: Array<[string, string]> = [['2022-01-19', 'rule:award_revocation_before_grant'], ['2022-01-20', 'ok'], ['2023-05-10', 'ok']]
  for (const [date, expected] of table) {
    t.equal(outcome(() => assertRevokedAfterGrant({ id: 'a1', decisionDate: '2022-01-20' }, { ...revocation.decision, date })), expected, date)
  }
  t.equal(outcome(() => assertRevocationsDistinct([{ awardId: 'a' }, { awardId: 'b' }])), 'ok')
  t.equal(outcome(() => assertRevocationsDistinct([{ awardId: 'a' }, { awardId: 'b' }, { awardId: 'a' }])), 'rule:award_revocation_repeated')
})

const title = (code: string) => TITLES.find((x) => x.code === code)!
const entry = (code: string, revoked = false): TallyEntry => ({ titleCode: code, titleName: title(code).name, level: title(code).level, recipient: title(code).recipient, revoked })

t.test('tallyAwards: by title and level, revoked awards excluded (seed 004: 2 Government flags, 4 Ministry flags)', async (t) => {
  const tally = tallyAwards([
    entry('government_flag'), entry('government_flag'), ...Array.from({ length: 4 }, () => entry('ministry_flag')), entry('ministry_flag', true),
    entry('emulation_fighter'), entry('cand_emulation_fighter')
  ])
  t.same(tally, {
    collectives: 6,
    individuals: 2,
    total: 8,
    byTitle: [
      { titleCode: 'government_flag', titleName: 'Cờ thi đua của Chính phủ', level: 'government', recipient: 'collective', count: 2 },
      { titleCode: 'ministry_flag', titleName: 'Cờ thi đua của Bộ Công an', level: 'ministry', recipient: 'collective', count: 4 },
      { titleCode: 'cand_emulation_fighter', titleName: 'Chiến sĩ thi đua Công an nhân dân', level: 'ministry', recipient: 'individual', count: 1 },
      { titleCode: 'emulation_fighter', titleName: 'Chiến sĩ thi đua cơ sở', level: 'unit', recipient: 'individual', count: 1 }
    ],
    byLevel: [{ level: 'government', collectives: 2, individuals: 0 }, { level: 'ministry', collectives: 4, individuals: 1 }, { level: 'unit', collectives: 0, individuals: 1 }]
  })
  t.same(tallyAwards([]), { collectives: 0, individuals: 0, total: 0, byTitle: [], byLevel: AWARD_LEVELS.map((level) => ({ level, collectives: 0, individuals: 0 })) })
})

t.test('tallyAwards, property: the totals are the awards not revoked, and every breakdown sums to them', async (t) => {
  const entries = fc.array(fc.record({ code: fc.constantFrom(...TITLES.map((x) => x.code)), revoked: fc.boolean() }), { maxLength: 200 })
  fc.assert(fc.property(entries, (list) => {
    const tally = tallyAwards(list.map((e) => entry(e.code, e.revoked)))
    const kept = list.filter((e) => !e.revoked)
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
    return tally.total === kept.length &&
      tally.collectives === kept.filter((e) => title(e.code).recipient === 'collective').length &&
      tally.collectives + tally.individuals === tally.total &&
      sum(tally.byTitle.map((x) => x.count)) === tally.total &&
      sum(tally.byLevel.map((x) => x.collectives)) === tally.collectives &&
      sum(tally.byLevel.map((x) => x.individuals)) === tally.individuals &&
      // the order of the awards does not matter, nor whether they come one by one or counted
      JSON.stringify(tallyAwards([...list].reverse().map((e) => entry(e.code, e.revoked)))) === JSON.stringify(tally) &&
      JSON.stringify(tallyAwards(TITLES.flatMap((x) => [false, true].map((revoked) => ({
        ...entry(x.code, revoked), count: list.filter((e) => e.code === x.code && e.revoked === revoked).length
      }))))) === JSON.stringify(tally)
  }))
})

/** Three names, each in any of the forms one name arrives in: NFC or NFD, any case, extra spaces. */
const name = () => fc.tuple(fc.constantFrom('Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'), fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'), fc.boolean(), fc.boolean())
  .map(([n, form, upper, spaced]) => {
    const cased = upper ? n.toUpperCase() : n
    return (spaced ? ` ${cased.replace(/ /g, '  ')} ` : cased).normalize(form)
  })

t.test('resolveAwards, property: accepted exactly when no unit, nor person of a unit, gets a title twice in the year, and then one award out per award in', async (t) => {
  const units = [LAO_CAI, YEN_BAI]
  const award = fc.oneof(
    fc.record({ titleCode: fc.constantFrom('government_flag', 'ministry_flag', 'ministry_certificate'), unitId: fc.constantFrom(...units) }),
    fc.record({
      titleCode: fc.constantFrom('emulation_fighter', 'cand_emulation_fighter'),
      person: fc.record({ name: name(), unitId: fc.constantFrom(...units) })
    })
  ) as fc.Arbitrary<AwardInput>
  const held = fc.array(fc.oneof(
    fc.record({ unitId: fc.constantFrom(...units), personName: fc.constant(null), titleCode: fc.constantFrom('government_flag', 'ministry_flag'), revoked: fc.boolean() }),
    fc.record({ unitId: fc.constantFrom(...units), personName: name(), titleCode: fc.constantFrom('emulation_fighter', 'cand_emulation_fighter'), revoked: fc.boolean() })
  ), { maxLength: 4 })
  // The same person as the model sees them: the same unit and the same letters, whatever the form, case and spaces.
  const same = (a: string, b: string) => a.normalize('NFC').toLowerCase().split(/\s+/).join(' ').trim() === b.normalize('NFC').toLowerCase().split(/\s+/).join(' ').trim()
  const clashes = (a: AwardInput, h: { unitId: string, personName: string | null, titleCode: string }) => a.titleCode === h.titleCode &&
    (a.person ? h.personName !== null && a.person.unitId === h.unitId && same(a.person.name, h.personName) : h.personName === null && a.unitId === h.unitId)
  fc.assert(fc.property(fc.array(award, { maxLength: 30 }), held, (awards, heldList) => {
    const repeated = awards.some((a, i) => awards.slice(0, i).some((b) => clashes(a, { unitId: recipientUnitOf(b), personName: b.person?.name ?? null, titleCode: b.titleCode })))
    const heldAwards = heldList.map((h, i) => ({ awardId: `a${i}`, unitId: h.unitId, personName: h.personName, titleCode: h.titleCode, decisionNumber: '1/QĐ-BCA' }))
    const revoking = new Set(heldList.flatMap((h, i) => (h.revoked ? [`a${i}`] : [])))
    const clash = heldList.some((h) => !h.revoked && awards.some((a) => clashes(a, h)))
    const result = check(awards, { held: heldAwards, revoking })
    if (repeated) return result === 'rule:award_repeated'
    if (clash) return result === 'conflict:award_already_granted'
    return result === 'ok' && resolveAwards(2021, awards, facts({ held: heldAwards, revoking })).length === awards.length
  }))
})
