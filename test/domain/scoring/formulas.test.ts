import t from 'tap'
import { parsePoints, parseQuantity, toPoints } from '../../../src/domain/decimal.js'
import { bonusDeductionScore, perOccurrenceScore, qualitativeScore, quantitativeScore } from '../../../src/domain/scoring/index.js'

/** The quantitative formula on readable numbers: MS points, A, T and the cluster's best B. */
function quant (ms: number, direction: 'higher' | 'lower', a: number, target: number, best: number): number {
  const q = (x: number) => parseQuantity(x) as number
  return toPoints(quantitativeScore(parsePoints(ms) as number, direction === 'lower', q(a), q(target), q(best)))
}

t.test('quantitative, higher is better: the four formulas', async (t) => {
  const table: Array<[string, number, number, number, number, number]> = [
    // name, MS, A, T, best, expected
    ['below target: 0.5·MS·A/T', 10, 40, 80, 100, 2.5],
    ['nothing achieved', 10, 0, 80, 100, 0],
    ['at target: 0.5·MS', 10, 80, 80, 100, 5],
    ['above target and best: MS', 10, 100, 80, 100, 10],
    ['above target, not best: 0.5·MS + 0.5·MS·(A−T)/(B−T)', 10, 90, 80, 100, 7.5],
    ['rounded once, half up: 10·1/6 = 1.666…', 10, 1, 3, 3, 1.67],
    ['2/3 of 5 = 3.333…', 10, 2, 3, 3, 3.33],
    ['four-decimal quantities are exact: 0.1 of 0.3', 10, 0.1, 0.3, 0.3, 1.67],
    ['at target on an odd max: 0.025 rounds up to 0.03', 0.05, 7, 7, 7, 0.03],
    ['just above target stays between half and max', 10, 80.0001, 80, 100, 5],
    ['target 0, actual 0: at target', 10, 0, 0, 0, 5],
    ['target 0, actual > 0, best: MS', 10, 5, 0, 5, 10],
    ['target 0, not best: 0.5·MS + 0.5·MS·A/B', 10, 5, 0, 20, 6.25]
  ]
  for (const [name, ms, a, target, best, expected] of table) t.equal(quant(ms, 'higher', a, target, best), expected, name)
})

t.test('quantitative, lower is better: the mirrored formulas', async (t) => {
  const table: Array<[string, number, number, number, number, number]> = [
    ['worse than target: 0.5·MS·T/A', 10, 20, 10, 2, 2.5],
    ['at target: 0.5·MS', 10, 10, 10, 2, 5],
    ['better and the lowest: MS', 10, 2, 10, 2, 10],
    ['better, not the lowest: 0.5·MS + 0.5·MS·(T−A)/(T−B)', 10, 6, 10, 2, 7.5],
    ['actual 0 with a positive target is the best there is', 10, 0, 10, 0, 10],
    ['target 0 (zero tolerance), actual 0: MS', 10, 0, 0, 0, 10],
    ['target 0, any actual above 0: 0', 10, 3, 0, 0, 0],
    ['worse by a third: 10·3/8 = 3.75', 10, 4, 3, 1, 3.75]
  ]
  for (const [name, ms, a, target, best, expected] of table) t.equal(quant(ms, 'lower', a, target, best), expected, name)
})

t.test('quantitative: huge values stay exact (BigInt path)', async (t) => {
  // MS = 999,999.99 points; A, T, B near 1e11 with four decimals.
  t.equal(quant(999_999.99, 'higher', 99_999_999_999.9999, 50_000_000_000, 100_000_000_000), 999_999.99)
  t.equal(quant(999_999.99, 'higher', 50_000_000_000, 100_000_000_000, 100_000_000_000), 250_000)
})

t.test('qualitative, per occurrence, bonus/deduction', async (t) => {
  t.equal(qualitativeScore(1000, true), 1000)
  t.equal(qualitativeScore(1000, false), 0)
  const perOccurrence: Array<[number, number, number, number]> = [
    [2000, 250, 0, 0], [2000, 250, 3, 750], [2000, 250, 8, 2000], [2000, 250, 9, 2000] // capped at the max
  ]
  for (const [max, each, count, expected] of perOccurrence) t.equal(perOccurrenceScore(max, each, count), expected, `${count} × ${each}`)
  const bonusDeduction: Array<[string, number, number, number, number, number]> = [
    // name, bonus count, deduction count, min, max, expected (each: +100 / −200)
    ['bonus only', 3, 0, -600, 500, 300],
    ['bonus clamped to max', 7, 0, -600, 500, 500],
    ['net of both', 3, 1, -600, 500, 100],
    ['deduction', 0, 2, -600, 500, -400],
    ['deduction clamped to min', 0, 5, -600, 500, -600],
    ['min 0 keeps a bonus criterion from going negative', 1, 3, 0, 500, 0]
  ]
  for (const [name, b, d, min, max, expected] of bonusDeduction) t.equal(bonusDeductionScore(min, max, 100, b, 200, d), expected, name)
})
