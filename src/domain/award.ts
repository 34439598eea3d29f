// Award decisions (quyết định khen thưởng) and the awards they grant. A decision, issued by the Ministry (or a
// lower issuer) with its number and symbol, date, issuer and signer, honours the achievements of one year: each of
// its awards gives a title of the catalogue to a unit (a collective title) or to a person of a unit (an individual
// title). A decision is never edited or deleted; a correction is a new decision, which may revoke awards of earlier
// ones (Law on Emulation and Commendation 2022: a decision is cancelled when the achievement was misdeclared…).
//
// An award's lifecycle: granted → revoked (once; a revoked award stays listed with its reason and the revoking
// decision, and counts in no tally). A unit holds a title once per year, and so does a person (the same unit and the
// same name under nameKey: a person has no id of their own): either may receive it again only after the earlier
// award was revoked.
//
// Each award counts in one cluster's tally: the cluster of its proposal; else the one named (`clusterId`, which must
// be a cluster the unit belonged to during the year); else the only cluster the unit belonged to during the year.
// A unit in clusters of two blocks (or that moved between clusters during the year) has several: the award must
// then name its `clusterId` (422 `award_cluster_ambiguous`), so no award is counted twice or in a guessed cluster.
// A unit that belonged to no cluster that year gets its award with no cluster (it counts in no cluster's tally).
import { conflict, ruleBroken } from './errors.js'
import { nameKey, normalizeName } from './text.js'
import { countByTitle } from './title-counts.js'

/**
 * Awards one decision carries at most. Seed 002: 120 collectives and 357 individuals of one cluster in a year (one
 * city's police); a ministry decision may carry a whole year's awards of a cluster or two: 1,000 covers them.
 */
export const MAX_AWARDS_PER_DECISION = 1000
/** Awards a correcting decision revokes at most: as many as a decision grants. */
export const MAX_REVOCATIONS_PER_DECISION = 1000
/** A number and symbol such as "1234/QĐ-BCA-X03". */
export const DECISION_NUMBER_MAX_LENGTH = 50
/** The issuer, e.g. "Bộ Công an" or "Thủ tướng Chính phủ". */
export const ISSUER_MAX_LENGTH = 300
/** A person's name (signer or awardee), as printed on a decision. */
export const PERSON_NAME_MAX_LENGTH = 100
/** A rank such as "Thượng tướng" or "Đại úy". */
export const RANK_MAX_LENGTH = 50
/** A position such as "Thứ trưởng" or "Phó Trưởng phòng Tham mưu". */
export const POSITION_MAX_LENGTH = 200
/** The reason an award is revoked: a paragraph. */
export const REVOCATION_REASON_MAX_LENGTH = 2000

export const AWARD_RECIPIENTS = ['collective', 'individual'] as const
export type AwardRecipient = typeof AWARD_RECIPIENTS[number]
export const AWARD_LEVELS = ['government', 'ministry', 'unit'] as const
export type AwardLevel = typeof AWARD_LEVELS[number]

/** What a rule needs of a title of the catalogue. */
export interface TitleFacts { code: string, name: string, level: AwardLevel, recipient: AwardRecipient }

export interface PersonInput { name: string, rank?: string | null, position?: string | null, unitId: string }
export interface Person { name: string, rank: string | null, position: string | null }

/** An award as a decision lists it: to a unit (`unitId`) or to a person (`person`). */
export interface AwardInput {
  titleCode: string
  unitId?: string
  person?: PersonInput
  proposalId?: string | null
  clusterId?: string | null
}

export interface DecisionRef { number: string, date: string, issuer: string }
export interface Signer { name: string, position: string }

export interface DecisionInput extends DecisionRef {
  signer: Signer
  year: number
  awards: AwardInput[]
  revokes?: Array<{ awardId: string, reason: string }>
}

/** A proposal (title_proposals) as an award checks it. */
export interface ProposalFacts { id: string, clusterId: string, year: number, titleCode: string, unitId: string }

/** An award of the same title to the same unit (or to a person of it: `personName`), the same year, not revoked. */
export interface HeldAward { awardId: string, unitId: string, personName: string | null, titleCode: string, decisionNumber: string }

/** What the decision's awards are checked against, read in a few queries whatever their number. */
export interface AwardFacts {
  titles: ReadonlyMap<string, TitleFacts>
  /** The names of the units that exist, by id. */
  units: ReadonlyMap<string, string>
  proposals: ReadonlyMap<string, ProposalFacts>
  /** The clusters each unit belonged to on some day of the year. */
  clustersOfUnits: ReadonlyMap<string, ReadonlyArray<{ clusterId: string, blockId: string }>>
  /** The awards already held (not revoked) that year by these units and their people, of the decision's titles. */
  held: readonly HeldAward[]
  /** Awards this decision revokes before granting its own (a correction). */
  revoking: ReadonlySet<string>
}

