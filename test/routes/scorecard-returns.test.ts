// Returning a scorecard to its unit for revision over HTTP (issue 14): status codes, the wrong state and role, the
// history on every answer, and a full return → save → submit → review → finalize of Cụm 9's year.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { cluster9Ids, CLUSTER_9_ENTRIES, publishScheme, scorecardCallers } from '../helpers/scorecards.js'

const REASON = 'Tiêu chí I.2 thiếu tài liệu kiểm chứng; đề nghị đơn vị bổ sung và gửi lại.'

t.test('the secretariat returns a card; the unit saves and submits again; finalisation waits for it', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const [yte, cnan] = ids
  const { sec9, sec8, reader, unitOf } = scorecardCallers(auth, { cluster9, cluster8 })
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  const giveBack = (unitId: string, body: unknown = { reason: REASON }, token = sec9, headers?: Record<string, string>) =>
    as(token).post(`${card(unitId)}/return`, body, headers)

  for (const [i, unitId] of ids.entries()) await expectStatus(as(unitOf(unitId)).put(card(unitId), { entries: CLUSTER_9_ENTRIES[i] }), 201)
  const draft = await giveBack(yte)
  t.equal(draft.statusCode, 409, 'a draft is not returned')
  t.equal(draft.json().code, 'scorecard_wrong_state')
  for (const unitId of ids) {
    await expectStatus(as(unitOf(unitId)).post(`${card(unitId)}/submit`, {}), 200)
    await expectStatus(as(sec9).post(`${card(unitId)}/review`, { entries: [{ code: 'I.3', points: 5 }] }), 200)
  }

  await t.test('refused to other roles and scopes (403), for bad reasons (400, 422), a stale ETag (412), a card that does not exist (404)', async (t) => {
    for (const [who, token] of [['the unit itself', unitOf(yte)], ['another cluster\'s secretariat', sec8], ['a reader', reader]] as const) {
      const refused = await giveBack(yte, { reason: REASON }, token)
      t.equal(refused.statusCode, 403, who)
      t.equal(refused.json().code, 'forbidden')
    }
    for (const [what, body] of [['no reason', {}], ['a blank reason', { reason: ' \n ' }], ['a reason too long', { reason: 'x'.repeat(2001) }], ['another field', { reason: REASON, note: 'x' }]] as const) {
      const refused = await giveBack(yte, body)
      t.equal(refused.statusCode, 400, what)
      t.equal(refused.json().code, 'validation_failed')
    }
    const invisible = await giveBack(yte, { reason: '\u200b\u200b' })
    t.equal(invisible.statusCode, 422, 'invisible text is no reason')
    t.match(invisible.json(), { code: 'invalid_return_reason', errors: [{ path: '/body/reason' }] })
    t.equal((await giveBack(yte, { reason: REASON }, sec9, { 'if-match': '"v1"' })).statusCode, 412)
    const missing = await giveBack(NIL)
    t.equal(missing.statusCode, 404)
    t.equal(missing.json().code, 'scorecard_not_found')
    const unchanged = (await as(reader).get(card(yte))).json()
    t.match(unchanged, { status: 'reviewed', version: 3 })
    t.equal(unchanged.history.length, 2, 'nothing changed')
  })

  const returned = await giveBack(yte, { reason: `  ${REASON}  ` }, sec9, { 'if-match': '"v3"' })
  t.equal(returned.statusCode, 200, returned.body)
  t.equal(returned.headers.etag, '"v4"')
  const body = returned.json()
  t.match(body, { status: 'returned', review: null, reviewedAt: null, version: 4 })
  t.same(body.history.map((h: { from: string, to: string }) => `${h.from}→${h.to}`), ['draft→submitted', 'submitted→reviewed', 'reviewed→returned'])
  t.match(body.history, [{ by: `unit-${yte}`, role: 'unit' }, { by: 'sec-9', role: 'secretariat' }, { by: 'sec-9', role: 'secretariat', reason: REASON }])
  t.ok(body.history.every((h: { at: string }) => !Number.isNaN(Date.parse(h.at))))
  t.same((await as(unitOf(yte)).get(card(yte))).json().history, body.history, 'the GET shows the same history')
  const again = await giveBack(yte)
  t.equal(again.statusCode, 409, 'already returned')
  t.equal(again.json().code, 'scorecard_wrong_state')

  const notReady = await as(sec9).post(`/v1/scoring-schemes/${schemeId}/finalize`, {})
  t.equal(notReady.statusCode, 422, 'finalisation waits for the returned card')
  t.match(notReady.json(), { code: 'scorecards_not_ready', units: [{ unitId: yte, status: 'returned' }], errors: [{ path: `/scorecards/${yte}` }] })
  t.equal(notReady.json().units.length, 1)

  // The unit revises: saves (still returned), submits; the secretariat reviews; the scores are finalised.
  const revised = await as(unitOf(yte)).put(card(yte), { entries: CLUSTER_9_ENTRIES[1] }, { 'if-match': '"v4"' })
  t.equal(revised.statusCode, 200, revised.body)
  t.match(revised.json(), { status: 'returned', version: 5 })
  t.equal(revised.json().history.length, 3, 'a save is no status change')
  t.match((await expectStatus(as(unitOf(yte)).post(`${card(yte)}/submit`, {}), 200)), { status: 'submitted', history: { length: 4 } })
  const reviewed = await expectStatus(as(sec9).post(`${card(yte)}/review`, { entries: [{ code: 'I.3', points: 7.5 }] }), 200)
  t.match(reviewed, { status: 'reviewed', review: [{ code: 'I.3', points: 7.5 }], history: { length: 5 } })
  // Another card, returned from explained by an admin, then revised the same way.
  await expectStatus(as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'Bốn sáng kiến được công nhận' }] }), 200)
  t.match(await expectStatus(giveBack(cnan, { reason: 'Đề nghị bổ sung quyết định công nhận sáng kiến.' }, admin), 200), { status: 'returned', explanation: null })
  await expectStatus(as(unitOf(cnan)).post(`${card(cnan)}/submit`, {}), 200)
  await expectStatus(as(sec9).post(`${card(cnan)}/review`, { entries: [] }), 200)

  const finalized = await as(sec9).post(`/v1/scoring-schemes/${schemeId}/finalize`, {})
  t.equal(finalized.statusCode, 200, finalized.body)
  const final = (await as(reader).get(card(yte))).json()
  t.same(final.history.map((h: { from: string, to: string }) => `${h.from}→${h.to}`),
    ['draft→submitted', 'submitted→reviewed', 'reviewed→returned', 'returned→submitted', 'submitted→reviewed', 'reviewed→finalized'])
  t.match(final.history.at(-1), { by: 'sec-9', role: 'secretariat' })
  const frozen = await giveBack(yte)
  t.equal(frozen.statusCode, 409)
  t.equal(frozen.json().code, 'scores_finalized')

  const feed = await expectStatus(as(admin).get('/v1/audit-events?action=scorecard.returned'), 200)
  t.equal(feed.items.length, 2, 'each return audited')
})
