// Scoring schemes (quy định chấm điểm): an admin or the cluster's secretariat drafts a scheme for a year and
// period, edits it while a draft, sets each member unit's targets, and publishes it (frozen from then on;
// publishing supersedes the version published before). A new version starts as a draft copy. Every role reads.
import { assertClusterScope } from '../auth/access.js'
import { getCluster } from '../db/clusters-repository.js'
import { memberUnitIdsDuring } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { findFinalization } from '../db/scorecards-repository.js'
import {
  copyTargets, deleteScheme as removeScheme, findTargets, getScheme, getTargets, insertScheme, listSchemes, listTargets, listVersions, saveTargets, setSchemeStatus,
  schemeReferences, targetsByUnit, updateSchemeBody, type ScoringScheme, type UnitTargets
} from '../db/scoring-schemes-repository.js'
import { getUnit } from '../db/units-repository.js'
import { assertDraftToDelete, assertUnreferenced } from '../domain/deletion.js'
import { problemsFound, ruleBroken } from '../domain/errors.js'
import { yearPeriod } from '../domain/membership.js'
import { assertValidDeadlines, type SchemeDeadlines } from '../domain/scoring/deadlines.js'
import { validateScheme, validateTargets, type Scheme, type Targets } from '../domain/scoring/index.js'
import {
  assertCurrentNotFinalized, assertDraft, assertNoNewerVersion, assertNotFinalized, assertTargetsComplete, nextVersionNumber,
  publishedVersion, schemeBody, targetsWindow, type Period, type SchemeContent, type SchemeStatus
} from '../domain/scoring/scheme-lifecycle.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import { compiledScheme } from './compiled-scheme.js'
import type { ReadContext, WriteContext } from './context.js'

export type { ScoringScheme, UnitTargets }

export const schemeTag = (scheme: ScoringScheme) => etagOf(scheme.revision)
export const targetsTag = (targets: UnitTargets) => etagOf(targets.version)

/** A scheme's content as a request gives it: absent or null caps and band mean none. */
export interface SchemeInput {
  criteria: Scheme['criteria']
  bonusCap?: number | null
  deductionCap?: number | null
  bands: Scheme['bands']
  /** Each `group:<code>`, `fewer_deductions` or `more_bonus` (the request schema checks the form). */
  tieBreak: string[]
  ministryFlagBand?: string | null
  /** The stage deadlines (calendar dates in Asia/Ho_Chi_Minh); absent or null: none. */
  deadlines?: SchemeDeadlines | null
}

/** The body to store, refused with 422 `invalid_scheme` listing every problem (paths from the request body). */
function validBody (content: Required<Omit<SchemeInput, 'deadlines'>>): Scheme {
  const body = schemeBody(content as SchemeContent)
  const found = validateScheme(body)
  if (found.length > 0) throw problemsFound('invalid_scheme', 'scoring scheme', found, { pathPrefix: '/body' })
  return body
}

/** The scheme, locked, with the caller's scope checked against its cluster. */
async function schemeInScope ({ trx, actor }: WriteContext, schemeId: string): Promise<ScoringScheme> {
  const scheme = await getScheme(trx, schemeId, { forUpdate: true })
  assertClusterScope(actor, scheme.clusterId)
  return scheme
}

/** The units that are members of the scheme's cluster on some day of its year. */
async function membersOfYear (ctx: WriteContext, scheme: ScoringScheme): Promise<string[]> {
  const { from, until } = yearPeriod(scheme.year)
  return memberUnitIdsDuring(ctx.trx, scheme.clusterId, from, until)
}

export interface NewScheme extends SchemeInput {
  clusterId: string
  year: number
  period: Period
}

/**
 * Drafts the first version of a cluster's scheme for a year and period. The caller's scope is the route's to check
 * (it knows the cluster before the write, and an idempotent retry is answered only after that check).
 */
