// Scope rules beyond the role: a secretariat runs its own cluster only, a unit acts for its own unit only.
import { forbidden } from '../domain/errors.js'
import type { Actor } from './tokens.js'

/**
 * Reads every record, whatever its cluster or unit: admin, reader, and the Ministry (its emulation office and council
 * review every cluster's dossiers against their records).
 */
export const readsEverything = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'reader' || actor.role === 'ministry'

export function assertClusterScope (actor: Actor, clusterId: string): void {
  if (actor.role === 'admin') return
  if (actor.role === 'secretariat' && actor.clusterId === clusterId) return
  throw forbidden(actor.role === 'secretariat'
    ? 'A secretariat token may act only for its own cluster.'
    : `The ${actor.role} role may not do this.`)
}

export function assertUnitScope (actor: Actor, unitId: string): void {
  if (actor.role === 'admin') return
  if (actor.role === 'unit' && actor.unitId === unitId) return
  throw forbidden(actor.role === 'unit' ? 'A unit token may act only for its own unit.' : `The ${actor.role} role may not do this.`)
}
