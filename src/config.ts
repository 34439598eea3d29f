// The one validated configuration. A bad value stops the process at start with a message naming it.
import { createPublicKey } from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import { ROLES, type Role } from './auth/tokens.js'

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
  /** AUTH_ALGORITHMS: the JWT algorithms a bearer token may be signed with. */
  authAlgorithms: readonly TokenAlgorithm[]
  /** The organisation's OpenID Connect provider whose RS256/ES256 tokens are accepted; undefined: none. */
  identityProvider?: IdentityProvider
  /** How webhooks are delivered: their targets, timeout, retries and disabling, and how often pending work is swept. */
  webhooks: WebhookConfig
  /** JOBS_ENABLED: whether this instance runs background jobs (it queues them either way). */
  jobsEnabled: boolean
  /** How many background jobs this instance runs at once. */
  jobsConcurrency: number
  /** How often an instance looks in PostgreSQL for due jobs (the ones it queues itself are run at once). */
  jobsPollIntervalMs: number
}

export interface WebhookConfig {
  /** WEBHOOK_ALLOW_HTTP: plain http targets are allowed too (https only by default). */
  allowHttp: boolean
  /** WEBHOOK_ALLOW_HOSTS: host names or addresses called even when they are loopback, private or link-local. */
  allowHosts: string[]
  /** WEBHOOK_TIMEOUT_MS: the longest one delivery request may take. */
  timeoutMs: number
  /** WEBHOOK_DISABLE_AFTER_FAILURES: failed attempts in a row after which a subscription is disabled. */
  disableAfterFailures: number
  /** WEBHOOK_SWEEP_SECONDS: how often each instance looks for due deliveries (retries, events of other instances). */
  sweepSeconds: number
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  allowHttp: false,
  allowHosts: [],
  timeoutMs: 10_000,
  disableAfterFailures: 50,
  sweepSeconds: 10
}

export const TOKEN_ALGORITHMS = ['HS256', 'RS256', 'ES256'] as const
export type TokenAlgorithm = typeof TOKEN_ALGORITHMS[number]
export type ProviderAlgorithm = Exclude<TokenAlgorithm, 'HS256'>

/** Where a provider's keys come from, what its tokens must say, and how its claims become our actor. */
export interface IdentityProvider {
  /** AUTH_JWKS_URL: the provider's key set (fetched, cached, fetched again for an unknown `kid`). */
  jwksUrl?: string
  /** AUTH_PUBLIC_KEY: one SPKI PEM public key (RSA of 2048 bits or more, or EC P-256), and the algorithm it signs with. */
  publicKey?: { pem: string, algorithm: ProviderAlgorithm }
  /** AUTH_ISSUER: the `iss` a token must carry; unchecked when undefined. */
  issuer?: string
  /** AUTH_AUDIENCE: the `aud` values of which a token must carry one; unchecked when undefined. */
  audience?: readonly string[]
  /** The provider's algorithms among AUTH_ALGORITHMS. */
  algorithms: readonly ProviderAlgorithm[]
  /** Claim names or dotted paths: AUTH_ROLE_CLAIM, AUTH_UNIT_CLAIM, AUTH_CLUSTER_CLAIM. */
  claims: { role: string, unitId: string, clusterId: string }
  /** AUTH_ROLE_MAP: the provider's role names and ours, in order (the first the token holds wins). */
  roleMap: ReadonlyArray<readonly [string, Role]>
  /** AUTH_JWKS_CACHE_SECONDS, AUTH_JWKS_COOLDOWN_SECONDS, AUTH_JWKS_TIMEOUT_MS, in milliseconds. */
  jwksCacheMs: number
  jwksCooldownMs: number
  jwksTimeoutMs: number
}

export const DEFAULT_IDEMPOTENCY_KEY_HOURS = 24
export const DEFAULT_TOKEN_MAX_LIFETIME_HOURS = 720
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000
export const DEFAULT_FILE_MAX_BYTES = 20 * 1_048_576
export const DEFAULT_JOBS_CONCURRENCY = 4
export const DEFAULT_JOBS_POLL_INTERVAL_MS = 2000
export const DEFAULT_JWKS_CACHE_SECONDS = 600
export const DEFAULT_JWKS_COOLDOWN_SECONDS = 30
export const DEFAULT_JWKS_TIMEOUT_MS = 5000

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

/** The loopback names and addresses: the only hosts a key set may be fetched from over plain http. */
function isLoopback (hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  if (host === 'localhost') return true
  if (net.isIPv4(host)) return host.startsWith('127.')
  return net.isIPv6(host) && (host === '::1' || /^::ffff:127\./i.test(host))
}

function jwksUrl (env: Env): string | undefined {
  const raw = env.AUTH_JWKS_URL?.trim()
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`AUTH_JWKS_URL must be an absolute URL such as https://id.example.vn/realms/bca/protocol/openid-connect/certs, got "${raw}".`)
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ConfigError(`AUTH_JWKS_URL must use https (plain http only on the loopback, such as a local sidecar), got "${raw}".`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`AUTH_JWKS_URL must start with https://, got "${url.protocol}".`)
  if (url.username !== '' || url.password !== '' || url.hash !== '') throw new ConfigError('AUTH_JWKS_URL must hold no credentials or fragment.')
  return url.href
}