/** An award checked and placed, ready to store. */
export interface ResolvedAward {
  index: number
  titleCode: string
  level: AwardLevel
  recipient: AwardRecipient
  unitId: string
  person: Person | null
  proposalId: string | null
  clusterId: string | null
}

const optionalText = (value: string | null | undefined) => {
  if (value === undefined || value === null) return null
  const text = normalizeName(value)
  return text === '' ? null : text
}

/** The decision as stored: text NFC with single spaces, ids in lower case. */
export function normalizeDecision (input: DecisionInput): DecisionInput {
  return {
    number: normalizeName(input.number),
    date: input.date,
    issuer: normalizeName(input.issuer),
    signer: { name: normalizeName(input.signer.name), position: normalizeName(input.signer.position) },
    year: input.year,
    awards: input.awards.map((a) => ({
      titleCode: a.titleCode.trim(),
      ...(a.unitId === undefined ? {} : { unitId: a.unitId.toLowerCase() }),
      ...(a.person === undefined
        ? {}
        : { person: { name: normalizeName(a.person.name), rank: optionalText(a.person.rank), position: optionalText(a.person.position), unitId: a.person.unitId.toLowerCase() } }),
      proposalId: a.proposalId?.toLowerCase() ?? null,
      clusterId: a.clusterId?.toLowerCase() ?? null
    })),
    revokes: (input.revokes ?? []).map((r) => ({ awardId: r.awardId.toLowerCase(), reason: normalizeReason(r.reason) }))
  }
}

/** A revocation's reason: trimmed, NFC, line breaks kept. */
export const normalizeReason = (reason: string) => reason.normalize('NFC').trim()

/** The key a decision is unique by: its issuer, its number and symbol, and the year of its date (numbers restart each year). */
export const decisionKey = (d: DecisionRef) => ({ issuerKey: nameKey(d.issuer), numberKey: nameKey(d.number), dateYear: Number(d.date.slice(0, 4)) })

/** The unit an award goes to (the unit itself, or the person's unit). */
export const recipientUnitOf = (a: AwardInput) => (a.person ? a.person.unitId : a.unitId) ?? ''

/** The year a decision honours is not after the year of its date (achievements are honoured once achieved). */
export function assertDecisionYear (d: { date: string, year: number }): void {
  const dateYear = Number(d.date.slice(0, 4))
  if (d.year > dateYear) {
    throw ruleBroken('award_year_after_decision', `A decision dated ${d.date} cannot honour the achievements of ${d.year}, a later year.`, { year: d.year, date: d.date })
  }
}

const at = (index: number) => `awards[${index}]`

/**
 * Checks a decision's awards against the catalogue, the units, the proposals and the memberships, and places each
 * in its cluster. The first problem found, in the order of the awards, refuses the whole decision (422, or 409 for a
 * title the unit already holds that year), naming the award's index.
 */
