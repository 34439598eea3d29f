// The quotas on what the Ministry accepts (issue 16, part 3). A title's quota rule is data in the catalogue
// (domain/titles.ts): the Government flag's is at most 20 % of the cluster-leading units ministry-wide, rounded down
// (Circular 12/2019/TT-BCA art. 18; Công văn 5007/BNV-TĐKT); a `per_cluster` rule caps the proposals accepted from
// one cluster. Every cluster active in the year has one leading unit (the unit ranked first in its finalized
// ranking), so the base is the number of clusters active in the year.
import { ruleBroken } from './errors.js'

/** A cluster as the quota's base counts it: founded on a day (null: not recorded), dissolved on a day (null: not). */
export interface ClusterLife {
  foundedOn: string | null
  dissolvedOn?: string | null
}

/**
 * How many clusters are active in `year`: founded on or before 31 December of the year (a cluster whose founding day
 * is not recorded is counted: it exists) and not dissolved before 1 January of it.
 */
export function activeClusterCount (clusters: readonly ClusterLife[], year: number): number {
  const last = `${year}-12-31`
  const first = `${year}-01-01`
  return clusters.filter((c) => (c.foundedOn === null || c.foundedOn <= last) && (c.dissolvedOn == null || c.dissolvedOn >= first)).length
}

/** What a quota refusal and the Ministry's roll-up report: the ceiling, how many are accepted, how many are asked. */
export interface QuotaUse {
  quota: number
  accepted: number
  asked: number
}

/** Whether accepting `asked` more keeps within the quota. */
export const withinQuota = ({ quota, accepted, asked }: QuotaUse) => accepted + asked <= quota

/**
 * 422 `quota_exceeded` when accepting `asked` more proposals for the title would pass its quota (`scope` says whose:
 * ministry-wide or the cluster's), with {quota, accepted, asked} in the details.
 */
export function assertWithinQuota (titleCode: string, use: QuotaUse, scope: 'ministry' | 'cluster'): void {
  if (withinQuota(use)) return
  const whose = scope === 'ministry' ? 'ministry-wide' : 'for this cluster'
  throw ruleBroken('quota_exceeded',
    `The quota of ${titleCode} ${whose} is ${use.quota}; ${use.accepted} ${use.accepted === 1 ? 'is' : 'are'} already accepted, so ${use.asked} more cannot be.`,
    { ...use, titleCode, scope })
}
