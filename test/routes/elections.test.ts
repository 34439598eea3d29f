// Title elections of Cụm 9 over HTTP, on its finalized 2024 ranking: eligibility, every refusal of a draft and of a
// ballot, a round without quorum, a tie that goes to a second round, the tie-break after the last voting round
// (final score, then lots), and the proposals a decided title election records.
import t from 'tap'
import { drawLots } from '../../src/domain/election.js'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus, NIL } from '../helpers/http.js'
import { castAll, openElection, seedFinalRanking } from '../helpers/elections.js'
import { addClusterTitle } from '../helpers/titles.js'

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

t.test('title elections of Cụm 9', async (t) => {
  const built = await build(t, { clock: () => new Date('2024-12-20T03:00:00Z') })
  const { app, admin, auth } = built
  const as = caller(app)
  const seeded = await seedFinalRanking(built)
  const { cluster9, cluster8, units, ids, secretariat, unitToken, yte, cnan, haucan, bv304, bv199 } = seeded
  const reader = auth({ role: 'reader' })
  const elections = `/v1/clusters/${cluster9.id}/elections`
  const title = (titleCode: string, candidateUnitIds: string[], extra: Record<string, unknown> = {}) =>
    ({ kind: 'title', titleCode, termYear: 2024, candidateUnitIds, ...extra })
  const everyone = (choice: (voter: string, i: number) => string[]) => ids.map((id, i): [string, string[]] => [id, choice(id, i)])
  /** How a refusal names a unit: its name, then its id. */
  const named = (id: string) => `${Object.keys(units).find((name) => units[name] === id)} (${id})`
  const OVERRIDE = 'An admin may override the ranking with eligibilityOverride and a reason.'
  // Titles of the cluster's own, which the catalogue lists once an admin adds them.
  for (const code of ['constructor', 'emulation_excellent', 'emulation_flag', 'emulation_flag_lots']) await addClusterTitle(app, admin, code)

  async function setRules (rules: Record<string, unknown>) {
    const current = await as(admin).get(`/v1/clusters/${cluster9.id}`)
    await expectStatus(as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules }, { 'if-match': current.headers.etag as string }), 200)
  }

  await t.test('title candidates must be eligible in the finalized ranking, unless an admin overrides with a reason', async (t) => {
    const notEligible = await as(secretariat).post(elections, title('ministry_flag', [yte, bv304]))
    t.equal(notEligible.statusCode, 422)
    t.match(notEligible.json(), { code: 'candidate_not_eligible', unitIds: [bv304] }, 'the Ministry flag needs the Ministry-flag band')
    t.match(notEligible.json().detail, new RegExp(`^Not eligible for ministry_flag: ${esc(named(bv304))} is below the Ministry-flag band in the ` +
      `finalized ranking of 2024 \\(rank \\d+, band "[^"]+", \\d+\\.\\d\\d points\\)\\. ${esc(OVERRIDE)}$`), 'names the unit, why, where it stands, and the override')
    const government = await as(secretariat).post(elections, title('government_flag', [cnan]))
    t.match(government.json(), { status: 422, code: 'candidate_not_eligible', unitIds: [cnan] }, 'the Government flag only for the leading unit')
    t.match(government.json().detail, `Not eligible for government_flag: ${named(cnan)} is below the Ministry-flag band in the finalized ranking of 2024 (rank `)
    const leader = await expectStatus(as(secretariat).post(elections, title('government_flag', [yte])), 201)
    t.match(leader, { kind: 'title', titleCode: 'government_flag', seats: 1, status: 'draft', eligibilityOverride: null, office: null })

    const bySecretariat = await as(secretariat).post(elections, title('ministry_flag', [bv304], { eligibilityOverride: { reason: 'Thành tích đột xuất' } }))
    t.equal(bySecretariat.statusCode, 403, 'only an admin overrides')
    const overridden = await expectStatus(as(admin).post(elections, title('ministry_flag', [bv304], { eligibilityOverride: { reason: 'Thành tích đột xuất trong năm' } })), 201)
    t.same(overridden.eligibilityOverride, { reason: 'Thành tích đột xuất trong năm', by: 'test-admin' }, 'the override and its reason are recorded')
    const audited = (await as(admin).get(`/v1/audit-events?resourceType=election&resourceId=${overridden.id}`)).json().items
    t.match(audited[0], { action: 'election.created', actor: { sub: 'test-admin', role: 'admin' }, after: { eligibilityOverride: { reason: 'Thành tích đột xuất trong năm' } } })
    const forLeadership = await as(admin).post(elections, { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [yte], eligibilityOverride: { reason: 'x' } })
    t.match(forLeadership.json(), { status: 400, code: 'validation_failed', errors: [{ path: '/body/eligibilityOverride' }] }, 'a leadership election has no eligibility to override')

    // A unit awaiting a discipline decision is barred from every title.
    await created(app, admin, `/v1/units/${haucan}/discipline-records`, { from: '2024-10-01', status: 'pending', note: 'Chờ quyết định xử lý kỷ luật' })
    const disciplined = await as(secretariat).post(elections, title('ministry_certificate', [haucan, bv199]))
    t.match(disciplined.json(), { status: 422, code: 'candidate_not_eligible', unitIds: [haucan] })
    t.match(disciplined.json().detail, `Not eligible for ministry_certificate: ${named(haucan)} is under discipline (pending or in force) in 2024, which bars it from every title (rank `)
    t.match(disciplined.json().detail, OVERRIDE)
  })

  await t.test('a draft must fit its kind, and its candidates must be members', async (t) => {
    const outsider = units['Cục Viễn thông và cơ yếu']
    // Kinds are in the contract: a body that does not fit its kind is refused by the schema, naming the field.
    const cases: Array<[string, Record<string, unknown>, number, string, string?]> = [
      ['a candidate of another cluster', title('ministry_certificate', [bv304, outsider]), 422, 'candidate_not_member'],
      ['an unknown candidate', title('ministry_certificate', [NIL]), 422, 'candidate_not_member'],
      ['a candidate twice', title('ministry_certificate', [bv304, bv304.toUpperCase()]), 422, 'duplicate_candidate'],
      ['more seats than candidates', title('ministry_certificate', [bv304], { seats: 2 }), 422, 'more_seats_than_candidates'],
      ['a title election without its title', { kind: 'title', termYear: 2024, candidateUnitIds: [bv304] }, 400, 'validation_failed', '/body/titleCode'],
      ['a title election with an office', title('ministry_certificate', [bv304], { office: 'head' }), 400, 'validation_failed', '/body/office'],
      ['a leadership election without its office', { kind: 'leadership', termYear: 2025, candidateUnitIds: [bv304] }, 400, 'validation_failed', '/body/office'],
      ['a leadership election with a title', { kind: 'leadership', office: 'head', titleCode: 'ministry_flag', termYear: 2025, candidateUnitIds: [bv304] }, 400, 'validation_failed', '/body/titleCode'],
      ['a leadership election with two seats', { kind: 'leadership', office: 'head', seats: 2, termYear: 2025, candidateUnitIds: [bv304, cnan] }, 400, 'validation_failed', '/body/seats'],
      ['a leadership election with an eligibility override', { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [bv304], eligibilityOverride: { reason: 'Thành tích đột xuất' } }, 400, 'validation_failed', '/body/eligibilityOverride'],
      ['an election of no known kind', { kind: 'honour', termYear: 2025, candidateUnitIds: [bv304] }, 400, 'validation_failed', '/body/kind'],
      ['an election without a kind', { termYear: 2025, candidateUnitIds: [bv304] }, 400, 'validation_failed', '/body/kind'],
      ['no candidate', title('ministry_certificate', []), 400, 'validation_failed'],
      ['an unknown field', title('ministry_certificate', [bv304], { ballots: 3 }), 400, 'validation_failed'],
      ['a malformed title code', title('Cờ thi đua', [bv304]), 400, 'validation_failed'],
      ['a title the catalogue does not have', title('co_thi_dua_cum', [bv304]), 422, 'title_unknown'],
      ['a title for individuals', title('emulation_fighter', [bv304]), 422, 'title_not_for_collectives']
    ]
    for (const [name, body, status, code, field] of cases) {
      const response = await as(secretariat).post(elections, body)
      t.equal(response.statusCode, status, name)
      t.equal(response.json().code, code, name)
      if (field !== undefined) t.ok(response.json().errors.some((e: { path: string }) => e.path === field), `${name}: names ${field}`)
    }
    const notMember = await as(secretariat).post(elections, title('ministry_certificate', [bv304, outsider]))
    t.equal(notMember.json().detail, `${named(outsider)} is not a member of the cluster on 2024-12-20.`, 'the outsider by name and id')
    t.equal((await as(secretariat).post(elections, title('ministry_certificate', [NIL]))).json().detail,
      `Unit ${NIL} is not a member of the cluster on 2024-12-20.`, 'an id that names no unit stays an id')
    const otherCluster = await expectStatus(as(admin).post(`/v1/clusters/${cluster8.id}/conferences`, {
      kind: 'annual_review', title: 'Hội nghị tổng kết năm 2024', year: 2024, heldAt: '2024-12-20T08:00:00+07:00',
      chair: { name: 'Nguyễn Văn A', rank: 'Thiếu tướng', position: 'Cục trưởng', unitId: null }, attendingUnitIds: []
    }), 201)
    const foreign = await as(secretariat).post(elections, title('ministry_certificate', [bv304], { conferenceId: otherCluster.id }))
    t.match(foreign.json(), { status: 422, code: 'conference_not_in_cluster' })
    const other = auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'sec-8' })
    t.equal((await as(other).post(elections, title('ministry_certificate', [bv304]))).statusCode, 403, 'a secretariat runs its own cluster only')
    t.equal((await as(reader).post(elections, title('ministry_certificate', [bv304]))).statusCode, 403)

    await setRules({ titleSeats: { ministry_certificate: 2 } })
    const fixed = await as(secretariat).post(elections, title('ministry_certificate', [bv304, cnan, bv199], { seats: 1 }))
    t.match(fixed.json(), { status: 422, code: 'seats_fixed_by_rules', seats: 2 })
    const bySeats = await expectStatus(as(secretariat).post(elections, title('ministry_certificate', [bv304, cnan, bv199])), 201)
    t.equal(bySeats.seats, 2, 'the cluster\'s seats for the title apply')
    await setRules({ titleSeats: {} })
  })

  await t.test('a title code named like a property every object inherits is a title like any other, never a 500', async (t) => {
    const drafted = await expectStatus(as(admin).post(elections, title('constructor', [bv304, cnan], { eligibilityOverride: { reason: 'Danh hiệu khác' } })), 201)
    t.equal(drafted.seats, 1, 'the cluster lists no seats for it: the default applies')
    await setRules({ titleSeats: { constructor: 2 } })
    const listed = await expectStatus(as(admin).post(elections, title('constructor', [bv304, cnan], { eligibilityOverride: { reason: 'Danh hiệu khác' } })), 201)
    t.equal(listed.seats, 2, 'the seats the cluster lists for it apply')
    await setRules({ titleSeats: {} })
    for (const titleCode of ['__proto__', 'toString', 'hasOwnProperty']) {
      const response = await as(admin).post(elections, title(titleCode, [bv304]))
      t.equal(response.statusCode, 400, `${titleCode} does not have a title code's shape`)
      t.equal(response.json().code, 'validation_failed', titleCode)
    }
    const proposals = await as(reader).get(`/v1/clusters/${cluster9.id}/title-proposals?titleCode=constructor`)
    t.same(proposals.json(), { items: [], nextCursor: null }, 'a filter by such a code finds nothing')
  })

  await t.test('every refusal of a ballot', async (t) => {
    const id = await openElection(app, secretariat, cluster9.id, title('ministry_certificate', [bv304, cnan, bv199], { seats: 2 }))
    const ballots = `/v1/elections/${id}/ballots`
    const refusals: Array<[string, string, Record<string, unknown>, number, string, Record<string, string>?]> = [
      ['a unit that is not a member', admin, { voterUnitId: units['Cục Viễn thông và cơ yếu'], choices: [bv304] }, 422, 'voter_not_in_electorate'],
      ['a unit voting for another unit', unitToken(yte), { voterUnitId: cnan, choices: [bv304] }, 403, 'forbidden'],
      ['a reader', reader, { voterUnitId: yte, choices: [bv304] }, 403, 'forbidden'],
      ['the secretariat on a unit\'s behalf', secretariat, { voterUnitId: yte, choices: [bv304] }, 403, 'forbidden'],
      ['more choices than seats', unitToken(yte), { voterUnitId: yte, choices: [bv304, cnan, bv199] }, 422, 'too_many_choices'],
      ['a choice twice', unitToken(yte), { voterUnitId: yte, choices: [bv304, bv304] }, 422, 'duplicate_choice'],
      ['a unit that is not a candidate', unitToken(yte), { voterUnitId: yte, choices: [yte] }, 422, 'not_a_candidate'],
      ['a malformed choice', unitToken(yte), { voterUnitId: yte, choices: ['Bệnh viện 30/4'] }, 400, 'validation_failed'],
      ['an Idempotency-Key', unitToken(yte), { voterUnitId: yte, choices: [bv304] }, 400, 'idempotency_not_supported', { 'idempotency-key': 'ballot-1' }]
    ]
    for (const [name, token, body, status, code, headers] of refusals) {
      const response = await as(token).post(ballots, body, headers)
      t.equal(response.statusCode, status, name)
      t.equal(response.json().code, code, name)
      t.equal(response.headers['content-type'], 'application/problem+json', name)
    }
    const outsider = units['Cục Viễn thông và cơ yếu']
    t.equal((await as(admin).post(ballots, { voterUnitId: outsider, choices: [bv304] })).json().detail,
      `${named(outsider)} was not a member of the cluster when round 1 opened, so it cannot vote in it.`)
    t.equal((await as(reader).get(`/v1/elections/${id}`)).json().turnout.voted, 0, 'no refused ballot was counted')

    const beforeVote = (await as(reader).get(`/v1/elections/${id}`)).headers.etag as string
    const first = await expectStatus(as(unitToken(yte)).post(ballots, { voterUnitId: yte, choices: [bv304, cnan] }), 201)
    const afterVote = await as(reader).get(`/v1/elections/${id}`, { 'if-none-match': beforeVote })
    t.equal(afterVote.statusCode, 200, 'a ballot changes the turnout, so the election\'s ETag')
    t.not(afterVote.headers.etag, beforeVote)
    t.match(first, { electionId: id, round: 1, receipt: /^[A-Za-z0-9_-]{32}$/ })
    const second = await as(unitToken(yte)).post(ballots, { voterUnitId: yte, choices: [] })
    t.equal(second.statusCode, 409, 'one ballot per unit per round')
    t.equal(second.json().code, 'already_voted')
    const byAdmin = await as(admin).post(ballots, { voterUnitId: yte, choices: [bv199] })
    t.equal(byAdmin.json().code, 'already_voted', 'however it is sent')
    t.match((await as(reader).get(`/v1/elections/${id}`)).json().turnout, { voted: 1, votedUnitIds: [yte] })

    await setRules({ selfVoteAllowed: false })
    const self = await as(unitToken(bv304)).post(ballots, { voterUnitId: bv304, choices: [bv304] })
    t.match(self.json(), { status: 422, code: 'self_vote_not_allowed' })
    t.notMatch(self.json().detail, bv304, 'a refusal never names a choice')
    await setRules({ selfVoteAllowed: true })

    t.equal((await as(reader).get(`/v1/elections/${id}/receipts/${first.receipt}`)).json().roundClosed, false)
    t.equal((await as(reader).get(`/v1/elections/${id}/receipts/not-a-receipt`)).json().code, 'receipt_not_found')
    await expectStatus(as(secretariat).post(`/v1/elections/${id}/close`, {}), 200)
    const late = await as(unitToken(cnan)).post(ballots, { voterUnitId: cnan, choices: [bv304] })
    t.match(late.json(), { status: 409, code: 'election_not_open' }, 'no ballot after close')
    t.match((await as(secretariat).post(`/v1/elections/${id}/close`, {})).json(), { status: 409, code: 'election_not_open' })
    t.equal((await as(reader).get(`/v1/elections/${id}/receipts/${first.receipt}`)).json().roundClosed, true)
  })

  await t.test('a round without quorum is counted for nothing, and the next round opens with the same candidates', async (t) => {
    const id = await openElection(app, secretariat, cluster9.id, title('ministry_certificate', [bv304, cnan], { seats: 1 }))
    // 4 of 7 ballots: below the 2/3 quorum (5 of 7).
    await castAll(app, unitToken, id, everyone(() => [bv304]).slice(0, 4))
    const result = await expectStatus(as(secretariat).post(`/v1/elections/${id}/close`, {}), 200)
    t.match(result, { status: 'closed', winners: [], nextRound: { candidateUnitIds: [bv304, cnan], seats: 1 } })
    t.match(result.rounds[0], { outcome: 'no_quorum', ballotsCast: 4, electorate: 7, quorum: { met: false, required: { numerator: 2, denominator: 3 } }, winners: [] })
    t.equal((await as(reader).get(`/v1/elections/${id}`)).json().status, 'closed')
    const reopened = await expectStatus(as(secretariat).post(`/v1/elections/${id}/open`, {}), 200)
    t.match(reopened, { status: 'open', round: 2, turnout: { round: 2, voted: 0 } })
    await castAll(app, unitToken, id, everyone((_, i) => (i < 5 ? [bv304] : [cnan])))
    const decided = await expectStatus(as(secretariat).post(`/v1/elections/${id}/close`, {}), 200)
    t.match(decided, { status: 'decided', winners: [{ unitId: bv304, votes: 5, round: 2, decidedBy: 'votes' }] })
    t.equal(decided.rounds.length, 2)
    const proposals = (await as(reader).get(`/v1/clusters/${cluster9.id}/title-proposals?year=2024&titleCode=ministry_certificate`)).json().items
    t.match(proposals, [{ unitId: bv304, electionId: id, round: 2, votes: 5, ballotsCast: 7, electorate: 7, decidedBy: 'votes' }])
    const again = await as(secretariat).post(elections, title('ministry_certificate', [bv304, cnan]))
    t.match(again.json(), { status: 422, code: 'already_proposed', unitIds: [bv304] }, 'a unit is proposed for a title once a year')
    t.equal(again.json().detail, `${named(bv304)} is already proposed for ministry_certificate in 2024.`)
    t.match((await as(secretariat).post(`/v1/elections/${id}/open`, {})).json(), { status: 409, code: 'election_not_openable' })
  })

  await t.test('a tie goes to a second round among the tied candidates', async (t) => {
    const id = await openElection(app, secretariat, cluster9.id, title('emulation_excellent', [bv304, cnan, bv199], { seats: 1 }))
    // 3 – 3 – 1: nobody has more than half of the 7 ballots, and the first two are level.
    await castAll(app, unitToken, id, everyone((_, i) => (i < 3 ? [bv304] : i < 6 ? [cnan] : [bv199])))
    const result = await expectStatus(as(secretariat).post(`/v1/elections/${id}/close`, {}), 200)
    t.match(result.rounds[0], { outcome: 'tie', winners: [], next: { candidateUnitIds: [bv304, cnan].sort(), seats: 1 }, threshold: { minimumVotes: 4 } })
    t.same(result.nextRound, { candidateUnitIds: [bv304, cnan].sort(), seats: 1 })
    const second = await expectStatus(as(secretariat).post(`/v1/elections/${id}/open`, {}), 200)
    t.equal(second.round, 2)
    const notInRound = await as(unitToken(yte)).post(`/v1/elections/${id}/ballots`, { voterUnitId: yte, choices: [bv199] })
    t.match(notInRound.json(), { status: 422, code: 'not_a_candidate' }, 'the second round is among the tied candidates only')
    await castAll(app, unitToken, id, everyone((_, i) => (i < 4 ? [cnan] : [bv304])))
    const decided = await expectStatus(as(secretariat).post(`/v1/elections/${id}/close`, {}), 200)
    t.match(decided, { status: 'decided', winners: [{ unitId: cnan, votes: 4, round: 2, decidedBy: 'votes' }], nextRound: null })
  })

  await t.test('after the last voting round a tie goes to the higher final score, then to lots', async (t) => {
    await setRules({ votingRoundsBeforeTieBreak: 1 })
    const byScore = await openElection(app, secretariat, cluster9.id, title('emulation_flag', [bv304, yte], { seats: 1 }))
    await castAll(app, unitToken, byScore, everyone((_, i) => (i < 3 ? [bv304] : i < 6 ? [yte] : [])))
    const scored = await expectStatus(as(secretariat).post(`/v1/elections/${byScore}/close`, {}), 200)
    t.match(scored, { status: 'decided', winners: [{ unitId: yte, votes: 3, decidedBy: 'final_score' }] }, '90.50 beats 79.57')
    t.equal(scored.rounds[0].lots, null)

    // Cục Hậu cần and Bệnh viện 199 both total 50, so lots decide. Cục Hậu cần awaits a discipline decision: only an
    // admin's override puts it forward.
    const byLots = await openElection(app, admin, cluster9.id, title('emulation_flag_lots', [bv199, haucan], {
      seats: 1, eligibilityOverride: { reason: 'Kỷ luật chưa có quyết định' }
    }))
    await castAll(app, unitToken, byLots, everyone((_, i) => (i < 3 ? [bv199] : i < 6 ? [haucan] : [])))
    const drawn = await expectStatus(as(secretariat).post(`/v1/elections/${byLots}/close`, {}), 200)
    const { lots } = drawn.rounds[0]
    t.match(lots, { seed: /^[0-9a-f]{32}$/ }, 'the seed is recorded')
    t.same(lots.order, drawLots(lots.seed, [bv199, haucan]), 'anyone can redo the drawing from the seed')
    t.match(drawn, { status: 'decided', winners: [{ unitId: lots.order[0], decidedBy: 'lots' }] })
    await setRules({ votingRoundsBeforeTieBreak: 3 })
  })

  await t.test('reads: the result only after close, lists, the ETag', async (t) => {
    const draft = await expectStatus(as(secretariat).post(elections, title('ministry_certificate', [cnan, bv199])), 201)
    t.match((await as(reader).get(`/v1/elections/${draft.id}/result`)).json(), { status: 409, code: 'election_not_closed' })
    t.match((await as(unitToken(yte)).post(`/v1/elections/${draft.id}/ballots`, { voterUnitId: yte, choices: [] })).json(), { status: 409, code: 'election_not_open' })
    const got = await as(reader).get(`/v1/elections/${draft.id}`)
    t.equal(got.headers.etag, '"v1"')
    t.equal((await as(reader).get(`/v1/elections/${draft.id}`, { 'if-none-match': '"v1"' })).statusCode, 304)
    t.equal((await as(reader).get(`/v1/elections/${NIL}`)).json().code, 'election_not_found')
    const listed = (await as(reader).get(`${elections}?termYear=2024&kind=title&limit=200`)).json()
    t.ok(listed.items.length >= 8)
    t.ok(listed.items.every((e: { termYear: number, kind: string }) => e.termYear === 2024 && e.kind === 'title'))
    t.same((await as(reader).get(`${elections}?kind=leadership`)).json().items, [])
    const page = (await as(reader).get(`${elections}?limit=2`)).json()
    const rest = (await as(reader).get(`${elections}?limit=200&cursor=${page.nextCursor}`)).json()
    t.equal(page.items.length + rest.items.length, listed.items.length, 'pages cover the list once')
    t.equal((await as(reader).get(`/v1/clusters/${NIL}/elections`)).json().code, 'cluster_not_found')
    t.equal((await as(reader).get(`/v1/clusters/${NIL}/title-proposals`)).json().code, 'cluster_not_found')
  })
})

