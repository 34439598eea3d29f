import t from 'tap'
import fc from 'fast-check'
import { compileScheme, computeScorecards, rankCluster, type ClusterUnit } from '../../../src/domain/scoring/index.js'
import { compiled } from './fixtures.js'
import { entries, points, quantity } from './arbitraries.js'

const unit = (unitId: string): fc.Arbitrary<ClusterUnit> => fc.record({
  entries,
  targets: fc.record({ 'I.1': quantity, 'I.2': quantity }, { requiredKeys: [] }),
  reviewed: fc.subarray([{ code: 'I.1', max: 20 }, { code: 'II', max: 40 }, { code: 'I.3.b', max: 20 }])
    .chain((leaves) => fc.tuple(...leaves.map((l) => points(l.max).map((p) => ({ code: l.code, points: p }))))),
  underDiscipline: fc.boolean()
}).map((u) => ({ unitId, ...u }))

const cluster = fc.integer({ min: 1, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => unit(`unit-${i}`))))

t.test('property: totals stay within [0, max]', async (t) => {
  fc.assert(fc.property(cluster, (units) => computeScorecards(compiled, units).every((r) =>
    r.total >= 0 && r.total <= compiled.maxTotal && Number.isInteger(r.total) &&
    r.bonus <= compiled.bonusCap && r.deduction <= compiled.deductionCap &&
    [...r.points].every((p, k) => p >= compiled.min[k] && p <= compiled.max[k]))))
  t.pass('held')
})

t.test('property: permuting the input changes nothing', async (t) => {
  fc.assert(fc.property(cluster, fc.infiniteStream(fc.nat()), (units, seeds) => {
    const shuffled = units.map((u) => [seeds.next().value, u] as const).sort((a, b) => a[0] - b[0]).map(([, u]) => u)
    return JSON.stringify(rankCluster(compiled, shuffled)) === JSON.stringify(rankCluster(compiled, units)) &&
      JSON.stringify(rankCluster(compiled, [...units].reverse())) === JSON.stringify(rankCluster(compiled, units))
  }))
  t.pass('held')
})

t.test('property: raising its actual never lowers a unit\'s score (higher is better)', async (t) => {
  fc.assert(fc.property(cluster, fc.nat(), fc.integer({ min: 1, max: 2_000_000 }), (units, pick, raise) => {
    const i = pick % units.length
    const before = computeScorecards(compiled, units)[i]
    const current = units[i].entries?.find((e) => e.code === 'I.1')?.actual ?? 0
    const raised = units.map((u, j) => j !== i
      ? u
      : { ...u, entries: [...(u.entries ?? []).filter((e) => e.code !== 'I.1'), { code: 'I.1', actual: (Math.round(current * 10_000) + raise) / 10_000 }] })
    const after = computeScorecards(compiled, raised)[i]
    const leaf = compiled.index.get('I.1') as number
    return after.points[leaf] >= before.points[leaf] && after.total >= before.total
  }))
  t.pass('held')
})

t.test('0.1 + 0.2 points total 0.30', async (t) => {
  const scheme = compileScheme({
    criteria: [{ code: 'a', name: 'a', maxPoints: 0.1, kind: 'qualitative' }, { code: 'b', name: 'b', maxPoints: 0.2, kind: 'qualitative' }],
    bands: [{ code: 'x', name: 'x', minTotal: 0 }, { code: 'y', name: 'y', minTotal: 0.3 }],
    tieBreak: []
  })
  const [item] = rankCluster(scheme, [{ unitId: 'u', entries: [{ code: 'a', achieved: true }, { code: 'b', achieved: true }] }])
  t.equal(item.total, 0.3)
  t.equal(JSON.stringify(item.total), '0.3')
  t.equal(item.band, 'y', 'exactly reaches a band starting at 0.3')
})