export async function createScheme (ctx: WriteContext, command: NewScheme): Promise<ScoringScheme> {
  const { clusterId, year, period, criteria, bonusCap = null, deductionCap = null, bands, tieBreak, ministryFlagBand = null, deadlines = null } = command
  await getCluster(ctx.trx, clusterId)
  const body = validBody({ criteria, bonusCap, deductionCap, bands, tieBreak, ministryFlagBand })
  assertValidDeadlines(deadlines)
  const scheme = await insertScheme(ctx.trx, { clusterId, year, period, version: 1, body, deadlines })
  ctx.record({ action: 'scoring_scheme.created', resourceType: 'scoring_scheme', resourceId: scheme.id, after: scheme })
  return scheme
}

export async function listClusterSchemes (
  { db }: ReadContext, { clusterId, year, period, status, ...page }: { clusterId: string, year?: number, period?: Period, status?: SchemeStatus } & PageRequest
) {
  await getCluster(db, clusterId)
  return listSchemes(db, clusterId, { year, period, status }, page)
}

export async function readScheme ({ db }: ReadContext, { schemeId }: { schemeId: string }): Promise<ScoringScheme> {
  return getScheme(db, schemeId)
}

export interface SchemePatch extends Partial<SchemeInput> {
  schemeId: string
  /** The tag the caller last read; a stale one is refused. */
  ifMatch?: string
}

/** Replaces the given fields of a draft (null clears a cap or the band); the result is validated as a whole. */
export async function updateScheme (ctx: WriteContext, { schemeId, ifMatch, ...patch }: SchemePatch): Promise<ScoringScheme> {
  const before = await schemeInScope(ctx, schemeId)
  assertIfMatch(ifMatch, before.revision)
  assertDraft(before)
  const deadlines = patch.deadlines === undefined ? before.deadlines : patch.deadlines
  const body = validBody({
    criteria: patch.criteria ?? before.criteria,
    bonusCap: patch.bonusCap === undefined ? before.bonusCap : patch.bonusCap,
    deductionCap: patch.deductionCap === undefined ? before.deductionCap : patch.deductionCap,
    bands: patch.bands ?? before.bands,
    tieBreak: patch.tieBreak ?? before.tieBreak,
    ministryFlagBand: patch.ministryFlagBand === undefined ? before.ministryFlagBand : patch.ministryFlagBand
  })
  assertValidDeadlines(deadlines)
  const after = await updateSchemeBody(ctx.trx, before, body, deadlines)
  ctx.record({ action: 'scoring_scheme.updated', resourceType: 'scoring_scheme', resourceId: after.id, before, after })
  return after
}

/**
 * Publishes a draft once every member of the year has its targets, superseding the version published before;
 * refused while a later version is published or once the published version's scores are finalised.
 */
export async function publishScheme (ctx: WriteContext, { schemeId, ifMatch }: { schemeId: string, ifMatch?: string }): Promise<ScoringScheme> {
  const scheme = await schemeInScope(ctx, schemeId)
  // Locking the cluster serialises publications of its schemes: one published version at a time.
  await getCluster(ctx.trx, scheme.clusterId, { forUpdate: true })
  assertIfMatch(ifMatch, scheme.revision)
  assertDraft(scheme)
  const versions = await listVersions(ctx.trx, scheme.clusterId, scheme.year, scheme.period)
  const current = publishedVersion(versions)
  assertCurrentNotFinalized(current, current !== undefined && await findFinalization(ctx.trx, current.id) !== undefined)
  const compiled = compiledScheme(scheme)
  const members = await membersOfYear(ctx, scheme)
  const stored = await targetsByUnit(ctx.trx, scheme.id)
  assertTargetsComplete(scheme.year, validateTargets(compiled, members, stored.targets, true, stored.notApplicable))
  assertNoNewerVersion(scheme, versions)
  if (current) {
    const superseded = await setSchemeStatus(ctx.trx, current, 'superseded')
    ctx.record({ action: 'scoring_scheme.superseded', resourceType: 'scoring_scheme', resourceId: current.id, before: current, after: superseded })
  }
  const after = await setSchemeStatus(ctx.trx, scheme, 'published')
  ctx.record({ action: 'scoring_scheme.published', resourceType: 'scoring_scheme', resourceId: after.id, before: scheme, after })
  return after
}