t.test('leadership: the outgoing-head rule, and the deputy only after the head', async (t) => {
  const built = await build(t, { clock: () => new Date('2024-12-20T03:00:00Z') })
  const { app, admin } = built
  const as = caller(app)
  const { cluster9, secretariat, unitToken, ids, yte, cnan, bv304, units } = await seedFinalRanking(built, { finalize: false })
  const named = (id: string) => `${Object.keys(units).find((name) => units[name] === id)} (${id})`
  const elections = `/v1/clusters/${cluster9.id}/elections`
  await expectStatus(as(admin).put(`/v1/clusters/${cluster9.id}/terms/2024`, { headUnitId: yte, deputyUnitId: cnan }), 201)

  const current = await as(admin).get(`/v1/clusters/${cluster9.id}`)
  await expectStatus(as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { outgoingHeadMayBeReelected: false } }, { 'if-match': current.headers.etag as string }), 200)
  const reelect = await as(secretariat).post(elections, { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [yte, bv304] })
  t.match(reelect.json(), { status: 422, code: 'outgoing_head_not_eligible', unitId: yte })
  t.equal(reelect.json().detail, `${named(yte)} heads the cluster in 2024; this cluster's rules forbid electing it head again.`)

  const deputy = await expectStatus(as(secretariat).post(elections, { kind: 'leadership', office: 'deputy', termYear: 2025, candidateUnitIds: [bv304, cnan] }), 201)
  const early = await as(secretariat).post(`/v1/elections/${deputy.id}/open`, {})
  t.match(early.json(), { status: 422, code: 'head_not_elected' }, 'the head is elected first')

  const head = await openElection(app, secretariat, cluster9.id, { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [bv304, cnan] })
  await castAll(app, unitToken, head, ids.map((id): [string, string[]] => [id, [bv304]]))
  await expectStatus(as(secretariat).post(`/v1/elections/${head}/close`, {}), 200)
  const headStands = await as(secretariat).post(`/v1/elections/${deputy.id}/open`, {})
  t.match(headStands.json(), { status: 422, code: 'candidate_is_head', unitId: bv304 }, 'a draft made before the head was elected cannot open with the head standing')
  const draftedWithHead = await as(secretariat).post(elections, { kind: 'leadership', office: 'deputy', termYear: 2025, candidateUnitIds: [cnan, bv304] })
  t.match(draftedWithHead.json(), { status: 422, code: 'candidate_is_head', unitId: bv304 }, 'once the head is elected, a draft naming it for deputy is refused at once')
  t.equal(draftedWithHead.json().detail, `${named(bv304)} is elected head for 2025 and cannot also be deputy.`)
  t.equal(headStands.json().detail, `${named(bv304)} is elected head for 2025 and cannot also be deputy.`, 'named when a round opens too')
  t.equal((await as(admin).get(`/v1/clusters/${cluster9.id}/terms/2025`)).statusCode, 404, 'no term until the deputy is elected')

  const second = await openElection(app, secretariat, cluster9.id, { kind: 'leadership', office: 'deputy', termYear: 2025, candidateUnitIds: [cnan, yte] })
  await castAll(app, unitToken, second, ids.map((id, i): [string, string[]] => [id, [i < 2 ? yte : cnan]]))
  const result = await expectStatus(as(secretariat).post(`/v1/elections/${second}/close`, {}), 200)
  t.match(result, { termWritten: true, winners: [{ unitId: cnan, votes: 5 }] })
  const term = (await as(admin).get(`/v1/clusters/${cluster9.id}/terms/2025`)).json()
  t.match(term, { headUnitId: bv304, deputyUnitId: cnan, chosenBy: 'election', flagHandover: { fromUnitId: yte, toUnitId: bv304, year: 2025 } })
  const events = (await as(admin).get('/v1/events?limit=200')).json().items
  const handover = events.filter((e: { type: string }) => e.type === 'flag.handed_over')
  t.match(handover, [{ resourceType: 'flag_handover', resourceId: `${cluster9.id}/2025`, data: { fromUnitId: yte, toUnitId: bv304, year: 2025, chosenBy: 'election' } }])
  t.ok(events.some((e: { type: string }) => e.type === 'term.elected'))
})

