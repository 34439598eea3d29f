// Emulation campaigns (phong trào, đợt thi đua). An admin launches and changes them; clusters and units in a
// campaign's scope register (a secretariat its own cluster or its members, a unit itself, an admin anyone) and
// report their results; every role reads campaigns and who took part. "Today" is the request's clock as a date in
// Asia/Ho_Chi_Minh: it decides the campaign's phase (domain/campaign.ts), hence what may be done.
import type { Knex } from 'knex'
import {
  getCampaign, getParticipant, insertCampaign, insertParticipant, listCampaigns as listCampaignRows, listParticipants,
  missingScopeIds, participantReaches, saveResult, updateCampaign, type Campaign, type CampaignFilter, type Participant
} from '../db/campaigns-repository.js'
import { getCluster } from '../db/clusters-repository.js'
import { clustersOfUnitsDuring } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { getUnit } from '../db/units-repository.js'
import {
  assertActsFor, assertCampaignPeriod, assertInScope, assertPhaseAllows, assertScopeKeeps, campaignPhase, normalizeCampaign,
  type CampaignAction, type CampaignContent, type CampaignInput, type Reach
} from '../domain/campaign.js'
import { vietnamDate } from '../domain/dates.js'
import { ruleBroken } from '../domain/errors.js'
import { normalizeText } from '../domain/pledge.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'

export type { Campaign, Participant }

export const campaignTag = (campaign: Campaign) => etagOf(campaign.version)
export const participantTag = (participant: Participant) => etagOf(participant.version)

/** Checks the period and that every id of the scope names a record (422 `campaign_scope_unknown` naming the first that does not). */
async function assertValid (trx: Knex.Transaction, content: CampaignContent): Promise<void> {
  assertCampaignPeriod(content, content.decision)
  const missing = await missingScopeIds(trx, content.scope)
  for (const [list, what] of [['blockIds', 'block'], ['clusterIds', 'cluster'], ['unitIds', 'unit']] as const) {
    const [id] = missing[list]
    if (id === undefined) continue
    const index = content.scope[list].indexOf(id)
    throw ruleBroken('campaign_scope_unknown', `scope.${list}[${index}] ${id} names no ${what}.`, { path: `/body/scope/${list}/${index}`, [`${what}Id`]: id })
  }
}

export async function createCampaign ({ trx, record }: WriteContext, input: CampaignInput): Promise<Campaign> {
  const content = normalizeCampaign(input)
  await assertValid(trx, content)
  const campaign = await insertCampaign(trx, content)
  record({ action: 'campaign.created', resourceType: 'campaign', resourceId: campaign.id, after: campaign })
  return campaign
}

export async function listCampaigns ({ db }: ReadContext, { year, blockId, clusterId, activeOn, ...page }: CampaignFilter & PageRequest) {
  return listCampaignRows(db, { year, blockId, clusterId, activeOn }, page)
}

export async function readCampaign ({ db }: ReadContext, { campaignId }: { campaignId: string }): Promise<Campaign> {
  return getCampaign(db, campaignId)
}

export interface CampaignChange extends Partial<CampaignInput> {
  campaignId: string
  /** The tag the caller last read; a stale one is refused. */
  ifMatch?: string
}

/**
 * Changes the fields given (null removes an optional one; `targets` and `scope` are replaced whole). The changed
 * scope and period must still reach every registered participant.
 */
export async function changeCampaign ({ trx, record }: WriteContext, { campaignId, ifMatch, ...change }: CampaignChange): Promise<Campaign> {
  const before = await getCampaign(trx, campaignId, { forUpdate: true })
  assertIfMatch(ifMatch, before.version)
  const content = normalizeCampaign({ ...before, ...change, scope: change.scope ?? before.scope })
  await assertValid(trx, content)
  assertScopeKeeps(content.scope, await participantReaches(trx, campaignId, content.from, content.until))
  const after = await updateCampaign(trx, before, content)
  record({ action: 'campaign.updated', resourceType: 'campaign', resourceId: after.id, before, after })
  return after
}

/** What places a unit or cluster in a scope during the campaign (404 when it names nothing). */
async function reachOf (db: Knex, campaign: Campaign, who: { unitId?: string | null, clusterId?: string | null }): Promise<Reach> {
  if (who.clusterId) {
    const cluster = await getCluster(db, who.clusterId)
    return { kind: 'cluster', clusterId: cluster.id, blockId: cluster.blockId }
  }
  const unit = await getUnit(db, who.unitId!)
  const memberships = await clustersOfUnitsDuring(db, [unit.id], campaign.from, campaign.until)
  return { kind: 'unit', unitId: unit.id, memberships: memberships.get(unit.id) ?? [] }
}

/** The checks of a registration and of a report alike: the caller acts for the participant, on a day the phase allows. */
async function assertMay (ctx: WriteContext, action: CampaignAction, campaign: Campaign, reach: Reach): Promise<void> {
  assertActsFor(ctx.actor, reach)
  assertPhaseAllows(action, campaignPhase(campaign, vietnamDate(ctx.now)), campaign, ctx.actor.role === 'admin')
}

/** Registers a unit or a cluster (`who` names one) for the campaign: once (409), in its scope (422). */
export async function registerParticipant (
  ctx: WriteContext, { campaignId, ...who }: { campaignId: string, unitId?: string, clusterId?: string }
): Promise<Participant> {
  const { trx, actor, record } = ctx
  // Locked so that a scope change cannot commit between the scope check and the registration.
  const campaign = await getCampaign(trx, campaignId, { forUpdate: true })
  const reach = await reachOf(trx, campaign, who)
  await assertMay(ctx, 'register', campaign, reach)
  assertInScope(campaign.scope, reach)
  const participant = await insertParticipant(trx, campaign.id, who, actor)
  record({ action: 'campaign_participant.registered', resourceType: 'campaign_participant', resourceId: participant.id, after: participant })
  return participant
}

export async function listCampaignParticipants ({ db }: ReadContext, { campaignId, ...page }: { campaignId: string } & PageRequest) {
  await getCampaign(db, campaignId)
  return listParticipants(db, campaignId, page)
}

export async function readParticipant ({ db }: ReadContext, { campaignId, participantId }: { campaignId: string, participantId: string }): Promise<Participant> {
  await getCampaign(db, campaignId)
  return getParticipant(db, campaignId, participantId)
}

export interface ResultReport { campaignId: string, participantId: string, result: string, ifMatch?: string }

/** Reports (or corrects) a participant's result, from the campaign's first day on. */
export async function reportResult (ctx: WriteContext, { campaignId, participantId, result, ifMatch }: ResultReport): Promise<Participant> {
  const { trx, actor, record } = ctx
  const campaign = await getCampaign(trx, campaignId)
  const before = await getParticipant(trx, campaignId, participantId, { forUpdate: true })
  await assertMay(ctx, 'report', campaign, await reachOf(trx, campaign, before))
  assertIfMatch(ifMatch, before.version)
  const after = await saveResult(trx, before, normalizeText(result), actor)
  record({ action: 'campaign_participant.reported', resourceType: 'campaign_participant', resourceId: after.id, before, after })
  return after
}
