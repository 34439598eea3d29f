import t from 'tap'
import fc from 'fast-check'
import { formatPoints, mulDivRound, parsePoints, parseQuantity, sumPoints, toPoints, toScaled } from '../../src/domain/decimal.js'

t.test('parsePoints: numbers with at most two decimals, as exact hundredths', async (t) => {
  const table: Array<[unknown, number | null]> = [
    [12.3, 1230],
    [0.1, 10],
    [0.3, 30],
    [1.25, 125],
    [100, 10000],
    [-1.5, -150],
    [-0, 0],
    [0.1 + 0.2, null], // 0.30000000000000004 has more than two places
    [1.005, null],
    [0.001, null],
    [1e21, null], // beyond a safe integer of hundredths
    [Number.NaN, null],
    [Infinity, null],
    ['1', null],
    [null, null]
  ]
  for (const [value, expected] of table) t.equal(parsePoints(value), expected, String(value))
  t.ok(Object.is(parsePoints(-0), 0), '-0 reads as 0')
})

t.test('parseQuantity: 0 to 1e11 with at most four decimals', async (t) => {
  const table: Array<[unknown, number | null]> = [
    [97.25, 972500], [0.0001, 1], [0, 0], [1e11, 1e15], [0.00001, null], [-1, null], [1e11 + 1, null], [true, null]
  ]
  for (const [value, expected] of table) t.equal(parseQuantity(value), expected, String(value))
  t.equal(toScaled(2.5, 10), 25)
})

t.test('toPoints and formatPoints: exact two-place output', async (t) => {
  const table: Array<[number, string, string]> = [
    [1230, '12.3', '12.30'], [30, '0.3', '0.30'], [5, '0.05', '0.05'], [-5, '-0.05', '-0.05'], [0, '0', '0.00'], [10000, '100', '100.00']
  ]
  for (const [h, json, text] of table) {
    t.equal(JSON.stringify(toPoints(h)), json, `${h} as JSON`)
    t.equal(formatPoints(h), text, `${h} as text`)
  }
  t.equal(sumPoints([0.1, 0.2]), 0.3, '0.1 + 0.2 = 0.3 exactly')
  t.equal(sumPoints([]), 0)
  t.throws(() => sumPoints([0.1 + 0.2]), RangeError)
})

t.test('mulDivRound: a·b/den rounded once, half up', async (t) => {
  const table: Array<[number, number, number, number]> = [
    [1, 1, 2, 1], // 0.5 → 1
    [1, 1, 3, 0], // 0.33 → 0
    [2, 1, 3, 1], // 0.67 → 1
    [5, 1, 2, 3], // 2.5 → 3
    [1000, 1, 3, 333],
    [0, 7, 9, 0],
    [2 ** 40, 2 ** 20, 2 ** 30, 2 ** 30], // product beyond 2^53: the BigInt path
    [99_999_999, 3 * 10 ** 15, 6 * 10 ** 15, 50_000_000] // half of 999,999.99 points → .5 rounds up
  ]
  for (const [a, b, den, expected] of table) t.equal(mulDivRound(a, b, den), expected, `${a}·${b}/${den}`)
})

t.test('property: mulDivRound agrees with BigInt arithmetic', async (t) => {
  const int = fc.oneof(fc.integer({ min: 0, max: 2 ** 26 }), fc.maxSafeNat())
  fc.assert(fc.property(int, int, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (a, b, den) => {
    const n = BigInt(a) * BigInt(b)
    const d = BigInt(den)
    const expected = Number(n / d + (2n * (n % d) >= d ? 1n : 0n))
    return mulDivRound(a, b, den) === expected
  }))
  t.pass('held')
})

t.test('property: hundredths round-trip and sums stay exact', async (t) => {
  const h = fc.integer({ min: -1e12, max: 1e12 })
  fc.assert(fc.property(h, (x) => parsePoints(toPoints(x)) === x))
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 200 }), (xs) => {
    const total = sumPoints(xs.map(toPoints))
    return parsePoints(total) === xs.reduce((a, b) => a + b, 0) && !/\.\d{3}/.test(String(total))
  }))
  t.pass('held')
})
