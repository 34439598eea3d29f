import t from 'tap'
import { randomBytes } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import { build, TEST_SECRET } from '../helpers/build.js'

const PROBLEM = /^application\/problem\+json/
const sign = (claims: Record<string, unknown>) => createSigner({ key: TEST_SECRET, expiresIn: 3_600_000 })(claims)

t.test('bearer tokens', async (t) => {
  const { app, admin, auth } = await build(t)
  const get = (authorization?: string) =>
    app.inject({ url: '/v1/units', headers: authorization === undefined ? {} : { authorization } })

  await t.test('a good token, whatever the scheme\'s case, is let through', async (t) => {
    t.equal((await get(admin)).statusCode, 200)
    t.equal((await get(admin.replace('Bearer', 'bearer'))).statusCode, 200)
    t.equal((await get(`Bearer ${sign({ sub: 'x', role: 'reader' })}`)).statusCode, 200)
  })

  await t.test('no header or a malformed one is a 401 unauthenticated', async (t) => {
    for (const header of [undefined, '', 'Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ', `Token ${admin.slice(7)}`, `${admin} extra`]) {
      const res = await get(header)
      t.equal(res.statusCode, 401, String(header))
      t.match(res.headers['content-type'], PROBLEM)
      t.equal(res.headers['www-authenticate'], 'Bearer')
      t.equal(res.json().code, 'unauthenticated')
    }
  })

  await t.test('a token that does not verify, or lacks what its role needs, is a 401 invalid_token', async (t) => {
    const now = Math.floor(Date.now() / 1000)
    const valid = admin.slice('Bearer '.length)
    const bad: Record<string, string> = {
      'bad signature': createSigner({ key: 'another-secret-long-enough-for-hs256-000000' })({ sub: 'x', role: 'admin' }),
      'tampered payload': [valid.split('.')[0], Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', iat: now })).toString('base64url'), valid.split('.')[2]].join('.'),
      'alg none': createSigner({ algorithm: 'none' })({ sub: 'x', role: 'admin' }),
      expired: createSigner({ key: TEST_SECRET, expiresIn: 60_000 })({ sub: 'x', role: 'admin', iat: now - 3600 }),
      'not yet valid': createSigner({ key: TEST_SECRET, notBefore: 3_600_000 })({ sub: 'x', role: 'admin' }),
      'not a JWT': 'abc.def.ghi',
      'no role': sign({ sub: 'x' }),
      'unknown role': sign({ sub: 'x', role: 'root' }),
      'no sub': sign({ role: 'admin' }),
      'a sub of 5,000 characters (writes broke the audit index: 500)': sign({ sub: randomBytes(2500).toString('hex'), role: 'admin' }),
      'a sub holding NUL (writes were refused as a malformed value)': sign({ sub: 'a\u0000b', role: 'admin' }),
      'secretariat without clusterId': sign({ sub: 'x', role: 'secretariat' }),
      'unit without unitId': sign({ sub: 'x', role: 'unit' }),
      'unit with a unitId that is not a UUID': sign({ sub: 'x', role: 'unit', unitId: 'H06' }),
      'no exp: it would never expire': createSigner({ key: TEST_SECRET })({ sub: 'x', role: 'admin' }),
      'exp in the year 3000': createSigner({ key: TEST_SECRET })({ sub: 'x', role: 'admin', exp: Date.UTC(3000, 0, 1) / 1000 }),
      'longer than TOKEN_MAX_LIFETIME_HOURS (720 by default)': createSigner({ key: TEST_SECRET, expiresIn: 721 * 3_600_000 })({ sub: 'x', role: 'admin' }),
      'issued an hour from now': createSigner({ key: TEST_SECRET, expiresIn: 3_600_000, clockTimestamp: Date.now() + 3_600_000 })({ sub: 'x', role: 'admin' })
    }
    for (const [why, token] of Object.entries(bad)) {
      const res = await get(`Bearer ${token}`)
      t.equal(res.statusCode, 401, why)
      t.match(res.headers['content-type'], PROBLEM)
      t.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"')
      t.equal(res.json().code, 'invalid_token', why)
    }
  })

  await t.test('a role a route does not allow is a 403', async (t) => {
    const reader = auth({ role: 'reader' })
    const res = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: reader }, payload: { name: 'Cục Y tế' } })
    t.equal(res.statusCode, 403)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'forbidden', detail: /reader role may not call POST \/v1\/units/ })
    t.equal((await app.db('units').count({ n: '*' }))[0].n, 0, 'nothing was written')
  })

  await t.test('health, readiness and the contract need no token', async (t) => {
    for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs', '/metrics']) {
      const res = await app.inject({ url })
      t.ok(res.statusCode < 400, `${url} answers ${res.statusCode}`)
    }
  })
})
