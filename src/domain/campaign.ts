// Emulation campaigns (phong trào, đợt thi đua) launched by an issuer (Bộ Công an, a city police…) for a period,
// often for an anniversary, with targets (chỉ tiêu) and a scope: the whole ministry, some blocks, some clusters or
// some units. Clusters and units in the scope register and report their results.
//
// A campaign's phase follows from its period and the day (Asia/Ho_Chi_Minh), never from a stored status:
//   upcoming (before `from`) → running (from `from` to `until`, both included) → ended (after `until`).
// Registration is open while upcoming or running; after the end only an admin records participants (a campaign of
// the past being written down). Results are reported once the campaign has started, and may be corrected later.
import { conflict, forbidden, ruleBroken } from './errors.js'
import { normalizeName } from './text.js'
import { normalizeText } from './pledge.js'

/** A slogan such as "Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả": a line or two. */
export const SLOGAN_MAX_LENGTH = 500
/** The issuer, e.g. "Giám đốc Công an thành phố Hà Nội". */
export const ISSUER_MAX_LENGTH = 300
/** A decision number such as "2345/KH-CATP-PV01". */
export const DECISION_NUMBER_MAX_LENGTH = 50
/** The occasion, e.g. "Kỷ niệm 80 năm Ngày truyền thống Công an nhân dân (19/8/1945 – 19/8/2025)". */
export const OCCASION_MAX_LENGTH = 500
/** One target's wording (a sentence or a short paragraph of a plan). */
export const TARGET_TEXT_MAX_LENGTH = 1000
/** A target's figure, e.g. "100%" or "giảm ít nhất 5% so với cùng kỳ". */
export const TARGET_VALUE_MAX_LENGTH = 200
/** A plan lists a handful of targets; 50 leaves room for the longest plans of the seeds. */
export const MAX_TARGETS = 50
/** The Ministry has a handful of emulation blocks; 50 is far above. */
export const MAX_SCOPE_BLOCKS = 50
/** A block has a few dozen clusters at most; 200 covers every cluster of the Ministry. */
export const MAX_SCOPE_CLUSTERS = 200
/** Units named one by one (a campaign among a few units): the largest page of units. */
export const MAX_SCOPE_UNITS = 200
/** A result as reported: a paragraph or a short report. */
export const RESULT_MAX_LENGTH = 4000
/** The longest campaign: a five-year phong trào (giai đoạn 2021–2025), leap days included. */
export const MAX_CAMPAIGN_DAYS = 5 * 366

export const CAMPAIGN_PHASES = ['upcoming', 'running', 'ended'] as const
export type CampaignPhase = typeof CAMPAIGN_PHASES[number]

export interface CampaignPeriod {
  /** First day, YYYY-MM-DD. */
  from: string
  /** Last day (included), YYYY-MM-DD. */
  until: string
}

export interface CampaignTarget { text: string, target: string | null }

/** Who may take part; every list empty: the whole ministry (toàn lực lượng). */
export interface CampaignScope { blockIds: string[], clusterIds: string[], unitIds: string[] }

export interface CampaignDecision { number: string, date: string }

export interface CampaignContent extends CampaignPeriod {
  name: string
  slogan: string | null
  issuer: string
  decision: CampaignDecision | null
  occasion: string | null
  targets: CampaignTarget[]
  scope: CampaignScope
}

export interface CampaignInput extends CampaignPeriod {
  name: string
  slogan?: string | null
  issuer: string
  decision?: CampaignDecision | null
  occasion?: string | null
  targets?: Array<{ text: string, target?: string | null }>
  scope: Partial<CampaignScope>
}

const optional = (text: string | null | undefined) => {
  const value = text == null ? '' : normalizeName(text)
  return value === '' ? null : value
}

