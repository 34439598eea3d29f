// Ranking a cluster: order by total, then the scheme's tie-breaks; units still equal share a rank (1, 1, 3).
//
// Discipline rule (cluster rule `disciplinedUnitMayRankFirst`, default false): rank by score first; if the
// unit(s) on top are under discipline (pending or in force), the best non-disciplined unit(s) — together with
// any non-disciplined unit truly tied with them — take rank 1, and everyone they passed keeps their order just
// below them. Only the first place moves: a disciplined unit may still rank second ahead of lower-scored units.
// When every unit is under discipline there is nobody to put first instead, and the order is by score alone.
//
// Eligibility: a disciplined unit is never eligible for titles. The Ministry flag needs the Ministry-flag band
// (the scheme's `ministryFlagBand`, default the top band) or a higher one. The Government flag needs that as
// well and rank 1 (Circular 12/2019/TT-BCA art. 18: only the unit leading its cluster); a true tie for rank 1
// leaves both eligible, for the cluster's title ballot to decide.
import { toPoints } from '../decimal.js'
import type { CompiledScheme } from './compile.js'
import { computeScorecards, type ClusterUnit, type UnitResult } from './scorecard.js'

export interface RankingOptions {
  /** The cluster rule; default false. */
  disciplinedUnitMayRankFirst?: boolean
  /** The cluster rule (see scorecard.ts); default true. Read by rankCluster, which computes the scorecards. */
  rescaleNotApplicable?: boolean
}

/** One line of `GET .../ranking`; points are JSON numbers exact to two decimals. */
export interface RankingItem {
  unitId: string
  rank: number
  total: number
  base: number
  bonus: number
  deduction: number
  /** The unit's highest reachable base: the scheme's, less the criteria that do not apply to it. */
  applicableMax: number
  /** Codes of the criteria marked not applicable to the unit (empty when every criterion applies). */
  notApplicable: string[]
  band: string
  bandName: string
  underDiscipline: boolean
  eligibleForTitles: boolean
  eligibleForMinistryFlag: boolean
  eligibleForGovernmentFlag: boolean
}

/** Negative when `a` ranks above `b`; 0 for a true tie (equal total and equal on every tie-break). */
export function compareResults (scheme: CompiledScheme, a: UnitResult, b: UnitResult): number {
  if (a.total !== b.total) return b.total - a.total
  for (const rule of scheme.tieBreaks) {
    const d = rule.kind === 'node'
      ? b.points[rule.node] - a.points[rule.node]
      : rule.kind === 'fewer_deductions' ? a.deduction - b.deduction : b.bonus - a.bonus
    if (d !== 0) return d
  }
  return 0
}

/** The ranking of computed scorecards; `disciplined` holds the unitIds under discipline. */
export function rankResults (scheme: CompiledScheme, results: readonly UnitResult[], disciplined: ReadonlySet<string>, options: RankingOptions = {}): RankingItem[] {
  // unitId is the last key, so the same input in any order gives the same output.
  let order = [...results].sort((a, b) => compareResults(scheme, a, b) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0))
  let promoted = 0 // when > 0, the first `promoted` units were moved up and share no rank with those after
  if (options.disciplinedUnitMayRankFirst !== true && order.length > 0 && disciplined.has(order[0].unitId)) {
    const leader = order.find((r) => !disciplined.has(r.unitId))
    if (leader !== undefined) {
      const leaders = order.filter((r) => !disciplined.has(r.unitId) && compareResults(scheme, r, leader) === 0)
      order = [...leaders, ...order.filter((r) => !leaders.includes(r))]
      promoted = leaders.length
    }
  }
  const minFlag = scheme.ministryFlagBand.minTotal
  const items: RankingItem[] = []
  for (let p = 0; p < order.length; p++) {
    const r = order[p]
    const shares = p > 0 && p !== promoted && compareResults(scheme, order[p - 1], r) === 0
    const rank = shares ? items[p - 1].rank : p + 1
    const band = scheme.bands.find((b) => b.minTotal <= r.total) ?? scheme.bands[scheme.bands.length - 1]
    const underDiscipline = disciplined.has(r.unitId)
    const ministry = !underDiscipline && r.total >= minFlag
    items.push({
      unitId: r.unitId,
      rank,
      total: toPoints(r.total),
      base: toPoints(r.base),
      bonus: toPoints(r.bonus),
      deduction: toPoints(r.deduction),
      applicableMax: toPoints(r.applicableMax),
      notApplicable: [...r.notApplicable],
      band: band.code,
      bandName: band.name,
      underDiscipline,
      eligibleForTitles: !underDiscipline,
      eligibleForMinistryFlag: ministry,
      eligibleForGovernmentFlag: ministry && rank === 1
    })
  }
  return items
}

/** Scorecards and ranking of a whole cluster in one call (see computeScorecards for the refusals). */
export function rankCluster (scheme: CompiledScheme, units: readonly ClusterUnit[], options: RankingOptions = {}): RankingItem[] {
  const disciplined = new Set(units.filter((u) => u.underDiscipline === true).map((u) => u.unitId))
  return rankResults(scheme, computeScorecards(scheme, units, { rescaleNotApplicable: options.rescaleNotApplicable }), disciplined, options)
}
