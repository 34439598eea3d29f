// Webhook subscriptions and their deliveries, as rules: which events a subscription receives, how a delivery is
// signed (Standard Webhooks: `v1,<base64 HMAC-SHA256>` of `${id}.${timestamp}.${body}` with the key the `whsec_`
// secret encodes), which targets may be called, and what a failed attempt leads to (the next attempt after an
// exponential backoff with jitter, giving up after the retry window, disabling the subscription after a run of
// failures). Pure: the clock, the randomness and the network are passed in.
import { createHmac } from 'node:crypto'
import net from 'node:net'
import { EVENT_TYPES, type EventType } from './event-types.js'

export const WEBHOOK_SECRET_PREFIX = 'whsec_'
/** Random bytes of a signing secret (the specification asks for 24 to 64). */
export const WEBHOOK_SECRET_BYTES = 32
/** After a rotation the previous secret still signs (a second signature) for this long, so receivers can switch. */
export const PREVIOUS_SECRET_HOURS = 24
/** A subscription lists at most this many event types (the catalogue holds fewer). */
export const MAX_EVENT_TYPES = 200
export const URL_MAX_LENGTH = 2000
export const DESCRIPTION_MAX_LENGTH = 500
/** The most bytes of a receiver's answer kept in the delivery log. */
export const RESPONSE_BODY_LOG_BYTES = 2048

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const
export type DeliveryStatus = typeof DELIVERY_STATUSES[number]

/** A secret as shown to the integrator: `whsec_` and the base64 of its random bytes. */
export const formatSecret = (bytes: Buffer): string => `${WEBHOOK_SECRET_PREFIX}${bytes.toString('base64')}`

/** The HMAC key a `whsec_` secret stands for (the base64 after the prefix, decoded). */
export const secretKey = (secret: string): Buffer =>
  Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64')

/** One signature: `v1,` and the base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`. */
export function signature (secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

/**
 * The `webhook-signature` header: signed with the current secret, and with the previous one too while a rotation is
 * recent (space separated, as the specification lets a receiver try each).
 */
export function signatureHeader (secrets: { current: string, previous?: string | null }, id: string, timestamp: number, body: string): string {
  const signatures = [signature(secrets.current, id, timestamp, body)]
  if (secrets.previous) signatures.push(signature(secrets.previous, id, timestamp, body))
  return signatures.join(' ')
}

// ---------------------------------------------------------------------------------------------------------------
// Which events a subscription receives

/**
 * The event types whose data names its cluster (`data.clusterId`, or the cluster itself for `cluster.*`): the only
 * ones a secretariat may subscribe to, since it receives its own cluster's events only. The others (units, blocks,
 * the title catalogue, scorecards, files…) carry no cluster in the feed and are for admin subscriptions.
 * test/routes/webhooks.test.ts checks this list against the contract's event schemas.
 */
export const CLUSTER_SCOPED_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'cluster.updated', 'cluster.deleted',
  'membership.started', 'membership.ended', 'term.appointed', 'term.elected', 'flag.handed_over',
  'advisory_group.created', 'advisory_group.updated',
  'cluster_document.created', 'cluster_document.updated', 'cluster_document.adopted', 'cluster_document.superseded',
  'pledge.created', 'pledge.updated', 'pledge.opened', 'pledge.version_created', 'pledge.superseded', 'pledge.in_force', 'pledge.deleted',
  'report.created', 'report.updated', 'report.opened', 'report.finalized',
  'conference.created', 'conference.updated', 'conference.finalized', 'conference.deleted',
  'scoring_scheme.created', 'scoring_scheme.updated', 'scoring_scheme.published', 'scoring_scheme.superseded', 'scoring_scheme.deleted',
  'election.created', 'election.opened', 'election.closed', 'election.cancelled', 'election.deleted', 'title.proposed',
  'campaign_participant.registered', 'campaign_participant.reported',
  'dossier.created', 'dossier.attachment_added', 'dossier.attachment_removed', 'dossier.submitted', 'dossier.returned', 'dossier.accepted',
  'dossier.proposals_decided', 'dossier.decided', 'award.revoked',
  'webhook.created', 'webhook.updated', 'webhook.deleted', 'webhook.secret_rotated', 'webhook.disabled', 'webhook.replayed'
])

