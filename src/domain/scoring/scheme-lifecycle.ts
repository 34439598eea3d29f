// The lifecycle of a scoring scheme (quy định chấm điểm) for a cluster, year and period.
//
// One version: draft (editable, its targets too) → published (frozen; scorecards follow it) → superseded (when a
// later version is published). A new version starts as a draft copy numbered after the latest; publishing it
// supersedes the version published before. Finalised scores stay final: they freeze the published version's
// scorecards and keep any later version from being published for that year and period.
import { conflict, problemsFound } from '../errors.js'
import type { Problem, Scheme } from './scheme.js'

export const PERIODS = ['annual', 'mid_year'] as const
export type Period = typeof PERIODS[number]
/** The period as the exported and printed tables write it ("năm 2024 — cả năm"). */
export const PERIOD_TEXT: Readonly<Record<string, string>> = { annual: 'cả năm', mid_year: '6 tháng đầu năm' } satisfies Record<Period, string>

export const SCHEME_STATUSES = ['draft', 'published', 'superseded'] as const
export type SchemeStatus = typeof SCHEME_STATUSES[number]

/** A version's content as stored and served: a cap or the Ministry-flag band is null when there is none. */
export interface SchemeContent {
  criteria: Scheme['criteria']
  bonusCap: number | null
  deductionCap: number | null
  bands: Scheme['bands']
  tieBreak: Scheme['tieBreak']
  ministryFlagBand: string | null
}

/** The scheme the scoring engine validates and compiles, from a version's content (null: absent). */
export function schemeBody (content: SchemeContent): Scheme {
  return {
    criteria: content.criteria,
    ...(content.bonusCap === null ? {} : { bonusCap: content.bonusCap }),
    ...(content.deductionCap === null ? {} : { deductionCap: content.deductionCap }),
    bands: content.bands,
    tieBreak: content.tieBreak,
    ...(content.ministryFlagBand === null ? {} : { ministryFlagBand: content.ministryFlagBand })
  }
}

/** What the lifecycle rules read of one version of a scheme. */
export interface SchemeVersion {
  id: string
  year: number
  version: number
  status: SchemeStatus
}

/** Only a draft changes (its content, its status to published): 409 `scheme_published` otherwise. */
export function assertDraft (scheme: Pick<SchemeVersion, 'id' | 'status'>): void {
  if (scheme.status !== 'draft') {
    throw conflict('scheme_published', `Scheme ${scheme.id} is ${scheme.status} and can no longer change; create a new version.`)
  }
}

/** Scorecards are written against the published version only: 409 `scheme_not_published` otherwise. */
export function assertPublished (scheme: Pick<SchemeVersion, 'id' | 'status'>): void {
  if (scheme.status !== 'published') {
    throw conflict('scheme_not_published', `Scheme ${scheme.id} is ${scheme.status}: scorecards follow the published version only.`)
  }
}

/** A version is ranked once published (a superseded one keeps its ranking): 409 `scheme_not_published` for a draft. */
export function assertRankable (scheme: Pick<SchemeVersion, 'id' | 'status'>): void {
  if (scheme.status === 'draft') throw conflict('scheme_not_published', `Scheme ${scheme.id} is a draft: publish it before ranking.`)
}

/** Finalised scores can no longer change: 409 `scores_finalized` when `finalized`. */
export function assertNotFinalized (schemeId: string, finalized: boolean): void {
  if (finalized) throw conflict('scores_finalized', `The scores of scheme ${schemeId} are finalised and can no longer change.`)
}

/** The version in force among a year and period's versions (at most one is published). */
export const publishedVersion = <S extends SchemeVersion>(versions: readonly S[]): S | undefined =>
  versions.find((v) => v.status === 'published')

/** The number of the next version: one after the latest, drafts included. */
export const nextVersionNumber = (versions: ReadonlyArray<Pick<SchemeVersion, 'version'>>): number =>
  Math.max(0, ...versions.map((v) => v.version)) + 1

/**
 * Finalized scores stay final: publishing a new version would supersede the finalized one, and with it the year's
 * ranking, the title eligibility and the votes that relied on them. Refused (409 `scores_finalized`), so the
 * finalized version (`current`, the one published) stays the year's.
 */
export function assertCurrentNotFinalized (current: SchemeVersion | undefined, finalized: boolean): void {
  if (current && finalized) {
    throw conflict('scores_finalized',
      `The scores of ${current.year} are finalized on version ${current.version} of this scheme (${current.id}); ` +
      'finalized scores stay final, so no new version can be published for that year and period.',
      { schemeId: current.id })
  }
}

/** A version is not published over a later one already published: 409 `scheme_has_newer_version`. */
export function assertNoNewerVersion (scheme: Pick<SchemeVersion, 'version'>, versions: readonly SchemeVersion[]): void {
  const newer = versions.find((v) => v.version > scheme.version && v.status !== 'draft')
  if (newer) {
    throw conflict('scheme_has_newer_version', `Version ${newer.version} of this scheme was already published; publish a newer version instead.`)
  }
}

/**
 * When a unit's targets may be set: `open` while the scheme is a draft; on a published scheme, `until_finalized`
 * for a unit without targets yet, and refused (409 `scheme_published`) for one that has them. Publication checked
 * every member of that day, so a member without targets joined the cluster later: until it has targets the cluster
 * cannot be ranked, and a new version would start the year's scorecards over. Its first targets may be set on the
 * published scheme until the scores are finalised (the caller checks that with `assertNotFinalized`).
 */
export function targetsWindow (scheme: Pick<SchemeVersion, 'id' | 'status'>, hasTargets: boolean): 'open' | 'until_finalized' {
  if (scheme.status === 'published' && !hasTargets) return 'until_finalized'
  assertDraft(scheme)
  return 'open'
}

/**
 * A scheme is published only with every member's targets (`missing`: what validateTargets found for the units that
 * are members on some day of `year`): 422 `invalid_targets`, paths `/targets/<unitId>/<code>`.
 */
export function assertTargetsComplete (year: number, missing: readonly Problem[]): void {
  if (missing.length === 0) return
  throw problemsFound('invalid_targets', 'targets', missing, {
    sentence: (count, named) => `${count} target${count > 1 ? 's are' : ' is'} missing or invalid for the cluster's members in ${year}: ${named}.`
  })
}
