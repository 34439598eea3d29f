// The inputs of the scoring engine for a scheme's whole cluster, and the cluster's ranking computed from them.
// Shared by the scorecards service (a scorecard's points, the ranking) and by elections (title eligibility, the
// final-score tie-break).
import type { Knex } from 'knex'
import { DEFAULT_RULES, type ClusterRules } from '../domain/cluster-rules.js'
import { getCluster } from '../db/clusters-repository.js'
import {
  disciplinedDuring, membersWithNames, scorecardsOf, targetsOf, unitsNamed, type StoredScorecard
} from '../db/scorecards-repository.js'
import type { ScoringScheme } from '../db/scoring-schemes-repository.js'
import {
  computeScorecards, rankResults, type ClusterUnit, type CompiledScheme, type RankingItem, type UnitResult
} from '../domain/scoring/index.js'
import { yearPeriod } from '../domain/membership.js'
import { reviewedPoints } from '../domain/scoring/scorecard-lifecycle.js'
import { compiledScheme } from './compiled-scheme.js'

export interface ClusterInputs {
  compiled: CompiledScheme
  members: Array<{ unitId: string, unitName: string }>
  cards: Map<string, StoredScorecard>
  units: ClusterUnit[]
  /** The cluster rule `rescaleNotApplicable`, for computing a scorecard with the cluster's rules. */
  rescaleNotApplicable: boolean
}

/**
 * Everything the engine needs for a scheme's cluster, in a fixed number of queries whatever its size. The members
 * are those of the scheme's year, or `finalMemberUnitIds`, kept when the scores were finalized. `extraUnitId`: a unit
 * to score although it is not a member (a scorecard being answered).
 */
export async function loadInputs (
  db: Knex, scheme: ScoringScheme,
  options: { extraUnitId?: string, finalMemberUnitIds?: readonly string[] | null, rules?: Pick<ClusterRules, 'rescaleNotApplicable'> } = {}
): Promise<ClusterInputs> {
  const { extraUnitId, finalMemberUnitIds } = options
  const { from, until } = yearPeriod(scheme.year)
  const members = finalMemberUnitIds ? await unitsNamed(db, finalMemberUnitIds) : await membersWithNames(db, scheme.clusterId, from, until)
  const targets = await targetsOf(db, scheme.id)
  const cards = new Map((await scorecardsOf(db, scheme.id)).map((c) => [c.unitId, c]))
  const disciplined = await disciplinedDuring(db, scheme.clusterId, from, until)
  // The rule matters only when some unit has criteria that do not apply: read the cluster only then.
  const marked = [...targets.values()].some((set) => set.notApplicable.length > 0)
  const rules = options.rules ?? (marked ? (await getCluster(db, scheme.clusterId)).rules : DEFAULT_RULES)
  const ids = members.map((m) => m.unitId)
  if (extraUnitId !== undefined && !ids.includes(extraUnitId)) ids.push(extraUnitId)
  const units = ids.map((unitId): ClusterUnit => {
    const card = cards.get(unitId)
    const reviewed = reviewedPoints(card)
    const set = targets.get(unitId)
    return {
      unitId,
      entries: card?.entries ?? [],
      targets: set?.targets,
      ...(set !== undefined && set.notApplicable.length > 0 ? { notApplicable: set.notApplicable } : {}),
      ...(reviewed ? { reviewed } : {}),
      underDiscipline: disciplined.has(unitId)
    }
  })
  return { compiled: compiledScheme(scheme), members, cards, units, rescaleNotApplicable: rules.rescaleNotApplicable }
}

/**
 * The cluster's ranking under `scheme`, with the engine's results and the inputs they came from. Once the scores are
 * finalized, among the members kept then (`finalMemberUnitIds`).
 */
export async function rankScheme (
  db: Knex, scheme: ScoringScheme, rules: Pick<ClusterRules, 'disciplinedUnitMayRankFirst' | 'rescaleNotApplicable'>,
  finalMemberUnitIds?: readonly string[] | null
): Promise<{
  inputs: ClusterInputs
  results: UnitResult[]
  ranked: RankingItem[]
}> {
  const inputs = await loadInputs(db, scheme, { finalMemberUnitIds, rules })
  const results = computeScorecards(inputs.compiled, inputs.units, { rescaleNotApplicable: rules.rescaleNotApplicable })
  const disciplined = new Set(inputs.units.filter((u) => u.underDiscipline).map((u) => u.unitId))
  const ranked = rankResults(inputs.compiled, results, disciplined, { disciplinedUnitMayRankFirst: rules.disciplinedUnitMayRankFirst })
  return { inputs, results, ranked }
}