/** A PEM public key read whole (an environment often carries its line breaks as `\n`). */
function publicKey (env: Env): IdentityProvider['publicKey'] {
  const raw = env.AUTH_PUBLIC_KEY?.trim()
  if (raw === undefined || raw === '') return undefined
  const pem = raw.replace(/\\n/g, '\n')
  if (!/^-----BEGIN PUBLIC KEY-----\r?\n[\s\S]+\r?\n-----END PUBLIC KEY-----$/.test(pem)) {
    throw new ConfigError('AUTH_PUBLIC_KEY must be a PEM public key, "-----BEGIN PUBLIC KEY-----" … "-----END PUBLIC KEY-----" (SPKI, not a certificate or a private key).')
  }
  let key
  try {
    key = createPublicKey({ key: pem, format: 'pem' })
  } catch (error) {
    throw new ConfigError(`AUTH_PUBLIC_KEY is not a public key that can be read: ${(error as Error).message}.`)
  }
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) < 2048) throw new ConfigError(`AUTH_PUBLIC_KEY is an RSA key of ${details.modulusLength} bits; RS256 needs at least 2048.`)
    return { pem, algorithm: 'RS256' }
  }
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return { pem, algorithm: 'ES256' }
  throw new ConfigError(`AUTH_PUBLIC_KEY must be an RSA key (RS256) or an EC P-256 key (ES256), not ${key.asymmetricKeyType}${details.namedCurve ? ` on ${details.namedCurve}` : ''}.`)
}

function text (env: Env, name: string, max: number): string | undefined {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return undefined
  if (raw.length > max || /[\s\x00-\x1f]/.test(raw)) throw new ConfigError(`${name} must be 1 to ${max} visible characters without spaces, got "${raw.slice(0, 80)}".`)
  return raw
}

/** A claim's name, or a dotted path into nested claims (realm_access.roles). */
function claimPath (env: Env, name: string, fallback: string): string {
  const value = text(env, name, 200) ?? fallback
  if (value.startsWith('.') || value.endsWith('.') || value.includes('..')) {
    throw new ConfigError(`${name} must be a claim name or a dotted path such as realm_access.roles, got "${value}".`)
  }
  return value
}

/** `provider-role=our-role,…`: the first entry whose provider role the token holds gives its role. */
function roleMap (env: Env): IdentityProvider['roleMap'] {
  const raw = env.AUTH_ROLE_MAP?.trim()
  if (raw === undefined || raw === '') return ROLES.map((role) => [role, role] as const)
  const entries = raw.split(',').map((entry) => entry.trim())
  if (entries.length > 100) throw new ConfigError(`AUTH_ROLE_MAP may map at most 100 roles, got ${entries.length}.`)
  const seen = new Set<string>()
  return entries.map((entry) => {
    const m = /^([^=\s]{1,200})=([a-z]+)$/.exec(entry)
    if (!m) throw new ConfigError(`AUTH_ROLE_MAP must be provider-role=role pairs separated by commas (thidua-admin=admin,thidua-bo=ministry), got "${entry}".`)
    const [, from, to] = m
    if (!(ROLES as readonly string[]).includes(to)) throw new ConfigError(`AUTH_ROLE_MAP maps "${from}" to "${to}", which is none of ${ROLES.join(', ')}.`)
    if (seen.has(from)) throw new ConfigError(`AUTH_ROLE_MAP maps "${from}" twice.`)
    seen.add(from)
    return [from, to as Role] as const
  })
}