export function resolveAwards (year: number, awards: readonly AwardInput[], facts: AwardFacts): ResolvedAward[] {
  const resolved: ResolvedAward[] = []
  const seen = new Map<string, number>()
  for (const [index, award] of awards.entries()) {
    const title = facts.titles.get(award.titleCode)
    if (!title) {
      throw ruleBroken('title_unknown', `${at(index)}: no title of the catalogue has code "${award.titleCode}".`, { index, titleCode: award.titleCode })
    }
    const recipient: AwardRecipient = award.person ? 'individual' : 'collective'
    if (recipient !== title.recipient) {
      throw ruleBroken('award_recipient_mismatch', title.recipient === 'collective'
        ? `${at(index)}: ${title.code} (${title.name}) is a collective title: it goes to a unit (unitId), not to a person.`
        : `${at(index)}: ${title.code} (${title.name}) is an individual title: it goes to a person (person), not to a unit.`,
      { index, titleCode: title.code, titleRecipient: title.recipient })
    }
    const unitId = recipientUnitOf(award)
    const unitName = facts.units.get(unitId)
    if (unitName === undefined) {
      throw ruleBroken('award_unit_unknown', `${at(index)}: unit ${unitId} names no unit.`, { index, unitId })
    }
    const person = award.person ? { name: award.person.name, rank: award.person.rank ?? null, position: award.person.position ?? null } : null
    const key = recipientKey(title.code, unitId, person?.name ?? null)
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      throw ruleBroken('award_repeated', person
        ? `${at(index)} repeats ${at(earlier)}: ${person.name} of ${unitName} (${unitId}) receives ${title.code} once in a decision.`
        : `${at(index)} repeats ${at(earlier)}: ${unitName} (${unitId}) receives ${title.code} once in a decision.`,
      { index, repeats: earlier, titleCode: title.code, unitId, ...(person ? { personName: person.name } : {}) })
    }
    seen.set(key, index)

    const proposalId = award.proposalId ?? null
    let clusterId: string | null
    if (proposalId !== null) {
      const proposal = facts.proposals.get(proposalId)
      if (!proposal) throw ruleBroken('award_proposal_unknown', `${at(index)}: proposal ${proposalId} names no title proposal.`, { index, proposalId })
      const mismatch = [
        proposal.unitId !== unitId ? `unit ${proposal.unitId}` : null,
        proposal.titleCode !== title.code ? `title ${proposal.titleCode}` : null,
        proposal.year !== year ? `year ${proposal.year}` : null,
        award.clusterId && award.clusterId !== proposal.clusterId ? `cluster ${proposal.clusterId}` : null
      ].filter((m): m is string => m !== null)
      if (mismatch.length > 0) {
        throw ruleBroken('award_proposal_mismatch',
          `${at(index)}: proposal ${proposalId} is for ${mismatch.join(', ')}, not for this award (${title.code} to ${unitName} for ${year}).`,
          { index, proposalId })
      }
      clusterId = proposal.clusterId
    } else {
      clusterId = placeInCluster(index, unitId, unitName, year, award.clusterId ?? null, facts.clustersOfUnits.get(unitId) ?? [])
    }
    resolved.push({ index, titleCode: title.code, level: title.level, recipient, unitId, person, proposalId, clusterId })
  }
  assertNotHeld(year, resolved, facts)
  return resolved
}

/**
 * Who holds a title, as the once-a-year rule compares: a unit by its id, a person by their unit and their name's key
 * (NFC, spaces folded, lower case: "Nguyễn  Văn An" and "NGUYỄN VĂN AN" are one person of a unit).
 */
export const recipientKey = (titleCode: string, unitId: string, personName: string | null) =>
  personName === null ? `u|${titleCode}|${unitId}` : `p|${titleCode}|${unitId}|${nameKey(personName)}`

/** The cluster an award without a proposal counts in (see the head of this file). */
export function placeInCluster (
  index: number, unitId: string, unitName: string, year: number, named: string | null,
  clusters: ReadonlyArray<{ clusterId: string, blockId: string }>
): string | null {
  const ids = [...new Set(clusters.map((c) => c.clusterId))].sort()
  if (named !== null) {
    if (!ids.includes(named)) {
      throw ruleBroken('award_cluster_not_member', `${at(index)}: ${unitName} (${unitId}) was not a member of cluster ${named} in ${year}.`, { index, unitId, clusterId: named })
    }
    return named
  }
  if (ids.length > 1) {
    throw ruleBroken('award_cluster_ambiguous',
      `${at(index)}: ${unitName} (${unitId}) belonged to ${ids.length} clusters in ${year} (${ids.join(', ')}); name the cluster the award counts in (clusterId).`,
      { index, unitId, clusterIds: ids })
  }
  return ids[0] ?? null
}

/**
 * 409 when a unit already holds a collective title it is granted, or a person of a unit an individual title, for the
 * year: an earlier award not revoked (nor revoked by this decision).
 */
function assertNotHeld (year: number, resolved: readonly ResolvedAward[], facts: AwardFacts): void {
  const held = new Map(facts.held.filter((h) => !facts.revoking.has(h.awardId)).map((h) => [recipientKey(h.titleCode, h.unitId, h.personName), h]))
  for (const award of resolved) {
    const earlier = held.get(recipientKey(award.titleCode, award.unitId, award.person?.name ?? null))
    if (!earlier) continue
    const name = facts.units.get(award.unitId)
    const revoke = 'revoke it first to award it again'
    const named = { index: award.index, unitId: award.unitId, unitName: name, titleCode: award.titleCode, awardId: earlier.awardId, decisionNumber: earlier.decisionNumber }
    if (award.person) {
      throw conflict('award_already_granted',
        `${at(award.index)}: ${award.person.name} of ${name} (${award.unitId}) already holds ${award.titleCode} for ${year} ` +
        `(award ${earlier.awardId}, to ${earlier.personName}, decision ${earlier.decisionNumber}); ${revoke}.`,
        { ...named, personName: award.person.name })
    }
    throw conflict('award_already_granted',
      `${at(award.index)}: ${name} (${award.unitId}) already holds ${award.titleCode} for this year (award ${earlier.awardId}, decision ${earlier.decisionNumber}); ${revoke}.`,
      named)
  }
}

