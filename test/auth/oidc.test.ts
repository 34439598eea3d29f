// Tokens of an OpenID Connect provider: a key set served on the loopback by node:http, keys made by jose.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import { type CryptoKey, type JWK, SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose'
import { createSigner } from 'fast-jwt'
import { IdentityProviderUnavailableError, bearerVerifier, claimAt, mappedRole } from '../../src/auth/provider.js'
import { InvalidTokenError, signToken } from '../../src/auth/tokens.js'
import { type IdentityProvider, loadConfig } from '../../src/config.js'
import { build, TEST_SECRET } from '../helpers/build.js'

const ISSUER = 'https://id.bocongan.gov.vn/realms/bca'
const AUDIENCE = 'thidua'
const UNIT = '0f8e6b52-2c1d-4f4b-9a51-3d2b7c4e9a10'
const CLUSTER = '5b7a4c1e-8d2f-4e3a-b6c9-1a2b3c4d5e6f'
const SECRET = 'a-shared-secret-that-is-long-enough-0123456789'
const PROBLEM = /^application\/problem\+json/

/** Keycloak's shape: roles in realm_access.roles, our unit and cluster in attributes mapped to claims. */
const KEYCLOAK = {
  AUTH_ISSUER: ISSUER,
  AUTH_AUDIENCE: AUDIENCE,
  AUTH_ROLE_CLAIM: 'realm_access.roles',
  AUTH_ROLE_MAP: 'thidua-admin=admin,thidua-bo=ministry,thidua-thuky=secretariat,thidua-donvi=unit,thidua-xem=reader',
  AUTH_UNIT_CLAIM: 'thidua.unit',
  AUTH_CLUSTER_CLAIM: 'cluster_id'
}

interface Key { kid: string, alg: 'RS256' | 'ES256', privateKey: CryptoKey, jwk: JWK, pem: string }
async function makeKey (kid: string, alg: 'RS256' | 'ES256'): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return { kid, alg, privateKey, jwk: { ...await exportJWK(publicKey), kid, alg, use: 'sig' }, pem: await exportSPKI(publicKey) }
}

function sign (key: Key, claims: Record<string, unknown>, options: { issuer?: string, audience?: string, expiresIn?: string | number, kid?: string | null } = {}): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, ...(options.kid === null ? {} : { kid: options.kid ?? key.kid }) })
    .setIssuedAt()
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
  if (options.expiresIn !== undefined) jwt.setExpirationTime(options.expiresIn)
  else jwt.setExpirationTime('10m')
  return jwt.sign(key.privateKey)
}

