// The advisory group (Tổ tư vấn) of a cluster's head unit for a year: the decision founding it and its members.
// An admin or the cluster's secretariat writes it (each write a new version, every version kept); every role
// reads it, its versions and the decision as a printed document. Scorecard reviews name its members as reviewers
// (services/scorecards.ts checks them with advisoryMemberIds).
import { randomUUID } from 'node:crypto'
import { assertClusterScope } from '../auth/access.js'
import {
  findAdvisoryGroup, getAdvisoryGroup, getAdvisoryGroupVersion, insertAdvisoryGroupVersion, listAdvisoryGroupVersions,
  type AdvisoryGroup
} from '../db/advisory-groups-repository.js'
import { getBlock } from '../db/blocks-repository.js'
import { getCluster } from '../db/clusters-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { missingUnitIds, unitNames } from '../db/units-repository.js'
import {
  assertDecisionDate, contentDigest, normalizeDecision, resolveMembers, type AdvisoryMemberInput, type Decision
} from '../domain/advisory-group.js'
import { ruleBroken } from '../domain/errors.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import { issuerOf } from '../documents/official-heading.js'
import type { DecisionDocumentData } from '../documents/advisory-decision-document.js'
import type { ReadContext, WriteContext } from './context.js'

export type { AdvisoryGroup }

export const advisoryGroupTag = (group: AdvisoryGroup) => etagOf(group.version)

export interface AdvisoryGroupKey { clusterId: string, year: number }

export async function readAdvisoryGroup ({ db }: ReadContext, { clusterId, year }: AdvisoryGroupKey): Promise<AdvisoryGroup> {
  await getCluster(db, clusterId)
  return getAdvisoryGroup(db, clusterId, year)
}

export async function listAdvisoryGroupHistory ({ db }: ReadContext, { clusterId, year, ...page }: AdvisoryGroupKey & PageRequest) {
  await getCluster(db, clusterId)
  await getAdvisoryGroup(db, clusterId, year)
  return listAdvisoryGroupVersions(db, clusterId, year, page)
}

export interface AdvisoryGroupCommand extends AdvisoryGroupKey {
  decision: Decision
  members: AdvisoryMemberInput[]
  /** The tag the caller last read; a stale one is refused (412). Optional: without it the group is replaced as it is. */
  ifMatch?: string
}

/**
 * Founds the year's group (version 1) or replaces it with the next version; `created` tells which. Members sent
 * with their id keep it; the others get a new one. Every member's unit must exist (any unit: the head unit's staff
 * usually form the group, and experts of other units may join it).
 */
export async function writeAdvisoryGroup (ctx: WriteContext, command: AdvisoryGroupCommand): Promise<{ group: AdvisoryGroup, created: boolean }> {
  const { trx, actor, record } = ctx
  const { clusterId, year } = command
  assertClusterScope(actor, clusterId)
  // Locking the cluster serialises the writes of its groups: two first writes of a year cannot both create.
  await getCluster(trx, clusterId, { forUpdate: true })
  const before = await findAdvisoryGroup(trx, clusterId, year)
  assertIfMatch(command.ifMatch, before?.version)
  const decision = normalizeDecision(command.decision)
  assertDecisionDate(year, decision.date)
  const members = resolveMembers(before?.members ?? [], command.members, randomUUID)
  const missing = new Set(await missingUnitIds(trx, [...new Set(members.map((m) => m.unitId))]))
  const index = members.findIndex((m) => missing.has(m.unitId))
  if (index >= 0) {
    throw ruleBroken('advisory_member_unit_unknown', `members[${index}].unitId ${members[index].unitId} names no unit.`, { unitId: members[index].unitId })
  }
  const group = await insertAdvisoryGroupVersion(trx, clusterId, year, (before?.version ?? 0) + 1, { decision, members }, actor)
  record({
    action: before ? 'advisory_group.updated' : 'advisory_group.created',
    resourceType: 'advisory_group',
    resourceId: `${clusterId}/${year}`,
    before: before ?? null,
    after: group
  })
  return { group, created: before === undefined }
}

/** What the printed decision shows (the current version, or `version` when given), and its file name without extension. */
export async function decisionDocumentData (
  { db }: ReadContext, { clusterId, year, version }: AdvisoryGroupKey & { version?: number }
): Promise<{ data: DecisionDocumentData, fileName: string }> {
  const cluster = await getCluster(db, clusterId)
  const group = version === undefined ? await getAdvisoryGroup(db, clusterId, year) : await getAdvisoryGroupVersion(db, clusterId, year, version)
  const block = await getBlock(db, cluster.blockId)
  const names = await unitNames(db, group.members.map((m) => m.unitId))
  return {
    data: {
      superior: issuerOf(block.name, cluster.name)[0],
      clusterName: cluster.name,
      year: group.year,
      version: group.version,
      decision: group.decision,
      members: group.members.map((m) => ({ name: m.name, rank: m.rank, position: m.position, unitName: names.get(m.unitId) ?? m.unitId })),
      createdAt: new Date(group.updatedAt),
      digest: contentDigest(group)
    },
    fileName: `quyet-dinh-to-tu-van-${year}-v${group.version}`
  }
}
