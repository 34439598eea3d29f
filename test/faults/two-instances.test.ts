// Two service instances on one PostgreSQL database, each with its own connection pool, as two replicas behind a
// proxy would be. Requests that race are split between them and sent at once; what keeps them apart is only
// the database (row locks, unique and exclusion constraints, idempotency keys), and these tests check it does:
// no lost or double signature, no overlapping membership, no double vote, one record per Idempotency-Key.
// A new case: seed through `admin`, build the racing requests, `race` them, check statuses and the tables.
import t, { type Test } from 'tap'
import type { Knex } from 'knex'
import { buildApp, type App } from '../../src/app.js'
import { connect } from '../../src/db/connect.js'
import { TEST_SECRET, tokenFor } from '../helpers/build.js'
import { created } from '../helpers/http.js'
import { createTestDatabase, engine } from '../helpers/database.js'

const skip = engine === 'postgres' ? false : 'PGlite is one embedded connection: two instances need a PostgreSQL server (TEST_DATABASE_URL)'

interface Instances {
  /** Two apps on one database, each with its own pool. */
  apps: [App, App]
  /** A third connection pool, for checks. */
  db: Knex
  admin: string
}

async function twoInstances (t: Test): Promise<Instances> {
  const database = await createTestDatabase()
  const pools = [await connect({ kind: 'postgres', url: database.url!, poolMax: 5 }), await connect({ kind: 'postgres', url: database.url!, poolMax: 5 })]
  const apps: App[] = []
  t.teardown(async () => {
    for (const app of apps) await app.close()
    for (const pool of pools) await pool.destroy()
    await database.close()
  })
  // One after the other: building an app is CPU work, and two at once on a busy machine can exceed avvio's timeout.
  for (const db of pools) {
    const app = await buildApp({
      config: { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'silent', logPretty: false },
      db,
      jwtSecret: TEST_SECRET,
      logger: false
    })
    apps.push(app)
    await app.ready()
  }
  return { apps: apps as [App, App], db: database.db, admin: tokenFor({ role: 'admin', sub: 'two-instances-admin' }) }
}

interface RaceRequest {
  url: string
  payload: object
  authorization: string
  headers?: Record<string, string>
}

/** POSTs every request at once, the even ones to the first instance and the odd ones to the second. */
async function race ({ apps }: Instances, requests: RaceRequest[]) {
  const responses = await Promise.all(requests.map((r, i) => apps[i % 2].inject({
    method: 'POST', url: r.url, headers: { authorization: r.authorization, ...r.headers }, payload: r.payload
  })))
  return responses.map((response, i) => ({
    request: requests[i],
    status: response.statusCode,
    body: response.json() as Record<string, any>,
    replayed: response.headers['idempotent-replayed'] === 'true'
  }))
}

type Outcome = Awaited<ReturnType<typeof race>>[number]
const tally = (outcomes: Outcome[]) => outcomes.map((o) => o.status === 201 || o.status === 200 ? o.status : `${o.status} ${o.body.code}`).sort().join(', ')

/** A block named `name` with `clusters` clusters and `units` units (none a member yet). */
async function seed ({ apps: [app], admin }: Instances, name: string, clusters: number, units: number) {
  const block = await created(app, admin, '/v1/blocks', { name })
  const clusterIds: string[] = []
  for (let n = 1; n <= clusters; n++) clusterIds.push((await created(app, admin, '/v1/clusters', { number: n, name: `${name}, cụm số ${n}`, blockId: block.id })).id)
  const unitIds = await Promise.all(Array.from({ length: units }, async (_, i) => (await created(app, admin, '/v1/units', { name: `${name}, đơn vị ${i + 1}` })).id))
  return { blockId: block.id, clusterIds, unitIds }
}

const count = async (query: Knex.QueryBuilder) => Number((await query.count({ n: '*' }).first())!.n)

