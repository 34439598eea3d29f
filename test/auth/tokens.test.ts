import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { createSigner } from 'fast-jwt'
import { actorFromClaims, embeddedSecret, InvalidTokenError, parseDuration, signToken, tokenVerifier } from '../../src/auth/tokens.js'

/** The error `fn` throws (tap compares error classes by shape, and InvalidTokenError looks like any Error). */
function thrown (fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  return undefined
}

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789'
const CLUSTER = 'A1B2C3D4-0000-4000-8000-000000000001'

t.test('a signed token verifies to its actor, with scope ids in lower case', async (t) => {
  const verify = tokenVerifier(SECRET)
  t.same(verify(signToken(SECRET, { sub: 's', role: 'secretariat', clusterId: CLUSTER })), { sub: 's', role: 'secretariat', clusterId: CLUSTER.toLowerCase() })
  t.same(verify(signToken(SECRET, { sub: 'r', role: 'reader', unitId: CLUSTER })), { sub: 'r', role: 'reader' }, 'a scope the role does not use is dropped')
})

t.test('claims without what the role needs are refused', async (t) => {
  const refusals: Array<[Record<string, unknown>, RegExp]> = [
    [{ role: 'admin' }, /no sub/],
    [{ sub: '', role: 'admin' }, /no sub/],
    [{ sub: 'x' }, /role must be one of admin, secretariat, unit, reader/],
    [{ sub: 'x', role: 'superuser' }, /role must be one of/],
    [{ sub: 'x', role: 'secretariat' }, /secretariat token needs a clusterId/],
    [{ sub: 'x', role: 'secretariat', clusterId: 'cluster-9' }, /clusterId claim \(a UUID\)/],
    [{ sub: 'x', role: 'unit' }, /unit token needs a unitId/]
  ]
  for (const [claims, message] of refusals) {
    const error = thrown(() => actorFromClaims(claims))
    t.ok(error instanceof InvalidTokenError, JSON.stringify(claims))
    t.match((error as Error).message, message)
  }
})

t.test('only HS256 with the right secret, unexpired, verifies', async (t) => {
  const verify = tokenVerifier(SECRET)
  const claims = { sub: 'x', role: 'admin' }
  const refused = [
    signToken('another-secret-that-is-long-enough-012345', { sub: 'x', role: 'admin' }),
    createSigner({ key: SECRET, algorithm: 'HS512' })(claims),
    createSigner({ algorithm: 'none' })(claims),
    createSigner({ key: SECRET, expiresIn: 1000 })({ ...claims, iat: Math.floor(Date.now() / 1000) - 3600 }),
    'not.a.token'
  ]
  for (const token of refused) t.ok(thrown(() => verify(token)) instanceof InvalidTokenError, token)
  t.match((thrown(() => verify(refused[3])) as Error).message, /expired/)
  t.same(verify(createSigner({ key: SECRET })(claims)), claims, 'the same claims, well signed, verify')
})

t.test('parseDuration reads the documented units', async (t) => {
  t.equal(parseDuration('12h'), 43_200_000)
  t.equal(parseDuration('30m'), 1_800_000)
  t.equal(parseDuration('7d'), 604_800_000)
  t.equal(parseDuration('45s'), 45_000)
  t.equal(parseDuration('250'), 250)
  t.equal(parseDuration('250ms'), 250)
  t.throws(() => parseDuration('1w'), /Cannot read the duration "1w"/)
  t.throws(() => parseDuration('-5m'))
})

t.test('embeddedSecret creates one secret per data directory and keeps it', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-secret-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const nested = path.join(dir, 'not', 'yet')
  const first = embeddedSecret(nested)
  t.ok(first.length >= 32)
  t.equal(embeddedSecret(nested), first)
  t.not(embeddedSecret(path.join(dir, 'other')), first)
})