t.test('a page of elections reads every turnout in the same number of queries, whatever its length', async (t) => {
  const built = await build(t, { clock: () => new Date('2024-12-20T03:00:00Z') })
  const { app, admin } = built
  const as = caller(app)
  const { cluster9, secretariat, unitToken, yte, cnan, bv304 } = await seedFinalRanking(built, { finalize: false })
  const list = `/v1/clusters/${cluster9.id}/elections`
  const measured = async () => {
    let queries = 0
    const count = () => { queries++ }
    app.db.on('query', count)
    const page = await expectStatus(as(admin).get(list), 200)
    app.db.off('query', count)
    return { queries, items: page.items as Array<{ id: string, turnout: { voted: number, votedUnitIds: string[], electorate: number } | null }> }
  }
  const counts: number[] = []
  for (const termYear of [2025, 2026, 2027]) {
    const id = await openElection(app, secretariat, cluster9.id, { kind: 'leadership', office: 'head', termYear, candidateUnitIds: [bv304, cnan] })
    await castAll(app, unitToken, id, [[yte, [bv304]], [cnan, [bv304]]].slice(0, termYear - 2024) as Array<[string, string[]]>)
    const { queries, items } = await measured()
    t.equal(items.length, termYear - 2024)
    const opened = items.find((e) => e.id === id)!
    t.same(opened.turnout, { round: 1, electorate: 7, voted: Math.min(2, termYear - 2024), votedUnitIds: [yte, cnan].slice(0, termYear - 2024).sort() })
    counts.push(queries)
  }
  await expectStatus(as(secretariat).post(list, { kind: 'leadership', office: 'deputy', termYear: 2025, candidateUnitIds: [cnan, yte] }), 201)
  const withDraft = await measured()
  t.equal(withDraft.items.filter((e) => e.turnout === null).length, 1, 'a draft has no turnout yet')
  t.same(new Set([...counts, withDraft.queries]).size, 1, `the same number of queries for 1 to 4 elections (${counts.join(', ')}, ${withDraft.queries})`)
})