/** The provider's key set endpoint: what it serves can be changed, and it counts its fetches. */
async function jwksServer (t: Test) {
  const state = { keys: [] as JWK[], mode: 'keys' as 'keys' | 'garbage' | 'error', fetches: 0 }
  const server = http.createServer((_req, res) => {
    state.fetches++
    if (state.mode === 'error') return res.writeHead(500).end('down for maintenance')
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(state.mode === 'garbage' ? '<html>not a key set</html>' : JSON.stringify({ keys: state.keys }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/bca/protocol/openid-connect/certs` }
}

/** The provider as the environment gives it, with a short cache and cooldown so the test can wait them out. */
function provider (env: Record<string, string>, timing: Partial<Pick<IdentityProvider, 'jwksCacheMs' | 'jwksCooldownMs'>> = {}) {
  const config = loadConfig({ AUTH_JWT_SECRET: SECRET, ...env })
  return { algorithms: config.authAlgorithms, provider: { ...config.identityProvider!, ...timing } }
}

async function refusal (promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return undefined
}

t.test('the claim path and the role map', async (t) => {
  const claims = { realm_access: { roles: ['offline_access', 'thidua-xem'] }, 'https://thidua.vn/roles': 'x', a: { 'b.c': 1 } }
  t.same(claimAt(claims, 'realm_access.roles'), ['offline_access', 'thidua-xem'])
  t.equal(claimAt(claims, 'https://thidua.vn/roles'), 'x', 'a claim whose name holds dots is found by its whole name')
  t.equal(claimAt(claims, 'realm_access.roles.length'), undefined, 'an array is not walked into')
  t.equal(claimAt(claims, 'constructor'), undefined, 'inherited properties are not claims')
  t.equal(claimAt(claims, 'realm_access.toString'), undefined)
  const map = [['thidua-admin', 'admin'], ['thidua-xem', 'reader']] as const
  t.equal(mappedRole(['thidua-xem', 'thidua-admin'], map, 'roles'), 'admin', 'the first entry of the map the token holds wins, whatever the order in the token')
  t.equal(mappedRole('thidua-xem', map, 'roles'), 'reader', 'one name as a string')
  for (const value of [undefined, [], ['offline_access'], 'admin', [1, null]]) {
    t.ok(refusalSync(() => mappedRole(value, map, 'roles')) instanceof InvalidTokenError, JSON.stringify(value))
  }
})

function refusalSync (fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  return undefined
}

t.test('tokens of a provider with a key set', async (t) => {
  const { state, url } = await jwksServer(t)
  const rsa = await makeKey('rsa-1', 'RS256')
  const ec = await makeKey('ec-1', 'ES256')
  // Made before the clock matters: making an RSA key can take longer than the cooldown.
  const [other, next, unknown] = await Promise.all([makeKey('rsa-1', 'RS256'), makeKey('rsa-2', 'RS256'), makeKey('nobody', 'RS256')])
  state.keys = [rsa.jwk, ec.jwk]
  const { algorithms, provider: idp } = provider({ ...KEYCLOAK, AUTH_JWKS_URL: url }, { jwksCacheMs: 60_000, jwksCooldownMs: 800 })
  const verify = await bearerVerifier({ secret: SECRET, maxLifetimeHours: 720, algorithms, provider: idp })

  await t.test('RS256 and ES256 tokens are accepted and their roles mapped', async (t) => {
    t.same(await verify(await sign(rsa, { sub: 'nguyen.van.a', realm_access: { roles: ['offline_access', 'thidua-admin'] } })),
      { sub: 'nguyen.van.a', role: 'admin' })
    t.same(await verify(await sign(ec, { sub: 'vu-thi-dua', realm_access: { roles: ['thidua-bo'] } })), { sub: 'vu-thi-dua', role: 'ministry' })
    t.same(await verify(await sign(rsa, { sub: 'tk', realm_access: { roles: ['thidua-thuky'] }, cluster_id: CLUSTER.toUpperCase() })),
      { sub: 'tk', role: 'secretariat', clusterId: CLUSTER })
    t.same(await verify(await sign(ec, { sub: 'dv', realm_access: { roles: ['thidua-donvi'] }, thidua: { unit: UNIT } })),
      { sub: 'dv', role: 'unit', unitId: UNIT })
    t.same(await verify(await sign(rsa, { sub: 'many', realm_access: { roles: ['thidua-xem', 'thidua-donvi', 'thidua-admin'] } })),
      { sub: 'many', role: 'admin' }, 'several mapped roles: the first of AUTH_ROLE_MAP wins')
    t.equal(state.fetches, 1, 'the key set was fetched once and cached')
  })

  await t.test('shared-secret HS256 tokens keep working beside them', async (t) => {
    t.same(await verify(signToken(SECRET, { sub: 'ops', role: 'reader' })), { sub: 'ops', role: 'reader' })
  })

  await t.test('a token that breaks a rule is refused as invalid', async (t) => {
    const roles = { realm_access: { roles: ['thidua-admin'] } }
    const now = Math.floor(Date.now() / 1000)
    const pemAsSecret = new TextEncoder().encode(rsa.pem)
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const bad: Record<string, string> = {
      'wrong issuer': await sign(rsa, { sub: 'x', ...roles }, { issuer: 'https://id.example.com/realms/other' }),
      'wrong audience': await sign(rsa, { sub: 'x', ...roles }, { audience: 'another-client' }),
      'signed by another key under a known kid': await sign(other, { sub: 'x', ...roles }),
      'expired beyond the clock skew': await sign(rsa, { sub: 'x', ...roles }, { expiresIn: now - 120 }),
      'no exp': await new SignJWT({ sub: 'x', ...roles }).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(rsa.privateKey),
      'longer than TOKEN_MAX_LIFETIME_HOURS': await sign(rsa, { sub: 'x', ...roles }, { expiresIn: '31d' }),
      'a role the map does not know': await sign(rsa, { sub: 'x', realm_access: { roles: ['offline_access', 'admin'] } }),
      'no role claim': await sign(rsa, { sub: 'x' }),
      'a secretariat without its cluster': await sign(rsa, { sub: 'x', realm_access: { roles: ['thidua-thuky'] } }),
      'a unit whose unit is not a UUID': await sign(rsa, { sub: 'x', realm_access: { roles: ['thidua-donvi'] }, thidua: { unit: 'H06' } }),
      'no sub': await sign(rsa, { ...roles }),
      'alg confusion: HS256 with the provider\'s public key as the HMAC secret':
        await new SignJWT({ sub: 'x', role: 'admin', ...roles }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setIssuedAt().setExpirationTime('10m').setIssuer(ISSUER).setAudience(AUDIENCE).sign(pemAsSecret),
      'alg confusion: HS256 with the key set\'s modulus as the secret':
        await new SignJWT({ sub: 'x', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(String(rsa.jwk.n))),
      'alg none': `${part({ alg: 'none' })}.${part({ sub: 'x', role: 'admin', ...roles, iss: ISSUER, aud: AUDIENCE, exp: now + 600 })}.`,
      'alg None': `${part({ alg: 'None', kid: 'rsa-1' })}.${part({ sub: 'x', role: 'admin', exp: now + 600 })}.`,
      'an algorithm not accepted (RS512)': `${part({ alg: 'RS512', kid: 'rsa-1' })}.${part({ sub: 'x', ...roles, exp: now + 600 })}.c2ln`,
      'an ES256 header on an RSA key': `${part({ alg: 'ES256', kid: 'rsa-1' })}.${part({ sub: 'x', ...roles, exp: now + 600 })}.c2ln`,
      'not a JWT': 'abc.def.ghi'
    }
    for (const [why, token] of Object.entries(bad)) {
      const error = await refusal(verify(token))
      t.ok(error instanceof InvalidTokenError, `${why}: ${(error as Error)?.message}`)
    }
  })

  await t.test('a clock skew within 60 s is tolerated', async (t) => {
    const now = Math.floor(Date.now() / 1000)
    t.equal((await verify(await sign(rsa, { sub: 'x', realm_access: { roles: ['thidua-admin'] } }, { expiresIn: now - 30 }))).role, 'admin')
  })

  await t.test('rotation: a new kid is fetched and accepted, a removed one refused once the cache is renewed', async (t) => {
    const roles = { realm_access: { roles: ['thidua-xem'] } }
    const before = state.fetches
    state.keys = [rsa.jwk, ec.jwk, next.jwk]
    await sleep(900) // past the cooldown since the last fetch
    t.same(await verify(await sign(next, { sub: 'x', ...roles })), { sub: 'x', role: 'reader' }, 'the new kid is accepted')
    t.equal(state.fetches, before + 1, 'the unknown kid made one fetch')

    const error = await refusal(verify(await sign(unknown, { sub: 'x', ...roles })))
    t.ok(error instanceof InvalidTokenError, 'a kid the set does not hold is refused as invalid')
    t.match((error as Error).message, /no applicable key/)
    t.equal(state.fetches, before + 1, 'within the cooldown an unknown kid makes no fetch')
    for (let i = 0; i < 5; i++) await refusal(verify(await sign(unknown, { sub: 'x', ...roles })))
    t.equal(state.fetches, before + 1, 'a flood of unknown kids makes no fetch either')

    await sleep(900)
    t.ok(await refusal(verify(await sign(unknown, { sub: 'x', ...roles }))) instanceof InvalidTokenError, 'still unknown after a fetch: refused')
    t.equal(state.fetches, before + 2, 'after the cooldown an unknown kid makes one fetch')

    // The provider drops the old key; the cached set still holds it until the cache is renewed.
    state.keys = [next.jwk, ec.jwk]
    t.equal((await verify(await sign(rsa, { sub: 'x', ...roles }))).role, 'reader', 'the cached set still holds the old key')
    // A verifier whose cache lasts 400 ms, to see the set renewed.
    const shortCache = await bearerVerifier({ secret: SECRET, maxLifetimeHours: 720, algorithms, provider: { ...idp, jwksCacheMs: 400, jwksCooldownMs: 100 } })
    state.keys = [rsa.jwk, next.jwk]
    t.equal((await shortCache(await sign(rsa, { sub: 'x', ...roles }))).role, 'reader')
    state.keys = [next.jwk]
    await sleep(500)
    const removed = await refusal(shortCache(await sign(rsa, { sub: 'x', ...roles })))
    t.ok(removed instanceof InvalidTokenError, 'the removed kid is refused once the cache is renewed')
    t.equal((await shortCache(await sign(next, { sub: 'x', ...roles }))).role, 'reader', 'the new key still works')
  })
})

t.test('a key set that cannot be had is unavailable (503), never invalid, and is not fetched on every call', async (t) => {
  const { state, url } = await jwksServer(t)
  const rsa = await makeKey('rsa-1', 'RS256')
  const token = await sign(rsa, { sub: 'x', realm_access: { roles: ['thidua-admin'] } })
  for (const mode of ['garbage', 'error'] as const) {
    state.mode = mode
    const before = state.fetches
    const { algorithms, provider: idp } = provider({ ...KEYCLOAK, AUTH_JWKS_URL: url }, { jwksCooldownMs: 300 })
    const verify = await bearerVerifier({ secret: SECRET, maxLifetimeHours: 720, algorithms, provider: idp })
    const error = await refusal(verify(token))
    t.ok(error instanceof IdentityProviderUnavailableError, `${mode}: ${(error as IdentityProviderUnavailableError).reason}`)
    t.notMatch((error as Error).message, /127\.0\.0\.1|html|500/, 'the caller is told no address and nothing of the answer')
    t.ok((error as IdentityProviderUnavailableError).retryAfterSeconds >= 1, 'it says when to retry')
    t.ok(await refusal(verify(token)) instanceof IdentityProviderUnavailableError)
    t.equal(state.fetches, before + 1, `${mode}: within the cooldown, no second fetch`)
    t.same(await verify(signToken(SECRET, { sub: 'ops', role: 'admin' })), { sub: 'ops', role: 'admin' }, 'shared-secret tokens need no provider')
    state.mode = 'keys'
    state.keys = [rsa.jwk]
    await sleep(350)
    t.equal((await verify(token)).role, 'admin', `${mode}: the provider back, its token is accepted`)
  }

  // A port that was just free: nothing listens there (port 9 would not do: fetch refuses it as a bad port).
  const probe = http.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  const closed = provider({ ...KEYCLOAK, AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs`, AUTH_JWKS_TIMEOUT_MS: '2000' })
  const verify = await bearerVerifier({ secret: SECRET, maxLifetimeHours: 720, ...closed })
  const error = await refusal(verify(token))
  t.ok(error instanceof IdentityProviderUnavailableError, `unreachable: ${(error as IdentityProviderUnavailableError).reason}`)
  t.match((error as IdentityProviderUnavailableError).reason, /ECONNREFUSED/, 'the log is told why')
  t.ok(await refusal(verify('abc.def.ghi')) instanceof InvalidTokenError, 'a token that is no JWT needs no key: still invalid')
})

t.test('one PEM public key alone', async (t) => {
  const rsa = await makeKey('any', 'RS256')
  const ec = await makeKey('any', 'ES256')
  const config = loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_PUBLIC_KEY: rsa.pem.replace(/\n/g, '\\n'), AUTH_ISSUER: ISSUER })
  t.same(config.authAlgorithms, ['HS256', 'RS256'], 'the key\'s algorithm and the shared secret\'s')
  const verify = await bearerVerifier({ secret: SECRET, maxLifetimeHours: 720, algorithms: config.authAlgorithms, provider: config.identityProvider })
  t.same(await verify(await sign(rsa, { sub: 'a', role: 'reader' }, { kid: null })), { sub: 'a', role: 'reader' }, 'no kid needed; the default claims are ours')
  t.ok(await refusal(verify(await sign(ec, { sub: 'a', role: 'reader' }))) instanceof InvalidTokenError, 'ES256 is not this key\'s algorithm')
  t.ok(await refusal(verify(await sign(rsa, { sub: 'a', role: 'reader' }, { issuer: 'https://evil.example' }))) instanceof InvalidTokenError, 'wrong issuer')
  t.same(await verify(signToken(SECRET, { sub: 'ops', role: 'admin' })), { sub: 'ops', role: 'admin' })

  const only = loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_PUBLIC_KEY: ec.pem, AUTH_ALGORITHMS: 'ES256' })
  const providerOnly = await bearerVerifier({ secret: SECRET, maxLifetimeHours: 720, algorithms: only.authAlgorithms, provider: only.identityProvider })
  t.same(await providerOnly(await sign(ec, { sub: 'b', role: 'ministry' })), { sub: 'b', role: 'ministry' })
  const hs = await refusal(providerOnly(signToken(SECRET, { sub: 'ops', role: 'admin' })))
  t.match((hs as Error).message, /signed with "HS256"; this service accepts ES256 only/, 'without HS256 in AUTH_ALGORITHMS the shared secret signs nothing')
})