/** The cluster an event belongs to, as the feed says it; null when it names none. */
export function eventClusterId (event: { resourceType: string, resourceId: string, data: unknown }): string | null {
  if (event.resourceType === 'cluster') return event.resourceId
  const data = event.data as { clusterId?: unknown } | null
  return data !== null && typeof data === 'object' && typeof data.clusterId === 'string' ? data.clusterId : null
}

export interface Scope { eventTypes: readonly string[], clusterId: string | null }

/** Whether a subscription receives an event: one of its types, and of its cluster when it has one. */
export const receives = (scope: Scope, event: { type: string, resourceType: string, resourceId: string, data: unknown }): boolean =>
  scope.eventTypes.includes(event.type) && (scope.clusterId === null || eventClusterId(event) === scope.clusterId)

/** The types of a subscription that are not catalogued, and (for a cluster's subscription) those naming no cluster. */
export function eventTypeProblems (eventTypes: readonly string[], clusterScoped: boolean): { unknown: string[], unscoped: string[] } {
  const unknown = eventTypes.filter((type) => !Object.hasOwn(EVENT_TYPES, type))
  const unscoped = clusterScoped ? eventTypes.filter((type) => Object.hasOwn(EVENT_TYPES, type) && !CLUSTER_SCOPED_EVENT_TYPES.has(type as EventType)) : []
  return { unknown, unscoped }
}

// ---------------------------------------------------------------------------------------------------------------
// Targets

export type AddressKind = 'public' | 'loopback' | 'private' | 'link_local' | 'unique_local' | 'multicast' | 'unspecified' | 'reserved'

const RANGES: Array<[AddressKind, string, number, 'ipv4' | 'ipv6']> = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link_local', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['reserved', '64:ff9b::', 96, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'],
  ['reserved', '2001:db8::', 32, 'ipv6'],
  ['unique_local', 'fc00::', 7, 'ipv6'],
  ['link_local', 'fe80::', 10, 'ipv6'],
  ['reserved', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6']
]

const LISTS = new Map<AddressKind, net.BlockList>()
for (const [kind, address, prefix, family] of RANGES) {
  let list = LISTS.get(kind)
  if (!list) LISTS.set(kind, list = new net.BlockList())
  list.addSubnet(address, prefix, family)
}

const MAPPED = /^::ffff:(?:0:)?(\d{1,3}(?:\.\d{1,3}){3})$/i
const MAPPED_HEX = /^::ffff:(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i

/** An IPv4 address carried in IPv6 (`::ffff:10.0.0.1`, `::ffff:a00:1`), as IPv4; otherwise the address itself. */
function unmapped (address: string): string {
  const dotted = MAPPED.exec(address)
  if (dotted) return dotted[1]
  const hex = MAPPED_HEX.exec(address)
  if (hex) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)]
    return [high >> 8, high & 255, low >> 8, low & 255].join('.')
  }
  return address
}

/** What an IP address is: `public`, or the kind of address a webhook must not reach. */
export function addressKind (ip: string): AddressKind {
  const address = unmapped(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''))
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null
  if (family === null) throw new Error(`${ip} is not an IP address`)
  for (const [kind, list] of LISTS) if (list.check(address, family)) return kind
  return 'public'
}

export interface TargetPolicy {
  /** WEBHOOK_ALLOW_HTTP: plain http is allowed too. */
  allowHttp: boolean
  /** WEBHOOK_ALLOW_HOSTS: hosts (names or addresses, lower case) that may be called whatever their address. */
  allowHosts: readonly string[]
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase()

/** Whether the policy names the host (or the address it resolved to). */
export const hostAllowed = (policy: TargetPolicy, host: string) => policy.allowHosts.includes(bare(host))

/**
 * Why a URL may not be a webhook target, or null when it may: a scheme other than https (or http when allowed),
 * credentials in it, or a host that is, or is named as, a loopback, private, link-local, unique-local, multicast or
 * unspecified address (unless the policy names it). A host name is checked again against every address it resolves
 * to at delivery time (`addressRefusal`).
 */
export function targetRefusal (raw: string, policy: TargetPolicy): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not an absolute URL'
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    return policy.allowHttp ? 'must use https or http' : 'must use https'
  }
  if (url.username !== '' || url.password !== '') return 'must not carry credentials'
  const host = bare(url.hostname)
  if (hostAllowed(policy, host)) return null
  if (net.isIP(host) !== 0) return addressRefusal(host)
  if (host === 'localhost' || host.endsWith('.localhost')) return `names ${host}, a loopback host`
  return null
}

