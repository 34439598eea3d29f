// Criteria that do not apply to a unit (issue 14 part 5) through the services: targets with `notApplicable`, the
// ranking with and without the cluster's `rescaleNotApplicable` rule, and the scorecard computed the same way.
import t, { type Test } from 'tap'
import { changeCluster } from '../../src/services/clusters.js'
import { readRanking, readScorecard, saveScorecard } from '../../src/services/scorecards.js'
import { createScheme, publishScheme, readTargets, setTargets, type NewScheme } from '../../src/services/scoring-schemes.js'
import { CLUSTER_9_SCHEME, targetsFor } from '../helpers/scoring.js'
import { seedCluster, services, unitActor, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })

/** Cụm 9's 2024 draft (base 90: I 40 = I.1 20 + I.2 10 + I.3 10; II 50 = II.1 25 + II.2 25; BD bonus/deduction). */
async function drafted (t: Test) {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [a, b, c] = Object.values(units)
  const scheme = await s.write((ctx) => createScheme(ctx, { ...structuredClone(CLUSTER_9_SCHEME), clusterId } as NewScheme))
  return { s, clusterId, a, b, c, schemeId: scheme.id }
}

const count = async (s: Services, table: string) => Number((await s.db(table).count({ n: '*' }).first())!.n)

t.test('setTargets stores the criteria that do not apply and answers them with the targets', async (t) => {
  const { s, a, schemeId } = await drafted(t)
  // II.2 does not apply to the unit (a hospital has no such target): no target is needed for it.
  const { targets, created } = await s.write((ctx) => setTargets(ctx, { schemeId, unitId: a, targets: { 'I.1': 70 }, notApplicable: ['II.2'] }))
  t.equal(created, true)
  t.match(targets, { targets: { 'I.1': 70 }, notApplicable: ['II.2'], version: 1 })
  t.same((await readTargets(s.read(), { schemeId, unitId: a })).notApplicable, ['II.2'])
  const again = await s.write((ctx) => setTargets(ctx, { schemeId, unitId: a, targets: { 'I.1': 70, 'II.2': 10 } }))
  t.same(again.targets.notApplicable, [], 'replaced whole: absent means every criterion applies')
  t.match((await s.db('audit_events').where({ action: 'scoring_targets.set' }).orderBy('id', 'desc').first()).before, { notApplicable: ['II.2'] })
})

t.test('setTargets refuses bad not-applicable codes with their body paths, and stores nothing', async (t) => {
  const { s, a, schemeId } = await drafted(t)
  const rows: Array<[string, string[], string]> = [
    ['every criterion of the maximum', ['I', 'II'], '/body/notApplicable'],
    ['every leaf', ['I.1', 'I.2', 'I.3', 'II.1', 'II.2'], '/body/notApplicable'],
    ['a bonus/deduction criterion', ['BD'], '/body/notApplicable/0'],
    ['an unknown code', ['IX'], '/body/notApplicable/0'],
    ['a repeated code', ['II.2', 'II.2'], '/body/notApplicable/1']
  ]
  for (const [what, notApplicable, path] of rows) {
    const error = await s.write((ctx) => setTargets(ctx, { schemeId, unitId: a, targets: targetsFor(0), notApplicable })).catch((e: unknown) => e)
    t.match(error, { code: 'invalid_targets', details: { errors: [{ path }] } }, what)
  }
  t.equal(await count(s, 'scoring_targets'), 0)
})

/** Targets for all three (II.2 not applicable to `a`), published; a and b report. */
async function ranked (t: Test) {
  const d = await drafted(t)
  const { s, schemeId, a, b, c } = d
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: a, targets: { 'I.1': 70 }, notApplicable: ['II.2'] }))
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: b, targets: { 'I.1': 70, 'II.2': 1600.5 } }))
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: c, targets: targetsFor(2) }))
  await s.write((ctx) => publishScheme(ctx, { schemeId }))
  // a: I.2 10 + I.3 10 + II.1 25 (the only and so best lower-is-better actual) = 45 of the 65 that apply; its II.2
  // actual is ignored and stays out of the cluster's best. b: I.2 10 + II.2 25 (the best) = 35.
  await s.write((ctx) => saveScorecard(ctx, {
    schemeId, unitId: a, entries: [{ code: 'I.2', achieved: true }, { code: 'I.3', count: 4 }, { code: 'II.1', actual: 0 }, { code: 'II.2', actual: 99999 }]
  }), unitActor(a))
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: b, entries: [{ code: 'I.2', achieved: true }, { code: 'II.2', actual: 2000 }] }), unitActor(b))
  return d
}

t.test('the ranking rescales a unit with criteria that do not apply, and says which', async (t) => {
  const { s, schemeId, a, b } = await ranked(t)
  const ranking = [...(await readRanking(s.read(), { schemeId, breakdown: true })).items()]
  const itemA = ranking.find((i) => i.unitId === a)!
  const itemB = ranking.find((i) => i.unitId === b)!
  t.match(itemA, { rank: 1, notApplicable: ['II.2'], applicableMax: 65, base: 62.31, total: 62.31 }, '45 × 90 / 65 = 62.307… → 62.31')
  t.match(itemB, { rank: 2, notApplicable: [], applicableMax: 90, base: 35, total: 35 }, 'b is the best on II.2: a\'s actual does not count')
  const ii = itemA.breakdown!.find((c) => c.code === 'II')!
  t.match(ii.children, [{ code: 'II.1', points: 25 }, { code: 'II.2', points: 0, notApplicable: true }])
  t.notOk('notApplicable' in ii)
  t.notOk(itemB.breakdown!.some((c) => 'notApplicable' in c))
  t.equal((await readScorecard(s.read(), { schemeId, unitId: a })).total, 62.31, 'the scorecard agrees with the ranking')
})

t.test('with the cluster rule off, the total is the plain sum', async (t) => {
  const { s, clusterId, schemeId, a } = await ranked(t)
  await s.write((ctx) => changeCluster(ctx, { clusterId, rules: { rescaleNotApplicable: false } }))
  const itemA = [...(await readRanking(s.read(), { schemeId })).items()].find((i) => i.unitId === a)!
  t.match(itemA, { rank: 1, notApplicable: ['II.2'], applicableMax: 65, base: 45, total: 45 })
  t.equal((await readScorecard(s.read(), { schemeId, unitId: a })).total, 45)
})

t.test('publishing needs no target for a criterion that does not apply, and refuses a missing one otherwise', async (t) => {
  const { s, schemeId, a, b, c } = await drafted(t)
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: a, targets: { 'I.1': 70 }, notApplicable: ['II.2'] }))
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: b, targets: { 'I.1': 70 } }))
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: c, targets: targetsFor(2) }))
  await t.rejects(s.write((ctx) => publishScheme(ctx, { schemeId })), refusal('invalid_targets'), 'b has no II.2 target')
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: b, targets: { 'I.1': 70 }, notApplicable: ['II'] }))
  t.match(await s.write((ctx) => publishScheme(ctx, { schemeId })), { status: 'published' })
})