t.test('cancelling: a draft or an election awaiting its next round; never one with a round open, nor a decided one', async (t) => {
  const built = await build(t, { clock: () => new Date('2024-12-20T03:00:00Z') })
  const { app, admin, auth } = built
  const as = caller(app)
  const { cluster8, cluster9, secretariat, unitToken, ids, yte, cnan, bv304 } = await seedFinalRanking(built, { finalize: false })
  const elections = `/v1/clusters/${cluster9.id}/elections`
  const head = { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [bv304, cnan] }
  const cancel = (id: string, token = secretariat, body: object = { reason: '  Lập nhầm danh sách ứng cử  ' }) => as(token).post(`/v1/elections/${id}/cancel`, body)

  const draft = await expectStatus(as(secretariat).post(elections, head), 201)
  for (const [token, body, status] of [
    [auth({ role: 'secretariat', clusterId: cluster8.id, sub: 'sec-8' }), undefined, 403],
    [unitToken(yte), undefined, 403],
    [secretariat, {}, 400],
    [secretariat, { reason: '   ' }, 400]
  ] as Array<[string, object | undefined, number]>) {
    t.equal((await cancel(draft.id, token, body)).statusCode, status)
  }
  const cancelled = await expectStatus(cancel(draft.id), 200)
  t.match(cancelled, { status: 'cancelled', cancellation: { reason: 'Lập nhầm danh sách ứng cử', cancelledBy: 'sec-9', cancelledAt: '2024-12-20T03:00:00.000Z' }, turnout: null })
  t.same((await expectStatus(as(admin).get(`/v1/elections/${draft.id}`), 200)).cancellation, cancelled.cancellation)
  t.match((await cancel(draft.id)).json(), { status: 409, code: 'election_not_cancellable', electionStatus: 'cancelled' })
  t.match((await as(secretariat).post(`/v1/elections/${draft.id}/open`, {})).json(), { status: 409, code: 'election_not_openable' })
  t.match((await as(admin).get(`/v1/elections/${draft.id}/result`)).json(), { status: 409, code: 'election_not_closed' }, 'never voted: no tally')
  const audited = (await as(admin).get(`/v1/audit-events?action=election.cancelled`)).json().items
  t.match(audited, [{ resourceId: draft.id, actor: { sub: 'sec-9' }, after: { status: 'cancelled' } }])

  const open = await openElection(app, secretariat, cluster9.id, head)
  t.match((await cancel(open)).json(), { status: 409, code: 'election_not_cancellable', electionStatus: 'open' }, 'close the round first')
  await castAll(app, unitToken, open, [[yte, [bv304]]])
  const noQuorum = await expectStatus(as(secretariat).post(`/v1/elections/${open}/close`, {}), 200)
  t.match(noQuorum, { status: 'closed', rounds: [{ outcome: 'no_quorum' }] })
  t.match(await expectStatus(cancel(open), 200), { status: 'cancelled', turnout: { round: 1, voted: 1 } })
  const result = await expectStatus(as(admin).get(`/v1/elections/${open}/result`), 200)
  t.match(result, { status: 'cancelled', nextRound: null, rounds: [{ outcome: 'no_quorum', ballotsCast: 1 }] }, 'the closed round keeps its tally')
  t.match((await as(unitToken(cnan)).post(`/v1/elections/${open}/ballots`, { voterUnitId: cnan, choices: [bv304] })).json(), { status: 409, code: 'election_not_open' })

  const decided = await openElection(app, secretariat, cluster9.id, head)
  await castAll(app, unitToken, decided, ids.map((id): [string, string[]] => [id, [bv304]]))
  await expectStatus(as(secretariat).post(`/v1/elections/${decided}/close`, {}), 200)
  t.match((await cancel(decided)).json(), { status: 409, code: 'election_not_cancellable', electionStatus: 'decided' }, 'a result stands')
})