/** The accepted algorithms and the provider, checked against each other: nothing configured goes unused. */
function tokenAuthorities (env: Env): Pick<Config, 'authAlgorithms' | 'identityProvider'> {
  const url = jwksUrl(env)
  const key = publicKey(env)
  if (url && key) throw new ConfigError('Give AUTH_JWKS_URL or AUTH_PUBLIC_KEY, not both: the provider\'s keys come from one place.')
  const raw = env.AUTH_ALGORITHMS?.trim()
  const defaults: TokenAlgorithm[] = url ? ['HS256', 'RS256', 'ES256'] : key ? ['HS256', key.algorithm] : ['HS256']
  const given = raw === undefined || raw === '' ? defaults : [...new Set(raw.split(',').map((a) => a.trim()))]
  for (const algorithm of given) {
    if (!(TOKEN_ALGORITHMS as readonly string[]).includes(algorithm)) {
      throw new ConfigError(`AUTH_ALGORITHMS must list some of ${TOKEN_ALGORITHMS.join(', ')}, separated by commas; "${algorithm}" is none of these.`)
    }
  }
  const algorithms = given as TokenAlgorithm[]
  const providerAlgorithms = algorithms.filter((a): a is ProviderAlgorithm => a !== 'HS256')
  const names = ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_ROLE_MAP', 'AUTH_ROLE_CLAIM', 'AUTH_UNIT_CLAIM', 'AUTH_CLUSTER_CLAIM', 'AUTH_JWKS_CACHE_SECONDS', 'AUTH_JWKS_COOLDOWN_SECONDS', 'AUTH_JWKS_TIMEOUT_MS']
  if (!url && !key) {
    if (providerAlgorithms.length > 0) throw new ConfigError(`AUTH_ALGORITHMS names ${providerAlgorithms.join(', ')}, which need AUTH_JWKS_URL or AUTH_PUBLIC_KEY.`)
    const stray = names.filter((name) => (env[name]?.trim() ?? '') !== '')
    if (stray.length > 0) throw new ConfigError(`${stray.join(', ')} configure an identity provider's tokens: set AUTH_JWKS_URL or AUTH_PUBLIC_KEY too.`)
    return { authAlgorithms: algorithms }
  }
  if (providerAlgorithms.length === 0) throw new ConfigError('AUTH_ALGORITHMS leaves out RS256 and ES256: every token of the identity provider would be refused.')
  if (key && providerAlgorithms.some((a) => a !== key.algorithm)) {
    throw new ConfigError(`AUTH_ALGORITHMS names ${providerAlgorithms.join(', ')}, but AUTH_PUBLIC_KEY signs with ${key.algorithm} only.`)
  }
  const audience = text(env, 'AUTH_AUDIENCE', 2000)?.split(',').filter((a) => a !== '')
  const cacheSeconds = integer(env, 'AUTH_JWKS_CACHE_SECONDS', DEFAULT_JWKS_CACHE_SECONDS, 10, 86_400)
  const cooldownSeconds = integer(env, 'AUTH_JWKS_COOLDOWN_SECONDS', DEFAULT_JWKS_COOLDOWN_SECONDS, 1, 3600)
  if (cooldownSeconds > cacheSeconds) {
    throw new ConfigError(`AUTH_JWKS_COOLDOWN_SECONDS (${cooldownSeconds}) must not exceed AUTH_JWKS_CACHE_SECONDS (${cacheSeconds}).`)
  }
  return {
    authAlgorithms: algorithms,
    identityProvider: {
      ...(url ? { jwksUrl: url } : {}),
      ...(key ? { publicKey: key } : {}),
      issuer: text(env, 'AUTH_ISSUER', 500),
      audience: audience && audience.length > 0 ? audience : undefined,
      algorithms: providerAlgorithms,
      claims: {
        role: claimPath(env, 'AUTH_ROLE_CLAIM', 'role'),
        unitId: claimPath(env, 'AUTH_UNIT_CLAIM', 'unitId'),
        clusterId: claimPath(env, 'AUTH_CLUSTER_CLAIM', 'clusterId')
      },
      roleMap: roleMap(env),
      jwksCacheMs: cacheSeconds * 1000,
      jwksCooldownMs: cooldownSeconds * 1000,
      jwksTimeoutMs: integer(env, 'AUTH_JWKS_TIMEOUT_MS', DEFAULT_JWKS_TIMEOUT_MS, 100, 60_000)
    }
  }
}

function webhookHosts (env: Env): string[] {
  const raw = env.WEBHOOK_ALLOW_HOSTS?.trim()
  if (raw === undefined || raw === '') return []
  const hosts = raw.split(',').map((host) => host.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter((host) => host !== '')
  const bad = hosts.filter((host) => net.isIP(host) === 0 && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host))
  if (bad.length > 0) throw new ConfigError(`WEBHOOK_ALLOW_HOSTS must list host names or IP addresses separated by commas; "${bad.join('", "')}" is none of these.`)
  if (hosts.length > 100) throw new ConfigError(`WEBHOOK_ALLOW_HOSTS may name at most 100 hosts, got ${hosts.length}.`)
  return hosts
}

function webhookConfig (env: Env): WebhookConfig {
  return {
    allowHttp: oneOf(env, 'WEBHOOK_ALLOW_HTTP', 'false', ['true', 'false'] as const) === 'true',
    allowHosts: webhookHosts(env),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_CONFIG.timeoutMs, 100, 120_000),
    disableAfterFailures: integer(env, 'WEBHOOK_DISABLE_AFTER_FAILURES', DEFAULT_WEBHOOK_CONFIG.disableAfterFailures, 1, 10_000),
    sweepSeconds: integer(env, 'WEBHOOK_SWEEP_SECONDS', DEFAULT_WEBHOOK_CONFIG.sweepSeconds, 1, 3600)
  }
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
    fileMaxBytes: integer(env, 'FILE_MAX_BYTES', DEFAULT_FILE_MAX_BYTES, 1024, 1024 * 1_048_576),
    ...tokenAuthorities(env),
    webhooks: webhookConfig(env),
    jobsEnabled: oneOf(env, 'JOBS_ENABLED', 'true', ['true', 'false'] as const) === 'true',
    jobsConcurrency: integer(env, 'JOBS_CONCURRENCY', DEFAULT_JOBS_CONCURRENCY, 1, 100),
    jobsPollIntervalMs: integer(env, 'JOBS_POLL_INTERVAL_MS', DEFAULT_JOBS_POLL_INTERVAL_MS, 100, 600_000)
  }
}
