// Award decisions and their awards (migration 023). Every check of a decision reads its facts in one query per kind
// (units, proposals, memberships, awards held), and its awards are written in one statement: the cost of a decision
// grows with its awards, never by a query per award.
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import {
  decisionKey, type AwardLevel, type AwardRecipient, type DecisionRef, type HeldAward, type Person, type ProposalFacts, type ResolvedAward,
  type Revocation, type Signer, type TallyEntry, type TitleFacts
} from '../domain/award.js'
import { notFound } from '../domain/errors.js'
import { paginate, type PageRequest } from './pagination.js'

export interface Award {
  id: string
  decisionId: string
  /** The decision that granted it. */
  decision: DecisionRef
  year: number
  titleCode: string
  titleName: string
  level: AwardLevel
  recipient: AwardRecipient
  /** The unit awarded, or the person's unit. */
  unitId: string
  unitName: string
  person: Person | null
  clusterId: string | null
  proposalId: string | null
  revokedAt: string | null
  revocation: Revocation | null
  createdAt: string
}

export interface AwardDecisionSummary extends DecisionRef {
  id: string
  signer: Signer
  year: number
  collectives: number
  individuals: number
  awardCount: number
  revokedAwardIds: string[]
  createdBy: { sub: string, role: string }
  createdAt: string
}

export interface AwardDecision extends AwardDecisionSummary {
  awards: Award[]
}

interface DecisionRow {
  id: string
  number: string
  date: string
  issuer: string
  signer_name: string
  signer_position: string
  year: number
  collectives: number
  individuals: number
  revoked_award_ids: string[]
  created_by_sub: string
  created_by_role: string
  created_at: Date
  [column: string]: unknown
}

interface AwardRow {
  id: string
  seq: string | number
  decision_id: string
  year: number
  title_code: string
  title_name: string
  level: AwardLevel
  recipient: AwardRecipient
  unit_id: string
  unit_name: string
  person_name: string | null
  person_rank: string | null
  person_position: string | null
  cluster_id: string | null
  proposal_id: string | null
  revoked_at: Date | null
  revocation_reason: string | null
  revoking_decision_id: string | null
  revoking_number: string | null
  revoking_date: string | null
  revoking_issuer: string | null
  decision_number: string
  decision_date: string
  decision_issuer: string
  created_at: Date
  [column: string]: unknown
}

const toSummary = (row: DecisionRow): AwardDecisionSummary => ({
  id: row.id,
  number: row.number,
  date: row.date,
  issuer: row.issuer,
  signer: { name: row.signer_name, position: row.signer_position },
  year: row.year,
  collectives: row.collectives,
  individuals: row.individuals,
  awardCount: row.collectives + row.individuals,
  revokedAwardIds: row.revoked_award_ids,
  createdBy: { sub: row.created_by_sub, role: row.created_by_role },
  createdAt: row.created_at.toISOString()
})

const toAward = (row: AwardRow): Award => ({
  id: row.id,
  decisionId: row.decision_id,
  decision: { number: row.decision_number, date: row.decision_date, issuer: row.decision_issuer },
  year: row.year,
  titleCode: row.title_code,
  titleName: row.title_name,
  level: row.level,
  recipient: row.recipient,
  unitId: row.unit_id,
  unitName: row.unit_name,
  person: row.person_name === null ? null : { name: row.person_name, rank: row.person_rank, position: row.person_position },
  clusterId: row.cluster_id,
  proposalId: row.proposal_id,
  revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  revocation: row.revoked_at === null
    ? null
    : {
        reason: row.revocation_reason!,
        decision: { number: row.revoking_number!, date: row.revoking_date!, issuer: row.revoking_issuer! },
        decisionId: row.revoking_decision_id,
        revokedAt: row.revoked_at.toISOString()
      },
  createdAt: row.created_at.toISOString()
})

/** Each award with its decision's reference, its title's name and its unit's name. */
const awards = (db: Knex) => db('awards as a')
  .join('award_decisions as d', 'd.id', 'a.decision_id')
  .join('titles as t', 't.code', 'a.title_code')
  .join('units as u', 'u.id', 'a.unit_id')
  .select('a.*', 't.name as title_name', 'u.name as unit_name',
    'd.number as decision_number', 'd.date as decision_date', 'd.issuer as decision_issuer')

// ---- the facts a decision is checked against ----

/**
 * The names of the units by id, those found locked FOR NO KEY UPDATE in id order: decisions awarding the same
 * units serialise (the check of the titles they hold cannot race), and none of them is deleted meanwhile.
 */
