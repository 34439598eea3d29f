import fs from 'node:fs'
import { createHmac } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { createSigner } from 'fast-jwt'
import { actorFromClaims, embeddedSecret, InvalidTokenError, parseDuration, signToken, tokenLifetime, tokenVerifier } from '../../src/auth/tokens.js'

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
const HOUR = 3_600_000
/** An HS256 token of exactly these claims, which fast-jwt's signer would not produce (it checks them). */
function handSigned (claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`
}

/** A verifier that lets tokens live a day at most. */
const dayVerifier = () => tokenVerifier(SECRET, { maxLifetimeHours: 24 })
const CLUSTER = 'A1B2C3D4-0000-4000-8000-000000000001'

t.test('a signed token verifies to its actor, with scope ids in lower case', async (t) => {
  const verify = dayVerifier()
  t.same(verify(signToken(SECRET, { sub: 's', role: 'secretariat', clusterId: CLUSTER })), { sub: 's', role: 'secretariat', clusterId: CLUSTER.toLowerCase() })
  t.same(verify(signToken(SECRET, { sub: 'r', role: 'reader', unitId: CLUSTER })), { sub: 'r', role: 'reader' }, 'a scope the role does not use is dropped')
})

t.test('claims without what the role needs are refused', async (t) => {
  const refusals: Array<[Record<string, unknown>, RegExp]> = [
    [{ role: 'admin' }, /no sub/],
    [{ sub: '', role: 'admin' }, /no sub/],
    [{ sub: 'x'.repeat(256), role: 'admin' }, /sub claim must be 1 to 255 characters/],
    [{ sub: 'a\u0000b', role: 'admin' }, /sub claim must be 1 to 255 characters of text, without control characters/],
    [{ sub: 'a\nb', role: 'admin' }, /without control characters/],
    [{ sub: 'a\ud800b', role: 'admin' }, /sub claim must be/],
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
  for (const sub of ['x'.repeat(255), 'vu-thi-dua', 'Nguyễn Văn A 🌟', 'https://id.bocongan.gov.vn|5f0c']) {
    t.equal(actorFromClaims({ sub, role: 'admin' }).sub, sub, `a subject of ${sub.length} characters is taken`)
  }
})

t.test('only HS256 with the right secret, unexpired, verifies', async (t) => {
  const verify = dayVerifier()
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
  t.same(verify(createSigner({ key: SECRET, expiresIn: HOUR })(claims)), claims, 'the same claims, well signed, verify')
})

t.test('a token must expire, live no longer than the configured lifetime, and not be issued in the future', async (t) => {
  const verify = dayVerifier()
  const claims = { sub: 'x', role: 'admin' }
  const now = Date.now()
  const seconds = (ms: number) => Math.floor(ms / 1000)
  const refused: Array<[string, string, RegExp]> = [
    ['no exp', createSigner({ key: SECRET })(claims), /no exp claim \(a number\): every token must expire/],
    ['no exp and no iat', createSigner({ key: SECRET, noTimestamp: true })(claims), /no exp claim/],
    ['exp in the year 3000', createSigner({ key: SECRET })({ ...claims, exp: seconds(Date.UTC(3000, 0, 1)) }), /lives longer than the 24 hours/],
    ['a lifetime of 25 hours from its iat', createSigner({ key: SECRET, expiresIn: 25 * HOUR })(claims), /lives longer than the 24 hours/],
    ['no iat, and 25 hours left', createSigner({ key: SECRET, noTimestamp: true, expiresIn: 25 * HOUR })(claims), /lives longer than the 24 hours/],
    ['issued five minutes from now', createSigner({ key: SECRET, expiresIn: HOUR, clockTimestamp: now + 5 * 60_000 })(claims), /issued in the future/],
    ['an iat that is not a number', handSigned({ ...claims, iat: 'now', exp: seconds(now + HOUR) }), /iat claim must be a number/]
  ]
  for (const [why, token, message] of refused) {
    const error = thrown(() => verify(token))
    t.ok(error instanceof InvalidTokenError, why)
    t.match((error as Error).message, message, why)
  }
  const accepted: Array<[string, string]> = [
    ['a lifetime of exactly 24 hours', createSigner({ key: SECRET, expiresIn: 24 * HOUR })(claims)],
    ['no iat, and an hour left', createSigner({ key: SECRET, noTimestamp: true, expiresIn: HOUR })(claims)],
    ['issued 30 seconds from now: clocks differ that much', createSigner({ key: SECRET, expiresIn: HOUR, clockTimestamp: now + 30_000 })(claims)],
    ['issued 23 hours ago for 24 hours, with an hour left', createSigner({ key: SECRET, expiresIn: 24 * HOUR, clockTimestamp: now - 23 * HOUR })(claims)]
  ]
  for (const [why, token] of accepted) t.same(verify(token), claims, why)
  t.same(tokenVerifier(SECRET, { maxLifetimeHours: 8760 })(createSigner({ key: SECRET, expiresIn: 25 * HOUR })(claims)), claims,
    'the configured lifetime decides')
})

t.test('tokenLifetime: a duration within the configured lifetime, else a refusal that says the limit', async (t) => {
  t.equal(tokenLifetime('12h', 24), 12 * HOUR)
  t.equal(tokenLifetime('1d', 24), 24 * HOUR)
  t.throws(() => tokenLifetime('25h', 24), { message: /25h is longer than the 24 hours a token may live \(TOKEN_MAX_LIFETIME_HOURS\)/ })
  t.throws(() => tokenLifetime('0', 24), { message: /A token must expire/ })
  t.ok(thrown(() => tokenLifetime('365d', 720)) instanceof InvalidTokenError)
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
