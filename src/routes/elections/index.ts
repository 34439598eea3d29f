// Elections: an admin or the cluster's secretariat drafts, opens and closes a secret ballot; each member unit
// casts one ballot per round (itself, or through an admin); every role reads turnout and, after close, the tally.
// Secrecy: the ballot's choices go to one table with no voter, and nowhere else — not the audit, the events, the
// logs or an idempotency record (ballots refuse Idempotency-Key; a retry is answered 409 `already_voted`).
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { assertClusterScope, assertUnitScope } from '../../auth/access.js'
import { getCluster } from '../../db/clusters-repository.js'
import {
  ballotChoices, closeRound, findReceipt, getElection, getRound, insertBallot, insertElection, insertProposals, insertRound,
  listElections, listProposals, lockOpenRound, proposalsOfElection, roundsOf, turnoutsOf, updateElection, type Election, type Round
} from '../../db/elections-repository.js'
import { findTerm } from '../../db/terms-repository.js'
import { vietnamDate } from '../../domain/dates.js'
import { assertChoices, assertMayCancel, electionSeats, tallyRound } from '../../domain/election.js'
import { conflict, DomainError, forbidden, ruleBroken } from '../../domain/errors.js'
import { etagOf } from '../../domain/versions.js'
import { IdempotencyHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { writeTerm } from '../../services/write-term.js'
import {
  assertCandidatesAreMembers, assertOutgoingHeadRule, assertTitleCandidates, electedHeadFor, finalRanking, judgedWinners, voteDay
} from '../../services/election-checks.js'
import {
  BallotReceipt, CancelElection, Election as ElectionSchema, ElectionListQuery, ElectionPage, ElectionParams, ElectionResult, NewBallot, NewElection, ProposalListQuery, ReceiptCheck, ReceiptParams, TitleProposalPage
} from './schemas.js'
import { memberUnitIdsOn } from '../../db/memberships-repository.js'

const tags = ['elections']

const hashReceipt = (receipt: string) => createHash('sha256').update(receipt).digest('hex')

/** A storage failure of a ballot without its query text: knex puts the bindings (the choices) in the message. */
function withoutBindings (error: unknown): Error {
  const e = error as { code?: unknown, constraint?: unknown }
  return Object.assign(new Error('The ballot could not be stored.'), { code: e?.code, constraint: e?.constraint })
}

const electionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => vietnamDate(app.clock())

  /** The election's ETag: its version and, once a round is open, the round's turnout, which ballots change. */
  const tagOf = (election: Election, voted: number) => (election.round === 0 ? etagOf(election.version) : `"v${election.version}.${voted}"`)

  /** The elections as answered: each row with its current round's turnout (null before the first round opens). */
  async function present (elections: Election[], db: typeof app.db = app.db) {
    const turnouts = await turnoutsOf(db, elections)
    return elections.map((election) => {
      const turnout = turnouts.get(election.id)
      return { ...election, turnout: turnout ? { round: election.round, ...turnout, voted: turnout.votedUnitIds.length } : null }
    })
  }

  app.post('/v1/clusters/:clusterId/elections', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'createElection',
      summary: 'Draft an election: honour units for a title, or elect next year\'s head or deputy unit',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewElection),
      response: { 201: ref(ElectionSchema, { description: 'The draft created.' }), ...problems(400, 403, 404, 422) }
    }
  }, async (request, reply) => {
    const { clusterId } = request.params
    assertClusterScope(request.actor, clusterId)
    const { eligibilityOverride, conferenceId = null, ...draft } = request.body
    if (eligibilityOverride && request.actor.role !== 'admin') throw forbidden('Only an admin may override title eligibility.')
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      // Locking the cluster serialises its elections' creation with the proposals that decide eligibility.
      const cluster = await getCluster(trx, clusterId, { forUpdate: true })
      const candidateUnitIds = draft.candidateUnitIds.map((id) => id.toLowerCase())
      const seats = electionSeats({ ...draft, candidateUnitIds }, cluster.rules)
      if (eligibilityOverride && draft.kind !== 'title') {
        throw ruleBroken('override_for_titles_only', 'An eligibility override applies to title elections only.')
      }
      await assertCandidatesAreMembers(trx, clusterId, candidateUnitIds, await voteDay(trx, clusterId, conferenceId, today()))
      if (draft.kind === 'title') await assertTitleCandidates(trx, cluster, { ...draft, candidateUnitIds }, eligibilityOverride !== undefined)
      else if (draft.office === 'head') await assertOutgoingHeadRule(trx, cluster, draft.termYear, candidateUnitIds)
      const election = await insertElection(trx, {
        clusterId,
        conferenceId,
        kind: draft.kind,
        office: draft.office ?? null,
        titleCode: draft.titleCode ?? null,
        termYear: draft.termYear,
        seats,
        candidateUnitIds,
        eligibilityOverride: eligibilityOverride ? { reason: eligibilityOverride.reason, by: request.actor.sub } : null
      })
      const body = { ...election, turnout: null }
      record({ action: 'election.created', resourceType: 'election', resourceId: election.id, after: body })
      return { statusCode: 201, body, headers: { etag: etagOf(election.version), location: `/v1/elections/${election.id}` } }
    }))
  })

  app.get('/v1/clusters/:clusterId/elections', {
    schema: {
      operationId: 'listElections',
      summary: 'A cluster\'s elections, the latest term year first',
      tags,
      params: ClusterParams,
      querystring: ElectionListQuery,
      response: { 200: ref(ElectionPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { clusterId } = request.params
    await getCluster(app.db, clusterId)
    const { termYear, kind, ...page } = request.query
    const found = await listElections(app.db, clusterId, { termYear, kind }, page)
    return { items: await present(found.items), nextCursor: found.nextCursor }
  })

  app.get('/v1/elections/:electionId', {
    schema: {
      operationId: 'getElection',
      summary: 'An election with its current round\'s turnout (who has voted, never how)',
      tags,
      params: ElectionParams,
      response: { 200: ref(ElectionSchema), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const [election] = await present([await getElection(app.db, request.params.electionId)])
    return reply.header('etag', tagOf(election, election.turnout?.voted ?? 0)).send(election)
  })

  app.post('/v1/elections/:electionId/open', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'openElection',
      summary: 'Open the first round, or the next round after a tie or a round without quorum',
      description: 'The electorate is fixed when the round opens: the member units of the cluster on the date of the ' +
        'conference the vote belongs to, else that day. ' +
        'A deputy election opens only once the year\'s head is elected, and the head cannot stand for deputy.',
      tags,
      params: ElectionParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(ElectionSchema, { description: 'The election, its new round open.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getElection(trx, request.params.electionId, { forUpdate: true })
    assertClusterScope(request.actor, before.clusterId)
    let next: { candidateUnitIds: string[], seats: number }
    if (before.status === 'draft') {
      next = { candidateUnitIds: before.candidateUnitIds, seats: before.seats }
    } else if (before.status === 'closed') {
      next = (await getRound(trx, before.id, before.round)).tally!.next!
    } else {
      throw conflict('election_not_openable', `The election is ${before.status}; only a draft or a closed round awaiting the next can open.`, { electionStatus: before.status })
    }
    if (before.office === 'deputy') await electedHeadFor(trx, before, next.candidateUnitIds)
    const day = await voteDay(trx, before.clusterId, before.conferenceId, today())
    const electorate = (await memberUnitIdsOn(trx, before.clusterId, day)).sort()
    if (electorate.length === 0) throw ruleBroken('no_electorate', `The cluster has no member units on ${day}, so no one could vote.`)
    const round = before.round + 1
    await insertRound(trx, before.id, round, { ...next, electorate })
    const after = await updateElection(trx, before, { status: 'open', round })
    // Nobody has voted in a round just opened.
    const body = { ...after, turnout: { round, electorate: electorate.length, voted: 0, votedUnitIds: [] } }
    record({ action: 'election.opened', resourceType: 'election', resourceId: after.id, before, after: body })
    return { statusCode: 200, body, headers: { etag: tagOf(after, 0) } }
  })))

  app.post('/v1/elections/:electionId/ballots', {
    // A stored answer would tie the voter to the receipt, and so to the ballot.
    config: { roles: ['admin', 'unit'], idempotency: false },
    schema: {
      operationId: 'castBallot',
      summary: 'Cast a unit\'s secret ballot in the open round; answers a receipt',
      description: 'One ballot per member unit per round, enforced by the database. A unit token votes for its own unit ' +
        'only. The choices are stored apart from the voter and are never audited, evented or logged. Idempotency-Key is ' +
        'refused here (400): replaying would need the answer stored with the voter; a retry gets 409 `already_voted`.',
      tags,
      params: ElectionParams,
      body: ref(NewBallot),
      response: { 201: ref(BallotReceipt, { description: 'Counted; keep the receipt.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const { electionId } = request.params
    const voterUnitId = request.body.voterUnitId.toLowerCase()
    const choices = request.body.choices.map((id) => id.toLowerCase())
    assertUnitScope(request.actor, voterUnitId)
    const election = await getElection(app.db, electionId)
    if (election.status !== 'open') throw conflict('election_not_open', `The election is ${election.status}; ballots go into an open round.`, { electionStatus: election.status })
    const round = await getRound(app.db, electionId, election.round)
    if (!round.electorate.includes(voterUnitId)) {
      throw ruleBroken('voter_not_in_electorate', `Unit ${voterUnitId} was not a member of the cluster when round ${round.round} opened, so it cannot vote in it.`)
    }
    const { rules } = await getCluster(app.db, election.clusterId)
    assertChoices(choices, round, { unitId: voterUnitId, selfVoteAllowed: rules.selfVoteAllowed })
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      if (!(await lockOpenRound(trx, electionId, round.round))) {
        throw conflict('election_not_open', `Round ${round.round} closed before this ballot arrived.`)
      }
      const receipt = randomBytes(24).toString('base64url')
      try {
        await insertBallot(trx, { electionId, round: round.round, voterUnitId, receiptHash: hashReceipt(receipt), choices })
      } catch (error) {
        throw withoutBindings(error)
      }
      record({ action: 'ballot.cast', resourceType: 'election', resourceId: electionId, after: { round: round.round, voterUnitId } })
      return { statusCode: 201, body: { electionId, round: round.round, receipt } }
    }))
  })

  app.post('/v1/elections/:electionId/close', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'closeElection',
      summary: 'Close the open round and tally it',
      description: 'A decided leadership election for the deputy writes next year\'s term (the elected head and this ' +
        'deputy, chosenBy `election`) and records the flag handover when the head changes. A decided title election ' +
        'judges its winners\' eligibility again on the finalized ranking as it is at the close (unless an admin overrode ' +
        'it): a winner no longer eligible (e.g. put under discipline since the draft) carries `ineligibility` and is not ' +
        'proposed; the others become the cluster\'s proposals. A tie or a round without quorum leaves the election ' +
        '`closed`, to open the next round.',
      tags,
      params: ElectionParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(ElectionResult, { description: 'The result so far.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { trx, record } = ctx
    const before = await getElection(trx, request.params.electionId, { forUpdate: true })
    assertClusterScope(request.actor, before.clusterId)
    if (before.status !== 'open') throw conflict('election_not_open', `The election is ${before.status}; only an open round can close.`, { electionStatus: before.status })
    const cluster = await getCluster(trx, before.clusterId)
    const round = await getRound(trx, before.id, before.round)
    // Scores settle a tie only in the last voting round: the ranking of the title's year, or of the outgoing year.
    const scores = round.round >= cluster.rules.votingRoundsBeforeTieBreak
      ? (await finalRanking(trx, cluster, before.kind === 'title' ? before.termYear : before.termYear - 1))?.scores
      : undefined
    const tally = tallyRound({
      round: round.round,
      candidateUnitIds: round.candidateUnitIds,
      seats: round.seats,
      electorate: round.electorate.length,
      ballots: await ballotChoices(trx, before.id, round.round),
      rules: cluster.rules,
      scores,
      seed: randomBytes(16).toString('hex')
    })
    await closeRound(trx, before.id, round.round, tally)
    const decided = tally.outcome === 'decided' || tally.outcome === 'no_winner'
    const elected = [...before.winners, ...tally.winners.map((w) => ({ ...w, round: round.round }))]
    const after = await updateElection(trx, before, {
      status: decided ? 'decided' : 'closed',
      // Eligibility is judged again now: what the ranking says at the close decides who is proposed.
      winners: decided && before.kind === 'title' ? await judgedWinners(trx, cluster, before, elected) : elected
    })
    record({ action: 'election.closed', resourceType: 'election', resourceId: after.id, before, after: { ...after, tally } })
    const rounds = await roundsOf(trx, after.id)
    if (decided && after.kind === 'title') {
      const byNumber = new Map(rounds.map((r) => [r.round, r]))
      const proposals = await insertProposals(trx, after.winners.filter((w) => !w.ineligibility).map((w) => ({
        clusterId: after.clusterId,
        year: after.termYear,
        titleCode: after.titleCode!,
        unitId: w.unitId,
        electionId: after.id,
        round: w.round,
        votes: w.votes,
        ballotsCast: byNumber.get(w.round)!.tally!.ballotsCast,
        electorate: byNumber.get(w.round)!.electorate.length,
        decidedBy: w.decidedBy
      })))
      for (const p of proposals) {
        record({ action: 'title.proposed', resourceType: 'title_proposal', resourceId: `${p.clusterId}/${p.year}/${p.titleCode}/${p.unitId}`, after: p })
      }
    }
    if (decided && after.office === 'deputy' && after.winners.length > 0) {
      const head = await electedHeadFor(trx, after, [])
      const deputyUnitId = after.winners[0].unitId
      await writeTerm(ctx, 'term.elected', after.clusterId, after.termYear, await findTerm(trx, after.clusterId, after.termYear), {
        headUnitId: head.unitId,
        deputyUnitId,
        chosenBy: 'election',
        decidedOn: today(),
        note: `Elected by ballot: head in election ${head.electionId}, deputy in election ${after.id}.`
      })
    }
    return { statusCode: 200, body: await resultOf(trx, after, rounds), headers: { etag: etagOf(after.version) } }
  })))

  /** The result of a closed or decided election, from its stored rounds (all of them, as `roundsOf` reads them). */
  async function resultOf (db: typeof app.db, election: Election, stored: Round[]) {
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
      termWritten: election.status === 'decided' && election.office === 'deputy' && election.winners.length > 0,
      proposals: election.kind === 'title' ? await proposalsOfElection(db, election.id) : []
    }
  }

  app.post('/v1/elections/:electionId/cancel', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'cancelElection',
      summary: 'Cancel a draft election, or one awaiting its next round',
      description: 'For a mistaken draft, or a vote the conference abandons after a tie or a round without quorum. ' +
        'The rounds already closed keep their tally (`/result`). 409 `election_not_cancellable` while a round is open ' +
        '(close it first, so its ballots are counted), once decided, or when already cancelled.',
      tags,
      params: ElectionParams,
      headers: IdempotencyHeaders,
      body: ref(CancelElection),
      response: { 200: ref(ElectionSchema, { description: 'The election, cancelled.' }), ...problems(400, 403, 404, 409) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getElection(trx, request.params.electionId, { forUpdate: true })
    assertClusterScope(request.actor, before.clusterId)
    assertMayCancel(before.status)
    const after = await updateElection(trx, before, {
      status: 'cancelled',
      cancellation: { reason: request.body.reason.normalize('NFC').trim(), cancelledBy: request.actor.sub, cancelledAt: app.clock().toISOString() }
    })
    record({ action: 'election.cancelled', resourceType: 'election', resourceId: after.id, before, after })
    const [body] = await present([after], trx)
    return { statusCode: 200, body, headers: { etag: tagOf(after, body.turnout?.voted ?? 0) } }
  })))

  app.get('/v1/elections/:electionId/result', {
    schema: {
      operationId: 'getElectionResult',
      summary: 'The tally, winners, quorum and threshold outcome of every closed round, and the next round when tied',
      description: '409 `election_not_closed` while a round is open or before the first opens: the tally exists only after close.',
      tags,
      params: ElectionParams,
      response: { 200: ref(ElectionResult), ...notModified, ...problems(400, 403, 404, 409) }
    }
  }, async (request, reply) => {
    const election = await getElection(app.db, request.params.electionId)
    if (election.status === 'draft' || election.status === 'open' || election.round === 0) {
      throw conflict('election_not_closed', `The election is ${election.status}${election.round === 0 ? ' and never opened' : ''}: its tally is known only once a round closes.`, { electionStatus: election.status })
    }
    return reply.header('etag', etagOf(election.version)).send(await resultOf(app.db, election, await roundsOf(app.db, election.id)))
  })

  app.get('/v1/elections/:electionId/receipts/:receipt', {
    schema: {
      operationId: 'checkBallotReceipt',
      summary: 'Check that the ballot behind a receipt is counted (without revealing what it held)',
      tags,
      params: ReceiptParams,
      response: { 200: ref(ReceiptCheck), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { electionId, receipt } = request.params
    await getElection(app.db, electionId)
    const found = await findReceipt(app.db, electionId, hashReceipt(receipt))
    if (!found) throw new DomainError('not_found', 'receipt_not_found', 'No ballot of this election has this receipt.')
    const round = await getRound(app.db, electionId, found.round)
    return { electionId, round: found.round, counted: true, roundClosed: round.closedAt !== null }
  })

  app.get('/v1/clusters/:clusterId/title-proposals', {
    schema: {
      operationId: 'listTitleProposals',
      summary: 'The cluster\'s proposals for titles, each with the vote behind it',
      tags,
      params: ClusterParams,
      querystring: ProposalListQuery,
      response: { 200: ref(TitleProposalPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { clusterId } = request.params
    await getCluster(app.db, clusterId)
    const { year, titleCode, ...page } = request.query
    return listProposals(app.db, clusterId, { year, titleCode }, page)
  })
}

export default electionsRoutes
