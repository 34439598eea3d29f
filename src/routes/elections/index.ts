// Elections: an admin or the cluster's secretariat drafts, opens and closes a secret ballot; each member unit
// casts one ballot per round (ballots.ts); every role reads turnout and, after close, the tally.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import { ClusterParams } from '../../http/common-schemas.js'
import {
  cancelElection, closeElection, deleteElection, draftElection, electionTag, listClusterElections, listTitleProposals, openElection, readElection,
  readElectionResult, resultTag
} from '../../services/elections.js'
import { CancelElection, Election as ElectionSchema, ElectionListQuery, ElectionPage, ElectionParams, NewElection } from './schemas.js'
import { ElectionResult, ProposalListQuery, TitleProposalPage } from './result-schemas.js'
import ballotRoutes from './ballots.js'

const tags = ['elections']

const electionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/clusters/:clusterId/elections', {
    config: { roles: ['admin', 'secretariat'], etag: true, location: true, scope: { secretariat: 'own cluster only; only an admin overrides title eligibility' } },
    schema: {
      operationId: 'createElection',
      summary: 'Draft an election: honour units for a title, or elect next year\'s head or deputy unit',
      description: 'A `title` election (bỏ phiếu suy tôn) names `titleCode`, a title for collectives of the catalogue ' +
        '(422 `title_unknown`, `title_not_for_collectives`); its candidates must meet the title\'s standard in the ' +
        'cluster\'s finalized annual ranking of `termYear` (422 `ranking_not_final`, `candidate_not_eligible`, ' +
        '`already_proposed`). A `leadership` election (bầu Cụm trưởng, Cụm phó) names `office`: `head` first, then ' +
        '`deputy`, whose candidates cannot include the year\'s elected head (422 `candidate_is_head`). Candidates are distinct member units of the cluster on the vote\'s day (422 `candidate_not_member`); ' +
        '`conferenceId` ties the vote to a conference of the cluster, whose date is the vote\'s day. The draft takes no ' +
        'ballots until opened. Answers it with its ETag and Location; audited and emitted as `election.created`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewElection),
      response: { 201: ref(ElectionSchema, { description: 'The draft created.' }), ...problems({ 404: ['cluster_not_found', 'conference_not_found'], 422: ['already_proposed', 'candidate_is_head', 'candidate_not_eligible', 'candidate_not_member', 'conference_not_in_cluster', 'duplicate_candidate', 'invalid_scheme', 'invalid_scoring_input', 'more_seats_than_candidates', 'office_not_allowed', 'office_required', 'one_seat_per_office', 'outgoing_head_not_eligible', 'override_for_titles_only', 'ranking_not_final', 'seats_fixed_by_rules', 'title_code_not_allowed', 'title_code_required', 'title_not_for_collectives', 'title_unknown'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const election = await draftElection(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: election, headers: { etag: electionTag(election), location: `/v1/elections/${election.id}` } }
  })))

  app.get('/v1/clusters/:clusterId/elections', {
    schema: {
      operationId: 'listElections',
      summary: 'A cluster\'s elections, the latest term year first',
      description: 'Every election of the cluster in any status, each with its current round\'s turnout, one page at a ' +
        'time; `termYear` and `kind` narrow the list. Turnout names who has voted, never how. 404 when the cluster ' +
        'does not exist.',
      tags,
      params: ClusterParams,
      querystring: ElectionListQuery,
      response: { 200: ref(ElectionPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterElections(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/elections/:electionId', {
    schema: {
      operationId: 'getElection',
      summary: 'An election with its current round\'s turnout (who has voted, never how)',
      description: 'Status `draft` → `open` → `closed` (a tie or no quorum: open the next round) → `decided`, or ' +
        '`cancelled`. Ballots are secret: the turnout lists the units that have voted in the current round, and the ' +
        'tally is only in `/result` once a round closes. The ETag changes with every ballot; send it as If-None-Match ' +
        'to poll the turnout cheaply (304 while no one has voted since).',
      tags,
      params: ElectionParams,
      response: { 200: ref(ElectionSchema), ...notModified, ...problems({ 404: ['election_not_found'] }) }
    }
  }, async (request, reply) => {
    const election = await readElection(readContext(request), request.params)
    return reply.header('etag', electionTag(election)).send(election)
  })

  app.post('/v1/elections/:electionId/open', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'openElection',
      summary: 'Open the first round, or the next round after a tie or a round without quorum',
      description: 'The electorate is fixed when the round opens: the member units of the cluster on the date of the ' +
        'conference the vote belongs to, else that day. ' +
        'A deputy election opens only once the year\'s head is elected, and the head cannot stand for deputy. ' +
        '409 `election_not_openable` unless a draft or a closed round awaiting the next. Audited and emitted as ' +
        '`election.opened`.',
      tags,
      params: ElectionParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(ElectionSchema, { description: 'The election, its new round open.' }), ...problems({ 404: ['conference_not_found', 'election_not_found', 'election_round_not_found'], 409: ['election_not_openable'], 422: ['candidate_is_head', 'conference_not_in_cluster', 'head_not_elected', 'no_electorate'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const election = await openElection(ctx, request.params)
    return { statusCode: 200, body: election, headers: { etag: electionTag(election) } }
  })))

  await app.register(ballotRoutes)

  app.post('/v1/elections/:electionId/close', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'closeElection',
      summary: 'Close the open round and tally it',
      description: 'A decided leadership election for the deputy writes next year\'s term (the elected head and this ' +
        'deputy, chosenBy `election`) and records the flag handover when the head changes. A decided title election ' +
        'judges its winners\' eligibility again on the finalized ranking as it is at the close (unless an admin overrode ' +
        'it): a winner no longer eligible (e.g. put under discipline since the draft) carries `ineligibility` and is not ' +
        'proposed; the others become the cluster\'s proposals. A tie or a round without quorum leaves the election ' +
        '`closed`, to open the next round. Audited and emitted as `election.closed` with the round\'s counts (never ' +
        'a ballot), then `title.proposed` per proposal, or `term.elected` when a deputy election writes next year\'s term.',
      tags,
      params: ElectionParams,
      headers: IdempotencyHeaders,
      response: { 200: ref(ElectionResult, { description: 'The result so far.' }), ...problems({ 404: ['cluster_not_found', 'election_not_found', 'election_round_not_found'], 409: ['election_not_open'], 422: ['already_proposed', 'candidate_is_head', 'head_not_elected', 'invalid_scheme', 'invalid_scoring_input', 'ranking_not_final'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const { election, result } = await closeElection(ctx, request.params)
    return { statusCode: 200, body: result, headers: { etag: resultTag(election) } }
  })))

  app.post('/v1/elections/:electionId/cancel', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'cancelElection',
      summary: 'Cancel a draft election, or one awaiting its next round',
      description: 'For a mistaken draft, or a vote the conference abandons after a tie or a round without quorum. ' +
        'The rounds already closed keep their tally (`/result`). 409 `election_not_cancellable` while a round is open ' +
        '(close it first, so its ballots are counted), once decided, or when already cancelled. The reason is ' +
        'recorded; audited and emitted as `election.cancelled`.',
      tags,
      params: ElectionParams,
      headers: IdempotencyHeaders,
      body: ref(CancelElection),
      response: { 200: ref(ElectionSchema, { description: 'The election, cancelled.' }), ...problems({ 404: ['election_not_found'], 409: ['election_not_cancellable'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const election = await cancelElection(ctx, { ...request.params, ...request.body })
    return { statusCode: 200, body: election, headers: { etag: electionTag(election) } }
  })))

  app.get('/v1/elections/:electionId/result', {
    schema: {
      operationId: 'getElectionResult',
      summary: 'The tally, winners, quorum and threshold outcome of every closed round, and the next round when tied',
      description: '409 `election_not_closed` while a round is open or before the first opens: the tally exists only after close. ' +
        'Counts per candidate, never per voter. Its ETag changes only when the election does (a new round, a decision).',
      tags,
      params: ElectionParams,
      response: { 200: ref(ElectionResult), ...notModified, ...problems({ 404: ['election_not_found'], 409: ['election_not_closed'] }) }
    }
  }, async (request, reply) => {
    const { election, result } = await readElectionResult(readContext(request), request.params)
    return reply.header('etag', resultTag(election)).send(result)
  })

  app.get('/v1/clusters/:clusterId/title-proposals', {
    schema: {
      operationId: 'listTitleProposals',
      summary: 'The cluster\'s proposals for titles, each with the vote behind it',
      description: 'What decided title elections (suy tôn) recorded: one proposal per unit, title and year, with the ' +
        'round, votes, ballots cast and electorate behind it, for the award dossier. `year` and `titleCode` narrow the ' +
        'list. A unit proposed for a title in a year cannot stand for it again that year.',
      tags,
      params: ClusterParams,
      querystring: ProposalListQuery,
      response: { 200: ref(TitleProposalPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listTitleProposals(readContext(request), { ...request.params, ...request.query }))

  app.delete('/v1/elections/:electionId', {
    config: { roles: ['admin', 'secretariat'], scope: { secretariat: 'own cluster only' } },
    schema: {
      operationId: 'deleteElection',
      summary: 'Delete a draft election created by mistake',
      description: 'An admin, or the secretariat of the election\'s cluster, removes a draft that never opened. Once a ' +
        'round has opened its votes are history: 409 `election_not_draft` (cancel it instead). 409 `election_in_use` ' +
        'while a conference links it (`references` says how many). If-Match is optional (412 when stale). A retry with the same Idempotency-Key replays the 204. The audit trail keeps the record as it was, and the feed emits `election.deleted` with it.',
      tags,
      params: ElectionParams,
      headers: DeleteHeaders,
      response: { ...noContent('The draft is deleted.'), ...problems({ 404: ['election_not_found'], 409: ['election_in_use', 'election_not_draft'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deleteElection(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))
}

export default electionsRoutes