export async function lockUnitNames (trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows: Array<{ id: string, name: string }> = await trx('units').whereIn('id', [...ids]).orderBy('id').forNoKeyUpdate().select('id', 'name')
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The proposals (title_proposals) by id, locked FOR SHARE. */
export async function proposalsById (trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, ProposalFacts>> {
  if (ids.length === 0) return new Map()
  const rows: Array<{ id: string, cluster_id: string, year: number, title_code: string, unit_id: string }> = await trx('title_proposals')
    .whereIn('id', [...ids]).forShare().select('id', 'cluster_id', 'year', 'title_code', 'unit_id')
  return new Map(rows.map((r) => [r.id, { id: r.id, clusterId: r.cluster_id, year: r.year, titleCode: r.title_code, unitId: r.unit_id }]))
}

/**
 * The titles of `codes` these units, and their people, hold for the year, not revoked (one query: the domain compares
 * the people's names by their key, which the table does not store). Read after the units are locked (lockUnitNames),
 * so two decisions awarding the same unit or its people cannot both pass the check.
 */
export async function heldAwards (trx: Knex.Transaction, year: number, unitIds: readonly string[], codes: readonly string[]): Promise<HeldAward[]> {
  if (unitIds.length === 0 || codes.length === 0) return []
  const rows: Array<{ id: string, unit_id: string, person_name: string | null, title_code: string, number: string }> = await trx('awards as a')
    .join('award_decisions as d', 'd.id', 'a.decision_id')
    .where({ 'a.year': year }).whereNull('a.revoked_at')
    .whereIn('a.unit_id', [...unitIds]).whereIn('a.title_code', [...codes])
    .select('a.id', 'a.unit_id', 'a.person_name', 'a.title_code', 'd.number')
  return rows.map((r) => ({ awardId: r.id, unitId: r.unit_id, personName: r.person_name, titleCode: r.title_code, decisionNumber: r.number }))
}

/** The decision of this issuer, number and year of date, if one is recorded. */
export async function findDecisionByNumber (db: Knex, ref: DecisionRef): Promise<{ id: string } | undefined> {
  const { issuerKey, numberKey, dateYear } = decisionKey(ref)
  return db('award_decisions').where({ issuer_key: issuerKey, number_key: numberKey, date_year: dateYear }).first('id')
}

// ---- writing ----

export interface NewDecision extends DecisionRef {
  signer: Signer
  year: number
  revokedAwardIds: string[]
}

/** The decision's row, with the counts of the awards it grants (`resolved`, written next by insertAwards). */
export async function insertDecision (
  trx: Knex.Transaction, d: NewDecision, resolved: readonly ResolvedAward[], actor: Actor
): Promise<{ id: string }> {
  const { issuerKey, numberKey, dateYear } = decisionKey(d)
  const collectives = resolved.filter((a) => a.recipient === 'collective').length
  const [row] = await trx('award_decisions').insert({
    number: d.number,
    date: d.date,
    issuer: d.issuer,
    issuer_key: issuerKey,
    number_key: numberKey,
    date_year: dateYear,
    signer_name: d.signer.name,
    signer_position: d.signer.position,
    year: d.year,
    collectives,
    individuals: resolved.length - collectives,
    revoked_award_ids: JSON.stringify(d.revokedAwardIds),
    created_by_sub: actor.sub,
    created_by_role: actor.role
  }).returning('id')
  return { id: row.id }
}

/** A decision's awards, in one statement (at most 1,000 rows of 12 values: far below the protocol's 65,535 parameters). */
export async function insertAwards (trx: Knex.Transaction, decisionId: string, year: number, resolved: readonly ResolvedAward[]): Promise<void> {
  if (resolved.length === 0) return
  await trx('awards').insert(resolved.map((a) => ({
    decision_id: decisionId,
    position: a.index,
    year,
    title_code: a.titleCode,
    level: a.level,
    recipient: a.recipient,
    unit_id: a.unitId,
    person_name: a.person?.name ?? null,
    person_rank: a.person?.rank ?? null,
    person_position: a.person?.position ?? null,
    cluster_id: a.clusterId,
    proposal_id: a.proposalId
  })))
}

/** Writes the revocation on each award of `ids` (one statement). */
export async function revokeAwards (
  trx: Knex.Transaction, revocations: ReadonlyArray<{ awardId: string, reason: string }>, decision: DecisionRef, decisionId: string | null, at: Date
): Promise<void> {
  if (revocations.length === 0) return
  // One UPDATE … FROM (values …): each award its own reason.
  const values = revocations.map(() => '(?::uuid, ?::text)').join(', ')
  await trx.raw(
    `update awards set revoked_at = ?, revocation_reason = v.reason, revoking_decision_id = ?, revoking_number = ?, revoking_date = ?, revoking_issuer = ?
     from (values ${values}) as v (id, reason) where awards.id = v.id`,
    [at, decisionId, decision.number, decision.date, decision.issuer, ...revocations.flatMap((r) => [r.awardId, r.reason])]
  )
}

// ---- reading ----

export async function getAward (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Award> {
  const query = awards(db).where('a.id', id).first()
  if (options.forUpdate) query.forNoKeyUpdate('a')
  const row = await query
  if (!row) throw notFound('award', id)
  return toAward(row)
}

/** The awards of `ids` that exist, locked FOR NO KEY UPDATE (a correcting decision's revocations). */
export async function lockAwards (trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, Award>> {
  if (ids.length === 0) return new Map()
  const rows: AwardRow[] = await awards(trx).whereIn('a.id', [...ids]).orderBy('a.id').forNoKeyUpdate('a')
  return new Map(rows.map((r) => [r.id, toAward(r)]))
}

async function decisionRow (db: Knex, id: string): Promise<DecisionRow> {
  const row = await db('award_decisions').where({ id }).first()
  if (!row) throw notFound('award_decision', id)
  return row
}

/** The decision with its awards, in the order it lists them. */
export async function getDecision (db: Knex, id: string): Promise<AwardDecision> {
  const summary = toSummary(await decisionRow(db, id))
  const rows: AwardRow[] = await awards(db).where('a.decision_id', id).orderBy('a.position')
  return { ...summary, awards: rows.map(toAward) }
}

export interface DecisionFilter { year?: number, clusterId?: string }

/** Decisions (without their awards), the latest date first. `clusterId`: those with an award counted in the cluster. */
export async function listDecisions (db: Knex, filter: DecisionFilter, page: PageRequest) {
  const query = db('award_decisions').select('*')
  if (filter.year !== undefined) query.where('year', filter.year)
  if (filter.clusterId !== undefined) {
    const { clusterId } = filter
    query.whereExists((q) => q.select(1).from('awards').whereRaw('awards.decision_id = award_decisions.id').where('awards.cluster_id', clusterId))
  }
  return paginate<DecisionRow, AwardDecisionSummary>(query, ['date', 'id'], page, toSummary, 'desc')
}

export interface AwardFilter { year?: number, clusterId?: string, unitId?: string, recipient?: AwardRecipient, decisionId?: string }

/** Awards in the order they were recorded (a decision's in its order), revoked ones included. */
export async function listAwards (db: Knex, filter: AwardFilter, page: PageRequest) {
  const query = awards(db)
  if (filter.year !== undefined) query.where('a.year', filter.year)
  if (filter.clusterId !== undefined) query.where('a.cluster_id', filter.clusterId)
  if (filter.unitId !== undefined) query.where('a.unit_id', filter.unitId)
  if (filter.recipient !== undefined) query.where('a.recipient', filter.recipient)
  if (filter.decisionId !== undefined) query.where('a.decision_id', filter.decisionId)
  return paginate<AwardRow, Award>(query, ['a.seq'], page, toAward)
}

/** What the tally of a cluster's year counts, one row per title and revocation state (an aggregate: a few rows). */
export async function tallyEntries (db: Knex, clusterId: string, year: number): Promise<Array<TallyEntry & { count: number }>> {
  const rows: Array<{ title_code: string, title_name: string, level: AwardLevel, recipient: AwardRecipient, revoked: boolean, count: string | number }> =
    await db('awards as a').join('titles as t', 't.code', 'a.title_code')
      .where({ 'a.cluster_id': clusterId, 'a.year': year })
      .groupBy('a.title_code', 't.name', 'a.level', 'a.recipient', db.raw('(a.revoked_at is not null)'))
      .select('a.title_code', 't.name as title_name', 'a.level', 'a.recipient', db.raw('(a.revoked_at is not null) as revoked'), db.raw('count(*) as count'))
  return rows.map((r) => ({ titleCode: r.title_code, titleName: r.title_name, level: r.level, recipient: r.recipient, revoked: r.revoked, count: Number(r.count) }))
}

/** How many awards name the unit (given to it or to its people) or count in the cluster: references held against deletion. */
export const awardsOfUnit = (db: Knex, unitId: string) => db('awards').where({ unit_id: unitId })
export const awardsInCluster = (db: Knex, clusterId: string) => db('awards').where({ cluster_id: clusterId })

/** The titles of the catalogue (migration 021) among `codes`, by code. */
export async function titlesByCode (db: Knex, codes: readonly string[]): Promise<Map<string, TitleFacts>> {
  if (codes.length === 0) return new Map()
  const rows: TitleFacts[] = await db('titles').whereIn('code', [...codes]).select('code', 'name', 'level', 'recipient')
  return new Map(rows.map((r) => [r.code, r]))
}
