import t from 'tap'
import { rankCluster, type ClusterUnit, type RankingItem } from '../../../src/domain/scoring/index.js'
import { rankingScheme as scheme, scored } from './fixtures.js'

const lines = (items: RankingItem[]) => items.map((i) => `${i.unitId}:${i.rank}`)

t.test('ranking: totals, then tie-breaks in order, then shared ranks', async (t) => {
  const units: ClusterUnit[] = [
    scored('D', 40, 45, { deductions: 5 }), // 80, G 40, deduction 5
    scored('C', 40, 42, { deductions: 2 }), // 80, G 40, deduction 2
    scored('F', 40, 38, { bonus: 2 }), // 80, G 40, bonus 2
    scored('B', 40, 40), // 80, G 40
    scored('E', 40, 37, { bonus: 3 }), // 80, G 40, bonus 3
    scored('A', 45, 35), // 80, G 45: group:G decides first
    scored('Z', 20, 50), // 70
    scored('Y', 20, 50) // 70, a true tie with Z
  ]
  const items = rankCluster(scheme, units)
  t.same(lines(items), ['A:1', 'E:2', 'F:3', 'B:4', 'C:5', 'D:6', 'Y:7', 'Z:7'])
  t.same(items.map((i) => i.total), [80, 80, 80, 80, 80, 80, 70, 70])
  t.match(items[1], { bonus: 3, deduction: 0, base: 77 })
  t.same(lines(rankCluster(scheme, [scored('p', 30, 30), scored('q', 30, 30), scored('r', 10, 10)])), ['p:1', 'q:1', 'r:3'], '1, 1, 3')
})

t.test('ranking: band boundaries', async (t) => {
  const table: Array<[number, number, string]> = [
    [50, 50, 'excellent'], [50, 40, 'excellent'], [49.99, 40, 'good'], [30, 40, 'good'], [29.99, 40, 'not_achieved'], [0, 0, 'not_achieved']
  ]
  for (const [g, h, band] of table) {
    const [item] = rankCluster(scheme, [scored('u', g, h)])
    t.equal(item.band, band, `${g + h} → ${band}`)
  }
  t.equal(rankCluster(scheme, [scored('u', 50, 40)])[0].bandName, 'Xuất sắc')
})

t.test('ranking: a disciplined unit is not ranked first (default rule)', async (t) => {
  const table: Array<[string, ClusterUnit[], boolean, string[]]> = [
    ['the best clean unit takes rank 1, the disciplined one moves just below', [scored('d', 50, 45, { disciplined: true }), scored('n1', 50, 40), scored('n2', 45, 40)], false, ['n1:1', 'd:2', 'n2:3']],
    ['the cluster rule may allow it', [scored('d', 50, 45, { disciplined: true }), scored('n1', 50, 40), scored('n2', 45, 40)], true, ['d:1', 'n1:2', 'n2:3']],
    ['several disciplined on top keep their order below', [scored('d1', 50, 48, { disciplined: true }), scored('d2', 50, 46, { disciplined: true }), scored('n', 10, 10)], false, ['n:1', 'd1:2', 'd2:3']],
    ['only first place moves', [scored('n1', 50, 45), scored('d', 50, 40, { disciplined: true }), scored('n2', 45, 40)], false, ['n1:1', 'd:2', 'n2:3']],
    ['clean units tied for the lead share rank 1; a tied disciplined unit does not',
      [scored('a', 40, 40, { disciplined: true }), scored('m', 40, 40), scored('n', 40, 40)], false, ['m:1', 'n:1', 'a:3']],
    ['disciplined units passed over still share their own tie', [scored('d1', 50, 50, { disciplined: true }), scored('d2', 50, 50, { disciplined: true }), scored('n', 30, 30)], false, ['n:1', 'd1:2', 'd2:2']],
    ['everyone disciplined: by score alone', [scored('d1', 50, 45, { disciplined: true }), scored('d2', 40, 40, { disciplined: true })], false, ['d1:1', 'd2:2']]
  ]
  for (const [name, units, mayRankFirst, expected] of table) {
    t.same(lines(rankCluster(scheme, units, { disciplinedUnitMayRankFirst: mayRankFirst })), expected, name)
  }
})

t.test('ranking: eligibility for titles and the two flags', async (t) => {
  // Ministry-flag band: `good` (from 70).
  const flags = (items: RankingItem[]) => items.map((i) =>
    `${i.unitId}:${i.eligibleForTitles ? 'T' : '-'}${i.eligibleForMinistryFlag ? 'M' : '-'}${i.eligibleForGovernmentFlag ? 'G' : '-'}`)
  const table: Array<[string, ClusterUnit[], boolean, string[]]> = [
    ['the leader in the band gets all three; a disciplined unit none', [scored('n1', 50, 40), scored('d', 50, 45, { disciplined: true }), scored('n2', 40, 35), scored('n3', 35, 34.99)], false,
      ['n1:TMG', 'd:---', 'n2:TM-', 'n3:T--']],
    ['a leader below the band: no flag', [scored('n1', 35, 30), scored('n2', 30, 30)], false, ['n1:T--', 'n2:T--']],
    ['a disciplined leader (rule allows it): nobody gets the Government flag', [scored('d', 50, 45, { disciplined: true }), scored('n1', 50, 40)], true, ['d:---', 'n1:TM-']],
    ['a true tie for the lead: both eligible, the ballot decides', [scored('a', 45, 40), scored('b', 45, 40)], false, ['a:TMG', 'b:TMG']]
  ]
  for (const [name, units, mayRankFirst, expected] of table) {
    t.same(flags(rankCluster(scheme, units, { disciplinedUnitMayRankFirst: mayRankFirst })), expected, name)
  }
  t.match(rankCluster(scheme, [scored('d', 50, 45, { disciplined: true })])[0], { underDiscipline: true, rank: 1 })
})
