// Cluster membership over time: only an admin adds and ends members (who belongs to a cluster is the Ministry's
// founding decision, and a secretariat that chose its members could discipline units of other clusters); every
// role reads. The history is kept: ending a membership closes its period.
import { getCluster } from '../db/clusters-repository.js'
import * as memberships from '../db/memberships-repository.js'
import type { Membership } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { getUnit } from '../db/units-repository.js'
import { vietnamDate } from '../domain/dates.js'
import { assertMayEnd, assertMayJoin } from '../domain/membership.js'
import type { ReadContext, WriteContext } from './context.js'
import { settleOpenPledges } from './pledge-in-force.js'

/** Makes the unit a member of the cluster from `from`, an open period. */
export async function addClusterMember (
  { trx, record }: WriteContext, { clusterId, unitId, from }: { clusterId: string, unitId: string, from: string }
): Promise<Membership> {
  const cluster = await getCluster(trx, clusterId)
  // Locking the unit serialises its joins: two joins of one unit to two clusters of a block would otherwise
  // both pass the check below and then deadlock on the exclusion constraint, each waiting for the other's row.
  await getUnit(trx, unitId, { forUpdate: true })
  assertMayJoin({ clusterId, from, clusterFoundedOn: cluster.foundedOn }, await memberships.listBlockMemberships(trx, unitId, cluster.blockId))
  const membership = await memberships.insertMembership(trx, { clusterId, blockId: cluster.blockId, unitId, from })
  record({ action: 'membership.started', resourceType: 'membership', resourceId: membership.id, after: membership })
  return membership
}

/** The cluster's members on `on` (today in Việt Nam by default), by unit name in Vietnamese order. */
export async function listClusterMembers (
  { db, now }: ReadContext, { clusterId, on = vietnamDate(now), ...page }: { clusterId: string, on?: string } & PageRequest
) {
  await getCluster(db, clusterId)
  return memberships.listMembersOn(db, clusterId, on, page)
}

/**
 * Ends the unit's open membership of the cluster: `on` is its first day out. An open pledge of the cluster that
 * this unit alone had not signed comes into force as it leaves.
 */
export async function endClusterMembership (
  ctx: WriteContext, { clusterId, unitId, on }: { clusterId: string, unitId: string, on: string }
): Promise<Membership> {
  const { trx, record } = ctx
  await getCluster(trx, clusterId)
  await getUnit(trx, unitId)
  const before = await memberships.findOpenMembership(trx, clusterId, unitId, { forUpdate: true })
  assertMayEnd(before, on)
  const after = await memberships.endMembership(trx, before, on)
  record({ action: 'membership.ended', resourceType: 'membership', resourceId: after.id, before, after })
  await settleOpenPledges(ctx, clusterId, ctx.now)
  return after
}

/** The unit's memberships in every cluster, the latest first. */
export async function listUnitMemberships ({ db }: ReadContext, { unitId, ...page }: { unitId: string } & PageRequest) {
  await getUnit(db, unitId)
  return memberships.listUnitMemberships(db, unitId, page)
}
