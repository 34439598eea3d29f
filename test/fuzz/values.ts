// Odd values the fuzzer plants in bodies, ids, query strings and headers: the inputs most likely to slip past
// validation into the domain or the database (impossible dates, NFD text, limits, nesting, sizes).
import fc from 'fast-check'

/** Vietnamese in decomposed form (NFD): the service stores names NFC, so these must be normalised or refused. */
export const NFD_TEXT = ['Cục Y tế', 'Bệnh viện Y học cổ truyền', 'Cụm thi đua số 9', 'Đổi mới, Chủ động'].map((s) => s.normalize('NFD'))

/** The criteria of the seeded scheme (test/helpers/scoring.ts), and one it does not have. */
export const CRITERION_CODES = ['I', 'I.1', 'I.2', 'I.3', 'II', 'II.1', 'II.2', 'BD', 'X.9']

export const ODD_DATES = ['2019-02-30', '2024-13-01', '2023-02-29', '2024-00-10', '2024-04-31', '0000-01-01', '9999-12-31',
  '1900-01-01', '2024-1-5', '20240105', '2024-02-29T00:00:00Z', '2024-07-30T25:00:00+07:00', '2024-07-30T14:00:00+24:00', '']

/**
 * Names every plain object inherits (or that set its prototype): a key a client sends must never find these in a
 * lookup table. Planted in every string field, in map keys and among the odd strings.
 */
export const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty']

const ODD_STRINGS = [
  ...PROTOTYPE_KEYS, '', ' ', '\t\n', '\u0000', 'a\u0000b', '\u200b', '\u202eRTL', '😀'.repeat(20), 'null', 'undefined', 'NaN', '-0',
  '<script>alert(1)</script>', "'; drop table units; --", '../../etc/passwd', '%00', '%', '\\', '"', '{}', '[]',
  'ĐƠN VỊ', 'đơn vị'.normalize('NFD'), 'x'.repeat(301), 'y'.repeat(5000), ...NFD_TEXT, ...ODD_DATES.filter(Boolean)
]

const ODD_NUMBERS = [0, -0, -1, 1, 0.1 + 0.2, 1e-7, 0.005, 100.001, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2,
  -(2 ** 53), 1e21, 1e308, -1e308, 5e-324, 1945, 2100, 2101, 1944, 99999, 123456789012345680000]

/** A tree nested `depth` levels deep, of arrays or objects. */
export function nestedValue (depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value }
  return value
}

export const oddScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() }
)

/** A value of any shape: odd scalars, small containers, and rarely a huge or deeply nested one. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: oddScalar },
  { weight: 2, arbitrary: fc.array(oddScalar, { maxLength: 5 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), oddScalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(100, 2000).map((n) => nestedValue(n, 'array')) },
  { weight: 1, arbitrary: fc.constantFrom(100, 2000).map((n) => nestedValue(n, 'object')) },
  { weight: 1, arbitrary: fc.constant(0).map(() => Array.from({ length: 5000 }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.constant('z'.repeat(200_000)) }
)

/** Path segments that are not ids: malformed, out of range, encoded tricks, too long for the router. */
export const ODD_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '7A1C0000-0000-4000-8000-000000000000', '{00000000-0000-0000-0000-000000000000}', '00000000000000000000000000000000',
  '%00', '%2e%2e', '..', '.', '%2F', '%25', 'a%20b', encodeURIComponent('đơn-vị'), encodeURIComponent(NFD_TEXT[0]),
  '1e3', '-1', '0', '2147483648', '99999999999999999999', '2024.5', 'x'.repeat(199), 'x'.repeat(250), '%ZZ', 'null']

export const ODD_HEADERS = {
  ifMatch: ['"v1"', '"v2"', 'W/"v1"', '*', '"v0"', '"v-1"', '"v99999999999999999999"', 'v1', '""', ',,,', 'garbage', '"v1", "v2"', 'x'.repeat(5000)],
  ifNoneMatch: ['"v1"', '*', 'garbage', 'W/"v2"'],
  idempotencyKey: ['fuzz-shared-key', 'k', '', ' ', 'with space', 'caf\u00e9', 'k'.repeat(200), 'k'.repeat(201), '\t'],
  contentType: ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
    'application/merge-patch+json', 'application/json; charset=utf-16', 'application/JSON', 'json', ';;;'],
  accept: ['text/html', 'application/xml', '*/*', 'application/problem+json', 'text/csv', 'application/pdf', ';;;', 'application/json;q=0'],
  requestId: ['fuzz-request-1', '', 'x'.repeat(300), 'a b', '../../x']
}

/** Request bodies that are not JSON values at all, sent as raw text. */
export const RAW_BODIES = ['', '{', '{"a":1,}', 'null', '[', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
  '['.repeat(20_000) + ']'.repeat(20_000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), '"' + 'q'.repeat(1_100_000) + '"']
