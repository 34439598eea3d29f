// The fast-check arbitraries the scoring properties share: quantities and entries for every leaf of the fixture
// scheme (fixtures.ts), some left out.
import fc from 'fast-check'
import type { Entry } from '../../../src/domain/scoring/index.js'

// Quantities with up to four decimals, built from integers so they are exact by construction.
export const quantity = fc.integer({ min: 0, max: 3_000_000 }).map((n) => n / 10_000)
export const points = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => n / 100)

/** Entries for every leaf of the fixture scheme, some left out. */
export const entries: fc.Arbitrary<Entry[]> = fc.record({
  i1: fc.option(quantity), i2: fc.option(quantity), a: fc.option(fc.boolean()), b: fc.option(fc.integer({ min: 0, max: 20 })),
  ii: fc.option(fc.boolean()), bonus: fc.integer({ min: 0, max: 9 }), deduction: fc.integer({ min: 0, max: 9 })
}).map((e) => [
  ...(e.i1 === null ? [] : [{ code: 'I.1', actual: e.i1 }]),
  ...(e.i2 === null ? [] : [{ code: 'I.2', actual: e.i2 }]),
  ...(e.a === null ? [] : [{ code: 'I.3.a', achieved: e.a }]),
  ...(e.b === null ? [] : [{ code: 'I.3.b', count: e.b }]),
  ...(e.ii === null ? [] : [{ code: 'II', achieved: e.ii }]),
  { code: 'B', bonusCount: e.bonus },
  { code: 'D', deductionCount: e.deduction }
])