t.test('a vote that belongs to a conference has the electorate of the conference\'s date', async (t) => {
  const built = await build(t, { clock: () => new Date('2024-12-20T03:00:00Z') })
  const { app, admin } = built
  const as = caller(app)
  const { cluster9, secretariat, ids, bv198, cnan, bv304 } = await seedFinalRanking(built, { finalize: false })
  const conference = await expectStatus(as(secretariat).post(`/v1/clusters/${cluster9.id}/conferences`, {
    kind: 'annual_review', title: 'Hội nghị tổng kết năm 2024', year: 2024, heldAt: '2024-12-18T08:00:00+07:00',
    chair: { name: 'Nguyễn Văn A', rank: 'Thiếu tướng', position: 'Cục trưởng', unitId: null }, attendingUnitIds: []
  }), 201)
  // A member on the conference day that left the cluster since.
  await expectStatus(as(admin).post(`/v1/clusters/${cluster9.id}/members/${bv198}/end`, { on: '2024-12-19' }), 200)
  const head = { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [bv304, cnan] }
  const atConference = await openElection(app, secretariat, cluster9.id, { ...head, conferenceId: conference.id })
  t.match((await expectStatus(as(admin).get(`/v1/elections/${atConference}`), 200)).turnout, { electorate: ids.length }, 'every member of the 18th')
  const today = await openElection(app, secretariat, cluster9.id, head)
  t.match((await expectStatus(as(admin).get(`/v1/elections/${today}`), 200)).turnout, { electorate: ids.length - 1 }, 'without a conference: the members of the day it opens')
})

