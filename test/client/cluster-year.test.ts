// A whole year of Cụm thi đua số 9 driven over HTTP on a real port, only through the client generated from the
// contract (client/index.ts): every path, parameter and body below is type-checked against openapi/openapi.json,
// and every answer is read through its generated type.
import t, { type Test } from 'tap'
import { createThiduaClient, type Schemas } from '../../client/index.js'
import { BLOCK_NAME, CLUSTER_9_UNITS } from '../helpers/clusters.js'
import { pdfText } from '../documents/pdf-text.js'
import { prismProxy } from './prism.js'
import { serve, type ActorClaims } from './serve.js'

/** Awaits a call that must answer `status` and returns its typed body; any other answer stops the year. */
async function expectAnswer<D> (t: Test, call: Promise<{ data?: D, error?: unknown, response: Response }>, status: number, what: string): Promise<D> {
  const { data, error, response } = await call
  t.equal(response.status, status, what)
  if (response.status !== status || data === undefined) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(error)}`)
  }
  return data
}

const etag = (resource: { version: number }) => `"v${resource.version}"`

// The year's scheme: a group of a quantitative and a qualitative leaf, a per-occurrence leaf and bonus/deduction.
const SCHEME_2025: Schemas['NewScoringScheme'] = {
  year: 2025,
  period: 'annual',
  criteria: [
    {
      code: 'I',
      name: 'Công tác xây dựng lực lượng',
      maxPoints: 60,
      kind: 'group',
      children: [
        { code: 'I.1', name: 'Tỷ lệ hoàn thành chỉ tiêu công tác (%)', maxPoints: 40, kind: 'quantitative' },
        { code: 'I.2', name: 'Không có CBCS vi phạm kỷ luật phải xử lý', maxPoints: 20, kind: 'qualitative' }
      ]
    },
    { code: 'II', name: 'Sáng kiến, đề tài được công nhận', maxPoints: 30, kind: 'per_occurrence', pointsEach: 7.5 },
    { code: 'BD', name: 'Điểm thưởng, điểm trừ', maxPoints: 10, kind: 'bonus_deduction', bonusEach: 1, deductionEach: 2, minPoints: -10 }
  ],
  bonusCap: 10,
  deductionCap: 10,
  bands: [
    { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
    { code: 'good', name: 'Tốt', minTotal: 75 },
    { code: 'fair', name: 'Khá', minTotal: 50 },
    { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
  ],
  tieBreak: ['group:I', 'fewer_deductions'],
  ministryFlagBand: 'excellent'
}

// Self-assessments of the four units (in CLUSTER_9_UNITS order), each against an I.1 target of 100.
const ENTRIES_2025: Array<Schemas['ScorecardEntry'][]> = [
  [{ code: 'I.1', actual: 120 }, { code: 'I.2', achieved: true }, { code: 'II', count: 5 }, { code: 'BD', bonusCount: 3 }],
  [{ code: 'I.1', actual: 110 }, { code: 'I.2', achieved: true }, { code: 'II', count: 3 }, { code: 'BD', bonusCount: 1, deductionCount: 1 }],
  [{ code: 'I.1', actual: 100 }, { code: 'I.2', achieved: true }, { code: 'II', count: 2 }],
  [{ code: 'I.1', actual: 80, evidence: ['https://example.vn/bv198/bao-cao-2025.pdf'] }, { code: 'I.2', achieved: false },
    { code: 'II', count: 1 }, { code: 'BD', deductionCount: 2 }]
]

t.test('a year of Cụm thi đua số 9 through the generated client: members, term, pledge, scores, conferences, elections', async (t) => {
  const clock = { now: new Date('2025-01-06T02:00:00Z') }
  const { baseUrl, token, clientFor: directClientFor } = await serve(t, { clock: () => clock.now })
  // Every call goes through Prism validating against the committed contract: a request or response off the
  // contract is answered by Prism's own 422 or 500 (so the step fails), and the log's violations are checked at the end.
  const prism = await prismProxy(t, baseUrl)
  const clientFor = (actor: ActorClaims) => createThiduaClient(prism.baseUrl, token(actor))
  const admin = clientFor({ role: 'admin', sub: 'cluster-year-admin' })
  const reader = clientFor({ role: 'reader', sub: 'cluster-year-reader' })
  const directReader = directClientFor({ role: 'reader', sub: 'cluster-year-reader' })

  // January: the block, four units, the cluster, and the units its members from the first day of the year.
  const block = await expectAnswer(t, admin.POST('/v1/blocks', { body: { name: BLOCK_NAME } }), 201, 'the block is created')
  const units: Array<Schemas['Unit']> = []
  for (const unit of CLUSTER_9_UNITS.slice(0, 4)) {
    units.push(await expectAnswer(t, admin.POST('/v1/units', { body: unit }), 201, `${unit.name} is created`))
  }
  const ids = units.map((unit) => unit.id)
  const [yte, cnan, haucan, bv198] = ids
  t.match(units[0], { name: 'Cục Y tế', code: 'H06', version: 1 })
  const cluster = await expectAnswer(t, admin.POST('/v1/clusters', {
    body: {
      number: 9,
      name: 'Cụm thi đua số 9',
      blockId: block.id,
      foundedOn: '2018-10-04',
      foundingDecision: { number: '5678/QĐ-BCA', date: '2018-10-04', issuer: 'Bộ Công an' }
    }
  }), 201, 'the cluster is created')
  t.match(cluster, { number: 9, blockId: block.id, foundedOn: '2018-10-04' })
  const clusterId = cluster.id
  for (const unitId of ids) {
    const membership = await expectAnswer(t, admin.POST('/v1/clusters/{clusterId}/members', {
      params: { path: { clusterId } }, body: { unitId, from: '2025-01-01' }
    }), 201, 'a unit joins the cluster')
    t.match(membership, { clusterId, blockId: block.id, unitId, from: '2025-01-01', until: null })
  }
  const members = await expectAnswer(t, reader.GET('/v1/clusters/{clusterId}/members', {
    params: { path: { clusterId }, query: { on: '2025-03-20' } }
  }), 200, 'the members on the signing day')
  t.same(members.items.map((m) => m.unitId).sort(), [...ids].sort(), 'the four units')

  // The year's term: Cục Y tế heads the cluster, Cục Hậu cần is its deputy.
  const term = await expectAnswer(t, admin.PUT('/v1/clusters/{clusterId}/terms/{year}', {
    params: { path: { clusterId, year: 2025 } }, body: { headUnitId: yte, deputyUnitId: haucan, chosenBy: 'appointment' }
  }), 201, 'the 2025 term is appointed')
  t.match(term, { clusterId, year: 2025, headUnitId: yte, deputyUnitId: haucan, chosenBy: 'appointment', version: 1 })
  const secretariat = clientFor({ role: 'secretariat', clusterId, sub: 'sec-9' })

  // The pledge: drafted and opened by the secretariat, signed by every member with its own token.
  const draft = await expectAnswer(t, secretariat.POST('/v1/clusters/{clusterId}/pledges', {
    params: { path: { clusterId } },
    body: {
      year: 2025,
      title: 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2025',
      slogan: 'Kỷ cương, Trách nhiệm, Đoàn kết, Hiệu quả',
      commitments: [
        { text: 'Hoàn thành xuất sắc nhiệm vụ chính trị được giao.' },
        { text: 'Hoàn thành chỉ tiêu công tác năm 2025.', target: { value: 100, unit: '%' } }
      ],
      registeredTitles: ids.map((unitId, i) => ({ unitId, titleCode: i === 0 ? 'government_flag' : 'ministry_flag' }))
    }
  }), 201, 'the pledge is drafted')
  t.match(draft, { clusterId, year: 2025, status: 'draft', contentHash: null, versionNumber: 1 })
  const pledgeId = draft.id
  const opened = await expectAnswer(t, secretariat.POST('/v1/pledges/{pledgeId}/open', {
    params: { path: { pledgeId }, header: { 'if-match': etag(draft) } }
  }), 200, 'the pledge is opened')
  t.equal(opened.status, 'open')
  t.match(opened.contentHash, /^[0-9a-f]{64}$/, 'its content is frozen under a hash')

  clock.now = new Date('2025-03-20T08:00:00Z') // the signing conference, 15:00 in Hà Nội
  for (const [i, unitId] of ids.entries()) {
    const signature = await expectAnswer(t, clientFor({ role: 'unit', unitId, sub: `unit-${i}` }).POST('/v1/pledges/{pledgeId}/signatures', {
      params: { path: { pledgeId } }, body: { unitId, signerName: `Thủ trưởng ${units[i].name}`, signerPosition: 'Cục trưởng' }
    }), 201, `${units[i].name} signs`)
    t.match(signature, { pledgeId, unitId, unitName: units[i].name, contentHash: opened.contentHash, signedOn: '2025-03-20', onBehalf: false })
    const pledge = await expectAnswer(t, reader.GET('/v1/pledges/{pledgeId}', { params: { path: { pledgeId } } }), 200, 'the pledge is read')
    t.equal(pledge.status, i < ids.length - 1 ? 'open' : 'in_force', `after ${i + 1} signature(s)`)
  }
  const signatures = await expectAnswer(t, reader.GET('/v1/pledges/{pledgeId}/signatures', { params: { path: { pledgeId } } }), 200, 'the signatures')
  t.same(signatures.items.map((s) => s.unitId), ids, 'every member signed, in signing order')

  // The scoring scheme: drafted, a target of 100 % on I.1 for every unit, published.
  const scheme = await expectAnswer(t, secretariat.POST('/v1/clusters/{clusterId}/scoring-schemes', { params: { path: { clusterId } }, body: SCHEME_2025 }),
    201, 'the scheme is drafted')
  t.match(scheme, { clusterId, year: 2025, period: 'annual', status: 'draft' })
  const schemeId = scheme.id
  for (const unitId of ids) {
    const targets = await expectAnswer(t, secretariat.PUT('/v1/scoring-schemes/{schemeId}/targets/{unitId}', {
      params: { path: { schemeId, unitId } }, body: { targets: { 'I.1': 100 } }
    }), 201, 'a unit\'s target is set')
    t.same(targets.targets, { 'I.1': 100 })
  }
  const published = await expectAnswer(t, secretariat.POST('/v1/scoring-schemes/{schemeId}/publish', { params: { path: { schemeId } } }), 200, 'the scheme is published')
  t.equal(published.status, 'published')

  /** A conference's ETag as a client reads it before a conditional change (it covers the derived quorum too). */
  async function conferenceTag (conferenceId: string): Promise<string> {
    const { response } = await reader.GET('/v1/conferences/{conferenceId}', { params: { path: { conferenceId } } })
    return response.headers.get('etag')!
  }

  /** Finalizes a conference (If-Match its current ETag) and checks the minutes PDF carries its minutes. */
  async function finalizeWithMinutes (t: Test, conference: Schemas['Conference'], minutes: string) {
    const conferenceId = conference.id
    const done = await expectAnswer(t, secretariat.POST('/v1/conferences/{conferenceId}/finalize', {
      params: { path: { conferenceId }, header: { 'if-match': await conferenceTag(conferenceId) } }
    }), 200, `${conference.kind} is finalized`)
    t.match(done, { status: 'finalized', version: conference.version + 1, quorum: { met: true } })
    await expectAnswer(t, reader.GET('/v1/conferences/{conferenceId}/minutes.pdf', {
      params: { path: { conferenceId } }, parseAs: 'arrayBuffer'
    }), 200, `${conference.kind} minutes are printed`)
    // Prism passes a non-JSON body on as text, which mangles a PDF's bytes: the file itself is read from the app.
    const pdf = await expectAnswer(t, directReader.GET('/v1/conferences/{conferenceId}/minutes.pdf', {
      params: { path: { conferenceId } }, parseAs: 'arrayBuffer'
    }), 200, `${conference.kind} minutes are read from the app`)
    const { text } = await pdfText(Buffer.from(pdf))
    t.ok(text.includes(minutes), 'the minutes PDF carries the minutes')
    t.notOk(text.includes('BẢN DỰ THẢO'), 'as a final record, not a draft')
  }

  // July: the mid-year review, chaired by the head unit with the other three attending; its minutes are finalized.
  const chair = { name: 'Nguyễn Văn A', rank: 'Thiếu tướng', position: 'Cục trưởng Cục Y tế', unitId: yte }
  const midYearMinutes = 'Các đơn vị trong Cụm đã hoàn thành chương trình công tác 6 tháng đầu năm 2025.'
  const midYear = await expectAnswer(t, secretariat.POST('/v1/clusters/{clusterId}/conferences', {
    params: { path: { clusterId } },
    body: {
      kind: 'mid_year_review',
      title: 'Hội nghị sơ kết phong trào thi đua “Vì an ninh Tổ quốc” 6 tháng đầu năm 2025',
      year: 2025,
      heldAt: '2025-07-15T14:00:00+07:00',
      location: 'Hà Nội',
      chair,
      attendingUnitIds: [cnan, haucan, bv198],
      agenda: ['Báo cáo kết quả 6 tháng đầu năm 2025', 'Nhiệm vụ 6 tháng cuối năm 2025'],
      minutes: midYearMinutes,
      decisions: ['Đẩy mạnh phong trào thi đua 6 tháng cuối năm.'],
      links: { pledgeId }
    }
  }), 201, 'the mid-year review is recorded')
  t.match(midYear, { kind: 'mid_year_review', heldOn: '2025-07-15', status: 'draft', minutes: midYearMinutes, quorum: { members: 4, attending: 4, met: true } })
  await finalizeWithMinutes(t, midYear, midYearMinutes)

  // December: every unit self-assesses and submits; the secretariat reviews each card, cutting Cục Công nghiệp an
  // ninh's II (three initiatives claimed, two recognised) to 15 points; then it finalizes the scores.
  clock.now = new Date('2025-12-05T02:00:00Z')
  for (const [i, unitId] of ids.entries()) {
    const unit = clientFor({ role: 'unit', unitId, sub: `unit-${i}` })
    const path = { schemeId, unitId }
    const saved = await expectAnswer(t, unit.PUT('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}', { params: { path }, body: { entries: ENTRIES_2025[i] } }),
      201, `${units[i].name} self-assesses`)
    t.match(saved, { schemeId, unitId, status: 'draft', review: null })
    t.same(saved.entries, ENTRIES_2025[i], 'the entries as sent')
    const submitted = await expectAnswer(t, unit.POST('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}/submit', { params: { path } }), 200, 'and submits')
    t.equal(submitted.status, 'submitted')
    const review = unitId === cnan ? [{ code: 'II', points: 15, comment: 'Hai sáng kiến được công nhận' }] : []
    const reviewed = await expectAnswer(t, secretariat.POST('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}/review', { params: { path }, body: { entries: review } }),
      200, 'the secretariat reviews it')
    t.match(reviewed, { status: 'reviewed', review })
  }
  const finalized = await expectAnswer(t, secretariat.POST('/v1/scoring-schemes/{schemeId}/finalize', { params: { path: { schemeId } } }), 200, 'the scores are finalized')
  t.match(finalized, { schemeId, scorecards: 4 })

  // The ranking, read by anyone: Cục Y tế 40 + 20 + 30 (five initiatives, capped) + 3 bonus = 93; Cục Công nghiệp
  // an ninh 20 + 0.5·40·(110 − 100)/(120 − 100) = 30, + 20 + 15 reviewed = 65, and its bonus/deduction leaf nets
  // 1 × 1 − 1 × 2 = −1, a deduction of 1 → 64; Cục Hậu cần, at target, 20 + 20 + 15 = 55; Bệnh viện 19.8
  // 0.5·40·80/100 = 16, + 0 + 7.5 − 2 × 2 = 19.5.
  const ranking = await expectAnswer(t, reader.GET('/v1/scoring-schemes/{schemeId}/ranking', { params: { path: { schemeId } } }), 200, 'the ranking is read')
  t.match(ranking, { schemeId, clusterId, year: 2025, period: 'annual', final: true, nextCursor: null })
  t.match(ranking.items, [
    { unitId: yte, unitName: 'Cục Y tế', rank: 1, total: 93, base: 90, bonus: 3, deduction: 0, band: 'excellent', bandName: 'Xuất sắc', status: 'finalized', eligibleForMinistryFlag: true },
    { unitId: cnan, rank: 2, total: 64, base: 65, bonus: 0, deduction: 1, band: 'fair', status: 'finalized', eligibleForMinistryFlag: false },
    { unitId: haucan, rank: 3, total: 55, base: 55, bonus: 0, deduction: 0, band: 'fair' },
    { unitId: bv198, rank: 4, total: 19.5, base: 23.5, bonus: 0, deduction: 4, band: 'not_achieved', eligibleForTitles: true }
  ])
  t.equal(ranking.items.length, 4)

  // The annual review closes the year: it reviews the pledge, tallies the awards and its minutes are finalized.
  const annualMinutes = 'Hội nghị tổng kết đánh giá các đơn vị trong Cụm hoàn thành tốt các nội dung giao ước thi đua năm 2025.'
  const annual = await expectAnswer(t, secretariat.POST('/v1/clusters/{clusterId}/conferences', {
    params: { path: { clusterId } },
    body: {
      kind: 'annual_review',
      title: 'Hội nghị tổng kết phong trào thi đua “Vì an ninh Tổ quốc” năm 2025',
      year: 2025,
      heldAt: '2025-12-18T08:30:00+07:00',
      location: 'Hà Nội',
      chair,
      attendingUnitIds: [cnan, haucan, bv198],
      guests: [{ name: 'Đại diện Cục Công tác chính trị', organisation: 'Bộ Công an' }],
      agenda: ['Tổng kết phong trào thi đua năm 2025', 'Công bố kết quả chấm điểm, xếp hạng'],
      minutes: annualMinutes,
      decisions: ['Đề nghị tặng Cờ thi đua của Chính phủ cho Cục Y tế.'],
      awardTally: { collectives: 4, individuals: 37 },
      links: { pledgeId }
    }
  }), 201, 'the annual review is recorded')
  t.match(annual, { kind: 'annual_review', heldOn: '2025-12-18', awardTally: { collectives: 4, individuals: 37 }, links: { pledgeId, electionIds: [] } })

  // At the annual review, by secret ballot: the Ministry flag for Cục Y tế, then the 2026 head and deputy.
  clock.now = new Date('2025-12-18T02:00:00Z')
  const unitClient = (unitId: string) => clientFor({ role: 'unit', unitId, sub: `unit-${ids.indexOf(unitId)}` })
  /** Drafts, opens, takes every member's ballot (`choiceOf` each voter), closes; answers the result and a receipt. */
  async function ballot (body: Schemas['NewElection'], choiceOf: (voter: string) => string) {
    const draft = await expectAnswer(t, secretariat.POST('/v1/clusters/{clusterId}/elections', {
      params: { path: { clusterId } }, body: { ...body, conferenceId: annual.id }
    }), 201, `the ${body.kind === 'title' ? body.titleCode : body.office} election is drafted`)
    const electionId = draft.id
    const opened = await expectAnswer(t, secretariat.POST('/v1/elections/{electionId}/open', { params: { path: { electionId } } }), 200, 'and opened')
    t.match(opened.turnout, { round: 1, electorate: 4, voted: 0 })
    const receipts: string[] = []
    for (const voterUnitId of ids) {
      const cast = await expectAnswer(t, unitClient(voterUnitId).POST('/v1/elections/{electionId}/ballots', {
        params: { path: { electionId } }, body: { voterUnitId, choices: [choiceOf(voterUnitId)] }
      }), 201, 'a member votes')
      receipts.push(cast.receipt)
    }
    const result = await expectAnswer(t, secretariat.POST('/v1/elections/{electionId}/close', { params: { path: { electionId } } }), 200, 'and the round is closed')
    const check = await expectAnswer(t, reader.GET('/v1/elections/{electionId}/receipts/{receipt}', {
      params: { path: { electionId, receipt: receipts[0] } }
    }), 200, 'a receipt confirms its ballot was counted')
    t.same(check, { electionId, round: 1, counted: true, roundClosed: true })
    return result
  }

  const flag = await ballot({ kind: 'title', titleCode: 'ministry_flag', termYear: 2025, candidateUnitIds: [yte] }, () => yte)
  t.match(flag, { status: 'decided', winners: [{ unitId: yte, votes: 4, round: 1, decidedBy: 'votes' }], proposals: [{ unitId: yte, titleCode: 'ministry_flag', year: 2025, votes: 4, ballotsCast: 4 }] })
  const head = await ballot({ kind: 'leadership', office: 'head', termYear: 2026, candidateUnitIds: [cnan, haucan] }, (voter) => (voter === haucan ? haucan : cnan))
  t.match(head, { status: 'decided', winners: [{ unitId: cnan, votes: 3 }], termWritten: false })
  t.match(head.rounds, [{ ballotsCast: 4, quorum: { met: true }, threshold: { minimumVotes: 3 }, outcome: 'decided' }])
  const deputy = await ballot({ kind: 'leadership', office: 'deputy', termYear: 2026, candidateUnitIds: [haucan, bv198] }, (voter) => (voter === bv198 ? bv198 : haucan))
  t.match(deputy, { status: 'decided', winners: [{ unitId: haucan, votes: 3 }], termWritten: true })
  const term2026 = await expectAnswer(t, reader.GET('/v1/clusters/{clusterId}/terms/{year}', { params: { path: { clusterId, year: 2026 } } }), 200, 'the 2026 term is read')
  t.match(term2026, { headUnitId: cnan, deputyUnitId: haucan, chosenBy: 'election', decidedOn: '2025-12-18', flagHandover: { fromUnitId: yte, toUnitId: cnan, year: 2026 } })
  const proposals = await expectAnswer(t, reader.GET('/v1/clusters/{clusterId}/title-proposals', { params: { path: { clusterId }, query: { year: 2025 } } }), 200, 'the proposals are read')
  t.equal(proposals.items.length, 1)

  const linked = await expectAnswer(t, secretariat.PATCH('/v1/conferences/{conferenceId}', {
    params: { path: { conferenceId: annual.id }, header: { 'if-match': await conferenceTag(annual.id) } },
    body: { links: { pledgeId, electionIds: [flag.electionId, head.electionId, deputy.electionId], flagHandover: term2026.flagHandover } }
  }), 200, 'the annual review records its elections and the flag handover')
  t.same(linked.links.electionIds, [flag.electionId, head.electionId, deputy.electionId])

  await finalizeWithMinutes(t, linked, annualMinutes)
  t.same(prism.violations(), [], 'Prism reports no request or response off the contract')
})
