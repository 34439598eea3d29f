// Tokens of the organisation's OpenID Connect provider (RS256, ES256), verified with its public keys (a JWKS URL or
// one PEM key), and the provider's claims mapped to our actor by configuration. Shared-secret HS256 tokens keep
// their own verifier (tokens.ts); the token's header says which applies, and only the algorithms configured.
import {
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors,
  importSPKI,
  jwtVerify
} from 'jose'
import type { IdentityProvider, TokenAlgorithm } from '../config.js'
import { type Actor, type Role, CLOCK_SKEW_SECONDS, InvalidTokenError, actorFromClaims, assertLifetime, tokenVerifier } from './tokens.js'

/** The provider's keys cannot be had (unreachable, an error status, not a key set): the token cannot be judged. */
export class IdentityProviderUnavailableError extends Error {
  /**
   * `message` is for the caller and names no host or address; `reason`, why the fetch failed (an address, a status,
   * a parse error), is for the log.
   */
  constructor (message: string, readonly retryAfterSeconds: number, readonly reason: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'IdentityProviderUnavailableError'
  }
}

/**
 * A claim by its name, or else by a dotted path through nested objects (`realm_access.roles`). The whole name is
 * tried first, so a claim named by a URL (`https://thidua.example.vn/roles`) is found too. Own properties only.
 */
export function claimAt (claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path]
  let value: unknown = claims
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** A role claim holds one name or a list; the first AUTH_ROLE_MAP entry the token holds gives our role. */
export function mappedRole (value: unknown, roleMap: IdentityProvider['roleMap'], claim: string): Role {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  for (const [from, to] of roleMap) if (names.includes(from)) return to
  const shown = names.slice(0, 5).map((n) => JSON.stringify(n.slice(0, 60))).join(', ')
  throw new InvalidTokenError(names.length === 0
    ? `The token has no role: its ${claim} claim holds no role name.`
    : `The token's ${claim} claim (${shown}${names.length > 5 ? ', …' : ''}) holds no role AUTH_ROLE_MAP maps to one of ours.`)
}

/** The provider's claims as the claims actorFromClaims reads: our role, and the unit or cluster it needs. */
export function providerActor (claims: Record<string, unknown>, provider: Pick<IdentityProvider, 'claims' | 'roleMap'>): Actor {
  const role = mappedRole(claimAt(claims, provider.claims.role), provider.roleMap, provider.claims.role)
  return actorFromClaims({
    sub: claims.sub,
    role,
    unitId: claimAt(claims, provider.claims.unitId),
    clusterId: claimAt(claims, provider.claims.clusterId)
  })
}

/** The JWKS errors that say the token's key is not in the set: the token's fault, not the provider's. */
const KEY_NOT_FOUND = new Set([errors.JWKSNoMatchingKey.code, errors.JWKSMultipleMatchingKeys.code])

/**
 * The key set, fetched by jose (cached for jwksCacheMs, fetched again for an unknown `kid` at most once per
 * jwksCooldownMs). A failed fetch holds further fetches off for jwksCooldownMs: in that time a token that needs a
 * fetch is answered unavailable at once, so a provider outage does not become one outbound request per call.
 */
function remoteKeys (provider: IdentityProvider & { jwksUrl: string }, now: () => number): JWTVerifyGetKey {
  let downUntil = 0
  const retryAfter = () => Math.max(1, Math.ceil((downUntil - now()) / 1000))
  const jwks = createRemoteJWKSet(new URL(provider.jwksUrl), {
    cacheMaxAge: provider.jwksCacheMs,
    cooldownDuration: provider.jwksCooldownMs,
    timeoutDuration: provider.jwksTimeoutMs,
    [customFetch]: async (url: string, init: RequestInit) => {
      if (now() < downUntil) throw new Error('the last fetch of the key set failed; waiting out the cooldown')
      return await fetch(url, init)
    }
  })
  return async (header, token) => {
    try {
      return await jwks(header, token)
    } catch (error) {
      if (KEY_NOT_FOUND.has((error as { code?: string }).code ?? '')) throw error
      if (now() >= downUntil) downUntil = now() + provider.jwksCooldownMs
      const cause = (error as Error).cause instanceof Error ? `: ${((error as Error).cause as Error).message}` : ''
      const seconds = retryAfter()
      throw new IdentityProviderUnavailableError(
        `The identity provider's keys cannot be fetched to check the token; retry in ${seconds} s.`, seconds,
        `${(error as Error).message}${cause}`, { cause: error })
    }
  }
}

export type BearerVerifier = (token: string) => Promise<Actor>

export interface VerifierOptions {
  /** The shared HS256 secret. */
  secret: string
  maxLifetimeHours: number
  /** AUTH_ALGORITHMS; HS256 alone when absent. */
  algorithms?: readonly TokenAlgorithm[]
  provider?: IdentityProvider
  /** Milliseconds since the epoch; the process's clock by default. */
  now?: () => number
}

/**
 * Every bearer token's verifier. Without a provider and with HS256 accepted it is the shared-secret verifier as it
 * always was. Otherwise the token's `alg` picks the verifier, among AUTH_ALGORITHMS only: HS256 is checked with the
 * shared secret and nothing else (so a token "signed" with the provider's public key as an HMAC secret fails its
 * signature), RS256/ES256 with the provider's keys and nothing else; `none` and every other algorithm are refused.
 */
export async function bearerVerifier (options: VerifierOptions): Promise<BearerVerifier> {
  const algorithms = options.algorithms ?? ['HS256']
  const hs256 = tokenVerifier(options.secret, { maxLifetimeHours: options.maxLifetimeHours })
  const provider = options.provider
  if (!provider && algorithms.length === 1 && algorithms[0] === 'HS256') return async (token) => hs256(token)
  const now = options.now ?? Date.now
  let key: CryptoKey | JWTVerifyGetKey | undefined
  if (provider?.publicKey) key = await importSPKI(provider.publicKey.pem, provider.publicKey.algorithm)
  else if (provider?.jwksUrl) key = remoteKeys({ ...provider, jwksUrl: provider.jwksUrl }, now)
  const accepted = algorithms.join(', ')

  return async (token) => {
    let alg: unknown
    try {
      alg = decodeProtectedHeader(token).alg
    } catch (error) {
      throw new InvalidTokenError(`The bearer token is not valid: ${(error as Error).message}`)
    }
    if (typeof alg !== 'string' || !(algorithms as readonly string[]).includes(alg)) {
      throw new InvalidTokenError(`The bearer token is signed with ${JSON.stringify(alg)}; this service accepts ${accepted} only.`)
    }
    if (alg === 'HS256') return hs256(token)
    if (!provider || !key) throw new InvalidTokenError(`The bearer token is signed with ${alg}, but no identity provider is configured.`)
    let payload: JWTPayload
    try {
      const checks = {
        algorithms: [...provider.algorithms],
        issuer: provider.issuer,
        audience: provider.audience ? [...provider.audience] : undefined,
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: new Date(now()),
        requiredClaims: ['exp']
      }
      ;({ payload } = typeof key === 'function' ? await jwtVerify(token, key, checks) : await jwtVerify(token, key, checks))
    } catch (error) {
      if (error instanceof IdentityProviderUnavailableError) throw error
      throw new InvalidTokenError(`The bearer token is not valid: ${(error as Error).message}`)
    }
    assertLifetime(payload, now() / 1000, options.maxLifetimeHours)
    return providerActor(payload, provider)
  }
}
