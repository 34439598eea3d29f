import { generateKeyPairSync } from 'node:crypto'
import path from 'node:path'
import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

const SECRET = 'a-secret-of-at-least-thirty-two-characters'

t.test('an empty environment gives the documented defaults', async (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: path.resolve('./data'),
    dbPoolMax: 10,
    jwtSecret: undefined,
    logLevel: 'info',
    logPretty: false,
    rateLimitPerMinute: 600,
    rateLimitRedisUrl: undefined,
    bodyLimitBytes: 1_048_576,
    shutdownTimeoutMs: 10_000,
    trustProxy: false,
    idempotencyKeyHours: 24,
    tokenMaxLifetimeHours: 720,
    requestTimeoutMs: 30_000,
    headersTimeoutMs: 10_000,
    publicUrl: undefined,
    fileMaxBytes: 20 * 1_048_576,
    authAlgorithms: ['HS256'],
    webhooks: { allowHttp: false, allowHosts: [], timeoutMs: 10_000, disableAfterFailures: 50, sweepSeconds: 10 },
    jobsEnabled: true,
    jobsConcurrency: 4,
    jobsPollIntervalMs: 2000
  })
})

t.test('the webhook settings are read, and a bad one is refused naming it', async (t) => {
  t.same(loadConfig({
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_HOSTS: ' hooks.congan.internal, 10.20.0.5 ,[fd00::5]',
    WEBHOOK_TIMEOUT_MS: '15000',
    WEBHOOK_DISABLE_AFTER_FAILURES: '5',
    WEBHOOK_SWEEP_SECONDS: '30'
  }).webhooks, { allowHttp: true, allowHosts: ['hooks.congan.internal', '10.20.0.5', 'fd00::5'], timeoutMs: 15_000, disableAfterFailures: 5, sweepSeconds: 30 })
  const refusals: Array<[Record<string, string>, RegExp]> = [
    [{ WEBHOOK_ALLOW_HTTP: 'yes' }, /^WEBHOOK_ALLOW_HTTP must be one of true, false/],
    [{ WEBHOOK_ALLOW_HOSTS: 'hooks.example.vn,http://x' }, /^WEBHOOK_ALLOW_HOSTS must list host names or IP addresses.*"http:\/\/x"/],
    [{ WEBHOOK_TIMEOUT_MS: '50' }, /^WEBHOOK_TIMEOUT_MS must be between 100 and 120000/],
    [{ WEBHOOK_DISABLE_AFTER_FAILURES: '0' }, /^WEBHOOK_DISABLE_AFTER_FAILURES must be between 1 and 10000/],
    [{ WEBHOOK_SWEEP_SECONDS: 'often' }, /^WEBHOOK_SWEEP_SECONDS must be a whole number/]
  ]
  for (const [env, message] of refusals) t.throws(() => loadConfig(env), { name: 'ConfigError', message }, JSON.stringify(env))
})

