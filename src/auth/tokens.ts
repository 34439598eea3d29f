// HS256 bearer tokens: signing (for the token command and tests) and verification (for every request).
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { createSigner, createVerifier } from 'fast-jwt'

export const ROLES = ['admin', 'secretariat', 'unit', 'reader', 'ministry'] as const
export type Role = typeof ROLES[number]

export interface Actor {
  sub: string
  role: Role
  clusterId?: string
  unitId?: string
}

export class InvalidTokenError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The longest subject taken: OpenID Connect's own bound for `sub` (255 ASCII characters, Core §2). The subject is
 * written and indexed with every change (the audit trail, the idempotency keys): a 5,000-character one passed the
 * index's limit and made every write of that token a 500.
 */
export const SUB_MAX_CHARS = 255
/** What a stored subject cannot hold: a control character (PostgreSQL keeps no NUL) or a lone surrogate. */
const UNSTORABLE = /[\u0000-\u001f\u007f\uD800-\uDFFF]/u

/** The claims rules of the contract: a role, and the scope that role needs. */
export function actorFromClaims (claims: Record<string, unknown>): Actor {
  const { sub, role, clusterId, unitId } = claims
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('The token has no sub claim.')
  if (sub.length > SUB_MAX_CHARS || UNSTORABLE.test(sub)) {
    throw new InvalidTokenError(`The token's sub claim must be 1 to ${SUB_MAX_CHARS} characters of text, without control characters.`)
  }
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidTokenError(`The token's role must be one of ${ROLES.join(', ')}.`)
  }
  if (role === 'secretariat' && (typeof clusterId !== 'string' || !UUID.test(clusterId))) {
    throw new InvalidTokenError('A secretariat token needs a clusterId claim (a UUID).')
  }
  if (role === 'unit' && (typeof unitId !== 'string' || !UUID.test(unitId))) {
    throw new InvalidTokenError('A unit token needs a unitId claim (a UUID).')
  }
  return {
    sub,
    role: role as Role,
    ...(role === 'secretariat' ? { clusterId: (clusterId as string).toLowerCase() } : {}),
    ...(role === 'unit' ? { unitId: (unitId as string).toLowerCase() } : {})
  }
}

/** How far ahead of ours an issuer's clock may be: a token issued later than that is refused. */
export const CLOCK_SKEW_SECONDS = 60

/**
 * A token's lifetime rules, past its signature and expiry (which fast-jwt checks): it lives no longer than
 * `maxLifetimeHours` from its `iat` (from now, without one), and was not issued in the future. A token that never
 * expires, or in the year 3000, would outlive any revocation of its holder's role.
 */
export function assertLifetime (claims: Record<string, unknown>, nowSeconds: number, maxLifetimeHours: number): void {
  const { exp, iat } = claims
  if (typeof exp !== 'number') throw new InvalidTokenError('The token has no exp claim (a number): every token must expire.')
  if (iat !== undefined && typeof iat !== 'number') throw new InvalidTokenError('The token\'s iat claim must be a number.')
  if (iat !== undefined && iat > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw new InvalidTokenError(`The token was issued in the future (iat ${new Date(iat * 1000).toISOString()}).`)
  }
  if (exp - (iat ?? nowSeconds) > maxLifetimeHours * 3600) {
    throw new InvalidTokenError(`The token lives longer than the ${maxLifetimeHours} hours a token may (TOKEN_MAX_LIFETIME_HOURS).`)
  }
}

export function tokenVerifier (secret: string, policy: { maxLifetimeHours: number }): (token: string) => Actor {
  const verify = createVerifier({ key: secret, algorithms: ['HS256'], cache: 1000 })
  return (token) => {
    let claims: Record<string, unknown>
    try {
      claims = verify(token)
    } catch (error) {
      throw new InvalidTokenError(`The bearer token is not valid: ${(error as Error).message}`)
    }
    assertLifetime(claims, Date.now() / 1000, policy.maxLifetimeHours)
    return actorFromClaims(claims)
  }
}

/** A lifetime for a new token (`12h`, `7d`…) in milliseconds, refused when it never ends or exceeds the maximum. */
export function tokenLifetime (text: string, maxLifetimeHours: number): number {
  const ms = parseDuration(text)
  if (ms <= 0) throw new InvalidTokenError(`A token must expire: give a lifetime above 0, not ${text}.`)
  if (ms > maxLifetimeHours * 3_600_000) {
    throw new InvalidTokenError(`${text} is longer than the ${maxLifetimeHours} hours a token may live (TOKEN_MAX_LIFETIME_HOURS).`)
  }
  return ms
}

export function signToken (secret: string, actor: Actor, expiresIn: string | number = '12h'): string {
  actorFromClaims({ ...actor })
  const sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: typeof expiresIn === 'string' ? parseDuration(expiresIn) : expiresIn })
  return sign({ ...actor })
}

/** `12h`, `30m`, `7d`, `45s` or plain milliseconds. */
export function parseDuration (text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim())
  if (!m) throw new Error(`Cannot read the duration "${text}" (use e.g. 30m, 12h, 7d).`)
  const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
  return Number(m[1]) * units[(m[2] ?? 'ms') as keyof typeof units]
}

/**
 * The secret for the embedded default when AUTH_JWT_SECRET is not given: generated once, kept in the data
 * directory (readable by its owner only), so tokens stay valid across restarts.
 */
export function embeddedSecret (dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret')
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim()
  fs.mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  try {
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' })
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim()
    throw error
  }
  return secret
}
