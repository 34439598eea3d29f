import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, NIL } from '../helpers/http.js'
import { BLOCK_NAME } from '../helpers/clusters.js'

const DEFAULT_RULES = {
  quorum: { numerator: 2, denominator: 3, comparison: 'at_least' },
  voteThreshold: { numerator: 1, denominator: 2, comparison: 'more_than' },
  voteThresholdBase: 'ballots_cast',
  voteQuorum: { numerator: 2, denominator: 3, comparison: 'at_least' },
  tieBreak: 'new_round',
  votingRoundsBeforeTieBreak: 3,
  disciplinedUnitMayRankFirst: false,
  outgoingHeadMayBeReelected: true,
  selfVoteAllowed: true,
  titleSeats: {},
  membersReadDraftScorecards: false,
  membersReadDisciplineRecords: false,
  rescaleNotApplicable: true,
  lateSteps: 'refuse'
}
const NINE = {
  number: 9,
  name: 'Cụm thi đua số 9',
  foundedOn: '2018-10-04',
  foundingDecision: { number: '5678/QĐ-BCA', date: '2018-10-04', issuer: 'Bộ Công an' }
}

t.test('clusters: create, read, list', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: BLOCK_NAME })
  const other = await created(app, admin, '/v1/blocks', { name: 'Khối Cảnh sát' })

  const response = await as(admin).post('/v1/clusters', { ...NINE, blockId: block.id })
  t.equal(response.statusCode, 201)
  const nine = response.json()
  t.same(Object.keys(nine).sort(), ['blockId', 'createdAt', 'foundedOn', 'foundingDecision', 'id', 'name', 'number', 'rules', 'updatedAt', 'version'])
  t.match(nine, { ...NINE, blockId: block.id, version: 1 })
  t.same(nine.rules, DEFAULT_RULES, 'rules not given take the defaults of DOMAIN.md')
  t.equal(response.headers.etag, '"v1"')
  t.equal(response.headers.location, `/v1/clusters/${nine.id}`)

  const eight = await as(admin).post('/v1/clusters', {
    number: 8, name: 'Cụm thi đua số 8', blockId: block.id, rules: { quorum: { numerator: 3, denominator: 4, comparison: 'at_least' }, titleSeats: { ministry_flag: 1 } }
  })
  t.equal(eight.statusCode, 201)
  t.same(eight.json().rules, { ...DEFAULT_RULES, quorum: { numerator: 3, denominator: 4, comparison: 'at_least' }, titleSeats: { ministry_flag: 1 } })
  t.equal(eight.json().foundedOn, null)
  t.equal(eight.json().foundingDecision, null)
  const police9 = await created(app, admin, '/v1/clusters', { number: 9, name: 'Cụm thi đua số 9', blockId: other.id })
  t.pass('the same number and name in another block is fine')

  t.test('every role reads a cluster with its ETag', async (t) => {
    for (const reader of [auth({ role: 'reader' }), auth({ role: 'unit', unitId: NIL }), auth({ role: 'secretariat', clusterId: NIL })]) {
      const read = await as(reader).get(`/v1/clusters/${nine.id}`)
      t.equal(read.statusCode, 200)
      t.same(read.json(), nine)
      t.equal(read.headers.etag, '"v1"')
    }
  })

  t.test('a number or a name twice in a block is a 409', async (t) => {
    const number = await as(admin).post('/v1/clusters', { number: 9, name: 'Cụm khác', blockId: block.id })
    t.equal(number.statusCode, 409)
    t.equal(number.json().code, 'cluster_number_taken')
    for (const name of ['Cụm thi đua số 9'.normalize('NFD'), 'CỤM THI ĐUA SỐ 9', ' cụm  thi đua số 9 ']) {
      const taken = await as(admin).post('/v1/clusters', { number: 10, name, blockId: block.id })
      t.equal(taken.statusCode, 409, name)
      t.equal(taken.json().code, 'cluster_name_taken')
    }
  })

  t.test('invalid input is a 400, an unknown block a 404', async (t) => {
    const base = { number: 11, name: 'Cụm thi đua số 11', blockId: block.id }
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['bad uuid', { ...base, blockId: 'x' }, 'validation_failed'],
      ['impossible founding date', { ...base, foundedOn: '2019-02-30' }, 'validation_failed'],
      ['impossible decision date', { ...base, foundingDecision: { ...NINE.foundingDecision, date: '2018-02-29' } }, 'validation_failed'],
      ['decision without issuer', { ...base, foundingDecision: { number: '1', date: '2018-10-04' } }, 'validation_failed'],
      ['number 0', { ...base, number: 0 }, 'validation_failed'],
      ['no name', { number: 11, blockId: block.id }, 'validation_failed'],
      ['unknown rule', { ...base, rules: { quorumm: 1 } }, 'validation_failed'],
      ['fraction as a decimal', { ...base, rules: { quorum: 0.66 } }, 'validation_failed'],
      ['zero denominator', { ...base, rules: { quorum: { numerator: 0, denominator: 0, comparison: 'at_least' } } }, 'validation_failed'],
      ['unknown comparison', { ...base, rules: { quorum: { numerator: 1, denominator: 2, comparison: 'about' } } }, 'validation_failed'],
      ['bad title code', { ...base, rules: { titleSeats: { 'Cờ': 1 } } }, 'validation_failed'],
      ['numerator over denominator', { ...base, rules: { voteThreshold: { numerator: 4, denominator: 3, comparison: 'at_least' } } }, 'invalid_threshold']
    ]
    for (const [name, payload, code] of cases) {
      const bad = await as(admin).post('/v1/clusters', payload)
      t.equal(bad.statusCode, 400, name)
      t.equal(bad.json().code, code, name)
    }
    const noBlock = await as(admin).post('/v1/clusters', { ...base, blockId: NIL })
    t.equal(noBlock.statusCode, 404)
    t.equal(noBlock.json().code, 'block_not_found')
    t.equal((await as(admin).get('/v1/clusters/nope')).statusCode, 400)
    const missing = await as(admin).get(`/v1/clusters/${NIL}`)
    t.equal(missing.statusCode, 404)
    t.equal(missing.json().code, 'cluster_not_found')
  })

  t.test('only an admin creates', async (t) => {
    for (const role of [auth({ role: 'reader' }), auth({ role: 'secretariat', clusterId: nine.id }), auth({ role: 'unit', unitId: NIL })]) {
      t.equal((await as(role).post('/v1/clusters', { number: 12, name: 'Cụm 12', blockId: block.id })).statusCode, 403)
    }
    t.equal((await as().post('/v1/clusters', { number: 12, name: 'Cụm 12', blockId: block.id })).statusCode, 401)
  })

  t.test('lists by number, filtered by block or ?q=, page by page', async (t) => {
    const list = async (query: string) => {
      const response = await as(auth({ role: 'reader' })).get(`/v1/clusters?${query}`)
      t.equal(response.statusCode, 200, query)
      return response.json()
    }
    t.same((await list(`blockId=${block.id}`)).items.map((c: { number: number }) => c.number), [8, 9])
    t.same((await list(`blockId=${other.id}`)).items.map((c: { id: string }) => c.id), [police9.id])
    t.same((await list('q=cum thi dua so 8')).items.map((c: { number: number }) => c.number), [8])
    t.same((await list(`q=${encodeURIComponent('SỐ 9')}&blockId=${block.id}`)).items, [nine])
    const first = await list('limit=2')
    t.equal(first.items.length, 2)
    const second = await list(`limit=2&cursor=${first.nextCursor}`)
    t.equal(second.items.length, 1)
    t.equal(second.nextCursor, null)
    t.same([...first.items, ...second.items].map((c: { number: number }) => c.number), [8, 9, 9])
    t.equal((await as(admin).get('/v1/clusters?blockId=nope')).statusCode, 400)
  })
})