/** The campaign as stored: one-line texts NFC with single spaces, target texts trimmed with their line breaks kept. */
export function normalizeCampaign (input: CampaignInput): CampaignContent {
  return {
    name: normalizeName(input.name),
    slogan: optional(input.slogan),
    issuer: normalizeName(input.issuer),
    decision: input.decision ? { number: normalizeName(input.decision.number), date: input.decision.date } : null,
    occasion: optional(input.occasion),
    from: input.from,
    until: input.until,
    targets: (input.targets ?? []).map((t) => ({ text: normalizeText(t.text), target: optional(t.target) })),
    scope: { blockIds: input.scope.blockIds ?? [], clusterIds: input.scope.clusterIds ?? [], unitIds: input.scope.unitIds ?? [] }
  }
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000

/**
 * 422 `campaign_period_invalid` unless `from` ≤ `until`, the period lasts at most MAX_CAMPAIGN_DAYS, and the decision
 * launching it (when given) is dated no later than its last day.
 */
export function assertCampaignPeriod ({ from, until }: CampaignPeriod, decision: CampaignDecision | null): void {
  if (until < from) {
    throw ruleBroken('campaign_period_invalid', `The campaign ends on ${until}, before it starts on ${from}.`, { from, until })
  }
  const days = dayNumber(until) - dayNumber(from) + 1
  if (days > MAX_CAMPAIGN_DAYS) {
    throw ruleBroken('campaign_period_invalid', `The campaign lasts ${days} days; a campaign lasts at most ${MAX_CAMPAIGN_DAYS} days (five years).`, { from, until })
  }
  if (decision && decision.date > until) {
    throw ruleBroken('campaign_period_invalid', `The decision ${decision.number} is dated ${decision.date}, after the campaign ends on ${until}.`, { from, until })
  }
}

/** The phase on `today` (YYYY-MM-DD). */
export function campaignPhase ({ from, until }: CampaignPeriod, today: string): CampaignPhase {
  if (today < from) return 'upcoming'
  return today <= until ? 'running' : 'ended'
}

export const isMinistryWide = (scope: CampaignScope) =>
  scope.blockIds.length === 0 && scope.clusterIds.length === 0 && scope.unitIds.length === 0

/** What decides whether a participant is in a scope: the cluster and its block, or the unit and its clusters. */
export type Reach =
  | { kind: 'cluster', clusterId: string, blockId: string }
  /** `memberships`: the clusters (with their block) the unit is a member of on some day of the campaign. */
  | { kind: 'unit', unitId: string, memberships: ReadonlyArray<{ clusterId: string, blockId: string }> }

/**
 * Whether the scope reaches the participant. A cluster: the ministry, its block or itself named. A unit: the
 * ministry, itself named, or a cluster (or a cluster's block) it is a member of during the campaign.
 */
export function scopeReaches (scope: CampaignScope, reach: Reach): boolean {
  if (isMinistryWide(scope)) return true
  const inCluster = ({ clusterId, blockId }: { clusterId: string, blockId: string }) =>
    scope.clusterIds.includes(clusterId) || scope.blockIds.includes(blockId)
  return reach.kind === 'cluster' ? inCluster(reach) : scope.unitIds.includes(reach.unitId) || reach.memberships.some(inCluster)
}

const described = (reach: Reach) => reach.kind === 'cluster' ? `Cluster ${reach.clusterId}` : `Unit ${reach.unitId}`

/** 422 `campaign_participant_out_of_scope` when the scope does not reach the would-be participant. */
export function assertInScope (scope: CampaignScope, reach: Reach): void {
  if (scopeReaches(scope, reach)) return
  throw ruleBroken('campaign_participant_out_of_scope',
    `${described(reach)} is outside the campaign's scope: ${reach.kind === 'cluster'
      ? 'the scope names neither it nor its block'
      : 'the scope names neither it nor a cluster or block it belongs to during the campaign'}.`,
    reach.kind === 'cluster' ? { clusterId: reach.clusterId } : { unitId: reach.unitId })
}

/** A changed scope or period keeps every registered participant (422 `campaign_scope_excludes_participant`, naming the first that falls out). */
export function assertScopeKeeps (scope: CampaignScope, participants: ReadonlyArray<Reach & { participantId: string }>): void {
  const excluded = participants.find((p) => !scopeReaches(scope, p))
  if (!excluded) return
  throw ruleBroken('campaign_scope_excludes_participant',
    `${described(excluded)} has registered (participant ${excluded.participantId}) and would fall outside the changed scope or period; keep it in the scope.`,
    { participantId: excluded.participantId })
}

export type CampaignAction = 'register' | 'report'

/** Which actions each phase allows: the lifecycle as a table (`admin` marks what only an admin may still do). */
export const CAMPAIGN_LIFECYCLE: Record<CampaignPhase, Record<CampaignAction, 'everyone' | 'admin' | 'no one'>> = {
  upcoming: { register: 'everyone', report: 'no one' },
  running: { register: 'everyone', report: 'everyone' },
  ended: { register: 'admin', report: 'everyone' }
}

/**
 * Refuses `action` in `phase` for a caller (`asAdmin`): 409 `campaign_not_started` for a result before the start,
 * 409 `campaign_ended` for a registration by anyone but an admin after the end.
 */
export function assertPhaseAllows (action: CampaignAction, phase: CampaignPhase, period: CampaignPeriod, asAdmin: boolean): void {
  const allowed = CAMPAIGN_LIFECYCLE[phase][action]
  if (allowed === 'everyone' || (allowed === 'admin' && asAdmin)) return
  if (action === 'report') {
    throw conflict('campaign_not_started', `The campaign starts on ${period.from}: results are reported from that day on.`, { from: period.from })
  }
  throw conflict('campaign_ended', `The campaign ended on ${period.until}: registration is closed (an admin may still record a participant of the past).`, { until: period.until })
}

/** The caller as the campaign rules see it (auth/tokens' Actor has this shape). */
export interface CampaignCaller { role: string, clusterId?: string, unitId?: string }

/**
 * Who registers a participant and reports its result (403 `forbidden` otherwise): an admin for anyone; a
 * secretariat for its own cluster and for the units that are members of it during the campaign; a unit for itself.
 */
export function assertActsFor (caller: CampaignCaller, reach: Reach): void {
  if (caller.role === 'admin') return
  if (caller.role === 'secretariat' && caller.clusterId !== undefined) {
    const own = reach.kind === 'cluster'
      ? reach.clusterId === caller.clusterId
      : reach.memberships.some((m) => m.clusterId === caller.clusterId)
    if (own) return
    throw forbidden('A secretariat registers and reports for its own cluster and for the units that are its members during the campaign.')
  }
  if (caller.role === 'unit' && reach.kind === 'unit' && reach.unitId === caller.unitId) return
  throw forbidden(caller.role === 'unit'
    ? 'A unit registers and reports for itself only.'
    : `The ${caller.role} role does not register for campaigns.`)
}
