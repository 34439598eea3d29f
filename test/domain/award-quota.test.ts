// The quota arithmetic: which clusters count as active in a year, and the refusal past a quota (table first, then
// properties over any counts).
import t from 'tap'
import fc from 'fast-check'
import { activeClusterCount, assertWithinQuota, withinQuota } from '../../src/domain/award-quota.js'

t.test('activeClusterCount: founded by 31 December, not dissolved before 1 January', async (t) => {
  const clusters = [
    { foundedOn: '2018-10-04' },
    { foundedOn: '2024-12-31' },
    { foundedOn: '2025-01-01' },
    { foundedOn: null },
    { foundedOn: '2010-01-01', dissolvedOn: '2023-12-31' },
    { foundedOn: '2010-01-01', dissolvedOn: '2024-01-01' },
    { foundedOn: '2010-01-01', dissolvedOn: null }
  ]
  // 2018-10-04, 2024-12-31 (founded on the last day), null (not recorded: it exists), dissolved 2024-01-01, not dissolved.
  t.equal(activeClusterCount(clusters, 2024), 5)
  t.equal(activeClusterCount(clusters, 2025), 5, 'founded 2025-01-01 counts in 2025; dissolved in 2024 no longer')
  t.equal(activeClusterCount(clusters, 2017), 4)
  t.equal(activeClusterCount([], 2024), 0)
})

t.test('assertWithinQuota: a table of uses', async (t) => {
  // [quota, accepted, asked, passes]
  const table: Array<[number, number, number, boolean]> = [
    [2, 0, 2, true],
    [2, 1, 1, true],
    [2, 2, 1, false],
    [2, 1, 2, false],
    [0, 0, 1, false],
    [0, 0, 0, true],
    [4, 0, 5, false]
  ]
  for (const [quota, accepted, asked, passes] of table) {
    const run = () => assertWithinQuota('government_flag', { quota, accepted, asked }, 'ministry')
    if (passes) t.doesNotThrow(run, `${accepted} + ${asked} within ${quota}`)
    else t.throws(run, { code: 'quota_exceeded', details: { quota, accepted, asked, titleCode: 'government_flag', scope: 'ministry' } }, `${accepted} + ${asked} past ${quota}`)
  }
  t.throws(() => assertWithinQuota('ministry_flag', { quota: 2, accepted: 2, asked: 1 }, 'cluster'), { message: /for this cluster is 2; 2 are already accepted, so 1 more/ })
})

t.test('the Government flag\'s ceiling: floor(n × 20 / 100), worked examples', async (t) => {
  // What the catalogue's rule gives (domain/titles.ts quotaLimit): 12 clusters → 2 flags, 9 → 1, 4 → 0, 10 → 2.
  const floor20 = (n: number) => Math.floor(n * 20 / 100)
  t.same([4, 5, 9, 10, 12, 14, 15].map(floor20), [0, 1, 1, 2, 2, 2, 3])
})

t.test('property: accepting one by one stops exactly at the quota, whatever the order of the asks', async (t) => {
  fc.assert(fc.property(fc.nat({ max: 50 }), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 30 }), (quota, asks) => {
    let accepted = 0
    for (const asked of asks) {
      const use = { quota, accepted, asked }
      let passed = true
      try { assertWithinQuota('government_flag', use, 'ministry') } catch { passed = false }
      if (passed !== withinQuota(use)) return false
      if (passed) accepted += asked
      // Never past the quota; a refusal only when the ask would pass it.
      if (accepted > quota || (!passed && accepted + asked <= quota)) return false
    }
    return true
  }), { numRuns: 500 })
})

t.test('property: the active count is monotone in the founding days and never more than the clusters', async (t) => {
  const day = fc.integer({ min: 2000, max: 2030 }).chain((y) => fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, '0')}-15`))
  fc.assert(fc.property(fc.array(fc.record({ foundedOn: fc.option(day, { nil: null }), dissolvedOn: fc.option(day, { nil: null }) })), fc.integer({ min: 2000, max: 2030 }),
    (clusters, year) => {
      const n = activeClusterCount(clusters, year)
      const earlier = clusters.map((c) => ({ ...c, foundedOn: c.foundedOn === null ? null : `${Number(c.foundedOn.slice(0, 4)) - 1}${c.foundedOn.slice(4)}` }))
      return n >= 0 && n <= clusters.length && activeClusterCount(earlier, year) >= n
    }), { numRuns: 300 })
})