/** Starts a new version: a draft copy of the scheme (with its targets), numbered after the latest. */
export async function newSchemeVersion (ctx: WriteContext, { schemeId }: { schemeId: string }): Promise<ScoringScheme> {
  const source = await schemeInScope(ctx, schemeId)
  await getCluster(ctx.trx, source.clusterId, { forUpdate: true })
  const versions = await listVersions(ctx.trx, source.clusterId, source.year, source.period)
  const scheme = await insertScheme(ctx.trx, {
    clusterId: source.clusterId, year: source.year, period: source.period, version: nextVersionNumber(versions), body: schemeBody(source),
    deadlines: source.deadlines
  })
  await copyTargets(ctx.trx, source.id, scheme.id)
  ctx.record({
    action: 'scoring_scheme.created', resourceType: 'scoring_scheme', resourceId: scheme.id, after: scheme,
    eventData: { ...scheme, copiedFrom: source.id }
  })
  return scheme
}

/** What the create-scheme request gives: a scheme's content, or `copyFrom` (and `copyTargets`) instead of it. */
export type SchemeRequest = Omit<NewScheme, 'criteria' | 'bands' | 'tieBreak'> & Partial<Pick<NewScheme, 'criteria' | 'bands' | 'tieBreak'>> & {
  /** A scheme of any cluster and year whose criteria, caps, bands, tie-breaks and Ministry-flag band are copied. */
  copyFrom?: string
  /** With `copyFrom`: also copy the targets and not-applicable marks of the new scheme's members (default false). */
  copyTargets?: boolean
}

/** The fields a copy takes besides its source: the new scheme's own cluster, year and period. */
const COPY_FIELDS = new Set(['clusterId', 'year', 'period', 'copyFrom', 'copyTargets'])

/**
 * The create-scheme request: a copy when `copyFrom` is given (content given alongside it is refused, 422
 * `invalid_scheme` naming each field: the copy takes its source's content whole, to edit as a draft afterwards),
 * otherwise a new scheme from the content, whose `criteria`, `bands` and `tieBreak` are then required.
 */
export async function createOrCopyScheme (ctx: WriteContext, command: SchemeRequest): Promise<ScoringScheme> {
  const given = command as unknown as Record<string, unknown>
  const problems = command.copyFrom !== undefined
    ? Object.keys(given).filter((k) => !COPY_FIELDS.has(k) && given[k] !== undefined)
      .map((k) => ({ path: `/${k}`, message: 'cannot be given with copyFrom: the copy takes its source\'s content, to edit afterwards' }))
    : (['criteria', 'bands', 'tieBreak'] as const).filter((k) => command[k] === undefined)
        .map((k) => ({ path: `/${k}`, message: 'is required unless the scheme is copied from another (copyFrom)' }))
  if (command.copyFrom === undefined && command.copyTargets !== undefined) {
    problems.push({ path: '/copyTargets', message: 'applies only with copyFrom' })
  }
  if (problems.length > 0) throw problemsFound('invalid_scheme', 'scoring scheme', problems, { pathPrefix: '/body' })
  if (command.copyFrom !== undefined) {
    const { clusterId, year, period, copyFrom, copyTargets: withTargets = false } = command
    return copyScheme(ctx, { clusterId, year, period, copyFrom, withTargets })
  }
  return createScheme(ctx, command as NewScheme)
}

/**
 * Drafts version 1 of a cluster's scheme for a year and period as a copy of another scheme, of any cluster, year and
 * status (404 `scoring_scheme_not_found` for an unknown one): its criteria, caps, bands, tie-breaks and Ministry-flag
 * band. With `withTargets`, the targets and not-applicable marks the source holds for units that are members of the
 * new scheme's cluster in its year are copied too; the source's other units are left out (they are not members, so
 * could have no targets here), and a member without targets in the source gets none (set them before publishing).
 * The copy is a draft, audited and emitted as `scoring_scheme.created` with `copiedFrom`.
 */
export async function copyScheme (
  ctx: WriteContext, { clusterId, year, period, copyFrom, withTargets }: { clusterId: string, year: number, period: Period, copyFrom: string, withTargets: boolean }
): Promise<ScoringScheme> {
  await getCluster(ctx.trx, clusterId)
  const source = await getScheme(ctx.trx, copyFrom)
  const scheme = await insertScheme(ctx.trx, { clusterId, year, period, version: 1, body: schemeBody(source) })
  if (withTargets) await copyTargets(ctx.trx, source.id, scheme.id, await membersOfYear(ctx, scheme))
  ctx.record({
    action: 'scoring_scheme.created', resourceType: 'scoring_scheme', resourceId: scheme.id, after: scheme,
    eventData: { ...scheme, copiedFrom: source.id }
  })
  return scheme
}

