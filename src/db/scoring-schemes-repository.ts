import type { Knex } from 'knex'
import type { Reference } from '../domain/deletion.js'
import { DomainError, notFound } from '../domain/errors.js'
import type { SchemeDeadlines } from '../domain/scoring/deadlines.js'
import type { Scheme, Targets } from '../domain/scoring/index.js'
import type { Period, SchemeContent, SchemeStatus } from '../domain/scoring/scheme-lifecycle.js'
import { paginate, type PageRequest } from './pagination.js'
import { countReferences } from './reference-counts.js'

export interface ScoringScheme extends SchemeContent {
  id: string
  clusterId: string
  year: number
  period: Period
  version: number
  status: SchemeStatus
  /** The stage deadlines; null when the scheme sets none. Stored in the body with the rest of its content. */
  deadlines: SchemeDeadlines | null
  publishedAt: string | null
  supersededAt: string | null
  revision: number
  createdAt: string
  updatedAt: string
}

export interface SchemeRow {
  id: string
  cluster_id: string
  year: number
  period: Period
  version: number
  status: SchemeStatus
  body: Scheme & { deadlines?: SchemeDeadlines }
  published_at: Date | null
  superseded_at: Date | null
  revision: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

export const toScheme = (row: SchemeRow): ScoringScheme => ({
  id: row.id,
  clusterId: row.cluster_id,
  year: row.year,
  period: row.period,
  version: row.version,
  status: row.status,
  criteria: row.body.criteria,
  bonusCap: row.body.bonusCap ?? null,
  deductionCap: row.body.deductionCap ?? null,
  bands: row.body.bands,
  tieBreak: row.body.tieBreak,
  ministryFlagBand: row.body.ministryFlagBand ?? null,
  deadlines: row.body.deadlines ?? null,
  publishedAt: row.published_at ? row.published_at.toISOString() : null,
  supersededAt: row.superseded_at ? row.superseded_at.toISOString() : null,
  revision: row.revision,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

/** The stored body: the engine's scheme with the deadlines beside it (absent when none). */
const storedBody = (body: Scheme, deadlines: SchemeDeadlines | null | undefined) =>
  JSON.stringify(deadlines ? { ...body, deadlines } : body)

/** `forShare`: writers of its scorecards run side by side, while a `forUpdate` (finalisation) waits for them all. */
export async function getScheme (db: Knex, id: string, options: { forUpdate?: boolean, forShare?: boolean } = {}): Promise<ScoringScheme> {
  const query = db('scoring_schemes').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  else if (options.forShare) query.forShare()
  const row = await query
  if (!row) throw notFound('scoring_scheme', id)
  return toScheme(row)
}

export async function insertScheme (
  trx: Knex.Transaction,
  fields: { clusterId: string, year: number, period: Period, version: number, body: Scheme, deadlines?: SchemeDeadlines | null }
): Promise<ScoringScheme> {
  const [row] = await trx('scoring_schemes').insert({
    cluster_id: fields.clusterId,
    year: fields.year,
    period: fields.period,
    version: fields.version,
    body: storedBody(fields.body, fields.deadlines)
  }).returning('*')
  return toScheme(row)
}

export async function updateSchemeBody (
  trx: Knex.Transaction, current: ScoringScheme, body: Scheme, deadlines: SchemeDeadlines | null = current.deadlines
): Promise<ScoringScheme> {
  const [row] = await trx('scoring_schemes').where({ id: current.id })
    .update({ body: storedBody(body, deadlines), revision: current.revision + 1, updated_at: trx.fn.now() }).returning('*')
  return toScheme(row)
}

export async function setSchemeStatus (trx: Knex.Transaction, current: ScoringScheme, status: Exclude<SchemeStatus, 'draft'>): Promise<ScoringScheme> {
  const stamp = status === 'published' ? { published_at: trx.fn.now() } : { superseded_at: trx.fn.now() }
  const [row] = await trx('scoring_schemes').where({ id: current.id })
    .update({ status, ...stamp, revision: current.revision + 1, updated_at: trx.fn.now() }).returning('*')
  return toScheme(row)
}

/** The versions of a cluster's scheme for a year and period, the latest first. */
export async function listVersions (db: Knex, clusterId: string, year: number, period: Period): Promise<ScoringScheme[]> {
  const rows: SchemeRow[] = await db('scoring_schemes').where({ cluster_id: clusterId, year, period }).orderBy('version', 'desc')
  return rows.map(toScheme)
}

/** A cluster's schemes, the latest year first, then by period and the latest version first. */
export async function listSchemes (db: Knex, clusterId: string, filter: { year?: number, period?: Period, status?: SchemeStatus }, page: PageRequest) {
  const query = db('scoring_schemes').where({ cluster_id: clusterId })
  if (filter.year !== undefined) query.where({ year: filter.year })
  if (filter.period !== undefined) query.where({ period: filter.period })
  if (filter.status !== undefined) query.where({ status: filter.status })
  return paginate<SchemeRow, ScoringScheme>(query, ['year', 'period', 'version'], page, toScheme, 'desc')
}

export interface UnitTargets {
  schemeId: string
  unitId: string
  targets: Record<string, number>
  /** Codes of the criteria that do not apply to the unit (its points leave them out; see the scoring engine). */
  notApplicable: string[]
  version: number
  createdAt: string
  updatedAt: string
}

interface TargetsRow {
  scheme_id: string
  unit_id: string
  targets: Record<string, number>
  not_applicable: string[]
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toTargets = (row: TargetsRow): UnitTargets => ({
  schemeId: row.scheme_id,
  unitId: row.unit_id,
  targets: row.targets,
  notApplicable: row.not_applicable ?? [],
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

export async function findTargets (db: Knex, schemeId: string, unitId: string): Promise<UnitTargets | undefined> {
  const row = await db('scoring_targets').where({ scheme_id: schemeId, unit_id: unitId }).first()
  return row ? toTargets(row) : undefined
}

export async function getTargets (db: Knex, schemeId: string, unitId: string): Promise<UnitTargets> {
  const targets = await findTargets(db, schemeId, unitId)
  if (!targets) throw new DomainError('not_found', 'scoring_targets_not_found', `Unit ${unitId} has no targets in scheme ${schemeId}.`)
  return targets
}

/** Creates the unit's targets, or replaces `current`. */
export async function saveTargets (
  trx: Knex.Transaction, schemeId: string, unitId: string, current: UnitTargets | undefined, targets: Targets,
  notApplicable: readonly string[] = []
): Promise<UnitTargets> {
  const fields = { targets: JSON.stringify(targets), not_applicable: JSON.stringify(notApplicable) }
  if (current) {
    const [row] = await trx('scoring_targets').where({ scheme_id: schemeId, unit_id: unitId })
      .update({ ...fields, version: current.version + 1, updated_at: trx.fn.now() }).returning('*')
    return toTargets(row)
  }
  const [row] = await trx('scoring_targets').insert({ scheme_id: schemeId, unit_id: unitId, ...fields }).returning('*')
  return toTargets(row)
}

/** Every unit's targets of a scheme, by unit id (for checks before publishing). */
export async function targetsByUnit (db: Knex, schemeId: string): Promise<{ targets: Record<string, Targets>, notApplicable: Record<string, string[]> }> {
  const rows: TargetsRow[] = await db('scoring_targets').where({ scheme_id: schemeId })
  return {
    targets: Object.fromEntries(rows.map((r) => [r.unit_id, r.targets])),
    notApplicable: Object.fromEntries(rows.map((r) => [r.unit_id, r.not_applicable ?? []]))
  }
}

/**
 * Copies the units' targets and not-applicable marks of one scheme to another (a new version starts from its
 * source's); `unitIds`, when given, copies only those units' (the ones without targets in the source get none).
 */
export async function copyTargets (trx: Knex.Transaction, fromSchemeId: string, toSchemeId: string, unitIds?: readonly string[]): Promise<number> {
  const query = trx('scoring_targets').where({ scheme_id: fromSchemeId })
  if (unitIds !== undefined) query.whereIn('unit_id', [...unitIds])
  const rows: TargetsRow[] = await query
  if (rows.length === 0) return 0
  await trx('scoring_targets').insert(rows.map((r) => ({
    scheme_id: toSchemeId, unit_id: r.unit_id, targets: JSON.stringify(r.targets), not_applicable: JSON.stringify(r.not_applicable ?? [])
  })))
  return rows.length
}

export async function listTargets (db: Knex, schemeId: string, page: PageRequest) {
  const query = db('scoring_targets').where({ scheme_id: schemeId })
  return paginate<TargetsRow, UnitTargets>(query, ['unit_id'], page, toTargets)
}

/**
 * What refers to the version besides its own targets: scorecards and a finalization (a draft has neither; their keys
 * would cascade, so they are counted rather than ever deleted with it).
 */
export async function schemeReferences (db: Knex, id: string): Promise<Reference[]> {
  return countReferences(db, {
    scorecard: db('scorecards').where({ scheme_id: id }),
    scores_finalization: db('scorecard_finalizations').where({ scheme_id: id })
  })
}

/** Deletes a draft version with its own rows, the units' targets. */
export async function deleteScheme (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('scoring_targets').where({ scheme_id: id }).delete()
  await trx('scoring_schemes').where({ id }).delete()
}
