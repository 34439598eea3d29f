// The one validated configuration. A bad value stops the process at start with a message naming it.
import net from 'node:net'
import path from 'node:path'

export interface Config {
  port: number
  host: string
  /** A PostgreSQL URL, or undefined for the embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl?: string
  dataDir: string
  dbPoolMax: number
  /** Undefined when not given: the embedded default then keeps a generated one in `dataDir`. */
  jwtSecret?: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  logPretty: boolean
  rateLimitPerMinute: number
  /**
   * A Redis URL (redis:// or rediss://): every instance given the same one shares one rate-limit budget per token.
   * Undefined: each instance counts in its own memory.
   */
  rateLimitRedisUrl?: string
  bodyLimitBytes: number
  shutdownTimeoutMs: number
  /**
   * Whose X-Forwarded-For to believe for the client address (the rate limit of calls without a token, the logs):
   * false (nobody, the default) or the proxies' addresses and CIDR ranges. (Fastify refuses to trust a hop count
   * alone: it cannot tell a proxy from a client that sends the header itself.)
   */
  trustProxy: false | string
  /** How long a stored Idempotency-Key answers retries; older keys are forgotten and purged. */
  idempotencyKeyHours: number
  /** The longest a bearer token may live, from its `iat` (or from now without one) to its `exp`. */
  tokenMaxLifetimeHours: number
  /** How long a client has to send a whole request, headers and body; then 408 and the connection is closed. */
  requestTimeoutMs: number
  /** How long a client has to send a request's headers (at most requestTimeoutMs). */
  headersTimeoutMs: number
  /**
   * The absolute http(s) URL clients reach the service at (behind its proxy), without a trailing slash: the served
   * contract names it as its server. Undefined: the contract's server stays relative to wherever it is read from.
   */
  publicUrl?: string
  /** The largest evidence file (POST /v1/files) in bytes; larger is 413. */
  fileMaxBytes: number
}

export const DEFAULT_IDEMPOTENCY_KEY_HOURS = 24
export const DEFAULT_TOKEN_MAX_LIFETIME_HOURS = 720
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000
export const DEFAULT_FILE_MAX_BYTES = 20 * 1_048_576

export class ConfigError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

function integer (env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}".`)
  const value = Number(raw.trim())
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}.`)
  return value
}

function oneOf<T extends string> (env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}".`)
  return raw as T
}

function databaseUrl (env: Env): string | undefined {
  const raw = env.DATABASE_URL
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError('DATABASE_URL must be a URL such as postgres://user@host:5432/db.')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.protocol}".`)
  }
  return raw
}

function jwtSecret (env: Env, usesExternalDatabase: boolean): string | undefined {
  const raw = env.AUTH_JWT_SECRET
  if (raw === undefined || raw === '') {
    if (usesExternalDatabase) {
      throw new ConfigError('AUTH_JWT_SECRET is required with DATABASE_URL (every instance must share one secret).')
    }
    return undefined
  }
  if (raw.length < 32) throw new ConfigError('AUTH_JWT_SECRET must be at least 32 characters long.')
  return raw
}

function trustProxy (env: Env): Config['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim()
  if (raw === undefined || raw === '' || raw === 'false') return false
  const entries = raw.split(',').map((entry) => entry.trim())
  const bad = entries.filter((entry) => {
    const [address, bits, ...rest] = entry.split('/')
    const family = net.isIP(address)
    if (family === 0 || rest.length > 0) return true
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  })
  if (bad.length > 0) {
    throw new ConfigError(`TRUST_PROXY must be false or the proxies' addresses and CIDR ranges, separated by commas; "${bad.join('", "')}" is none of these.`)
  }
  return entries.join(',')
}

/** Node refuses a headers deadline later than the whole request's, and so do we, in the variables' own words. */
function requestTimeouts (env: Env): Pick<Config, 'requestTimeoutMs' | 'headersTimeoutMs'> {
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS, 1000, 3_600_000)
  const headersTimeoutMs = integer(env, 'HEADERS_TIMEOUT_MS', Math.min(DEFAULT_HEADERS_TIMEOUT_MS, requestTimeoutMs), 1000, 3_600_000)
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}): the headers are part of the request.`)
  }
  return { requestTimeoutMs, headersTimeoutMs }
}

function rateLimitRedisUrl (env: Env): string | undefined {
  const raw = env.RATE_LIMIT_REDIS_URL?.trim()
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError('RATE_LIMIT_REDIS_URL must be a URL such as redis://127.0.0.1:6379.')
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`RATE_LIMIT_REDIS_URL must start with redis:// or rediss://, got "${url.protocol}".`)
  }
  if (url.hostname === '') throw new ConfigError('RATE_LIMIT_REDIS_URL must name a host, such as redis://127.0.0.1:6379.')
  // ioredis reads the path as the database number: anything else would be silently ignored.
  if (!/^\/?(\d{1,2})?$/.test(url.pathname)) {
    throw new ConfigError(`RATE_LIMIT_REDIS_URL's path must be a database number (redis://host:6379/1), got "${url.pathname}".`)
  }
  return raw
}

function publicUrl (env: Env): string | undefined {
  const raw = env.PUBLIC_URL?.trim()
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL such as https://thidua.example.vn, got "${raw}".`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL must start with http:// or https://, got "${url.protocol}".`)
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError('PUBLIC_URL must be a plain base URL: no credentials, query or fragment.')
  }
  return url.href.replace(/\/+$/, '')
}

export function loadConfig (env: Env = process.env): Config {
  const dbUrl = databaseUrl(env)
  const host = env.HOST?.trim() || '127.0.0.1'
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl: dbUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    dbPoolMax: integer(env, 'DB_POOL_MAX', 10, 1, 200),
    jwtSecret: jwtSecret(env, dbUrl !== undefined),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    logPretty: oneOf(env, 'LOG_PRETTY', 'false', ['true', 'false'] as const) === 'true',
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    rateLimitRedisUrl: rateLimitRedisUrl(env),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    trustProxy: trustProxy(env),
    idempotencyKeyHours: integer(env, 'IDEMPOTENCY_KEY_HOURS', DEFAULT_IDEMPOTENCY_KEY_HOURS, 1, 8760),
    tokenMaxLifetimeHours: integer(env, 'TOKEN_MAX_LIFETIME_HOURS', DEFAULT_TOKEN_MAX_LIFETIME_HOURS, 1, 8760),
    ...requestTimeouts(env),
    publicUrl: publicUrl(env),
    fileMaxBytes: integer(env, 'FILE_MAX_BYTES', DEFAULT_FILE_MAX_BYTES, 1024, 1024 * 1_048_576)
  }
}
