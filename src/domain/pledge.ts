// The annual emulation pledge (giao ước thi đua) of a cluster and its signing by every member unit.
//
// Lifecycle of one version: draft (editable) → open (content frozen, its hash fixed, units sign) → in_force
// (every member on the signing date has signed). A later version, once opened, supersedes the one before it.
// Each version is its own record: a unit signs each version once, and a new version starts unsigned.
//
// The content hash is SHA-256 (hex) of the canonical JSON of the normalised content plus the cluster id and the
// version number. It lives here because it is a pure function of the content: createHash is deterministic and
// has no side effect, like the canonical form it digests (the unit-of-work plugin hashes requests the same way).
import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'
import { conflict, ruleBroken } from './errors.js'
import { overlaps, yearPeriod, type Period } from './membership.js'
import { normalizeName } from './text.js'

export const PLEDGE_STATUSES = ['draft', 'open', 'in_force', 'superseded'] as const
export type PledgeStatus = typeof PLEDGE_STATUSES[number]

export const TARGET_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const
export type TargetDirection = typeof TARGET_DIRECTIONS[number]

/** Title codes the service knows by name; others following the same shape are accepted as cluster-specific. */
export const KNOWN_TITLE_CODES = ['government_flag', 'ministry_flag', 'ministry_certificate'] as const

/** A numeric target (chỉ tiêu) of a commitment: "at least 100%", "at most 5 vụ". */
export interface Target {
  value: number
  unit: string
  direction: TargetDirection
  description: string | null
}

export interface Commitment {
  text: string
  target: Target | null
}

/** A title (danh hiệu) a member unit registers to compete for in the year. */
export interface RegisteredTitle {
  unitId: string
  titleCode: string
}

export interface PledgeContent {
  title: string
  slogan: string
  commitments: Commitment[]
  registeredTitles: RegisteredTitle[]
}

/** The input shape: a target's direction and description, and a commitment's target, may be left out. */
export interface PledgeContentInput {
  title: string
  slogan: string
  commitments: Array<{ text: string, target?: { value: number, unit: string, direction?: TargetDirection, description?: string | null } | null }>
  registeredTitles: RegisteredTitle[]
}

/** Long text (a commitment, a description): NFC and trimmed; inner line breaks are kept. */
export const normalizeText = (input: string) => input.normalize('NFC').trim()

/**
 * The one stored form of the content, so equal content always hashes equally: texts NFC and trimmed (titles and
 * slogans also with single spaces), every target complete, registered titles in (unit, title) order. The order of
 * commitments is part of the content and is kept.
 */
export function normalizeContent (input: PledgeContentInput): PledgeContent {
  return {
    title: normalizeName(input.title),
    slogan: normalizeName(input.slogan),
    commitments: input.commitments.map((c) => ({
      text: normalizeText(c.text),
      target: c.target == null
        ? null
        : {
            // -0 and 0 are one value; canonical JSON writes both as 0 anyway.
            value: c.target.value === 0 ? 0 : c.target.value,
            unit: normalizeName(c.target.unit),
            direction: c.target.direction ?? 'higher_is_better',
            description: c.target.description == null ? null : normalizeText(c.target.description) || null
          }
    })),
    registeredTitles: [...input.registeredTitles]
      .map((r) => ({ unitId: r.unitId.toLowerCase(), titleCode: r.titleCode }))
      .sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : a.titleCode < b.titleCode ? -1 : a.titleCode > b.titleCode ? 1 : 0))
  }
}

/** What the hash covers: the content, the cluster, the year and the version number. */
export interface HashedContent extends PledgeContent {
  clusterId: string
  year: number
  versionNumber: number
}

/** The canonical form of a version's content (sorted keys, no white space). */
export function canonicalContent (pledge: HashedContent): string {
  const { clusterId, year, versionNumber, title, slogan, commitments, registeredTitles } = pledge
  return canonicalJson({ clusterId, year, versionNumber, title, slogan, commitments, registeredTitles })
}

