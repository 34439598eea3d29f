import { Type } from 'typebox'
import { ELECTION_KINDS, ELECTION_STATUSES, OFFICES } from '../../domain/election.js'
import { Instant, INT32_MAX, Integer, pageOf, PageQuery, ref, Subject, Uuid } from '../../http/shared-schemas.js'
import { EligibilityOverride, IdParam, TitleCode } from '../../http/common-schemas.js'
import { discriminated } from '../../http/discriminated.js'
import { Count, ElectedUnit, RoundNumber, TermYear, UnitIds } from './schema-parts.js'
import { ElectionResult, RoundResult, TitleProposal, TitleProposalPage } from './result-schemas.js'
import {
  ballotReceiptExample, cancelElectionExample, electionExample, EXAMPLE_ELECTION_ID, newBallotExample, newElectionExamples, receiptCheckExample
} from './examples.js'

export const ElectionCancellation = Type.Object({
  reason: Type.String({ maxLength: 2000 }),
  cancelledBy: Subject({ description: 'Who cancelled it (token subject).' }),
  cancelledAt: ref(Instant)
}, { $id: 'ElectionCancellation', description: 'Why, by whom and when the election was cancelled.' })

export const CancelElection = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Why the vote is cancelled (recorded).' })
}, { $id: 'CancelElection', additionalProperties: false, examples: [cancelElectionExample] })

export const Turnout = Type.Object({
  round: RoundNumber(),
  electorate: Count({ description: 'Member units entitled to vote in the round.' }),
  voted: Count(),
  votedUnitIds: UnitIds('The units that have voted, ordered by id. Never what they voted.')
}, { $id: 'Turnout', description: 'Who has voted in the current round (public); the tally comes only after close.' })

export const Election = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  conferenceId: Type.Union([ref(Uuid), Type.Null()], { description: 'The conference that holds the vote, when given.' }),
  kind: Type.Enum([...ELECTION_KINDS], { description: '`leadership`: elect next year\'s head or deputy unit; `title`: honour units for a title.' }),
  office: Type.Union([Type.Enum([...OFFICES]), Type.Null()], { description: 'For `leadership`: the office elected. Null for titles.' }),
  titleCode: Type.Union([TitleCode, Type.Null()], { description: 'For `title`: the title. Null for leadership.' }),
  termYear: TermYear,
  seats: Integer(1, 100, { description: 'Units to elect in the first round.' }),
  candidateUnitIds: UnitIds('The first round\'s candidates.'),
  eligibilityOverride: Type.Union([ref(EligibilityOverride), Type.Null()]),
  status: Type.Enum([...ELECTION_STATUSES], {
    description: '`draft` → `open` (a round takes ballots) → `closed` (a new round is needed: a tie or no quorum; ' +
      'open it) → … → `decided`. A draft or a `closed` election may be `cancelled` instead.'
  }),
  cancellation: Type.Union([ref(ElectionCancellation), Type.Null()], { description: 'Set once cancelled.' }),
  round: RoundNumber({ description: 'The current (or last) round; 0 before the first opens.' }),
  turnout: Type.Union([ref(Turnout), Type.Null()], { description: 'Null before the first round opens.' }),
  winners: Type.Array(ref(ElectedUnit), { maxItems: 100, description: 'Elected so far, across rounds.' }),
  version: Integer(1, INT32_MAX, { description: 'Increases with every change of the election; its ETag adds the round\'s turnout, which ballots change.' }),
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Election',
  description: 'A secret ballot of a cluster: for a title (suy tôn) or for next year\'s head or deputy unit.',
  examples: [electionExample]
})

export const ElectionPage = Object.assign(pageOf(Election, 'ElectionPage'), { examples: [{ items: [electionExample], nextCursor: null }] })

// The parts every new election has, whatever its kind.
const newElectionFields = {
  termYear: TermYear,
  candidateUnitIds: Type.Array(ref(Uuid), { minItems: 1, maxItems: 500, description: 'Distinct member units of the cluster.' }),
  conferenceId: Type.Optional(Type.Union([ref(Uuid), Type.Null()], { description: 'A conference of this cluster.' }))
}

