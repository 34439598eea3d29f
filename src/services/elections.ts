// Elections: an admin or the cluster's secretariat drafts, opens and closes a secret ballot; each member unit
// casts one ballot per round (itself, or through an admin); every role reads turnout and, after close, the tally.
// Secrecy: the ballot's choices go to one table with no voter, and nowhere else — not the audit, the events, the
// logs, an error or an idempotency record. The rules are the domain's (domain/election.ts); the data checks are
// in election-checks.ts.
import { createHash, randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { assertClusterScope, assertUnitScope } from '../auth/access.js'
import { getCluster } from '../db/clusters-repository.js'
import {
  ballotAdmission, ballotChoices, closeRound, deleteElection as removeElection, electionReferences, findReceipt, getElection, getRound, insertBallotIfOpen, insertElection, insertProposals, insertRound,
  listElections, listProposals, proposalsOfElection, roundsOf, turnoutsOf, updateElection, type Election, type Round
} from '../db/elections-repository.js'
import { memberUnitIdsOn } from '../db/memberships-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { findTerm } from '../db/terms-repository.js'
import { vietnamDate } from '../domain/dates.js'
import { assertDraftToDelete, assertUnreferenced } from '../domain/deletion.js'
import {
  assertElectorate, assertHasResult, assertMayCancel, assertOverrideFits, decideBallot, decideClose, decideOpen, electedTerm, electionSeats, electsTerm, markIneligible, openRoundOf,
  proposalsOf, tieBreakYear, type ElectionKind, type Office
} from '../domain/election.js'
import { conflict, DomainError, forbidden, notFound } from '../domain/errors.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import type { ReadContext, WriteContext } from './context.js'
import {
  assertCandidatesAreMembers, assertHeadNotCandidate, assertOutgoingHeadRule, assertTitleCandidates, electedHeadFor, finalRanking, titleEligibility, voteDay
} from './election-checks.js'
import { writeTerm } from './write-term.js'
import { withUnitNames } from './unit-names.js'

const hashReceipt = (receipt: string) => createHash('sha256').update(receipt).digest('hex')

/** A storage failure of a ballot without its query text: knex puts the bindings (the choices) in the message. */
function withoutBindings (error: unknown): Error {
  const e = error as { code?: unknown, constraint?: unknown }
  return Object.assign(new Error('The ballot could not be stored.'), { code: e?.code, constraint: e?.constraint })
}

/** An election as answered: with its current round's turnout (null before the first round opens). */
export type PresentedElection = Election & {
  turnout: { round: number, electorate: number, voted: number, votedUnitIds: string[] } | null
}

async function present (db: Knex, elections: Election[]): Promise<PresentedElection[]> {
  const turnouts = await turnoutsOf(db, elections)
  return elections.map((election) => {
    const turnout = turnouts.get(election.id)
    return { ...election, turnout: turnout ? { round: election.round, ...turnout, voted: turnout.votedUnitIds.length } : null }
  })
}

/** The election's tag: its version and, once a round is open, the round's turnout, which ballots change. */
export const electionTag = (election: PresentedElection) =>
  election.round === 0 ? etagOf(election.version) : `"v${election.version}.${election.turnout?.voted ?? 0}"`

/** A result changes only with its election's version. */
export const resultTag = (election: Election) => etagOf(election.version)

export interface ElectionDraftCommand {
  clusterId: string
  kind: ElectionKind
  office?: Office
  titleCode?: string
  termYear: number
  seats?: number
  candidateUnitIds: string[]
  conferenceId?: string | null
  /** Admin only, title elections only: candidates stand although the ranking does not make them eligible. */
  eligibilityOverride?: { reason: string }
}

export async function draftElection (ctx: WriteContext, command: ElectionDraftCommand): Promise<PresentedElection> {
  const { trx, actor, record } = ctx
  const { clusterId, eligibilityOverride, conferenceId = null, ...draft } = command
  assertClusterScope(actor, clusterId)
  if (eligibilityOverride && actor.role !== 'admin') throw forbidden('Only an admin may override title eligibility.')
  // Locking the cluster serialises its elections' creation with the proposals that decide eligibility.
  const cluster = await getCluster(trx, clusterId, { forUpdate: true })
  const candidateUnitIds = draft.candidateUnitIds.map((id) => id.toLowerCase())
  const seats = electionSeats({ ...draft, candidateUnitIds }, cluster.rules)
  assertOverrideFits(draft.kind, eligibilityOverride !== undefined)
  await assertCandidatesAreMembers(trx, clusterId, candidateUnitIds, await voteDay(trx, clusterId, conferenceId, vietnamDate(ctx.now)))
  if (draft.kind === 'title') await assertTitleCandidates(trx, cluster, { ...draft, candidateUnitIds }, eligibilityOverride !== undefined)
  else if (draft.office === 'head') await assertOutgoingHeadRule(trx, cluster, draft.termYear, candidateUnitIds)
  else await assertHeadNotCandidate(trx, clusterId, draft.termYear, candidateUnitIds)
  const election = await insertElection(trx, {
    clusterId,
    conferenceId,
    kind: draft.kind,
    office: draft.office ?? null,
    titleCode: draft.titleCode ?? null,
    termYear: draft.termYear,
    seats,
    candidateUnitIds,
    eligibilityOverride: eligibilityOverride ? { reason: eligibilityOverride.reason, by: actor.sub } : null
  })
  const presented = { ...election, turnout: null }
  record({ action: 'election.created', resourceType: 'election', resourceId: election.id, after: presented })
  return presented
}

export async function listClusterElections (
  { db }: ReadContext,
  { clusterId, termYear, kind, ...page }: { clusterId: string, termYear?: number, kind?: ElectionKind } & PageRequest
) {
  await getCluster(db, clusterId)
  const found = await listElections(db, clusterId, { termYear, kind }, page)
  return { items: await present(db, found.items), nextCursor: found.nextCursor }
}

export async function readElection ({ db }: ReadContext, { electionId }: { electionId: string }): Promise<PresentedElection> {
  const [election] = await present(db, [await getElection(db, electionId)])
  return election
}

/**
 * Opens the first round, or the next after a tie or a round without quorum. The electorate is fixed now: the
 * cluster's members on the vote's day.
 */
export async function openElection (ctx: WriteContext, { electionId }: { electionId: string }): Promise<PresentedElection> {
  const { trx, record } = ctx
  const before = await getElection(trx, electionId, { forUpdate: true })
  assertClusterScope(ctx.actor, before.clusterId)
  const opening = decideOpen(before)
  const next = 'afterRound' in opening ? (await getRound(trx, before.id, opening.afterRound)).tally!.next! : opening
  if (before.office === 'deputy') await electedHeadFor(trx, before, next.candidateUnitIds)
  const day = await voteDay(trx, before.clusterId, before.conferenceId, vietnamDate(ctx.now))
  const electorate = (await memberUnitIdsOn(trx, before.clusterId, day)).sort()
  assertElectorate(electorate, day)
  const round = before.round + 1
  await insertRound(trx, before.id, round, { ...next, electorate })
  const after = await updateElection(trx, before, { status: 'open', round })
  // Nobody has voted in a round just opened.
  const presented = { ...after, turnout: { round, electorate: electorate.length, voted: 0, votedUnitIds: [] } }
  record({ action: 'election.opened', resourceType: 'election', resourceId: after.id, before, after: presented })
  return presented
}

export interface BallotCommand {
  electionId: string
  voterUnitId: string
  choices: string[]
}

/** A ballot `admitBallot` found fit for the round it names; only `castBallot` stores it. */
export interface AdmittedBallot {
  electionId: string
  round: number
  voterUnitId: string
  choices: string[]
}

/**
 * Checks a ballot before its transaction starts (so ballots hold no lock while they are checked): the voter's scope,
 * an open round, the voter in its electorate, the choices. What it read may change before the ballot is stored;
 * `castBallot` then holds the round open for the insert.
 */
export async function admitBallot ({ db, actor }: ReadContext, command: BallotCommand): Promise<AdmittedBallot> {
  const { electionId } = command
  const voterUnitId = command.voterUnitId.toLowerCase()
  const choices = command.choices.map((id) => id.toLowerCase())
  assertUnitScope(actor, voterUnitId)
  const admission = await ballotAdmission(db, electionId)
  if (!admission) throw notFound('election', electionId)
  const roundNumber = openRoundOf(admission.election, 'ballot')
  const { round, rules } = admission
  if (!round) throw notFound('election_round', `${electionId}/${roundNumber}`)
  try {
    decideBallot(round, rules, { voterUnitId, choices })
  } catch (error) {
    // Checked before the ballot's transaction: a refusal naming the voter names it here.
    throw await withUnitNames(db, error)
  }
  return { electionId, round: round.round, voterUnitId, choices }
}

/** Stores an admitted ballot if its round is still open, apart from its voter; answers the receipt, shown once. */
export async function castBallot ({ trx, record, takeJournal }: WriteContext, ballot: AdmittedBallot): Promise<{ electionId: string, round: number, receipt: string }> {
  const { electionId, round, voterUnitId } = ballot
  const receipt = randomBytes(24).toString('base64url')
  // Recorded first so that the ballot's statement carries it; it is written only if the ballot is.
  record({ action: 'ballot.cast', resourceType: 'election', resourceId: electionId, after: { round, voterUnitId } })
  let stored: boolean
  try {
    stored = await insertBallotIfOpen(trx, { electionId, round, voterUnitId, receiptHash: hashReceipt(receipt), choices: ballot.choices }, takeJournal())
  } catch (error) {
    throw withoutBindings(error)
  }
  if (!stored) throw conflict('election_not_open', `Round ${round} closed before this ballot arrived.`)
  return { electionId, round, receipt }
}

/** The result of a closed or decided election, from its stored rounds (all of them, as `roundsOf` reads them). */
async function resultOf (db: Knex, election: Election, stored: Round[]) {
  const rounds = stored.filter((r) => r.tally !== null)
  const last = rounds[rounds.length - 1]
  return {
    electionId: election.id,
    kind: election.kind,
    office: election.office,
    titleCode: election.titleCode,
    termYear: election.termYear,
    status: election.status as 'closed' | 'decided' | 'cancelled',
    winners: election.winners,
    rounds: rounds.map((r) => ({ ...r.tally!, openedAt: r.openedAt, closedAt: r.closedAt! })),
    nextRound: election.status === 'closed' ? last.tally!.next : null,
    termWritten: electsTerm(election),
    proposals: election.kind === 'title' ? await proposalsOfElection(db, election.id) : []
  }
}

export type ElectionResult = Awaited<ReturnType<typeof resultOf>>

/**
 * Closes the open round and tallies it. A decided title election proposes its winners still eligible; a decided
 * deputy election writes next year's term; a tie or a round without quorum leaves it `closed`, to open the next round.
 */
export async function closeElection (ctx: WriteContext, { electionId }: { electionId: string }): Promise<{ election: Election, result: ElectionResult }> {
  const { trx, record } = ctx
  const before = await getElection(trx, electionId, { forUpdate: true })
  assertClusterScope(ctx.actor, before.clusterId)
  const roundNumber = openRoundOf(before, 'close')
  const cluster = await getCluster(trx, before.clusterId)
  const round = await getRound(trx, before.id, roundNumber)
  const year = tieBreakYear(before, round.round, cluster.rules)
  const scores = year === undefined ? undefined : (await finalRanking(trx, cluster, year))?.scores
  const decision = decideClose({
    election: before,
    round,
    rules: cluster.rules,
    ballots: await ballotChoices(trx, before.id, round.round),
    scores,
    seed: randomBytes(16).toString('hex')
  })
  const { tally } = decision
  await closeRound(trx, before.id, round.round, tally)
  const titleCode = before.titleCode!
  const winners = decision.rejudgeEligibility
    ? markIneligible(decision.winners, await titleEligibility(trx, cluster, before.termYear, titleCode, decision.winners.map((w) => w.unitId)), titleCode, before.termYear)
    : decision.winners
  const after = await updateElection(trx, before, { status: decision.status, winners })
  record({ action: 'election.closed', resourceType: 'election', resourceId: after.id, before, after: { ...after, tally } })
  const rounds = await roundsOf(trx, after.id)
  for (const p of await insertProposals(trx, proposalsOf(after, rounds))) {
    record({ action: 'title.proposed', resourceType: 'title_proposal', resourceId: `${p.clusterId}/${p.year}/${p.titleCode}/${p.unitId}`, after: p })
  }
  if (electsTerm(after)) {
    const head = await electedHeadFor(trx, after, [])
    const term = await findTerm(trx, after.clusterId, after.termYear)
    // Decided on the day of the vote: the conference's date when it was held at one, not the day it is recorded.
    const decidedOn = await voteDay(trx, after.clusterId, after.conferenceId, vietnamDate(ctx.now))
    await writeTerm(ctx, 'term.elected', after.clusterId, after.termYear, term, electedTerm(after, head, decidedOn))
  }
  return { election: after, result: await resultOf(trx, after, rounds) }
}

/** Cancels a draft, or an election awaiting its next round; the rounds closed keep their tally. */
export async function cancelElection (ctx: WriteContext, { electionId, reason }: { electionId: string, reason: string }): Promise<PresentedElection> {
  const { trx, actor, record } = ctx
  const before = await getElection(trx, electionId, { forUpdate: true })
  assertClusterScope(actor, before.clusterId)
  assertMayCancel(before.status)
  const after = await updateElection(trx, before, {
    status: 'cancelled',
    cancellation: { reason: reason.normalize('NFC').trim(), cancelledBy: actor.sub, cancelledAt: ctx.now.toISOString() }
  })
  record({ action: 'election.cancelled', resourceType: 'election', resourceId: after.id, before, after })
  const [presented] = await present(trx, [after])
  return presented
}

/**
 * Deletes a draft created by mistake (409 `election_not_draft` once a round has opened: its votes are history, and
 * cancelling is what ends it then; 409 `election_in_use` while a conference links it).
 */
export async function deleteElection (ctx: WriteContext, { electionId, ifMatch }: { electionId: string, ifMatch?: string }): Promise<void> {
  const { trx, actor, record } = ctx
  const [before] = await present(trx, [await getElection(trx, electionId, { forUpdate: true })])
  assertClusterScope(actor, before.clusterId)
  assertIfMatch(ifMatch, electionTag(before))
  assertDraftToDelete('election', before.id, before.status)
  assertUnreferenced('election', `The ${before.kind === 'title' ? `${before.titleCode} title` : `${before.office} unit`} election for ${before.termYear}`,
    await electionReferences(trx, before.id))
  await removeElection(trx, before.id)
  record({ action: 'election.deleted', resourceType: 'election', resourceId: before.id, before, after: null, eventData: before })
}

/** The tally of every closed round: 409 `election_not_closed` while a round is open or before the first opens. */
export async function readElectionResult ({ db }: ReadContext, { electionId }: { electionId: string }): Promise<{ election: Election, result: ElectionResult }> {
  const election = await getElection(db, electionId)
  assertHasResult(election)
  return { election, result: await resultOf(db, election, await roundsOf(db, election.id)) }
}

/** Confirms the ballot behind a receipt is counted, telling nothing of what it held. */
export async function verifyReceipt ({ db }: ReadContext, { electionId, receipt }: { electionId: string, receipt: string }) {
  await getElection(db, electionId)
  const found = await findReceipt(db, electionId, hashReceipt(receipt))
  if (!found) throw new DomainError('not_found', 'receipt_not_found', 'No ballot of this election has this receipt.')
  const round = await getRound(db, electionId, found.round)
  return { electionId, round: found.round, counted: true, roundClosed: round.closedAt !== null }
}

export async function listTitleProposals (
  { db }: ReadContext,
  { clusterId, year, titleCode, ...page }: { clusterId: string, year?: number, titleCode?: string } & PageRequest
) {
  await getCluster(db, clusterId)
  return listProposals(db, clusterId, { year, titleCode }, page)
}
