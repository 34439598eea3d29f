// The advisory groups (Tổ tư vấn) of clusters per year: every version one row; the current group is the latest.
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import { DomainError } from '../domain/errors.js'
import { changesBetween, type AdvisoryGroupChanges, type AdvisoryGroupContent, type AdvisoryMember, type Decision } from '../domain/advisory-group.js'
import { paginate, type PageRequest } from './pagination.js'

/** One version of a year's group, as answered: its content, who wrote it and when, and what it changed. */
export interface AdvisoryGroup extends AdvisoryGroupContent {
  clusterId: string
  year: number
  version: number
  /** What this version changed from the one before it (version 1: every member added). */
  changes: AdvisoryGroupChanges
  writtenBy: { sub: string, role: string }
  /** When version 1 was written. */
  createdAt: string
  /** When this version was written. */
  updatedAt: string
}

interface VersionRow {
  cluster_id: string
  year: number
  version: number
  decision_number: string
  decision_date: string
  decision_issuer: string
  members: AdvisoryMember[]
  written_by_sub: string
  written_by_role: string
  written_at: Date
  created_at: Date
  previous_members: AdvisoryMember[] | null
  previous_number: string | null
  previous_date: string | null
  previous_issuer: string | null
  [column: string]: unknown
}

const decisionOf = (number: string, date: string, issuer: string): Decision => ({ number, date, issuer })

const toGroup = (row: VersionRow): AdvisoryGroup => {
  const content = { decision: decisionOf(row.decision_number, row.decision_date, row.decision_issuer), members: row.members }
  const before = row.previous_members === null
    ? undefined
    : { decision: decisionOf(row.previous_number!, row.previous_date!, row.previous_issuer!), members: row.previous_members }
  return {
    clusterId: row.cluster_id,
    year: row.year,
    ...content,
    version: row.version,
    changes: changesBetween(before, content),
    writtenBy: { sub: row.written_by_sub, role: row.written_by_role },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.written_at.toISOString()
  }
}

// Each version beside the one before it (for its changes) and the first one's time (the group's creation).
const versions = (db: Knex) => db('advisory_group_versions as v')
  .leftJoin('advisory_group_versions as p', function () {
    this.on('p.cluster_id', 'v.cluster_id').andOn('p.year', 'v.year').andOn('p.version', '=', db.raw('?? - 1', ['v.version']))
  })
  .join('advisory_group_versions as f', function () {
    this.on('f.cluster_id', 'v.cluster_id').andOn('f.year', 'v.year').andOn('f.version', '=', db.raw('1'))
  })
  .select(
    'v.*',
    'p.members as previous_members', 'p.decision_number as previous_number', 'p.decision_date as previous_date',
    'p.decision_issuer as previous_issuer',
    'f.written_at as created_at'
  )

/** The year's current group (its latest version), if any. */
export async function findAdvisoryGroup (db: Knex, clusterId: string, year: number): Promise<AdvisoryGroup | undefined> {
  const row = await versions(db).where({ 'v.cluster_id': clusterId, 'v.year': year }).orderBy('v.version', 'desc').first()
  return row ? toGroup(row) : undefined
}

export async function getAdvisoryGroup (db: Knex, clusterId: string, year: number): Promise<AdvisoryGroup> {
  const group = await findAdvisoryGroup(db, clusterId, year)
  if (!group) throw new DomainError('not_found', 'advisory_group_not_found', `Cluster ${clusterId} has no advisory group for ${year}.`)
  return group
}

/** One version of the year's group (404 when it has none such). */
export async function getAdvisoryGroupVersion (db: Knex, clusterId: string, year: number, version: number): Promise<AdvisoryGroup> {
  const row = await versions(db).where({ 'v.cluster_id': clusterId, 'v.year': year, 'v.version': version }).first()
  if (!row) throw new DomainError('not_found', 'advisory_group_not_found', `Cluster ${clusterId} has no version ${version} of its advisory group for ${year}.`)
  return toGroup(row)
}

/** Writes the next version (`version`) of the year's group. */
export async function insertAdvisoryGroupVersion (
  trx: Knex.Transaction, clusterId: string, year: number, version: number, content: AdvisoryGroupContent, actor: Actor
): Promise<AdvisoryGroup> {
  await trx('advisory_group_versions').insert({
    cluster_id: clusterId,
    year,
    version,
    decision_number: content.decision.number,
    decision_date: content.decision.date,
    decision_issuer: content.decision.issuer,
    members: JSON.stringify(content.members),
    written_by_sub: actor.sub,
    written_by_role: actor.role
  })
  return getAdvisoryGroupVersion(trx, clusterId, year, version)
}

/** Every version of the year's group, the latest first. */
export async function listAdvisoryGroupVersions (db: Knex, clusterId: string, year: number, page: PageRequest) {
  const query = versions(db).where({ 'v.cluster_id': clusterId, 'v.year': year })
  return paginate<VersionRow, AdvisoryGroup>(query, ['v.version'], page, toGroup, 'desc')
}

/** The member ids of the year's current group; undefined when the year has none. */
export async function advisoryMemberIds (db: Knex, clusterId: string, year: number): Promise<Set<string> | undefined> {
  const row = await db('advisory_group_versions').where({ cluster_id: clusterId, year }).orderBy('version', 'desc').first('members')
  return row ? new Set((row.members as AdvisoryMember[]).map((m) => m.id)) : undefined
}
