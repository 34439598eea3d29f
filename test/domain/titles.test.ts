import t from 'tap'
import fc from 'fast-check'
import { DEFAULT_TITLES, describeQuota, quotaLimit, type QuotaRule } from '../../src/domain/titles.js'

const twentyPercent: QuotaRule = { basis: 'cluster_leading_units', percent: 20, rounding: 'down' }

t.test('quotaLimit: a share of the cluster-leading units is rounded down ("không quá"), a per-cluster quota is its number', async (t) => {
  const table: Array<[QuotaRule, number, number]> = [
    [twentyPercent, 0, 0],
    [twentyPercent, 4, 0],
    [twentyPercent, 5, 1],
    [twentyPercent, 9, 1],
    [twentyPercent, 10, 2],
    [twentyPercent, 14, 2],
    [twentyPercent, 15, 3],
    [{ basis: 'cluster_leading_units', percent: 100, rounding: 'down' }, 7, 7],
    [{ basis: 'cluster_leading_units', percent: 33, rounding: 'down' }, 3, 0],
    [{ basis: 'cluster_leading_units', percent: 35, rounding: 'down' }, 20, 7],
    [{ basis: 'per_cluster', max: 2 }, 40, 2]
  ]
  for (const [rule, leadingUnits, limit] of table) t.equal(quotaLimit(rule, { leadingUnits }), limit, `${JSON.stringify(rule)} of ${leadingUnits}`)
})

t.test('quotaLimit: never more than the share, and one unit short of the share\'s next step', async (t) => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 10_000 }), (percent, leadingUnits) => {
    const limit = quotaLimit({ basis: 'cluster_leading_units', percent, rounding: 'down' }, { leadingUnits })
    // limit/leadingUnits ≤ percent/100 < (limit+1)/leadingUnits, in integers.
    return Number.isInteger(limit) && limit * 100 <= leadingUnits * percent && (limit + 1) * 100 > leadingUnits * percent
  }))
})

t.test('describeQuota says the share, the base, the rounding and the result', async (t) => {
  t.equal(describeQuota(twentyPercent, { leadingUnits: 12 }), '20 % of 12 cluster-leading units, rounded down: 2')
  t.equal(describeQuota(twentyPercent, { leadingUnits: 1 }), '20 % of 1 cluster-leading unit, rounded down: 0')
  t.equal(describeQuota({ basis: 'per_cluster', max: 3 }, { leadingUnits: 12 }), 'at most 3 per cluster')
})

t.test('the default catalogue: the Government flag for the leading unit under its 20 % quota, each title cited', async (t) => {
  const byCode = new Map(DEFAULT_TITLES.map((title) => [title.code, title]))
  t.same([...byCode.keys()].sort(), ['cand_emulation_fighter', 'emulation_fighter', 'government_flag', 'ministry_certificate', 'ministry_certificate_individual', 'ministry_flag'])
  t.match(byCode.get('government_flag'), { level: 'government', recipient: 'collective', standard: { ranking: 'leads_cluster' }, quota: twentyPercent, legalBasis: /5007\/BNV-TĐKT/ })
  t.match(byCode.get('ministry_flag'), { level: 'ministry', recipient: 'collective', standard: { ranking: 'ministry_flag_band' } })
  t.match(byCode.get('emulation_fighter'), { recipient: 'individual', standard: { ranking: 'none' } })
  t.equal(new Set(DEFAULT_TITLES.map((title) => title.name)).size, DEFAULT_TITLES.length, 'names differ')
  for (const title of DEFAULT_TITLES) t.match(title.legalBasis, /Luật Thi đua, khen thưởng số 06\/2022\/QH15|Thông tư/, `${title.code} cites its legal basis`)
})
