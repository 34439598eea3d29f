import t from 'tap'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { canonicalJson } from '../../src/domain/canonical-json.js'

t.test('canonicalJson sorts keys at every depth and drops undefined as JSON does', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}')
  t.equal(canonicalJson({ a: undefined, b: 'x' }), '{"b":"x"}')
  t.equal(canonicalJson([undefined, 1]), '[null,1]')
  t.equal(canonicalJson(undefined), 'null')
  t.equal(canonicalJson('Cục Y tế'), '"Cục Y tế"')
})

// JSON values whose objects are plain records, the shape request bodies have.
const json = fc.jsonValue()

function shuffledKeys (value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffledKeys(v, order))
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  return Object.fromEntries(order(Object.keys(record)).map((k) => [k, shuffledKeys(record[k], order)]))
}

t.test('property: the same content in any key order has one canonical form, which parses back to it', async (t) => {
  fc.assert(fc.property(json, (value) => {
    const text = canonicalJson(value)
    const reversed = canonicalJson(shuffledKeys(value, (keys) => [...keys].reverse()))
    return text === reversed && isDeepStrictEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)))
  }))
  t.pass()
})

t.test('property: object keys come out sorted', async (t) => {
  // Keys that cannot be array indexes, which JavaScript would list first whatever the text's order.
  const key = fc.string().map((s) => `k${s}`)
  fc.assert(fc.property(fc.dictionary(key, fc.integer()), (record) => {
    const keys = Object.keys(JSON.parse(canonicalJson(record)))
    return keys.every((k, i) => i === 0 || keys[i - 1] < k)
  }))
  t.pass()
})