export const NewLeadershipElection = Type.Object({
  kind: Type.Literal('leadership'),
  office: Type.Enum([...OFFICES], { description: '`head` (elected first) or `deputy` (once the head is elected).' }),
  ...newElectionFields,
  seats: Type.Optional(Integer(1, 1, { description: 'A leadership election elects one unit: 1 when given.' }))
}, {
  $id: 'NewLeadershipElection',
  additionalProperties: false,
  description: 'A draft election of next year\'s head or deputy unit (bầu Cụm trưởng, Cụm phó): it names its office and elects one unit.'
})

export const NewTitleElection = Type.Object({
  kind: Type.Literal('title'),
  titleCode: TitleCode,
  ...newElectionFields,
  seats: Type.Optional(Integer(1, 100, {
    description: 'Units to elect: the cluster\'s `titleSeats` for the title, else 1 when left out.'
  })),
  eligibilityOverride: Type.Optional(Type.Object({
    reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' })
  }, {
    additionalProperties: false,
    description: 'Admin only: put forward title candidates the finalized ranking does not make eligible, for the reason given (recorded).'
  }))
}, {
  $id: 'NewTitleElection',
  additionalProperties: false,
  description: 'A draft title election (suy tôn). Its candidates must be eligible in the cluster\'s finalized annual ranking of ' +
    '`termYear`: no unit under discipline; the Ministry flag needs the Ministry-flag band; the Government flag only ' +
    'the leading unit. A unit already proposed for the title that year cannot stand again.'
})

/**
 * A draft election, one shape per `kind` (the discriminator), so that a leadership election without its office, or
 * a title election without its title, is refused by the schema (400 naming the field) and by a generated client's types.
 */
export const NewElection = discriminated('NewElection', 'kind', [NewLeadershipElection, NewTitleElection], {
  description: 'A draft election: `leadership` (next year\'s head or deputy unit) or `title` (suy tôn), told apart by `kind`.',
  examples: newElectionExamples
})

export const NewBallot = Type.Object({
  voterUnitId: ref(Uuid, { description: 'The voting unit: a member of the cluster when the round opened.' }),
  choices: Type.Array(ref(Uuid), {
    maxItems: 100,
    description: 'The candidates voted for, at most the round\'s seats, each once. Empty for a blank ballot.'
  })
}, { $id: 'NewBallot', additionalProperties: false, examples: [newBallotExample] })

export const BallotReceipt = Type.Object({
  electionId: ref(Uuid),
  round: RoundNumber(),
  receipt: Type.String({
    maxLength: 200,
    description: 'A secret only the voter holds: `GET /v1/elections/{electionId}/receipts/{receipt}` confirms the ' +
      'ballot was counted, and tells no one what it held. It is shown once; the service keeps only its hash.'
  })
}, { $id: 'BallotReceipt', examples: [ballotReceiptExample] })

export const ReceiptCheck = Type.Object({
  electionId: ref(Uuid),
  round: RoundNumber(),
  counted: Type.Boolean({ description: 'True: the ballot is in the round\'s ballot box, and in its tally once the round closes.' }),
  roundClosed: Type.Boolean()
}, { $id: 'ReceiptCheck', examples: [receiptCheckExample] })

const ElectionId = IdParam('The election\'s id.', EXAMPLE_ELECTION_ID)

export const ElectionParams = Type.Object({ electionId: ElectionId })

export const ReceiptParams = Type.Object({
  electionId: ElectionId,
  receipt: Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: '^[A-Za-z0-9_-]+$',
    description: 'The receipt the ballot was answered with (kept by the voter).',
    examples: [ballotReceiptExample.receipt]
  })
})

export const ElectionListQuery = Type.Object({
  ...PageQuery.properties,
  termYear: Type.Optional(TermYear),
  kind: Type.Optional(Type.Enum([...ELECTION_KINDS], { description: 'Only `leadership` elections (head, deputy) or only `title` elections (suy tôn).' }))
}, { additionalProperties: false })

export const electionSchemas = [
  EligibilityOverride, ElectionCancellation, CancelElection, ElectedUnit, Turnout, Election, ElectionPage, NewLeadershipElection, NewTitleElection, NewElection, NewBallot, BallotReceipt, ReceiptCheck,
  RoundResult, TitleProposal, TitleProposalPage, ElectionResult
]