t.test('over HTTP: the same answers as every token', async (t) => {
  const { state, url } = await jwksServer(t)
  const rsa = await makeKey('rsa-1', 'RS256')
  state.keys = [rsa.jwk]
  const { algorithms, provider: idp } = provider({ ...KEYCLOAK, AUTH_JWKS_URL: url }, { jwksCooldownMs: 1000 })
  const logLines: string[] = []
  const { app } = await build(t, { authAlgorithms: algorithms, identityProvider: idp, logLines })
  const get = async (token: string) => app.inject({ url: '/v1/units', headers: { authorization: `Bearer ${token}` } })

  t.equal((await get(await sign(rsa, { sub: 'x', realm_access: { roles: ['thidua-xem'] } }))).statusCode, 200)
  t.equal((await get(createSigner({ key: TEST_SECRET, expiresIn: 60_000 })({ sub: 'x', role: 'reader' }))).statusCode, 200, 'the shared secret\'s tokens too')
  const reader = await sign(rsa, { sub: 'x', realm_access: { roles: ['thidua-xem'] } })
  const write = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: `Bearer ${reader}` }, payload: { name: 'Cục Y tế' } })
  t.equal(write.statusCode, 403, 'a mapped reader may not write')

  const unknownRole = await get(await sign(rsa, { sub: 'x', realm_access: { roles: ['offline_access'] } }))
  t.equal(unknownRole.statusCode, 401)
  t.match(unknownRole.headers['content-type'], PROBLEM)
  t.equal(unknownRole.headers['www-authenticate'], 'Bearer error="invalid_token"')
  t.match(unknownRole.json(), { code: 'invalid_token', detail: /realm_access\.roles claim \("offline_access"\) holds no role AUTH_ROLE_MAP maps/ })

  state.mode = 'error'
  await sleep(1100)
  const unknownKid = await get(await sign(await makeKey('rsa-2', 'RS256'), { sub: 'x', realm_access: { roles: ['thidua-admin'] } }))
  t.equal(unknownKid.statusCode, 503, 'an unknown kid while the provider fails: 503')
  t.match(unknownKid.headers['content-type'], PROBLEM)
  t.ok(Number(unknownKid.headers['retry-after']) >= 1, 'with Retry-After')
  t.match(unknownKid.json(), { status: 503, code: 'identity_provider_unavailable', detail: /cannot be fetched/ })
  t.notMatch(unknownKid.json().detail, /127\.0\.0\.1/, 'the provider\'s address is not told to the caller')
  const logged = logLines.map((line) => JSON.parse(line)).find((line) => /identity provider unavailable/.test(line.msg))
  t.match(logged, { level: 40, reason: /Expected 200 OK/ }, 'the log says why, as a warning')
  t.equal((await get(reader)).statusCode, 200, 'a cached key still verifies its tokens')
})
