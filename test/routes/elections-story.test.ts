// Seed 002: at its 2016 annual review, Cụm thi đua số 4 of the Hà Nội city police elects Phòng Công tác chính trị
// head and Phòng Hậu cần deputy for 2017, and the rotating flag passes from Phòng Công tác đảng và công tác quần
// chúng, the 2016 head. Everything over HTTP, with the secrecy of the ballot checked in every place a choice
// could leak: responses, the audit, the event feed.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus } from '../helpers/http.js'
import { CLUSTER_4_UNITS, seedCluster4 } from '../helpers/conferences.js'

const OUTGOING_HEAD = 'Phòng Công tác đảng và công tác quần chúng'
const HEAD = 'Phòng Công tác chính trị'
const DEPUTY = 'Phòng Hậu cần'

t.test('Cụm 4 elects its 2017 head and deputy at the 2016 annual review, and the flag passes', async (t) => {
  const clock = () => new Date('2016-11-11T03:00:00Z')
  const logLines: string[] = []
  const { app, admin, auth } = await build(t, { clock, logLines })
  const as = caller(app)
  const { cluster, units } = await seedCluster4(app, admin)
  const secretariat = auth({ role: 'secretariat', clusterId: cluster.id, sub: 'secretariat-cum-4' })
  const reader = auth({ role: 'reader' })
  const unitToken = (name: string) => auth({ role: 'unit', unitId: units[name], sub: `unit-${name}` })
  const ids = CLUSTER_4_UNITS.map((name) => units[name])

  await expectStatus(as(admin).put(`/v1/clusters/${cluster.id}/terms/2016`, {
    headUnitId: units[OUTGOING_HEAD], deputyUnitId: units[HEAD], chosenBy: 'election', decidedOn: '2015-11-20'
  }), 201)
  const conference = await expectStatus(as(secretariat).post(`/v1/clusters/${cluster.id}/conferences`, {
    kind: 'annual_review',
    title: 'Hội nghị tổng kết phong trào thi đua "Vì An ninh Tổ quốc" năm 2016',
    year: 2016,
    heldAt: '2016-11-11T08:00:00+07:00',
    chair: { name: 'Đinh Văn Toản', rank: 'Thiếu tướng', position: 'Phó Giám đốc Công an thành phố Hà Nội', unitId: null },
    attendingUnitIds: ids
  }), 201)

  /** Every member votes; `votes` gives each unit's choice by name (blank when absent). */
  async function vote (electionId: string, votes: Record<string, string | undefined>) {
    const receipts: string[] = []
    for (const name of CLUSTER_4_UNITS) {
      const choice = votes[name]
      const cast = await expectStatus(as(unitToken(name)).post(`/v1/elections/${electionId}/ballots`, {
        voterUnitId: units[name], choices: choice ? [units[choice]] : []
      }), 201)
      receipts.push(cast.receipt)
    }
    return receipts
  }

  const electionIds: string[] = []
  await t.test('the head: Phòng Công tác chính trị, by 6 of 8 ballots', async (t) => {
    const candidates = [units[HEAD], units['Phòng Tổ chức cán bộ']]
    const draft = await expectStatus(as(secretariat).post(`/v1/clusters/${cluster.id}/elections`, {
      kind: 'leadership', office: 'head', termYear: 2017, candidateUnitIds: candidates, conferenceId: conference.id
    }), 201)
    t.match(draft, { status: 'draft', round: 0, seats: 1, turnout: null, conferenceId: conference.id, office: 'head' })
    electionIds.push(draft.id)
    const opened = await expectStatus(as(secretariat).post(`/v1/elections/${draft.id}/open`, {}), 200)
    t.match(opened, { status: 'open', round: 1, turnout: { round: 1, electorate: 8, voted: 0, votedUnitIds: [] } })
    const tooEarly = await as(reader).get(`/v1/elections/${draft.id}/result`)
    t.equal(tooEarly.statusCode, 409, 'no tally while the round is open')
    t.equal(tooEarly.json().code, 'election_not_closed')

    const votes: Record<string, string> = {}
    CLUSTER_4_UNITS.forEach((name, i) => { votes[name] = i < 6 ? HEAD : 'Phòng Tổ chức cán bộ' })
    const receipts = await vote(draft.id, votes)
    const during = (await as(reader).get(`/v1/elections/${draft.id}`)).json()
    t.same(during.turnout, { round: 1, electorate: 8, voted: 8, votedUnitIds: [...ids].sort() }, 'turnout is public')
    const result = await expectStatus(as(secretariat).post(`/v1/elections/${draft.id}/close`, {}), 200)
    t.match(result, {
      status: 'decided',
      winners: [{ unitId: units[HEAD], votes: 6, round: 1, decidedBy: 'votes' }],
      nextRound: null,
      termWritten: false
    })
    t.match(result.rounds[0], {
      ballotsCast: 8,
      blankBallots: 0,
      quorum: { met: true },
      threshold: { base: 'ballots_cast', baseCount: 8, minimumVotes: 5 },
      counts: [{ unitId: units[HEAD], votes: 6, reachesThreshold: true }, { unitId: units['Phòng Tổ chức cán bộ'], votes: 2, reachesThreshold: false }],
      outcome: 'decided'
    })
    const check = await expectStatus(as(reader).get(`/v1/elections/${draft.id}/receipts/${receipts[0]}`), 200)
    t.same(check, { electionId: draft.id, round: 1, counted: true, roundClosed: true })
  })

  await t.test('the deputy: Phòng Hậu cần; the 2017 term is written and the flag passes', async (t) => {
    const draft = await expectStatus(as(secretariat).post(`/v1/clusters/${cluster.id}/elections`, {
      kind: 'leadership', office: 'deputy', termYear: 2017, candidateUnitIds: [units[DEPUTY], units['Phòng Đào tạo']], conferenceId: conference.id
    }), 201)
    electionIds.push(draft.id)
    await expectStatus(as(secretariat).post(`/v1/elections/${draft.id}/open`, {}), 200)
    await vote(draft.id, Object.fromEntries(CLUSTER_4_UNITS.map((name, i) => [name, i === 7 ? undefined : i < 5 ? DEPUTY : 'Phòng Đào tạo'])))
    const result = await expectStatus(as(secretariat).post(`/v1/elections/${draft.id}/close`, {}), 200)
    t.match(result, { status: 'decided', winners: [{ unitId: units[DEPUTY], votes: 5 }], termWritten: true })
    t.match(result.rounds[0], { ballotsCast: 8, blankBallots: 1 })
    const term = await expectStatus(as(reader).get(`/v1/clusters/${cluster.id}/terms/2017`), 200)
    t.match(term, {
      headUnitId: units[HEAD],
      deputyUnitId: units[DEPUTY],
      chosenBy: 'election',
      decidedOn: '2016-11-11',
      flagHandover: { fromUnitId: units[OUTGOING_HEAD], toUnitId: units[HEAD], year: 2017 }
    })
  })

  await t.test('the conference records the elections it held and the flag handover', async (t) => {
    const current = await as(secretariat).get(`/v1/conferences/${conference.id}`)
    const linked = await expectStatus(as(secretariat).patch(`/v1/conferences/${conference.id}`, {
      links: { electionIds, flagHandover: { fromUnitId: units[OUTGOING_HEAD], toUnitId: units[HEAD], year: 2017 } }
    }, { 'if-match': current.headers.etag as string }), 200)
    t.same(linked.links.electionIds, electionIds)
    const events = (await as(admin).get('/v1/events?limit=200')).json().items
    t.match(events.filter((e: { type: string }) => e.type === 'flag.handed_over'), [{
      resourceId: `${cluster.id}/2017`, data: { fromUnitId: units[OUTGOING_HEAD], toUnitId: units[HEAD], year: 2017, chosenBy: 'election' }
    }], 'the handover is recorded once, when the 2017 term is written')
  })

  await t.test('no response, audit record, event or log line ties a voter to a choice', async (t) => {
    const audit = (await as(admin).get('/v1/audit-events?action=ballot.cast&limit=200')).json().items
    t.equal(audit.length, 16, 'each ballot is audited: who voted, in which round')
    for (const record of audit) t.same(Object.keys(record.after).sort(), ['round', 'voterUnitId'])
    const events = (await as(admin).get('/v1/events?limit=200')).json().items
    const cast = events.filter((e: { type: string }) => e.type === 'ballot.cast')
    t.equal(cast.length, 16)
    for (const event of cast) t.same(Object.keys(event.data).sort(), ['round', 'voterUnitId'])
    const everything = JSON.stringify([audit, events, (await as(admin).get('/v1/audit-events?limit=200')).json()])
    t.notMatch(everything, /choices/, 'no record holds a ballot\'s choices')
    t.ok(logLines.length > 0, 'the app logged its requests')
    t.notOk(logLines.some((line) => line.includes('choices')), 'no log line holds a ballot\'s choices')
    const stored = await app.db('idempotency_keys').where('path', 'like', '%/ballots').count({ n: '*' }).first()
    t.equal(Number(stored!.n), 0, 'no stored answer ties a voter to a receipt')
    const ballotColumns = Object.keys(await app.db('ballots').columnInfo()).sort()
    t.same(ballotColumns, ['choices', 'election_id', 'id', 'receipt_hash', 'round'], 'a ballot row has no voter and no time')
  })
})