t.test('given values are read', async (t) => {
  const config = loadConfig({
    PORT: ' 8080 ',
    HOST: '0.0.0.0',
    DATABASE_URL: 'postgresql://app@db:5432/thidua',
    AUTH_JWT_SECRET: SECRET,
    DATA_DIR: '/var/lib/thidua',
    LOG_LEVEL: 'debug',
    LOG_PRETTY: 'true',
    RATE_LIMIT_PER_MINUTE: '0',
    BODY_LIMIT_BYTES: '2048',
    DB_POOL_MAX: '3',
    SHUTDOWN_TIMEOUT_MS: '500',
    IDEMPOTENCY_KEY_HOURS: '168',
    TOKEN_MAX_LIFETIME_HOURS: '12',
    REQUEST_TIMEOUT_MS: '60000',
    HEADERS_TIMEOUT_MS: '5000',
    PUBLIC_URL: ' https://thidua.bocongan.gov.vn/ ',
    FILE_MAX_BYTES: '5242880',
    RATE_LIMIT_REDIS_URL: ' redis://:secret@redis:6379/2 ',
    JOBS_ENABLED: 'false',
    JOBS_CONCURRENCY: '8',
    JOBS_POLL_INTERVAL_MS: '500'
  })
  t.match(config, {
    port: 8080,
    host: '0.0.0.0',
    databaseUrl: 'postgresql://app@db:5432/thidua',
    jwtSecret: SECRET,
    dataDir: '/var/lib/thidua',
    logLevel: 'debug',
    logPretty: true,
    rateLimitPerMinute: 0,
    bodyLimitBytes: 2048,
    dbPoolMax: 3,
    shutdownTimeoutMs: 500,
    idempotencyKeyHours: 168,
    tokenMaxLifetimeHours: 12,
    requestTimeoutMs: 60_000,
    headersTimeoutMs: 5000,
    publicUrl: 'https://thidua.bocongan.gov.vn',
    fileMaxBytes: 5_242_880,
    rateLimitRedisUrl: 'redis://:secret@redis:6379/2',
    jobsEnabled: false,
    jobsConcurrency: 8,
    jobsPollIntervalMs: 500
  })
  for (const url of ['redis://127.0.0.1:6379', 'rediss://cache.internal:6380/', 'redis://redis']) {
    t.equal(loadConfig({ RATE_LIMIT_REDIS_URL: url }).rateLimitRedisUrl, url, `RATE_LIMIT_REDIS_URL=${url}`)
  }
  t.equal(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8080/thidua/' }).publicUrl, 'http://10.0.0.5:8080/thidua', 'a path is kept, its final slash dropped')
  t.equal(loadConfig({ REQUEST_TIMEOUT_MS: '4000' }).headersTimeoutMs, 4000, 'the headers deadline defaults to no later than the request\'s')
  t.equal(loadConfig({ PORT: '' }).port, 3000, 'an empty value is the default')
  const proxies: Array<[string, false | string]> = [
    ['false', false], ['10.0.0.0/8', '10.0.0.0/8'], [' 10.0.0.1 , fd00::/8 ', '10.0.0.1,fd00::/8']
  ]
  for (const [raw, expected] of proxies) t.equal(loadConfig({ TRUST_PROXY: raw }).trustProxy, expected, `TRUST_PROXY=${raw}`)
})

t.test('every bad value is refused with a message naming it', async (t) => {
  const refusals: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /^PORT must be a whole number, got "abc"/],
    [{ PORT: '70000' }, /^PORT must be between 0 and 65535, got 70000/],
    [{ PORT: '-1' }, /^PORT must be a whole number/],
    [{ PORT: '80.5' }, /^PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://root@localhost/thidua', AUTH_JWT_SECRET: SECRET }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, got "mysql:"/],
    [{ DATABASE_URL: 'not a url', AUTH_JWT_SECRET: SECRET }, /^DATABASE_URL must be a URL/],
    [{ DATABASE_URL: 'postgres://db/thidua' }, /^AUTH_JWT_SECRET is required with DATABASE_URL/],
    [{ AUTH_JWT_SECRET: 'short' }, /^AUTH_JWT_SECRET must be at least 32 characters/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"/],
    [{ LOG_PRETTY: 'yes' }, /^LOG_PRETTY must be one of true, false/],
    [{ RATE_LIMIT_PER_MINUTE: 'many' }, /^RATE_LIMIT_PER_MINUTE must be a whole number/],
    [{ BODY_LIMIT_BYTES: '10' }, /^BODY_LIMIT_BYTES must be between 1024 and/],
    [{ DB_POOL_MAX: '0' }, /^DB_POOL_MAX must be between 1 and 200/],
    [{ IDEMPOTENCY_KEY_HOURS: '0' }, /^IDEMPOTENCY_KEY_HOURS must be between 1 and 8760, got 0/],
    [{ IDEMPOTENCY_KEY_HOURS: '1.5' }, /^IDEMPOTENCY_KEY_HOURS must be a whole number/],
    [{ TOKEN_MAX_LIFETIME_HOURS: '0' }, /^TOKEN_MAX_LIFETIME_HOURS must be between 1 and 8760, got 0/],
    [{ TOKEN_MAX_LIFETIME_HOURS: 'forever' }, /^TOKEN_MAX_LIFETIME_HOURS must be a whole number/],
    [{ REQUEST_TIMEOUT_MS: '0' }, /^REQUEST_TIMEOUT_MS must be between 1000 and 3600000, got 0/],
    [{ REQUEST_TIMEOUT_MS: '30s' }, /^REQUEST_TIMEOUT_MS must be a whole number/],
    [{ HEADERS_TIMEOUT_MS: '999' }, /^HEADERS_TIMEOUT_MS must be between 1000 and 3600000/],
    [{ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' }, /^HEADERS_TIMEOUT_MS \(6000\) must not exceed REQUEST_TIMEOUT_MS \(5000\)/],
    [{ TRUST_PROXY: 'true' }, /^TRUST_PROXY must be false or the proxies' addresses and CIDR ranges/],
    [{ TRUST_PROXY: '1' }, /"1" is none of these/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /"10\.0\.0\.0\/33" is none of these/],
    [{ TRUST_PROXY: '10.0.0.1,nginx' }, /"nginx" is none of these/],
    [{ FILE_MAX_BYTES: '1023' }, /^FILE_MAX_BYTES must be between 1024 and 1073741824, got 1023/],
    [{ FILE_MAX_BYTES: '20MiB' }, /^FILE_MAX_BYTES must be a whole number/],
    [{ PUBLIC_URL: 'thidua.bocongan.gov.vn' }, /^PUBLIC_URL must be an absolute URL/],
    [{ PUBLIC_URL: '/thidua' }, /^PUBLIC_URL must be an absolute URL/],
    [{ PUBLIC_URL: 'ftp://thidua.bocongan.gov.vn' }, /^PUBLIC_URL must start with http:\/\/ or https:\/\//],
    [{ PUBLIC_URL: 'https://thidua.bocongan.gov.vn/?x=1' }, /^PUBLIC_URL must be a plain base URL/],
    [{ RATE_LIMIT_REDIS_URL: 'localhost:6379' }, /^RATE_LIMIT_REDIS_URL must start with redis:\/\/ or rediss:\/\/, got "localhost:"/],
    [{ RATE_LIMIT_REDIS_URL: '127.0.0.1:6379' }, /^RATE_LIMIT_REDIS_URL must be a URL such as redis:\/\/127\.0\.0\.1:6379/],
    [{ RATE_LIMIT_REDIS_URL: 'redis' }, /^RATE_LIMIT_REDIS_URL must be a URL such as redis:\/\/127\.0\.0\.1:6379/],
    [{ RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:6379' }, /^RATE_LIMIT_REDIS_URL must start with redis:\/\/ or rediss:\/\/, got "http:"/],
    [{ RATE_LIMIT_REDIS_URL: 'redis:///0' }, /^RATE_LIMIT_REDIS_URL must name a host/],
    [{ RATE_LIMIT_REDIS_URL: 'redis://redis:6379/ratelimit' }, /^RATE_LIMIT_REDIS_URL's path must be a database number/],
    [{ RATE_LIMIT_REDIS_URL: 'redis://redis:99999' }, /^RATE_LIMIT_REDIS_URL must be a URL/],
    [{ JOBS_ENABLED: 'no' }, /^JOBS_ENABLED must be one of true, false, got "no"/],
    [{ JOBS_CONCURRENCY: '0' }, /^JOBS_CONCURRENCY must be between 1 and 100, got 0/],
    [{ JOBS_POLL_INTERVAL_MS: '50' }, /^JOBS_POLL_INTERVAL_MS must be between 100 and 600000, got 50/]
  ]
  for (const [env, message] of refusals) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message }, JSON.stringify(env))
  }
  t.throws(() => loadConfig({ PORT: 'abc' }), ConfigError)
})

const pem = (type: 'rsa' | 'ec', options: object) =>
  generateKeyPairSync(type as 'rsa', options as { modulusLength: number }).publicKey.export({ type: 'spki', format: 'pem' }).toString().trim()
const RSA_PEM = pem('rsa', { modulusLength: 2048 })
const EC_PEM = pem('ec', { namedCurve: 'prime256v1' })
const JWKS = 'https://id.bocongan.gov.vn/realms/bca/protocol/openid-connect/certs'

t.test('the identity provider\'s settings are read', async (t) => {
  const config = loadConfig({
    AUTH_JWKS_URL: ` ${JWKS} `,
    AUTH_ISSUER: 'https://id.bocongan.gov.vn/realms/bca',
    AUTH_AUDIENCE: 'thidua,account',
    AUTH_ROLE_CLAIM: 'realm_access.roles',
    AUTH_ROLE_MAP: ' thidua-admin=admin , thidua-bo=ministry,thidua-xem=reader,viewer=reader',
    AUTH_UNIT_CLAIM: 'thidua.unit',
    AUTH_CLUSTER_CLAIM: 'cluster_id',
    AUTH_JWKS_CACHE_SECONDS: '300',
    AUTH_JWKS_COOLDOWN_SECONDS: '10',
    AUTH_JWKS_TIMEOUT_MS: '2000'
  })
  t.same(config.authAlgorithms, ['HS256', 'RS256', 'ES256'], 'a key set: both provider algorithms and the shared secret\'s')
  t.same(config.identityProvider, {
    jwksUrl: JWKS,
    issuer: 'https://id.bocongan.gov.vn/realms/bca',
    audience: ['thidua', 'account'],
    algorithms: ['RS256', 'ES256'],
    claims: { role: 'realm_access.roles', unitId: 'thidua.unit', clusterId: 'cluster_id' },
    roleMap: [['thidua-admin', 'admin'], ['thidua-bo', 'ministry'], ['thidua-xem', 'reader'], ['viewer', 'reader']],
    jwksCacheMs: 300_000,
    jwksCooldownMs: 10_000,
    jwksTimeoutMs: 2000
  })
  const defaults = loadConfig({ AUTH_JWKS_URL: JWKS }).identityProvider!
  t.match(defaults, {
    issuer: undefined,
    audience: undefined,
    claims: { role: 'role', unitId: 'unitId', clusterId: 'clusterId' },
    jwksCacheMs: 600_000,
    jwksCooldownMs: 30_000,
    jwksTimeoutMs: 5000
  })
  t.same(defaults.roleMap.map(([from, to]) => from === to ? to : '?'), ['admin', 'secretariat', 'unit', 'reader', 'ministry'], 'no map: our role names as they are')
  t.equal(loadConfig({ AUTH_JWKS_URL: 'http://127.0.0.1:8080/certs' }).identityProvider?.jwksUrl, 'http://127.0.0.1:8080/certs', 'plain http on the loopback')
  t.equal(loadConfig({ AUTH_JWKS_URL: 'http://localhost/certs' }).identityProvider?.jwksUrl, 'http://localhost/certs')
  t.equal(loadConfig({ AUTH_JWKS_URL: 'http://[::1]:9000/certs' }).identityProvider?.jwksUrl, 'http://[::1]:9000/certs')
  t.same(loadConfig({ AUTH_PUBLIC_KEY: RSA_PEM }).identityProvider?.publicKey, { pem: RSA_PEM, algorithm: 'RS256' })
  t.same(loadConfig({ AUTH_PUBLIC_KEY: EC_PEM.replace(/\n/g, '\\n') }).identityProvider?.publicKey, { pem: EC_PEM, algorithm: 'ES256' }, 'line breaks written as \\n')
  t.same(loadConfig({ AUTH_PUBLIC_KEY: EC_PEM }).authAlgorithms, ['HS256', 'ES256'])
  t.same(loadConfig({ AUTH_JWKS_URL: JWKS, AUTH_ALGORITHMS: 'RS256' }).authAlgorithms, ['RS256'], 'provider tokens only')
})

t.test('every bad identity provider setting is refused with a message naming it', async (t) => {
  const refusals: Array<[Record<string, string>, RegExp]> = [
    [{ AUTH_JWKS_URL: 'id.bocongan.gov.vn/certs' }, /^AUTH_JWKS_URL must be an absolute URL/],
    [{ AUTH_JWKS_URL: 'http://id.bocongan.gov.vn/certs' }, /^AUTH_JWKS_URL must use https \(plain http only on the loopback/],
    [{ AUTH_JWKS_URL: 'http://10.0.0.5/certs' }, /^AUTH_JWKS_URL must use https/],
    [{ AUTH_JWKS_URL: 'ftp://id.bocongan.gov.vn/certs' }, /^AUTH_JWKS_URL must start with https:\/\//],
    [{ AUTH_JWKS_URL: 'https://user:pw@id.bocongan.gov.vn/certs' }, /^AUTH_JWKS_URL must hold no credentials/],
    [{ AUTH_PUBLIC_KEY: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' }, /^AUTH_PUBLIC_KEY must be a PEM public key/],
    [{ AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----' }, /^AUTH_PUBLIC_KEY is not a public key that can be read/],
    [{ AUTH_PUBLIC_KEY: pem('rsa', { modulusLength: 1024 }) }, /^AUTH_PUBLIC_KEY is an RSA key of 1024 bits; RS256 needs at least 2048/],
    [{ AUTH_PUBLIC_KEY: pem('ec', { namedCurve: 'secp384r1' }) }, /^AUTH_PUBLIC_KEY must be an RSA key \(RS256\) or an EC P-256 key \(ES256\), not ec on secp384r1/],
    [{ AUTH_PUBLIC_KEY: pem('ed25519' as 'ec', {}) }, /^AUTH_PUBLIC_KEY must be an RSA key \(RS256\) or an EC P-256 key \(ES256\), not ed25519/],
    [{ AUTH_PUBLIC_KEY: RSA_PEM, AUTH_JWKS_URL: JWKS }, /^Give AUTH_JWKS_URL or AUTH_PUBLIC_KEY, not both/],
    [{ AUTH_ALGORITHMS: 'HS256,none' }, /^AUTH_ALGORITHMS must list some of HS256, RS256, ES256, separated by commas; "none" is none of these/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ALGORITHMS: 'RS512' }, /"RS512" is none of these/],
    [{ AUTH_ALGORITHMS: 'HS256,RS256' }, /^AUTH_ALGORITHMS names RS256, which need AUTH_JWKS_URL or AUTH_PUBLIC_KEY/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ALGORITHMS: 'HS256' }, /^AUTH_ALGORITHMS leaves out RS256 and ES256/],
    [{ AUTH_PUBLIC_KEY: RSA_PEM, AUTH_ALGORITHMS: 'ES256' }, /^AUTH_ALGORITHMS names ES256, but AUTH_PUBLIC_KEY signs with RS256 only/],
    [{ AUTH_ISSUER: 'https://id.bocongan.gov.vn/realms/bca' }, /^AUTH_ISSUER configure an identity provider's tokens: set AUTH_JWKS_URL or AUTH_PUBLIC_KEY too/],
    [{ AUTH_ROLE_MAP: 'a=admin', AUTH_AUDIENCE: 'thidua' }, /^AUTH_AUDIENCE, AUTH_ROLE_MAP configure an identity provider's tokens/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ROLE_MAP: 'thidua-admin:admin' }, /^AUTH_ROLE_MAP must be provider-role=role pairs separated by commas .*got "thidua-admin:admin"/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ROLE_MAP: 'thidua-admin=admin,' }, /got ""/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ROLE_MAP: 'thidua-root=root' }, /^AUTH_ROLE_MAP maps "thidua-root" to "root", which is none of admin, secretariat, unit, reader, ministry/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ROLE_MAP: 'x=admin,x=reader' }, /^AUTH_ROLE_MAP maps "x" twice/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ROLE_MAP: Array.from({ length: 101 }, (_, i) => `r${i}=reader`).join(',') }, /^AUTH_ROLE_MAP may map at most 100 roles, got 101/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ROLE_CLAIM: 'realm_access..roles' }, /^AUTH_ROLE_CLAIM must be a claim name or a dotted path/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_UNIT_CLAIM: '.unit' }, /^AUTH_UNIT_CLAIM must be a claim name or a dotted path/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_CLUSTER_CLAIM: 'cluster id' }, /^AUTH_CLUSTER_CLAIM must be 1 to 200 visible characters without spaces/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_ISSUER: 'x'.repeat(501) }, /^AUTH_ISSUER must be 1 to 500 visible characters/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_JWKS_CACHE_SECONDS: '5' }, /^AUTH_JWKS_CACHE_SECONDS must be between 10 and 86400, got 5/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_JWKS_COOLDOWN_SECONDS: '0' }, /^AUTH_JWKS_COOLDOWN_SECONDS must be between 1 and 3600, got 0/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_JWKS_CACHE_SECONDS: '60', AUTH_JWKS_COOLDOWN_SECONDS: '120' }, /^AUTH_JWKS_COOLDOWN_SECONDS \(120\) must not exceed AUTH_JWKS_CACHE_SECONDS \(60\)/],
    [{ AUTH_JWKS_URL: JWKS, AUTH_JWKS_TIMEOUT_MS: '5s' }, /^AUTH_JWKS_TIMEOUT_MS must be a whole number/]
  ]
  for (const [env, message] of refusals) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message }, JSON.stringify(env).slice(0, 120))
  }
})