// ---- revocation ----

export interface Revocation { reason: string, decision: DecisionRef, decisionId: string | null, revokedAt: string }

/**
 * An award's version: it changes once, when revoked (version 2; granted: 1). Its tag (the ETag a revocation's If-Match
 * names) is this version: a decision is never edited, so the revocation is the only change an award knows.
 */
export const awardVersion = (award: { revokedAt: string | null }) => award.revokedAt === null ? 1 : 2

/** 409 when the award is already revoked: an award is revoked once. */
export function assertRevocable (award: { id: string, revocation: Revocation | null }): void {
  if (award.revocation) {
    throw conflict('award_revoked',
      `Award ${award.id} was already revoked on ${award.revocation.revokedAt.slice(0, 10)} by decision ${award.revocation.decision.number}.`,
      { awardId: award.id, revokedAt: award.revocation.revokedAt })
  }
}

/** 422 when the revoking decision is dated before the decision that granted the award. */
export function assertRevokedAfterGrant (award: { id: string, decisionDate: string }, revoking: DecisionRef): void {
  if (revoking.date < award.decisionDate) {
    throw ruleBroken('award_revocation_before_grant',
      `Award ${award.id} was granted on ${award.decisionDate}; a decision revoking it is dated that day or later, not ${revoking.date}.`,
      { awardId: award.id })
  }
}

/** The awards a correcting decision lists to revoke: each named once (422 `award_revocation_repeated`). */
export function assertRevocationsDistinct (revokes: ReadonlyArray<{ awardId: string }>): void {
  const seen = new Map<string, number>()
  for (const [index, r] of revokes.entries()) {
    const earlier = seen.get(r.awardId)
    if (earlier !== undefined) {
      throw ruleBroken('award_revocation_repeated', `revokes[${index}] repeats revokes[${earlier}]: award ${r.awardId} is revoked once.`, { index, awardId: r.awardId })
    }
    seen.set(r.awardId, index)
  }
}

// ---- tally ----

/** Awards of one title (one award, or `count` of them) and whether they are revoked. */
export interface TallyEntry { titleCode: string, titleName: string, level: AwardLevel, recipient: AwardRecipient, revoked: boolean, count?: number }

export interface AwardTally {
  collectives: number
  individuals: number
  total: number
  byTitle: Array<{ titleCode: string, titleName: string, level: AwardLevel, recipient: AwardRecipient, count: number }>
  byLevel: Array<{ level: AwardLevel, collectives: number, individuals: number }>
}

const LEVEL_ORDER: Record<AwardLevel, number> = { government: 0, ministry: 1, unit: 2 }

/**
 * Collectives and individuals, by title and by level (Government, Ministry, unit), of the awards given: revoked
 * awards count nowhere. Titles in level order, then collective before individual, then by code; every level listed.
 */
export function tallyAwards (entries: readonly TallyEntry[]): AwardTally {
  const given = entries.filter((e) => !e.revoked && (e.count ?? 1) !== 0)
  // Keyed by code and level: awards given before the catalogue changed a title's level keep the level they had.
  const byTitle = countByTitle(given, (e) => `${e.titleCode}|${e.level}`, { count: (e) => e.count ?? 1 })
    .map(({ items: [e], counts }) => ({ titleCode: e.titleCode, titleName: e.titleName, level: e.level, recipient: e.recipient, count: counts.count }))
  const byLevel = new Map(AWARD_LEVELS.map((level) => [level, { level, collectives: 0, individuals: 0 }]))
  let collectives = 0
  let individuals = 0
  for (const e of given) {
    const n = e.count ?? 1
    const level = byLevel.get(e.level)!
    if (e.recipient === 'collective') {
      collectives += n
      level.collectives += n
    } else {
      individuals += n
      level.individuals += n
    }
  }
  return {
    collectives,
    individuals,
    total: collectives + individuals,
    byTitle: byTitle.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.recipient === b.recipient ? 0 : a.recipient === 'collective' ? -1 : 1) || (a.titleCode < b.titleCode ? -1 : a.titleCode > b.titleCode ? 1 : 0)),
    byLevel: [...byLevel.values()]
  }
}
