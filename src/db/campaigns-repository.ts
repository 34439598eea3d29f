// Emulation campaigns and their participants (migration 018).
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import type { CampaignContent, CampaignScope, CampaignTarget, Reach } from '../domain/campaign.js'
import { notFound } from '../domain/errors.js'
import { clustersOfUnitsDuring } from './memberships-repository.js'
import { paginate, type PageRequest } from './pagination.js'

export interface Campaign extends CampaignContent {
  id: string
  version: number
  createdAt: string
  updatedAt: string
}

interface CampaignRow {
  id: string
  name: string
  slogan: string | null
  issuer: string
  decision_number: string | null
  decision_date: string | null
  occasion: string | null
  valid_from: string
  valid_until: string
  targets: CampaignTarget[]
  scope_block_ids: string[]
  scope_cluster_ids: string[]
  scope_unit_ids: string[]
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toCampaign = (row: CampaignRow): Campaign => ({
  id: row.id,
  name: row.name,
  slogan: row.slogan,
  issuer: row.issuer,
  decision: row.decision_number === null ? null : { number: row.decision_number, date: row.decision_date! },
  occasion: row.occasion,
  from: row.valid_from,
  until: row.valid_until,
  targets: row.targets,
  scope: { blockIds: row.scope_block_ids, clusterIds: row.scope_cluster_ids, unitIds: row.scope_unit_ids },
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

const columns = (c: CampaignContent) => ({
  name: c.name,
  slogan: c.slogan,
  issuer: c.issuer,
  decision_number: c.decision?.number ?? null,
  decision_date: c.decision?.date ?? null,
  occasion: c.occasion,
  valid_from: c.from,
  valid_until: c.until,
  targets: JSON.stringify(c.targets),
  scope_block_ids: JSON.stringify(c.scope.blockIds),
  scope_cluster_ids: JSON.stringify(c.scope.clusterIds),
  scope_unit_ids: JSON.stringify(c.scope.unitIds)
})

export async function insertCampaign (trx: Knex.Transaction, content: CampaignContent): Promise<Campaign> {
  const [row] = await trx('campaigns').insert(columns(content)).returning('*')
  return toCampaign(row)
}

/** The campaign, or 404. `forUpdate` serialises its changes and registrations (a scope change against a registration). */
export async function getCampaign (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Campaign> {
  const query = db('campaigns').where({ id }).first()
  if (options.forUpdate) query.forNoKeyUpdate()
  const row = await query
  if (!row) throw notFound('campaign', id)
  return toCampaign(row)
}

export async function updateCampaign (trx: Knex.Transaction, current: Campaign, content: CampaignContent): Promise<Campaign> {
  const [row] = await trx('campaigns').where({ id: current.id })
    .update({ ...columns(content), version: current.version + 1, updated_at: trx.fn.now() }).returning('*')
  return toCampaign(row)
}

export interface CampaignFilter {
  /** Campaigns running on some day of this year. */
  year?: number
  /** Campaigns reaching this block: ministry-wide, naming it, or naming one of its clusters. */
  blockId?: string
  /** Campaigns reaching this cluster: ministry-wide, naming its block, or naming it. */
  clusterId?: string
  /** Campaigns running on this day. */
  activeOn?: string
}

const MINISTRY_WIDE = "scope_block_ids = '[]'::jsonb and scope_cluster_ids = '[]'::jsonb and scope_unit_ids = '[]'::jsonb"
const names = (id: string) => JSON.stringify([id])

/** Campaigns matching every filter given, the latest start first. */
export async function listCampaigns (db: Knex, filter: CampaignFilter, page: PageRequest) {
  const query = db('campaigns').select('*')
  if (filter.year !== undefined) query.where('valid_from', '<=', `${filter.year}-12-31`).where('valid_until', '>=', `${filter.year}-01-01`)
  if (filter.activeOn) query.where('valid_from', '<=', filter.activeOn).where('valid_until', '>=', filter.activeOn)
  const { blockId, clusterId } = filter
  if (blockId) {
    query.where((q) => q.whereRaw(MINISTRY_WIDE).orWhereRaw('scope_block_ids @> ?::jsonb', [names(blockId)])
      .orWhereExists((c) => c.select(1).from('clusters').where('clusters.block_id', blockId)
        .whereRaw('campaigns.scope_cluster_ids @> jsonb_build_array(clusters.id)')))
  }
  if (clusterId) {
    query.where((q) => q.whereRaw(MINISTRY_WIDE).orWhereRaw('scope_cluster_ids @> ?::jsonb', [names(clusterId)])
      .orWhereExists((c) => c.select(1).from('clusters').where('clusters.id', clusterId)
        .whereRaw('campaigns.scope_block_ids @> jsonb_build_array(clusters.block_id)')))
  }
  return paginate<CampaignRow, Campaign>(query, ['valid_from', 'id'], page, toCampaign, 'desc')
}

/**
 * The ids of the scope that name nothing, by list. The records found are locked FOR SHARE: none can be deleted
 * before the campaign naming it commits (their deletion counts campaigns as references).
 */
export async function missingScopeIds (trx: Knex.Transaction, scope: CampaignScope): Promise<CampaignScope> {
  const missing = async (table: string, ids: string[]) => {
    if (ids.length === 0) return []
    const found = new Set((await trx(table).whereIn('id', ids).forShare().select('id')).map((r: { id: string }) => r.id))
    return ids.filter((id) => !found.has(id))
  }
  return {
    blockIds: await missing('blocks', scope.blockIds),
    clusterIds: await missing('clusters', scope.clusterIds),
    unitIds: await missing('units', scope.unitIds)
  }
}

/** The campaigns whose scope names a block, cluster or unit (for their deletion's references). */
export const campaignsNaming = (db: Knex, list: 'block' | 'cluster' | 'unit', id: string) =>
  db('campaigns').whereRaw(`scope_${list}_ids @> ?::jsonb`, [names(id)])

// ---- participants ----

export interface Participant {
  id: string
  campaignId: string
  unitId: string | null
  clusterId: string | null
  /** The unit's or the cluster's name. */
  name: string
  result: string | null
  reportedAt: string | null
  reportedBy: { sub: string, role: string } | null
  registeredBy: { sub: string, role: string }
  version: number
  createdAt: string
  updatedAt: string
}

interface ParticipantRow {
  id: string
  seq: number
  campaign_id: string
  unit_id: string | null
  cluster_id: string | null
  participant_name: string
  result: string | null
  reported_at: Date | null
  reported_by_sub: string | null
  reported_by_role: string | null
  registered_by_sub: string
  registered_by_role: string
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toParticipant = (row: ParticipantRow): Participant => ({
  id: row.id,
  campaignId: row.campaign_id,
  unitId: row.unit_id,
  clusterId: row.cluster_id,
  name: row.participant_name,
  result: row.result,
  reportedAt: row.reported_at ? row.reported_at.toISOString() : null,
  reportedBy: row.reported_by_sub === null ? null : { sub: row.reported_by_sub, role: row.reported_by_role! },
  registeredBy: { sub: row.registered_by_sub, role: row.registered_by_role },
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

// Each participant with its unit's or cluster's name.
const participants = (db: Knex) => db('campaign_participants as p')
  .leftJoin('units as u', 'u.id', 'p.unit_id')
  .leftJoin('clusters as c', 'c.id', 'p.cluster_id')
  .select('p.*', db.raw('coalesce(u.name, c.name) as participant_name'))

export async function getParticipant (db: Knex, campaignId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<Participant> {
  const query = participants(db).where({ 'p.id': id, 'p.campaign_id': campaignId }).first()
  if (options.forUpdate) query.forNoKeyUpdate('p')
  const row = await query
  if (!row) throw notFound('campaign_participant', id)
  return toParticipant(row)
}

export async function insertParticipant (
  trx: Knex.Transaction, campaignId: string, who: { unitId?: string, clusterId?: string }, actor: Actor
): Promise<Participant> {
  const [{ id }] = await trx('campaign_participants').insert({
    campaign_id: campaignId,
    unit_id: who.unitId ?? null,
    cluster_id: who.clusterId ?? null,
    registered_by_sub: actor.sub,
    registered_by_role: actor.role
  }).returning('id')
  return getParticipant(trx, campaignId, id)
}

export async function saveResult (trx: Knex.Transaction, current: Participant, result: string, actor: Actor): Promise<Participant> {
  await trx('campaign_participants').where({ id: current.id }).update({
    result, reported_at: trx.fn.now(), reported_by_sub: actor.sub, reported_by_role: actor.role,
    version: current.version + 1, updated_at: trx.fn.now()
  })
  return getParticipant(trx, current.campaignId, current.id)
}

/** The campaign's participants in the order they registered. */
export async function listParticipants (db: Knex, campaignId: string, page: PageRequest) {
  return paginate<ParticipantRow, Participant>(participants(db).where('p.campaign_id', campaignId), ['p.seq'], page, toParticipant)
}

/** What places each registered participant in a scope over the period [from, lastDay] (a changed campaign's check). */
export async function participantReaches (db: Knex, campaignId: string, from: string, lastDay: string): Promise<Array<Reach & { participantId: string }>> {
  const rows: Array<{ id: string, unit_id: string | null, cluster_id: string | null, block_id: string | null }> =
    await db('campaign_participants as p').leftJoin('clusters as c', 'c.id', 'p.cluster_id')
      .where('p.campaign_id', campaignId).orderBy('p.seq').select('p.id', 'p.unit_id', 'p.cluster_id', 'c.block_id')
  const unitIds = rows.flatMap((r) => (r.unit_id ? [r.unit_id] : []))
  const memberships = await clustersOfUnitsDuring(db, unitIds, from, lastDay)
  return rows.map((r) => r.cluster_id
    ? { participantId: r.id, kind: 'cluster' as const, clusterId: r.cluster_id, blockId: r.block_id! }
    : { participantId: r.id, kind: 'unit' as const, unitId: r.unit_id!, memberships: memberships.get(r.unit_id!) ?? [] })
}