t.test('two instances on one database', { skip }, async (t) => {
  // Built once (an app takes a while to compile its schemas); each case works on rows of its own.
  const instances = await twoInstances(t)
  const { apps: [app], admin, db } = instances

  t.test('the same Idempotency-Key sent to both instances at once makes one unit and one answer', async (t) => {
    const requests = Array.from({ length: 10 }, (_, i) => [0, 1].map(() => ({
      url: '/v1/units', payload: { name: `Đơn vị khóa ${i}` }, authorization: admin, headers: { 'idempotency-key': `both-${i}` }
    }))).flat()
    const outcomes = await race(instances, requests)
    t.equal(tally(outcomes), Array(20).fill(201).join(', '), 'all 201')
    for (let i = 0; i < 10; i++) {
      const pair = outcomes.filter((o) => o.request.headers?.['idempotency-key'] === `both-${i}`)
      t.same(pair[0].body, pair[1].body, `key both-${i}: one body`)
    }
    const unitIds = db('units').where('name', 'like', 'Đơn vị khóa %').select(db.raw('id::text'))
    t.equal(await count(db('units').where('name', 'like', 'Đơn vị khóa %')), 10, 'ten units')
    t.equal(await count(db('events').where({ type: 'unit.created' }).whereIn('resource_id', unitIds)), 10, 'ten events')
  })

  t.test('pledge signatures: each member signs once, duplicates are 409, none is lost', async (t) => {
    const { clusterIds: [clusterId], unitIds } = await seed(instances, 'Khối ký giao ước', 1, 12)
    for (const unitId of unitIds) await created(app, admin, `/v1/clusters/${clusterId}/members`, { unitId, from: '2020-01-01' })
    const pledge = await created(app, admin, `/v1/clusters/${clusterId}/pledges`, {
      year: 2022, title: 'Giao ước thi đua năm 2022', slogan: 'Kỷ cương, Hiệu quả', commitments: [{ text: 'Hoàn thành xuất sắc nhiệm vụ được giao.' }]
    })
    t.equal((await app.inject({ method: 'POST', url: `/v1/pledges/${pledge.id}/open`, headers: { authorization: admin } })).statusCode, 200)

    // Three signatures per member, by the unit itself and by the admin on its behalf, across both instances.
    const requests = unitIds.flatMap((unitId, i) => [0, 1, 2].map((k) => ({
      url: `/v1/pledges/${pledge.id}/signatures`,
      payload: { unitId, signerName: `Lãnh đạo ${i}`, signerPosition: 'Cục trưởng' },
      authorization: k === 0 ? tokenFor({ role: 'unit', unitId, sub: `unit-${i}` }) : admin
    })))
    const outcomes = await race(instances, requests)
    for (const unitId of unitIds) {
      t.equal(tally(outcomes.filter((o) => (o.request.payload as { unitId: string }).unitId === unitId)),
        '201, 409 pledge_already_signed, 409 pledge_already_signed', `unit ${unitId}: one signature`)
    }
    const signatures: Array<{ unit_id: string }> = await db('pledge_signatures').where({ pledge_id: pledge.id })
    t.same(signatures.map((s) => s.unit_id).sort(), [...unitIds].sort(), 'one row per member')
    const signatureIds = db('pledge_signatures').where({ pledge_id: pledge.id }).select(db.raw('id::text'))
    t.equal(await count(db('audit_events').where({ action: 'pledge.signed' }).whereIn('resource_id', signatureIds)), 12, 'one audit record each')
    t.equal((await db('pledges').where({ id: pledge.id }).first()).status, 'in_force', 'the last signature brought it into force')
    t.equal(await count(db('events').where({ type: 'pledge.in_force', resource_id: pledge.id })), 1, 'once')
  })

  t.test('ballots: hundreds cast at once through both instances, each counted exactly once', async (t) => {
    const voters = 240
    const { clusterIds: [clusterId], unitIds } = await seed(instances, 'Khối bỏ phiếu', 1, voters)
    await Promise.all(unitIds.map((unitId) => created(app, admin, `/v1/clusters/${clusterId}/members`, { unitId, from: '2020-01-01' })))
    const candidates = unitIds.slice(0, 3)
    const election = await created(app, admin, `/v1/clusters/${clusterId}/elections`, { kind: 'leadership', office: 'head', termYear: 2030, candidateUnitIds: candidates })
    t.equal((await app.inject({ method: 'POST', url: `/v1/elections/${election.id}/open`, headers: { authorization: admin } })).statusCode, 200)

    // Each member votes twice at once, once by itself and once through the admin, one on each instance.
    const choiceOf = (i: number) => candidates[i % 3]
    const requests = unitIds.flatMap((voterUnitId, i) => [0, 1].map((k) => ({
      url: `/v1/elections/${election.id}/ballots`,
      payload: { voterUnitId, choices: [choiceOf(i + k)] },
      authorization: k === 0 ? tokenFor({ role: 'unit', unitId: voterUnitId, sub: `voter-${i}` }) : admin
    })))
    // In waves of 80 voters (160 requests at once): all 480 at once would queue for longer than a pool of 5
    // connections lets a request wait on this small machine, and a 503 would say nothing about double votes.
    const outcomes: Outcome[] = []
    for (let wave = 0; wave < requests.length; wave += 160) outcomes.push(...await race(instances, requests.slice(wave, wave + 160)))
    for (const [i, unitId] of unitIds.entries()) {
      const mine = outcomes.filter((o) => (o.request.payload as { voterUnitId: string }).voterUnitId === unitId)
      t.equal(tally(mine), '201, 409 already_voted', `voter ${i}: one ballot`)
    }
    const accepted = outcomes.filter((o) => o.status === 201)
    const expected = new Map(candidates.map((c) => [c, 0]))
    for (const o of accepted) {
      const [choice] = (o.request.payload as { choices: string[] }).choices
      expected.set(choice, expected.get(choice)! + 1)
    }

    const closed = await app.inject({ method: 'POST', url: `/v1/elections/${election.id}/close`, headers: { authorization: admin } })
    t.equal(closed.statusCode, 200)
    const [round] = closed.json().rounds
    t.equal(round.ballotsCast, voters, 'every accepted ballot is in the tally')
    t.same(Object.fromEntries(round.counts.map((c: { unitId: string, votes: number }) => [c.unitId, c.votes])), Object.fromEntries(expected),
      'each counted exactly once, as cast')
    t.equal(await count(db('election_voters').where({ election_id: election.id })), voters, 'one turnout row per voter')
    t.equal(await count(db('ballots').where({ election_id: election.id })), voters, 'one ballot row per voter')
    const checks = await Promise.all(accepted.map((o, i) =>
      instances.apps[i % 2].inject({ url: `/v1/elections/${election.id}/receipts/${o.body.receipt}`, headers: { authorization: admin } })))
    t.ok(checks.every((c) => c.statusCode === 200 && c.json().counted === true), 'every receipt finds its ballot')
  })

  t.test('ballots racing the close: every acknowledged ballot is counted, none is taken after', async (t) => {
    const { clusterIds: [clusterId], unitIds } = await seed(instances, 'Khối đóng phiếu', 1, 120)
    await Promise.all(unitIds.map((unitId) => created(app, admin, `/v1/clusters/${clusterId}/members`, { unitId, from: '2020-01-01' })))
    const election = await created(app, admin, `/v1/clusters/${clusterId}/elections`, { kind: 'leadership', office: 'head', termYear: 2030, candidateUnitIds: unitIds.slice(0, 2) })
    await app.inject({ method: 'POST', url: `/v1/elections/${election.id}/open`, headers: { authorization: admin } })
    const ballots = unitIds.map((voterUnitId) => ({ url: `/v1/elections/${election.id}/ballots`, payload: { voterUnitId, choices: [unitIds[0]] }, authorization: admin }))
    const close = { url: `/v1/elections/${election.id}/close`, payload: {}, authorization: admin }
    // The close goes out in the middle of the ballots.
    const outcomes = await race(instances, [...ballots.slice(0, 60), close, ...ballots.slice(60)])
    const closed = outcomes.find((o) => o.request === close)!
    t.equal(closed.status, 200)
    const acknowledged = outcomes.filter((o) => o.request !== close && o.status === 201).length
    t.equal(closed.body.rounds[0].ballotsCast, acknowledged, 'the tally holds exactly the acknowledged ballots')
    t.equal(tally(outcomes.filter((o) => o.request !== close && o.status !== 201)), Array(120 - acknowledged).fill('409 election_not_open').join(', '),
      'the others were refused because the round had closed')
    t.equal(await count(db('ballots').where({ election_id: election.id })), acknowledged, 'no ballot stored after the close')
  })

  t.test('membership changes: no unit is ever in two clusters of a block at once', async (t) => {
    const { blockId, clusterIds: [one, two], unitIds } = await seed(instances, 'Khối đổi thành viên', 2, 10)
    const join = (clusterId: string, unitId: string, from: string) => ({ url: `/v1/clusters/${clusterId}/members`, payload: { unitId, from }, authorization: admin })

    // Each unit joins both clusters at once, from different but overlapping dates: one wins.
    const joins = await race(instances, unitIds.flatMap((unitId) => [join(one, unitId, '2021-01-01'), join(two, unitId, '2021-06-01')]))
    for (const unitId of unitIds) {
      t.equal(tally(joins.filter((o) => (o.request.payload as { unitId: string }).unitId === unitId)), '201, 409 unit_already_in_block_cluster', 'one join')
    }

    // Each unit's membership is ended twice at once, from both instances: one ends it, the other finds it ended.
    const clusterOf = new Map(joins.filter((o) => o.status === 201).map((o) => [o.body.unitId as string, o.body.clusterId as string]))
    const ends = await race(instances, unitIds.flatMap((unitId) => [0, 1].map(() =>
      ({ url: `/v1/clusters/${clusterOf.get(unitId)}/members/${unitId}/end`, payload: { on: '2022-01-01' }, authorization: admin }))))
    t.equal(tally(ends), [...Array(10).fill('200'), ...Array(10).fill('409 membership_not_open')].join(', '), 'each membership ended once')

    // Then each joins again, from both instances into both clusters, on dates that overlap each other only.
    const rejoins = await race(instances, unitIds.flatMap((unitId) => [join(one, unitId, '2022-01-01'), join(two, unitId, '2022-03-01')]))
    t.equal(tally(rejoins), [...Array(10).fill('201'), ...Array(10).fill('409 unit_already_in_block_cluster')].join(', '), 'one rejoin each')

    const overlapping = await db.raw(`
      select a.unit_id from memberships a join memberships b
        on a.unit_id = b.unit_id and a.block_id = b.block_id and a.id < b.id
       and daterange(a.valid_from, a.valid_until, '[)') && daterange(b.valid_from, b.valid_until, '[)')`)
    t.same(overlapping.rows, [], 'no overlapping memberships')
    t.equal(await count(db('memberships').where({ block_id: blockId })), 20, 'two periods per unit')
    const membershipIds = db('memberships').where({ block_id: blockId }).select(db.raw('id::text'))
    t.equal(await count(db('audit_events').where({ action: 'membership.ended' }).whereIn('resource_id', membershipIds)), 10,
      'the losing ends left no audit record')
  })
})
