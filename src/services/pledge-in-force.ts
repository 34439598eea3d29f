// When an open pledge version comes into force: once every member on the day has signed it. Two changes can
// complete it: a member's signature, and the last unsigned member leaving the cluster. Both lock the version first,
// so exactly one of two racing changes sees it complete and records it.
import type { Pledge } from '../db/pledges-repository.js'
import { getPledge, openPledgeIds, signedUnitIds, updatePledge } from '../db/pledges-repository.js'
import { vietnamDate } from '../domain/dates.js'
import { comesIntoForce } from '../domain/pledge.js'
import type { WriteContext } from './context.js'
import { memberUnitIdsOn } from '../db/memberships-repository.js'

/** Brings `pledge` (locked by the caller) into force at `at` when `signed` covers `members`, the members that day. */
export async function settleInForce (
  { trx, record }: WriteContext, pledge: Pledge, at: Date, members: readonly string[], signed: readonly string[]
): Promise<void> {
  if (!comesIntoForce(pledge.status, members, signed)) return
  const inForce = await updatePledge(trx, pledge, { status: 'in_force', at })
  record({ action: 'pledge.in_force', resourceType: 'pledge', resourceId: pledge.id, before: pledge, after: inForce })
}

/** After a member leaves: the cluster's open versions it alone kept from coming into force now do. */
export async function settleOpenPledges (ctx: WriteContext, clusterId: string, at: Date): Promise<void> {
  const members = await memberUnitIdsOn(ctx.trx, clusterId, vietnamDate(at))
  for (const id of await openPledgeIds(ctx.trx, clusterId)) {
    await settleInForce(ctx, await getPledge(ctx.trx, id, { forUpdate: true }), at, members, await signedUnitIds(ctx.trx, id))
  }
}
