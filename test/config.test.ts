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
    fileMaxBytes: 20 * 1_048_576
  })
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
    RATE_LIMIT_REDIS_URL: ' redis://:secret@redis:6379/2 '
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
    rateLimitRedisUrl: 'redis://:secret@redis:6379/2'
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
    [{ RATE_LIMIT_REDIS_URL: 'redis://redis:99999' }, /^RATE_LIMIT_REDIS_URL must be a URL/]
  ]
  for (const [env, message] of refusals) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message }, JSON.stringify(env))
  }
  t.throws(() => loadConfig({ PORT: 'abc' }), ConfigError)
})