export interface TargetsCommand {
  schemeId: string
  unitId: string
  targets: Targets
  /** Codes of the criteria that do not apply to the unit (none when absent): see the scoring engine's rules. */
  notApplicable?: string[]
  /** The tag the caller last read; a stale one is refused. */
  ifMatch?: string
}

/**
 * Sets (replaces) a member unit's targets and the criteria that do not apply to it; `created` tells whether it had
 * none. Marking every criterion that counts towards the maximum is refused (422 `invalid_targets`, `/notApplicable`).
 */
export async function setTargets (
  ctx: WriteContext, { schemeId, unitId, targets, notApplicable = [], ifMatch }: TargetsCommand
): Promise<{ targets: UnitTargets, created: boolean }> {
  const scheme = await schemeInScope(ctx, schemeId)
  await getUnit(ctx.trx, unitId)
  const before = await findTargets(ctx.trx, schemeId, unitId)
  assertIfMatch(ifMatch, before?.version)
  if (targetsWindow(scheme, before !== undefined) === 'until_finalized') {
    assertNotFinalized(scheme.id, await findFinalization(ctx.trx, scheme.id) !== undefined)
  }
  if (!(await membersOfYear(ctx, scheme)).includes(unitId)) {
    throw ruleBroken('unit_not_member', `Unit ${unitId} is not a member of the scheme's cluster in ${scheme.year}.`)
  }
  const found = validateTargets(compiledScheme(scheme), [unitId], { [unitId]: targets }, false, { [unitId]: notApplicable })
  if (found.length > 0) {
    // The problems name the unit (/targets/<unitId>/<code>, /notApplicable/<unitId>/<i>); the body names only the codes.
    const inBody = found.map((p) => {
      const field = p.path.startsWith('/notApplicable/') ? '/notApplicable' : '/targets'
      return { path: `${field}${p.path.slice(`${field}/${unitId}`.length)}`, message: p.message }
    })
    throw problemsFound('invalid_targets', 'targets', inBody, {
      pathPrefix: '/body',
      sentence: (count, named) => `The targets have ${count} problem${count > 1 ? 's' : ''}: ${named}.`
    })
  }
  const after = await saveTargets(ctx.trx, schemeId, unitId, before, targets, notApplicable)
  ctx.record({ action: 'scoring_targets.set', resourceType: 'scoring_targets', resourceId: `${schemeId}/${unitId}`, before: before ?? null, after })
  return { targets: after, created: before === undefined }
}

export async function readTargets ({ db }: ReadContext, { schemeId, unitId }: { schemeId: string, unitId: string }): Promise<UnitTargets> {
  await getScheme(db, schemeId)
  return getTargets(db, schemeId, unitId)
}

export async function listSchemeTargets ({ db }: ReadContext, { schemeId, ...page }: { schemeId: string } & PageRequest) {
  await getScheme(db, schemeId)
  return listTargets(db, schemeId, page)
}

/**
 * Deletes a draft version created by mistake, with the targets set on it (409 `scheme_not_draft` once published:
 * scorecards follow it). The versions before it stay as they are.
 */
export async function deleteScheme (ctx: WriteContext, { schemeId, ifMatch }: { schemeId: string, ifMatch?: string }): Promise<void> {
  const before = await schemeInScope(ctx, schemeId)
  assertIfMatch(ifMatch, before.revision)
  assertDraftToDelete('scoring_scheme', before.id, before.status)
  assertUnreferenced('scoring_scheme', `Version ${before.version} of the ${before.year} ${before.period.replace('_', '-')} scheme`,
    await schemeReferences(ctx.trx, before.id))
  await removeScheme(ctx.trx, before.id)
  ctx.record({ action: 'scoring_scheme.deleted', resourceType: 'scoring_scheme', resourceId: before.id, before, after: null, eventData: before })
}
