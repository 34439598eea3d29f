// The scoring matrix of a published scheme (bảng tổng hợp điểm): every criterion × every member × self, reviewed,
// second review and final points (domain/scoring/matrix.ts). The members, who may read it and the final points are
// the ranking's: the same engine run over the same inputs, read in a fixed number of queries.
import { getBlock } from '../db/blocks-repository.js'
import type { ScoringScheme } from '../db/scoring-schemes-repository.js'
import { unitHeadings, type UnitHeading } from '../db/units-repository.js'
import { issuerOf } from '../documents/official-heading.js'
import { matrixRows, type MatrixRow } from '../domain/scoring/index.js'
import type { ScorecardStatus } from '../domain/scoring/scorecard-lifecycle.js'
import { rankScheme } from './cluster-inputs.js'
import type { ReadContext } from './context.js'
import { openClusterScores } from './score-access.js'

/** A member as the matrix heads its columns, with its scorecard's status (null: it has none). */
export interface MatrixUnitHeading extends UnitHeading {
  status: ScorecardStatus | null
}

export interface SchemeMatrix {
  scheme: ScoringScheme
  clusterName: string
  /** The issuing body of the printed table: the police force the cluster's block belongs to, then the cluster. */
  issuer: [string, string]
  final: boolean
  /** When the scores were finalised (ISO 8601), null before. */
  finalizedAt: string | null
  /** The members in Vietnamese alphabetical order of their names: the order of every row's cells. */
  units: MatrixUnitHeading[]
  /** The rows in the scheme's order, each made as it is asked for. */
  rows: () => Generator<MatrixRow>
}

/**
 * The matrix of the scheme's cluster among the members of its year (once final, those kept with the finalisation).
 * Read by whoever reads the ranking (403 otherwise); 409 `scheme_not_published` for a draft.
 */
export async function readMatrix ({ db, actor }: ReadContext, { schemeId }: { schemeId: string }): Promise<SchemeMatrix> {
  const { scheme, cluster, finalization, final } = await openClusterScores(db, actor, schemeId, 'The matrix')
  const block = await getBlock(db, cluster.blockId)
  const { inputs, results } = await rankScheme(db, scheme, cluster.rules, finalization?.memberUnitIds)
  const byUnit = new Map(results.map((r) => [r.unitId, r]))
  const units = (await unitHeadings(db, results.map((r) => r.unitId)))
    .map((u) => ({ ...u, status: inputs.cards.get(u.unitId)?.status ?? null }))
  const members = units.map(({ unitId }) => ({ result: byUnit.get(unitId)!, card: inputs.cards.get(unitId) }))
  return {
    scheme,
    clusterName: cluster.name,
    issuer: issuerOf(block.name, cluster.name),
    final,
    finalizedAt: finalization?.finalizedAt ?? null,
    units,
    rows: () => matrixRows(inputs.compiled, members)
  }
}