t.test('eligibility is checked again at close: a winner put under discipline since the draft is reported, never proposed', async (t) => {
  const built = await build(t, { clock: () => new Date('2024-12-20T03:00:00Z') })
  const { app, admin, auth } = built
  const as = caller(app)
  const { cluster9, ids, secretariat, unitToken, bv304, cnan, bv199 } = await seedFinalRanking(built)
  const reader = auth({ role: 'reader' })
  await addClusterTitle(app, admin, 'emulation_flag')
  const title = { kind: 'title', titleCode: 'ministry_certificate', termYear: 2024, seats: 2, candidateUnitIds: [bv304, cnan, bv199] }
  const id = await openElection(app, secretariat, cluster9.id, title)
  await castAll(app, unitToken, id, ids.map((voter): [string, string[]] => [voter, [bv304, cnan]]))
  await created(app, admin, `/v1/units/${bv304}/discipline-records`, { from: '2024-12-01', status: 'pending', note: 'Chờ quyết định xử lý kỷ luật' })

  const closed = await expectStatus(as(secretariat).post(`/v1/elections/${id}/close`, {}), 200)
  t.equal(closed.status, 'decided')
  const winner = (unitId: string) => closed.winners.find((w: { unitId: string }) => w.unitId === unitId)
  t.equal(closed.winners.length, 2, 'both won the vote')
  t.match(winner(bv304), { votes: 7, decidedBy: 'votes', ineligibility: { reason: 'under_discipline', detail: /^The unit is under discipline .* in 2024/ } },
    'the result says why one is not proposed')
  t.match(winner(cnan), { votes: 7, decidedBy: 'votes' })
  t.notOk('ineligibility' in winner(cnan), 'an eligible winner carries no reason')
  t.same(closed.proposals.map((p: { unitId: string }) => p.unitId), [cnan], 'only the eligible winner is proposed')
  t.same(await expectStatus(as(reader).get(`/v1/elections/${id}/result`), 200), closed, 'the stored result says the same')
  t.same((await as(reader).get(`/v1/elections/${id}`)).json().winners, closed.winners, 'the election shows the same winners')
  const proposals = (await as(reader).get(`/v1/clusters/${cluster9.id}/title-proposals?year=2024`)).json().items
  t.same(proposals.map((p: { unitId: string }) => p.unitId), [cnan], 'the cluster proposes the eligible winner only')
  const proposed = (await as(admin).get('/v1/audit-events?action=title.proposed')).json().items
  t.same(proposed.map((a: { resourceId: string }) => a.resourceId), [`${cluster9.id}/2024/ministry_certificate/${cnan}`], 'nothing is recorded for the other')

  // An admin's recorded override stands at close as at the draft: it puts forward units the ranking does not.
  const overridden = await openElection(app, admin, cluster9.id, {
    ...title, titleCode: 'emulation_flag', seats: 1, candidateUnitIds: [bv304, bv199], eligibilityOverride: { reason: 'Kỷ luật chưa có quyết định' }
  })
  await castAll(app, unitToken, overridden, ids.map((voter): [string, string[]] => [voter, [bv304]]))
  const standing = await expectStatus(as(admin).post(`/v1/elections/${overridden}/close`, {}), 200)
  t.match(standing.proposals, [{ unitId: bv304, titleCode: 'emulation_flag' }])
  t.notOk('ineligibility' in standing.winners[0])
})