/** SHA-256 in hex of a canonical form. */
export function sha256Hex (canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** The content hash an opened version carries and every signature records. */
export const contentHash = (pledge: HashedContent) => sha256Hex(canonicalContent(pledge))

/**
 * Refuses a unit registered twice for one title, and a registered unit that is not a member of the cluster on
 * any day of the year (`memberships`: the cluster's memberships of the registered units).
 */
export function assertRegisteredTitles (year: number, titles: RegisteredTitle[], memberships: Array<Period & { unitId: string }>): void {
  const seen = new Set<string>()
  for (const { unitId, titleCode } of titles) {
    const key = `${unitId.toLowerCase()} ${titleCode}`
    if (seen.has(key)) {
      throw ruleBroken('pledge_title_registered_twice', `Unit ${unitId} is registered for ${titleCode} more than once.`, { unitId, titleCode })
    }
    seen.add(key)
  }
  const inYear = yearPeriod(year)
  const outsiders = [...new Set(titles.map((t) => t.unitId.toLowerCase()))]
    .filter((unitId) => !memberships.some((m) => m.unitId.toLowerCase() === unitId && overlaps(m, inYear)))
  if (outsiders.length > 0) {
    throw ruleBroken('pledge_unit_not_member',
      `${outsiders.length > 1 ? 'Units' : 'Unit'} ${outsiders.join(', ')} ${outsiders.length > 1 ? 'are' : 'is'} not a member of the cluster in ${year}; only members register titles.`,
      { unitIds: outsiders })
  }
}

/** Only a draft's content changes; after opening a new version is needed. */
export function assertEditable (status: PledgeStatus): void {
  if (status !== 'draft') {
    throw conflict('pledge_not_editable', `The pledge is ${status}: its content is frozen. Create a new version to change it.`, { pledgeStatus: status })
  }
}

/** Opening freezes a draft that commits to something. */
export function assertMayOpen (pledge: { status: PledgeStatus, commitments: readonly unknown[] }): void {
  if (pledge.status !== 'draft') throw conflict('pledge_not_draft', `The pledge is already ${pledge.status}; only a draft opens.`, { pledgeStatus: pledge.status })
  if (pledge.commitments.length === 0) throw ruleBroken('pledge_without_commitments', 'A pledge opens with at least one commitment.')
}

/**
 * A new version copies an opened version that is the latest of its year (a draft is edited instead; a version
 * with a newer one, superseded or not, is history).
 */
export function assertMayCreateVersion (pledge: { status: PledgeStatus }, newerVersionNumber: number | null): void {
  if (newerVersionNumber !== null) {
    throw conflict('pledge_has_newer_version', `Version ${newerVersionNumber} already follows this one; create a version from the latest.`, { versionNumber: newerVersionNumber })
  }
  if (pledge.status === 'draft') {
    throw conflict('pledge_not_open', 'The pledge is still a draft: edit it instead of creating a new version.', { pledgeStatus: pledge.status })
  }
}

/** Opening a new version supersedes the version it follows while that one is current (open or in force). */
export const isSupersededByNext = (status: PledgeStatus) => status === 'open' || status === 'in_force'

/**
 * A unit signs an open (or already in force) version once, and only while it is a member of the cluster on the
 * signing date (`membersOn`: the member unit ids on that date; `signed`: the unit ids that already signed).
 */
export function assertMaySign (
  status: PledgeStatus,
  unitId: string,
  membersOn: readonly string[],
  signed: readonly string[],
  signingDate: string
): void {
  if (status !== 'open' && status !== 'in_force') {
    throw conflict('pledge_not_open', status === 'draft'
      ? 'The pledge is still a draft: open it before signing.'
      : 'This version was superseded by a newer one: sign the latest version.', { pledgeStatus: status })
  }
  if (signed.includes(unitId)) throw conflict('pledge_already_signed', 'The unit has already signed this version of the pledge.', { unitId })
  if (!membersOn.includes(unitId)) {
    throw ruleBroken('pledge_signer_not_member', `Unit ${unitId} is not a member of the cluster on ${signingDate}, the signing date.`, { unitId, on: signingDate })
  }
}

/** An open version comes into force when every member on the signing date has signed it. */
export function comesIntoForce (status: PledgeStatus, membersOn: readonly string[], signed: readonly string[]): boolean {
  if (status !== 'open' || membersOn.length === 0) return false
  const signers = new Set(signed)
  return membersOn.every((unitId) => signers.has(unitId))
}
