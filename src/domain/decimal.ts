// Exact decimal arithmetic for points and quantities.
//
// Points carry two decimal places. Inside the domain they are integer hundredths held in plain numbers
// (12.3 points = 1230), so sums are exact integer additions and never accumulate binary-float error.
// Quantities (actuals, targets) carry up to four places and are held as integer ten-thousandths, so a ratio
// A/T of two quantities is a ratio of two integers and can be computed exactly.
//
// Rounding rule: a value that needs division (a quantitative formula) is computed as an exact fraction and
// rounded ONCE, half-up, to hundredths; every other operation (products by whole counts, sums, caps) is exact.
// Results leave as JSON numbers via `toPoints`: h / 100 is the double nearest the two-place decimal, so
// JSON.stringify prints it in its shortest exact form (1230 → 12.3, 30 → 0.3).

/** Integer hundredths of a point. */
export type Hundredths = number

export const POINT_SCALE = 100
export const QUANTITY_SCALE = 10_000
/** Bounds that keep every intermediate product either a safe integer or on the BigInt path. */
export const MAX_POINTS = 1_000_000
export const MAX_QUANTITY = 100_000_000_000

/**
 * `value` × `scale` as an integer when `value` is a finite number with at most log10(scale) decimal places,
 * else null. The round-trip test is exact: a two-place decimal d parses to the double nearest d, and that
 * double divided back from round(d·100) is the same double; a value with more places never round-trips.
 */
export function toScaled (value: unknown, scale: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null
  const scaled = Math.round(value * scale)
  return Number.isSafeInteger(scaled) && scaled / scale === value ? scaled + 0 : null // + 0 turns -0 into 0
}

/** Points given as a JSON number → hundredths; null when not a number with at most two decimals. */
export const parsePoints = (value: unknown): Hundredths | null => toScaled(value, POINT_SCALE)

/** What `parseQuantity` accepts, for messages. */
export const QUANTITY_RULE = `must be a number from 0 to ${MAX_QUANTITY} with at most four decimals`

/** An actual or target → ten-thousandths; null unless a number from 0 to MAX_QUANTITY with at most four decimals. */
export function parseQuantity (value: unknown): number | null {
  const q = toScaled(value, QUANTITY_SCALE)
  return q === null || q < 0 || q > MAX_QUANTITY * QUANTITY_SCALE ? null : q
}

/** Ten-thousandths → the JSON number exact to four decimals (as toPoints: one correctly rounded division). */
export const toQuantity = (q: number): number => q / QUANTITY_SCALE

/** Hundredths → the JSON number exact to two decimals. */
export const toPoints = (h: Hundredths): number => h / POINT_SCALE

/** Hundredths → text with exactly two decimals, for messages ("12.30"). */
export function formatPoints (h: Hundredths): string {
  const sign = h < 0 ? '-' : ''
  const abs = Math.abs(h)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** The exact sum of two-place JSON numbers (0.1 + 0.2 → 0.3); throws on a value with more places. */
export function sumPoints (values: readonly number[]): number {
  let total = 0
  for (const value of values) {
    const h = parsePoints(value)
    if (h === null) throw new RangeError(`${value} is not a number with at most two decimals`)
    total += h
  }
  return toPoints(total)
}

const BIG_DIVISOR = 2 ** 51 // 2·remainder must stay a safe integer on the fast path

/**
 * round(a·b / den) half-up, for non-negative safe integers a, b and den > 0. The fast path stays in exact
 * integer doubles (`%` and the division of an exact multiple are exact); a product beyond 2^53 goes to BigInt.
 */
export function mulDivRound (a: number, b: number, den: number): number {
  const n = a * b
  if (n <= Number.MAX_SAFE_INTEGER && den < BIG_DIVISOR) {
    const r = n % den
    return (n - r) / den + (2 * r >= den ? 1 : 0)
  }
  const N = BigInt(a) * BigInt(b)
  const D = BigInt(den)
  const r = N % D
  return Number(N / D + (2n * r >= D ? 1n : 0n))
}
