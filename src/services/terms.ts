// Terms: the head and deputy units of a cluster per year. An admin appoints them; an election writes them too
// (services/write-term.ts, shared by both).
import { getCluster } from '../db/clusters-repository.js'
import { membershipPeriods } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { findTerm, getTerm, listTerms, type Term, type TermFields } from '../db/terms-repository.js'
import { assertLeadership } from '../domain/term.js'
import { assertIfMatch, derivedEtagOf } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'
import { writeTerm } from './write-term.js'

/** The flag handover follows the year before's head, so it is part of the tag. */
export const termTag = (term: Term) => derivedEtagOf(term.version, term.flagHandover)

export async function listClusterTerms ({ db }: ReadContext, { clusterId, ...page }: { clusterId: string } & PageRequest) {
  await getCluster(db, clusterId)
  return listTerms(db, clusterId, page)
}

export async function readTerm ({ db }: ReadContext, { clusterId, year }: { clusterId: string, year: number }): Promise<Term> {
  await getCluster(db, clusterId)
  return getTerm(db, clusterId, year)
}

export interface TermAppointment extends Partial<Omit<TermFields, 'headUnitId' | 'deputyUnitId'>> {
  clusterId: string
  year: number
  headUnitId: string
  deputyUnitId: string
  /** The tag the caller last read; a stale one is refused. */
  ifMatch?: string
}

/** Creates or replaces a year's term by appointment; `created` tells which. */
export async function appointTerm (ctx: WriteContext, command: TermAppointment): Promise<{ term: Term, created: boolean }> {
  const { clusterId, year, headUnitId, deputyUnitId, chosenBy = 'appointment', decidedOn = null, note = null } = command
  // Locking the cluster serialises appointments to it: the term read here stays current until commit, and two
  // first appointments of a year cannot both create.
  await getCluster(ctx.trx, clusterId, { forUpdate: true })
  const before = await findTerm(ctx.trx, clusterId, year)
  assertIfMatch(command.ifMatch, before && termTag(before))
  assertLeadership(year, { headUnitId, deputyUnitId }, await membershipPeriods(ctx.trx, clusterId, [headUnitId, deputyUnitId]))
  const term = await writeTerm(ctx, 'term.appointed', clusterId, year, before, { headUnitId, deputyUnitId, chosenBy, decidedOn, note })
  return { term, created: before === undefined }
}