t.test('clusters: PATCH by an admin, rules by the own secretariat, If-Match', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: BLOCK_NAME })
  const nine = await created(app, admin, '/v1/clusters', { ...NINE, blockId: block.id })
  const eight = await created(app, admin, '/v1/clusters', { number: 8, name: 'Cụm thi đua số 8', blockId: block.id })
  const url = `/v1/clusters/${nine.id}`

  t.test('an admin changes fields; If-Match guards against lost updates', async (t) => {
    const changed = await as(admin).patch(url, { name: 'Cụm thi đua số 9 (Khối trực thuộc)', foundingDecision: null }, { 'if-match': '"v1"' })
    t.equal(changed.statusCode, 200)
    t.match(changed.json(), { name: 'Cụm thi đua số 9 (Khối trực thuộc)', foundingDecision: null, foundedOn: '2018-10-04', version: 2, blockId: block.id })
    t.equal(changed.headers.etag, '"v2"')
    const stale = await as(admin).patch(url, { name: 'Cụm thi đua số 9' }, { 'if-match': '"v1"' })
    t.equal(stale.statusCode, 412)
    t.equal(stale.json().code, 'precondition_failed')
    const back = await as(admin).patch(url, { name: 'Cụm thi đua số 9', foundingDecision: NINE.foundingDecision }, { 'if-match': 'W/"v2"' })
    t.equal(back.statusCode, 200)
    t.equal(back.json().version, 3)
    t.same((await as(admin).get(url)).json(), back.json())
  })

  t.test('a PATCH of rules changes only the rules it names', async (t) => {
    const quorum = { numerator: 3, denominator: 4, comparison: 'at_least' }
    t.equal((await as(admin).patch(url, { rules: { quorum } })).statusCode, 200)
    const patched = await as(admin).patch(url, { rules: { selfVoteAllowed: false } })
    t.same(patched.json().rules, { ...DEFAULT_RULES, quorum, selfVoteAllowed: false })
    const bad = await as(admin).patch(url, { rules: { quorum: { numerator: 5, denominator: 4, comparison: 'at_least' } } })
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().code, 'invalid_threshold')
  })

  t.test('the block, empty bodies and clashes are refused', async (t) => {
    const moved = await as(admin).patch(url, { blockId: NIL })
    t.equal(moved.statusCode, 400)
    t.match(moved.json().errors, [{ path: '/body/blockId', message: 'is not a known field' }])
    t.equal((await as(admin).patch(url, {})).statusCode, 400)
    t.equal((await as(admin).patch(url, { foundedOn: '2018-02-30' })).statusCode, 400)
    const clash = await as(admin).patch(url, { number: 8 })
    t.equal(clash.statusCode, 409)
    t.equal(clash.json().code, 'cluster_number_taken')
    const missing = await as(admin).patch(`/v1/clusters/${NIL}`, { name: 'X' })
    t.equal(missing.statusCode, 404)
    t.equal((await as(admin).patch('/v1/clusters/x', { name: 'X' })).statusCode, 400)
  })

  t.test('a secretariat changes its own cluster\'s rules, nothing else', async (t) => {
    const own = auth({ role: 'secretariat', clusterId: nine.id, sub: 'secretariat-9' })
    const ok = await as(own).patch(url, { rules: { outgoingHeadMayBeReelected: false } })
    t.equal(ok.statusCode, 200)
    t.equal(ok.json().rules.outgoingHeadMayBeReelected, false)
    const name = await as(own).patch(url, { name: 'Cụm của tôi', rules: { selfVoteAllowed: true } })
    t.equal(name.statusCode, 403)
    t.match(name.json().detail, /only its cluster's rules/)
    const otherCluster = await as(own).patch(`/v1/clusters/${eight.id}`, { rules: { selfVoteAllowed: false } })
    t.equal(otherCluster.statusCode, 403)
    t.match(otherCluster.json().detail, /own cluster/)
    for (const role of [auth({ role: 'reader' }), auth({ role: 'unit', unitId: NIL })]) {
      t.equal((await as(role).patch(url, { rules: { selfVoteAllowed: false } })).statusCode, 403)
    }
    t.equal((await as().patch(url, { rules: { selfVoteAllowed: false } })).statusCode, 401)
    const audit = await app.db('audit_events').where({ action: 'cluster.updated', resource_id: nine.id, actor_sub: 'secretariat-9' })
    t.equal(audit.length, 1, 'the secretariat\'s change is audited under its own name')
    t.equal(audit[0].before.rules.outgoingHeadMayBeReelected, true)
    t.equal(audit[0].after.rules.outgoingHeadMayBeReelected, false)
  })

  t.test('creations and changes are audited and evented', async (t) => {
    const actions = (await app.db('audit_events').where({ resource_type: 'cluster', resource_id: nine.id }).orderBy('id')).map((a) => a.action)
    t.equal(actions[0], 'cluster.created')
    t.ok(actions.slice(1).every((a) => a === 'cluster.updated'))
    const events = await app.db('events').where({ resource_type: 'cluster', resource_id: nine.id }).orderBy('position')
    t.same(events.map((e) => e.type), actions, 'one event per audited change')
    t.equal(events[events.length - 1].data.version, actions.length)
  })
})