/**
 * Why an address may not be called, or null. The policy's hosts are matched against the URL's host as written
 * (`targetRefusal`, and the sender before resolving): a name is not allowed because it resolves to a listed address.
 */
export function addressRefusal (address: string): string | null {
  const kind = addressKind(address)
  return kind === 'public' ? null : `resolves to ${address}, a ${kind.replace('_', '-')} address`
}

// ---------------------------------------------------------------------------------------------------------------
// Attempts

export interface RetryPolicy {
  /** The first retry's delay; each one after doubles, up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** A delivery is retried until this long after its first attempt, then given up. */
  retryWindowMs: number
  /** WEBHOOK_DISABLE_AFTER_FAILURES: the subscription is disabled after this many failed attempts in a row. */
  disableAfterFailures: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 5000,
  maxDelayMs: 2 * 3_600_000,
  retryWindowMs: 24 * 3_600_000,
  disableAfterFailures: 50
}

/**
 * The delay before the attempt after the `failed`-th failure: `baseDelayMs · 2^(failed-1)` capped at `maxDelayMs`,
 * then between half of it and all of it as `jitter` (0 ≤ jitter < 1) says ("equal jitter").
 */
export function retryDelayMs (failed: number, jitter: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.min(Math.max(failed - 1, 0), 40)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent)
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(jitter, 0), 1))
}

/** What one attempt returned: a status code, or none (refused, timed out, connection failed). */
export interface AttemptResult { statusCode: number | null }

export const succeeded = (result: AttemptResult) => result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300

export interface DeliveryState {
  attempts: number
  firstAttemptAt: Date | null
}

export interface AttemptOutcome {
  status: DeliveryStatus
  attempts: number
  firstAttemptAt: Date
  nextAttemptAt: Date | null
  /** The subscription's failures in a row after this attempt. */
  consecutiveFailures: number
  /** Why the subscription is now disabled, when it is. */
  disable: string | null
}

/**
 * After an attempt: a 2xx delivers it and clears the run of failures; anything else (3xx included: redirects are
 * not followed) is a failure, retried after the backoff while the retry window lasts and given up after it. The
 * subscription is disabled once its failures in a row reach the policy's count, or at once on 410 Gone.
 */
export function afterAttempt (
  delivery: DeliveryState, consecutiveFailures: number, result: AttemptResult, now: Date, jitter: number, policy: RetryPolicy
): AttemptOutcome {
  const attempts = delivery.attempts + 1
  const firstAttemptAt = delivery.firstAttemptAt ?? now
  if (succeeded(result)) return { status: 'delivered', attempts, firstAttemptAt, nextAttemptAt: null, consecutiveFailures: 0, disable: null }
  const failures = consecutiveFailures + 1
  const disable = result.statusCode === 410
    ? 'The receiver answered 410 Gone.'
    : failures >= policy.disableAfterFailures ? `${failures} attempts failed in a row.` : null
  // Given up only once an attempt made at or after the end of the window has failed too.
  const givenUp = now.getTime() - firstAttemptAt.getTime() >= policy.retryWindowMs
  return {
    status: givenUp ? 'failed' : 'pending',
    attempts,
    firstAttemptAt,
    nextAttemptAt: givenUp ? null : new Date(now.getTime() + retryDelayMs(attempts, jitter, policy)),
    consecutiveFailures: failures,
    disable
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Records

/** A subscription as answered, audited and published: never its secret. */
export interface Webhook {
  id: string
  url: string
  eventTypes: string[]
  description: string | null
  active: boolean
  clusterId: string | null
  /** The feed position the subscription has reached: every event up to it is delivered, queued or not its own. */
  position: string
  consecutiveFailures: number
  disabledAt: string | null
  disabledReason: string | null
  createdBy: string
  version: number
  createdAt: string
  updatedAt: string
}

export interface WebhookDelivery {
  id: string
  webhookId: string
  eventPosition: string
  eventId: string
  eventType: string
  status: DeliveryStatus
  attempts: number
  firstAttemptAt: string | null
  lastAttemptAt: string | null
  nextAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  lastDurationMs: number | null
  lastResponseBody: string | null
  createdAt: string
  updatedAt: string
}
