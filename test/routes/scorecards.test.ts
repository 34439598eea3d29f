import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { cluster9Ids, CLUSTER_9_ENTRIES, publishScheme, scorecardCallers } from '../helpers/scorecards.js'
import { CLUSTER_9_SCHEME } from '../helpers/scoring.js'

t.test('a year of Cụm 9: self-assessment, submission, review, explanation, second review, finalisation', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const [yte, cnan] = ids
  const { sec9, sec8, reader, unitOf } = scorecardCallers(auth, { cluster9, cluster8 })
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`

  await t.test('a draft scheme takes no scorecard', async (t) => {
    const draft = await expectStatus(as(admin).post(`/v1/clusters/${cluster9.id}/scoring-schemes`, { ...CLUSTER_9_SCHEME, period: 'mid_year' }), 201)
    const refused = await as(unitOf(yte)).put(`/v1/scoring-schemes/${draft.id}/scorecards/${yte}`, { entries: [] })
    t.equal(refused.statusCode, 409)
    t.equal(refused.json().code, 'scheme_not_published')
    t.equal((await as(reader).get(`/v1/scoring-schemes/${draft.id}/ranking`)).json().code, 'scheme_not_published')
  })

  // Every unit saves its self-assessment with its own token.
  const first = await as(unitOf(yte)).put(card(yte), { entries: CLUSTER_9_ENTRIES[0] })
  t.equal(first.statusCode, 201, first.body)
  t.equal(first.headers.etag, '"v1"')
  t.equal(first.headers.location, card(yte))
  const saved = first.json()
  t.match(saved, { schemeId, unitId: yte, status: 'draft', review: null, explanation: null, secondReview: null, submittedAt: null, version: 1 })
  t.same(saved.entries, CLUSTER_9_ENTRIES[0], 'entries are kept as sent, evidence and comments included')
  for (let i = 1; i < ids.length; i++) {
    await expectStatus(as(unitOf(ids[i])).put(card(ids[i]), { entries: CLUSTER_9_ENTRIES[i] }), 201)
  }

  // Found by probing: any unit token read every unit's draft scorecard.
  await t.test('a draft scorecard is read by its unit, the cluster\'s secretariat, admin and reader; hidden from others as a 404', async (t) => {
    for (const token of [reader, sec9, unitOf(cnan), admin]) {
      const read = await as(token).get(card(cnan))
      t.equal(read.statusCode, 200)
      t.equal(read.headers.etag, '"v1"')
    }
    const outsider = auth({ role: 'unit', unitId: units['Cục Công nghệ thông tin'], sub: 'unit-cntt' })
    for (const [who, token] of [['a fellow member', unitOf(yte)], ['another cluster\'s secretariat', sec8], ['a unit of another cluster', outsider]] as const) {
      const hidden = await as(token).get(card(cnan))
      t.equal(hidden.statusCode, 404, who)
      t.equal(hidden.json().code, 'scorecard_not_found', `${who}: as if it did not exist`)
      t.equal((await as(token).get(card(NIL))).json().code, 'scorecard_not_found', 'the same answer as a unit without one')
    }
    const ranking = `/v1/scoring-schemes/${schemeId}/ranking`
    t.equal((await as(unitOf(yte)).get(ranking)).statusCode, 403, 'nor the ranking of drafts')
    t.equal((await as(sec8).get(ranking)).statusCode, 403, 'nor another cluster\'s ranking')
    t.equal((await as(sec9).get(ranking)).statusCode, 200)
    // A cluster may publish its drafts to its members.
    await expectStatus(as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { membersReadDraftScorecards: true } }), 200)
    t.equal((await as(unitOf(yte)).get(card(cnan))).statusCode, 200, 'a fellow member, once the cluster publishes drafts')
    t.equal((await as(unitOf(yte)).get(ranking)).statusCode, 200)
    t.equal((await as(outsider).get(card(cnan))).statusCode, 404, 'never a unit of another cluster')
    t.equal((await as(outsider).get(ranking)).statusCode, 403)
    await expectStatus(as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { membersReadDraftScorecards: false } }), 200)
    t.equal((await as(unitOf(yte)).get(card(cnan))).statusCode, 404, 'private again')
    const h08 = (await as(reader).get(card(cnan))).json()
    // I.1: 0.5·20 + 0.5·20·(90−71)/(95−71) = 17.92; I.3: 4 × 2.5 = 10; II.1 (lower is better, T 5, best 0): 20;
    // II.2: 0.5·25 + 0.5·25·(2000−1600.5)/(2600.5−1600.5) = 17.49; BD: 2 × 1 − 1 × 2 = 0.
    t.equal(h08.total, 75.41)
    t.same(h08.breakdown[0], {
      code: 'I',
      points: 37.92,
      children: [
        { code: 'I.1', points: 17.92, selfPoints: 17.92, reviewed: false },
        { code: 'I.2', points: 10, selfPoints: 10, reviewed: false },
        { code: 'I.3', points: 10, selfPoints: 10, reviewed: false }
      ]
    })
    t.same(h08.breakdown[1].children.map((c: { points: number }) => c.points), [20, 17.49])
    t.same(h08.breakdown[2], { code: 'BD', points: 0, selfPoints: 0, reviewed: false })
    t.equal((await as(reader).get(card(yte), { 'if-none-match': '"v1"' })).statusCode, 304)
  })

  await t.test('entries are checked against the scheme: 422 with body paths, 400 for malformed', async (t) => {
    const bad = await as(unitOf(yte)).put(card(yte), {
      entries: [{ code: 'I', achieved: true }, { code: 'I.1', achieved: true }, { code: 'I.2', achieved: true }, { code: 'I.2', achieved: false },
        { code: 'X.9', count: 1 }, { code: 'I.1', actual: 1.23456 }, { code: 'I.3', count: 2_000_000 }]
    })
    t.equal(bad.statusCode, 422)
    t.equal(bad.json().code, 'invalid_entries')
    const paths = bad.json().errors.map((e: { path: string }) => e.path)
    for (const p of ['/body/entries/0/code', '/body/entries/1/achieved', '/body/entries/3/code', '/body/entries/4/code', '/body/entries/5/actual', '/body/entries/6/count']) {
      t.ok(paths.includes(p), `${p} is reported`)
    }
    t.equal((await as(unitOf(yte)).put(card(yte), { entries: [{ code: 'I.1', actual: '95' }] })).statusCode, 400)
    t.equal((await as(unitOf(yte)).put(card(yte), { entries: [{ code: 'I.1', weight: 2 }] })).statusCode, 400)
    t.equal((await as(unitOf(yte)).put(card(yte), { entries: [{ code: 'I.1', evidence: ['không phải url'] }] })).statusCode, 400)
    t.equal((await as(reader).get(card(yte))).json().version, 1, 'nothing changed')
  })

  await t.test('who may self-assess: the unit itself or an admin', async (t) => {
    for (const token of [unitOf(cnan), sec9, sec8, reader]) {
      const refused = await as(token).put(card(yte), { entries: CLUSTER_9_ENTRIES[0] })
      t.equal(refused.statusCode, 403)
      t.equal(refused.json().code, 'forbidden')
      t.equal((await as(token).post(`${card(yte)}/submit`, {})).statusCode, 403)
    }
    t.equal((await as().put(card(yte), { entries: [] })).statusCode, 401)
  })

  await t.test('unknown ids, non-members and stale If-Match', async (t) => {
    t.equal((await as(admin).put(`/v1/scoring-schemes/${NIL}/scorecards/${yte}`, { entries: [] })).json().code, 'scoring_scheme_not_found')
    t.equal((await as(admin).put(card(NIL), { entries: [] })).json().code, 'unit_not_found')
    t.equal((await as(admin).get(card(NIL))).json().code, 'scorecard_not_found')
    t.equal((await as(admin).get(`/v1/scoring-schemes/${NIL}/ranking`)).statusCode, 404)
    t.equal((await as(admin).post(`${card(NIL)}/submit`, {})).statusCode, 404)
    t.equal((await as(admin).post(`/v1/scoring-schemes/${NIL}/finalize`, {})).statusCode, 404)
    const outsider = units['Cục Viễn thông và cơ yếu']
    const notMember = await as(unitOf(outsider)).put(card(outsider), { entries: [] })
    t.equal(notMember.statusCode, 422)
    t.equal(notMember.json().code, 'unit_not_member')
    t.equal(notMember.json().detail, `Cục Viễn thông và cơ yếu (${outsider}) is not a member of the scheme's cluster in 2024.`, 'the unit by name and id')
    const stale = await as(unitOf(yte)).put(card(yte), { entries: CLUSTER_9_ENTRIES[0] }, { 'if-match': '"v7"' })
    t.equal(stale.statusCode, 412)
    t.equal(stale.json().code, 'precondition_failed')
    t.equal((await as(admin).post(`${card(yte)}/submit`, {}, { 'if-match': '"v7"' })).statusCode, 412)
    const fresh = await as(unitOf(yte)).put(card(yte), { entries: CLUSTER_9_ENTRIES[0] }, { 'if-match': '"v1"' })
    t.equal(fresh.statusCode, 200)
    t.equal(fresh.headers.etag, '"v2"')
  })

  await t.test('steps only from the right state', async (t) => {
    const review = await as(sec9).post(`${card(yte)}/review`, { entries: [] })
    t.equal(review.statusCode, 409)
    t.equal(review.json().code, 'scorecard_wrong_state')
    t.equal((await as(unitOf(yte)).post(`${card(yte)}/explain`, { entries: [{ code: 'I.1', comment: 'Giải trình' }] })).json().code, 'scorecard_wrong_state')
    const early = await as(sec9).post(`/v1/scoring-schemes/${schemeId}/finalize`, {})
    t.equal(early.statusCode, 422)
    t.equal(early.json().code, 'scorecards_not_ready')
    t.equal(early.json().units.length, 7, 'every unit is listed while none is reviewed')
    t.match(early.json().units[0], { status: 'draft' })
  })

  // Every unit submits.
  for (const unitId of ids) {
    const submitted = await expectStatus(as(unitOf(unitId)).post(`${card(unitId)}/submit`, {}), 200)
    t.equal(submitted.status, 'submitted')
    t.ok(submitted.submittedAt)
  }
  const again = await as(unitOf(yte)).post(`${card(yte)}/submit`, {})
  t.equal(again.statusCode, 409, 'a second submission')
  t.equal(again.json().code, 'scorecard_wrong_state')
  const late = await as(unitOf(yte)).put(card(yte), { entries: [] })
  t.equal(late.statusCode, 409, 'entries are frozen once submitted')
  t.equal(late.json().code, 'scorecard_wrong_state')

  await t.test('who may review: the cluster\'s secretariat or an admin', async (t) => {
    for (const token of [sec8, unitOf(yte), reader]) {
      const refused = await as(token).post(`${card(yte)}/review`, { entries: [] })
      t.equal(refused.statusCode, 403)
      t.equal(refused.json().code, 'forbidden')
      t.equal((await as(token).post(`/v1/scoring-schemes/${schemeId}/finalize`, {})).statusCode, 403)
    }
  })

  await t.test('a review is checked against the leaves\' ranges', async (t) => {
    const bad = await as(sec9).post(`${card(cnan)}/review`, { entries: [{ code: 'I.3', points: 11 }, { code: 'II', points: 10 }, { code: 'I.1', points: 1.005 }] })
    t.equal(bad.statusCode, 422)
    t.equal(bad.json().code, 'invalid_entries')
    t.same(bad.json().errors.map((e: { path: string }) => e.path).sort(), ['/body/entries/0/points', '/body/entries/1/code', '/body/entries/2/points'])
  })

  // The secretariat reviews every unit; Cục Công nghiệp an ninh loses 5 points on I.3.
  for (const unitId of ids) {
    const entries = unitId === cnan ? [{ code: 'I.3', points: 5, comment: 'Chỉ 2 sáng kiến được công nhận' }] : []
    const reviewed = await expectStatus(as(sec9).post(`${card(unitId)}/review`, { entries }), 200)
    t.equal(reviewed.status, 'reviewed')
  }
  const h08 = (await as(reader).get(card(cnan))).json()
  t.equal(h08.total, 70.41, 'the reviewed points replace the self score: 75.41 − 10 + 5')
  t.same(h08.breakdown[0].children[2], { code: 'I.3', points: 5, selfPoints: 10, reviewed: true })
  t.same(h08.review, [{ code: 'I.3', points: 5, comment: 'Chỉ 2 sáng kiến được công nhận' }])

  await t.test('an explanation: by the unit, once, about leaves of the scheme', async (t) => {
    t.equal((await as(unitOf(yte)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'x' }] })).statusCode, 403)
    t.equal((await as(sec9).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'x' }] })).statusCode, 403)
    t.equal((await as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [] })).statusCode, 400)
    const unknown = await as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I', comment: 'Nhóm' }, { code: 'Z', comment: 'Không có' }] })
    t.equal(unknown.statusCode, 422)
    t.same(unknown.json().errors.map((e: { path: string }) => e.path), ['/body/entries/0/code', '/body/entries/1/code'])
    const explained = await as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'Sáng kiến thứ ba được công nhận tháng 12, kèm quyết định' }] })
    t.equal(explained.statusCode, 200, explained.body)
    t.match(explained.json(), { status: 'explained', explanation: [{ code: 'I.3' }] })
    const twice = await as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'Lần nữa' }] })
    t.equal(twice.statusCode, 409)
    t.equal(twice.json().code, 'scorecard_wrong_state')
  })

  await t.test('the second review replaces the first review\'s points for the leaves it lists', async (t) => {
    const second = await as(sec9).post(`${card(cnan)}/review`, { entries: [{ code: 'I.3', points: 7.5, comment: 'Công nhận thêm 1 sáng kiến' }] })
    t.equal(second.statusCode, 200)
    t.match(second.json(), { status: 'second_reviewed', total: 72.91 })
    t.ok(second.json().secondReviewedAt)
    t.equal((await as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'Lần hai' }] })).json().code, 'scorecard_wrong_state')
    t.equal((await as(sec9).post(`${card(cnan)}/review`, { entries: [] })).json().code, 'scorecard_wrong_state')
  })

  // Finalisation freezes everything.
  const final = await as(sec9).post(`/v1/scoring-schemes/${schemeId}/finalize`, {})
  t.equal(final.statusCode, 200, final.body)
  t.match(final.json(), { schemeId, finalizedBy: 'sec-9', scorecards: 7 })
  const frozen = (await as(reader).get(card(yte))).json()
  t.equal(frozen.status, 'finalized')
  t.ok(frozen.finalizedAt)
  await t.test('once finalized, the cluster\'s members read each other\'s scorecards and the ranking; other clusters do not', async (t) => {
    const ranking = `/v1/scoring-schemes/${schemeId}/ranking`
    t.equal((await as(unitOf(cnan)).get(card(yte))).statusCode, 200, 'a fellow member reads the finalized scorecard')
    t.equal((await as(unitOf(cnan)).get(ranking)).statusCode, 200, 'and the final ranking')
    const outsider = auth({ role: 'unit', unitId: units['Cục Công nghệ thông tin'], sub: 'unit-cntt' })
    t.equal((await as(outsider).get(card(yte))).statusCode, 404, 'a unit of another cluster')
    t.equal((await as(outsider).get(ranking)).statusCode, 403)
    t.equal((await as(sec8).get(card(yte))).statusCode, 404, 'another cluster\'s secretariat')
    t.equal((await as(sec8).get(ranking)).statusCode, 403)
  })
  for (const [name, response] of [
    ['save', as(unitOf(yte)).put(card(yte), { entries: [] })],
    ['submit', as(unitOf(yte)).post(`${card(yte)}/submit`, {})],
    ['review', as(sec9).post(`${card(yte)}/review`, { entries: [] })],
    ['explain', as(unitOf(yte)).post(`${card(yte)}/explain`, { entries: [{ code: 'I.1', comment: 'x' }] })],
    ['finalize', as(admin).post(`/v1/scoring-schemes/${schemeId}/finalize`, {})]
  ] as const) {
    const refused = await response
    t.equal(refused.statusCode, 409, `${name} after finalisation`)
    t.equal(refused.json().code, 'scores_finalized', `${name} after finalisation`)
  }

  await t.test('every step is audited and evented', async (t) => {
    const actions = (await app.db('audit_events').where({ resource_type: 'scorecard' }).select('action')).map((r) => r.action)
    const count = (a: string) => actions.filter((x) => x === a).length
    t.equal(count('scorecard.saved'), 8)
    t.equal(count('scorecard.submitted'), 7)
    t.equal(count('scorecard.reviewed'), 8)
    t.equal(count('scorecard.explained'), 1)
    t.equal(count('scorecard.finalized'), 7)
    const events = (await app.db('events').where({ resource_type: 'scorecard' }).select('type')).map((r) => r.type)
    t.equal(events.length, actions.length)
  })
})
