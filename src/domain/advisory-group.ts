// The advisory group (Tổ tư vấn) of a cluster's head unit for a year: the decision founding it and its members.
// Pure rules: what a group may hold, how members keep their ids from one version to the next, what changed
// between two versions, and whether the reviewers a scorecard review names belong to the group.
import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'
import { ruleBroken } from './errors.js'
import { normalizeName } from './text.js'
import { yearOf } from './dates.js'

/** At most this many members: a group of the head unit's staff has a handful; 50 leaves room for a large cluster. */
export const MAX_ADVISORY_MEMBERS = 50
/** A decision number such as "125/QĐ-CAT-PV01". */
export const DECISION_NUMBER_MAX_LENGTH = 50
/** The issuing body, e.g. "Công an tỉnh Lào Cai". */
export const DECISION_ISSUER_MAX_LENGTH = 300
/** A rank such as "Thượng tá", a position such as "Phó Trưởng phòng Tham mưu". */
export const RANK_MAX_LENGTH = 100
export const POSITION_MAX_LENGTH = 300
/** A review names at most this many reviewers per criterion. */
export const MAX_REVIEWERS_PER_ENTRY = 10

export interface Decision {
  number: string
  /** YYYY-MM-DD. */
  date: string
  issuer: string
}

export interface AdvisoryMember {
  id: string
  name: string
  rank: string | null
  position: string
  unitId: string
}

export interface AdvisoryMemberInput {
  id?: string
  name: string
  rank?: string | null
  position: string
  unitId: string
}

export interface AdvisoryGroupContent {
  decision: Decision
  members: AdvisoryMember[]
}

/** What one version changed from the version before it (everything is `added` in version 1). */
export interface AdvisoryGroupChanges {
  decisionChanged: boolean
  addedMemberIds: string[]
  removedMemberIds: string[]
  updatedMemberIds: string[]
}

const clean = (text: string) => normalizeName(text)
const cleanOptional = (text: string | null | undefined) => {
  const value = text == null ? '' : normalizeName(text)
  return value === '' ? null : value
}

/**
 * The decision is dated in the group's year or in the year before it (a group for 2025 is often founded in
 * December 2024); otherwise 422 `advisory_decision_date_outside_year`.
 */
export function assertDecisionDate (year: number, date: string): void {
  const dateYear = yearOf(date)
  if (dateYear !== year && dateYear !== year - 1) {
    throw ruleBroken('advisory_decision_date_outside_year',
      `A decision founding the advisory group of ${year} is dated in ${year - 1} or ${year}, not on ${date}.`, { date })
  }
}

/**
 * The members as stored: text normalised (NFC, single spaces), a member sent with its `id` keeps it (it must be a
 * member of the current version: 422 `advisory_member_unknown`; at most once: 422 `advisory_member_repeated`), a
 * member without one gets `newId()`.
 */
export function resolveMembers (
  current: readonly AdvisoryMember[], input: readonly AdvisoryMemberInput[], newId: () => string
): AdvisoryMember[] {
  const known = new Set(current.map((m) => m.id))
  const seen = new Set<string>()
  return input.map((m, index) => {
    if (m.id !== undefined) {
      if (!known.has(m.id)) {
        throw ruleBroken('advisory_member_unknown',
          `members[${index}].id ${m.id} is not a member of the current group; leave the id out to add a member.`, { memberId: m.id })
      }
      if (seen.has(m.id)) {
        throw ruleBroken('advisory_member_repeated', `members[${index}].id ${m.id} is listed more than once.`, { memberId: m.id })
      }
      seen.add(m.id)
    }
    return { id: m.id ?? newId(), name: clean(m.name), rank: cleanOptional(m.rank), position: clean(m.position), unitId: m.unitId }
  })
}

/** The decision as stored (text normalised). */
export const normalizeDecision = (d: Decision): Decision => ({ number: clean(d.number), date: d.date, issuer: clean(d.issuer) })

const sameMember = (a: AdvisoryMember, b: AdvisoryMember) =>
  a.name === b.name && a.rank === b.rank && a.position === b.position && a.unitId === b.unitId

/** What `after` changed from `before` (undefined: the group is new). Ids in the order of the member lists. */
export function changesBetween (before: AdvisoryGroupContent | undefined, after: AdvisoryGroupContent): AdvisoryGroupChanges {
  const previous = new Map((before?.members ?? []).map((m) => [m.id, m]))
  const next = new Set(after.members.map((m) => m.id))
  const d = before?.decision
  return {
    decisionChanged: d === undefined || d.number !== after.decision.number || d.date !== after.decision.date || d.issuer !== after.decision.issuer,
    addedMemberIds: after.members.filter((m) => !previous.has(m.id)).map((m) => m.id),
    removedMemberIds: (before?.members ?? []).filter((m) => !next.has(m.id)).map((m) => m.id),
    updatedMemberIds: after.members.filter((m) => previous.has(m.id) && !sameMember(previous.get(m.id)!, m)).map((m) => m.id)
  }
}

/**
 * Every reviewer a review names is a member of the year's group (its current version); `memberIds` is undefined
 * when the year has no group. 422 `reviewer_not_in_advisory_group` naming the first one that is not.
 */
export function assertReviewers (
  year: number, entries: ReadonlyArray<{ code: string, reviewerIds?: readonly string[] }>, memberIds: ReadonlySet<string> | undefined
): void {
  for (const [index, entry] of entries.entries()) {
    for (const reviewerId of entry.reviewerIds ?? []) {
      if (memberIds?.has(reviewerId)) continue
      throw ruleBroken('reviewer_not_in_advisory_group', memberIds === undefined
        ? `entries[${index}] (${entry.code}) names reviewer ${reviewerId}, but the cluster has no advisory group for ${year}.`
        : `entries[${index}] (${entry.code}) names reviewer ${reviewerId}, who is not a member of the cluster's advisory group for ${year}.`,
      { reviewerId, path: `/body/entries/${index}/reviewerIds` })
    }
  }
}

/** "Lào Cai" from "Công an tỉnh Lào Cai": the place a provincial police writes before the date; else Hà Nội. */
export function placeOf (issuer: string): string {
  const match = /^Công an (?:tỉnh|thành phố)\s+(.+)$/iu.exec(issuer.normalize('NFC'))
  return match ? match[1] : 'Hà Nội'
}

/**
 * The digest printed in the decision's footer: SHA-256 (hex) of the canonical JSON of {clusterId, year, version,
 * decision, members} as the resource shows them, so a printed page is matched to the version it shows.
 */
export function contentDigest (group: AdvisoryGroupContent & { clusterId: string, year: number, version: number }): string {
  const { clusterId, year, version, decision, members } = group
  return createHash('sha256').update(canonicalJson({ clusterId, year, version, decision, members })).digest('hex')
}
