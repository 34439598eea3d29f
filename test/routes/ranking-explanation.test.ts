// The ranking's breakdown explains each quantitative score: when another unit of Cụm 9 saves a better actual, a
// unit's explanation names the new best (and, for the unit that was the best, a new branch), and its points and
// total move by what the written-out formula says.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { cluster9Ids, publishScheme } from '../helpers/scorecards.js'

interface Leaf { code: string, points: number, explanation?: Record<string, unknown>, children?: Leaf[] }
interface Line { unitId: string, total: number, breakdown: Leaf[] }

t.test('a unit\'s explanation changes when another unit saves a better actual', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const [yte, cnan, , , bv304] = cluster9Ids(units)
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const unitOf = (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` })
  // Targets: I.1 (higher is better, 20 points) 70 + i for the i-th unit; II.1 (lower is better, 25 points) 5 for all.
  const schemeId = await publishScheme(app, admin, cluster9.id, cluster9Ids(units))
  const save = (unitId: string, entries: object[]) =>
    expectStatus(as(unitOf(unitId)).put(`/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`, { entries }), 201)
  const ranking = async (): Promise<Map<string, Line>> => {
    const body = await expectStatus(as(sec9).get(`/v1/scoring-schemes/${schemeId}/ranking?breakdown=true`), 200)
    return new Map(body.items.map((line: Line) => [line.unitId, line]))
  }
  const leaf = (line: Line, code: string): Leaf => line.breakdown.flatMap((c) => [c, ...(c.children ?? [])]).find((c) => c.code === code)!

  await save(yte, [{ code: 'I.1', actual: 95 }])
  await save(cnan, [{ code: 'I.1', actual: 90 }, { code: 'II.1', actual: 2 }])
  const before = await ranking()
  t.same(leaf(before.get(cnan)!, 'I.1'), {
    code: 'I.1',
    points: 17.92,
    selfPoints: 17.92,
    reviewed: false,
    explanation: {
      branch: 'between_target_and_best',
      direction: 'higher_is_better',
      target: 71,
      actual: 90,
      best: 95,
      maxPoints: 20,
      formula: '0.5 × 20 + 0.5 × 20 × (90 − 71) / (95 − 71) = 17.92',
      computedPoints: 17.92,
      replacedByReview: false
    }
  }, 'Cục Công nghiệp an ninh is above its target, below Cục Y tế\'s 95')
  t.match(leaf(before.get(yte)!, 'I.1'), { points: 20, explanation: { branch: 'best_in_cluster', best: 95, formula: '20 = 20.00' } })
  t.match(leaf(before.get(cnan)!, 'II.1'), { points: 25, explanation: { branch: 'best_in_cluster', direction: 'lower_is_better', target: 5, actual: 2, best: 2 } })
  t.match(leaf(before.get(bv304)!, 'I.1'), { points: 0, explanation: { branch: 'not_reported', actual: null, best: 95, formula: 'no actual reported = 0.00' } })
  t.notOk('explanation' in leaf(before.get(cnan)!, 'I.2'), 'only quantitative leaves are explained')

  // Bệnh viện 30/4 does better on both: 97 on I.1 and a single file left on II.1.
  await save(bv304, [{ code: 'I.1', actual: 97 }, { code: 'II.1', actual: 1 }])
  const after = await ranking()
  t.match(leaf(after.get(cnan)!, 'I.1'), {
    points: 17.31,
    explanation: { branch: 'between_target_and_best', best: 97, formula: '0.5 × 20 + 0.5 × 20 × (90 − 71) / (97 − 71) = 17.31', computedPoints: 17.31 }
  }, 'the same branch against a higher best: fewer points')
  t.match(leaf(after.get(cnan)!, 'II.1'), {
    points: 21.88,
    explanation: { branch: 'between_target_and_best', best: 1, formula: '0.5 × 25 + 0.5 × 25 × (5 − 2) / (5 − 1) = 21.88' }
  }, 'no longer the lowest: from best_in_cluster to between the target and the best')
  t.match(leaf(after.get(yte)!, 'I.1'), {
    points: 19.26,
    explanation: { branch: 'between_target_and_best', target: 70, actual: 95, best: 97, formula: '0.5 × 20 + 0.5 × 20 × (95 − 70) / (97 − 70) = 19.26' }
  }, 'Cục Y tế is no longer the best')
  t.match(leaf(after.get(bv304)!, 'I.1'), { points: 20, explanation: { branch: 'best_in_cluster', actual: 97, best: 97 } })
  t.same([before.get(cnan)!.total, after.get(cnan)!.total], [42.92, 39.19], 'its total moves with them: 17.92 + 25, then 17.31 + 21.88')
  t.same([before.get(yte)!.total, after.get(yte)!.total], [20, 19.26])

  // A review replaces the points; the explanation keeps what the formula gave.
  await expectStatus(as(unitOf(cnan)).post(`/v1/scoring-schemes/${schemeId}/scorecards/${cnan}/submit`, {}), 200)
  await expectStatus(as(sec9).post(`/v1/scoring-schemes/${schemeId}/scorecards/${cnan}/review`, { entries: [{ code: 'I.1', points: 15 }] }), 200)
  t.match(leaf((await ranking()).get(cnan)!, 'I.1'), { points: 15, selfPoints: 17.31, reviewed: true, explanation: { computedPoints: 17.31, replacedByReview: true } })

  const csv = await as(sec9).get(`/v1/scoring-schemes/${schemeId}/ranking?breakdown=true&format=csv`)
  t.notMatch(csv.body, /between_target_and_best|×/, 'the CSV keeps its points columns, without explanations')
})
