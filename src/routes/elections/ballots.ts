// The ballot box: a member unit casts one secret ballot per round (itself, or through an admin) and is answered a
// receipt, which anyone holding it can later check was counted. Secrecy: the choices go to one table with no voter,
// and nowhere else — not the audit, the events, the logs or an idempotency record.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { problems, ref } from '../../http/shared-schemas.js'
import { admitBallot, castBallot, verifyReceipt } from '../../services/elections.js'
import { BallotReceipt, ElectionParams, NewBallot, ReceiptCheck, ReceiptParams } from './schemas.js'

const tags = ['elections']

const ballotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/elections/:electionId/ballots', {
    // A stored answer would tie the voter to the receipt, and so to the ballot.
    config: { roles: ['admin', 'unit'], idempotency: false, scope: { unit: 'own unit only' } },
    schema: {
      operationId: 'castBallot',
      summary: 'Cast a unit\'s secret ballot in the open round; answers a receipt',
      description: 'One ballot per member unit per round, enforced by the database. A unit token votes for its own unit ' +
        'only. The choices are stored apart from the voter and are never audited, evented or logged. Idempotency-Key is ' +
        'refused here (400): replaying would need the answer stored with the voter; a retry gets 409 `already_voted`. ' +
        'Keep the receipt: it is shown once, and checks later that the ballot was counted. The audit and the feed record ' +
        '`ballot.cast` with the round and the voting unit only (the turnout).',
      tags,
      params: ElectionParams,
      body: ref(NewBallot),
      response: { 201: ref(BallotReceipt, { description: 'Counted; keep the receipt.' }), ...problems({ 404: ['election_not_found', 'election_round_not_found'], 409: ['already_voted', 'election_not_open'], 422: ['duplicate_choice', 'not_a_candidate', 'self_vote_not_allowed', 'too_many_choices', 'voter_not_in_electorate'] }) }
    }
  }, async (request, reply) => {
    // Checked before the transaction, so that ballots wait on no lock while they are checked.
    const ballot = await admitBallot(readContext(request), { ...request.params, ...request.body })
    return reply.sendResult(await request.write(async (ctx) => ({ statusCode: 201, body: await castBallot(ctx, ballot) })))
  })

  app.get('/v1/elections/:electionId/receipts/:receipt', {
    schema: {
      operationId: 'checkBallotReceipt',
      summary: 'Check that the ballot behind a receipt is counted (without revealing what it held)',
      description: 'The voter keeps the receipt its ballot was answered with; this confirms that ballot is in the ' +
        'round\'s ballot box (and in the tally once the round closes). It tells neither the voter nor the choices: ' +
        'the service keeps only the receipt\'s hash. 404 `receipt_not_found` for a receipt of no ballot of this election.',
      tags,
      params: ReceiptParams,
      response: { 200: ref(ReceiptCheck), ...problems({ 404: ['election_not_found', 'election_round_not_found', 'receipt_not_found'] }) }
    }
  }, async (request) => verifyReceipt(readContext(request), request.params))
}

export default ballotRoutes
