import { Type } from 'typebox'
import { ELECTION_KINDS, ELECTION_STATUSES, INELIGIBILITY_REASONS, OFFICES, ROUND_OUTCOMES } from '../../domain/election.js'
import { Instant, INT32_MAX, Integer, pageOf, PageQuery, ref, Subject, Uuid } from '../../http/shared-schemas.js'
import { Threshold, TitleCode } from '../../http/common-schemas.js'

const TermYear = Integer(1945, 2100, {
  description: 'For `leadership`, the year the elected units serve; for `title`, the year the title honours.',
  examples: [2017]
})
const Seats = Integer(1, 100)
const Year = Integer(1945, 2100)
/** A round number: 0 before the first round opens. */
const RoundNumber = (options: { description?: string } = {}) => Integer(0, 100, options)
const Count = (options: { description?: string } = {}) => Integer(0, INT32_MAX, options)
const UnitIds = (description: string, maxItems = 500) => Type.Array(ref(Uuid), { maxItems, description })
const DECIDED_BY = ['votes', 'final_score', 'lots'] as const

export const EligibilityOverride = Type.Object({
  reason: Type.String({ maxLength: 2000, description: 'Why the candidates stand although the ranking does not make them eligible.' }),
  by: Subject({ description: 'The admin who overrode (token subject).' })
}, { $id: 'EligibilityOverride', description: 'An admin\'s recorded decision to put forward candidates the ranking does not make eligible.' })

export const ElectionCancellation = Type.Object({
  reason: Type.String({ maxLength: 2000 }),
  cancelledBy: Subject({ description: 'Who cancelled it (token subject).' }),
  cancelledAt: ref(Instant)
}, { $id: 'ElectionCancellation', description: 'Why, by whom and when the election was cancelled.' })

export const CancelElection = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Why the vote is cancelled (recorded).' })
}, { $id: 'CancelElection', additionalProperties: false })

export const ElectedUnit = Type.Object({
  unitId: ref(Uuid),
  votes: Count({ description: 'Votes in the round that elected it.' }),
  round: RoundNumber(),
  decidedBy: Type.Enum([...DECIDED_BY], {
    description: '`votes`: reached the threshold within the seats; `final_score`: a tie after the last voting round ' +
      'settled by the higher final score of the year\'s ranking; `lots`: settled by the recorded drawing of lots.'
  }),
  ineligibility: Type.Optional(Type.Object({
    reason: Type.Enum([...INELIGIBILITY_REASONS], {
      description: '`under_discipline` (pending or in force in the year), `below_ministry_flag_band`, `not_leading_unit` ' +
        '(Government flag) or `not_ranked`, in the finalized ranking of the year.'
    }),
    detail: Type.String({ maxLength: 500 })
  }, {
    description: 'Only on a title election\'s winner that the finalized ranking no longer made eligible when the election ' +
      'closed: why it is not proposed.'
  }))
}, { $id: 'ElectedUnit' })

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
}, { $id: 'Election', description: 'A secret ballot of a cluster: for a title (suy tôn) or for next year\'s head or deputy unit.' })

export const ElectionPage = pageOf(Election, 'ElectionPage')

export const NewElection = Type.Object({
  kind: Type.Enum([...ELECTION_KINDS]),
  office: Type.Optional(Type.Enum([...OFFICES], {
    description: 'Required for `leadership`: `head` (elected first) or `deputy` (once the head is elected). Not for titles.'
  })),
  titleCode: Type.Optional(TitleCode),
  termYear: TermYear,
  seats: Type.Optional(Integer(1, 100, {
    description: 'Units to elect: 1 for leadership; for a title, the cluster\'s `titleSeats` for it, else 1 when left out.'
  })),
  candidateUnitIds: Type.Array(ref(Uuid), { minItems: 1, maxItems: 500, description: 'Distinct member units of the cluster.' }),
  conferenceId: Type.Optional(Type.Union([ref(Uuid), Type.Null()], { description: 'A conference of this cluster.' })),
  eligibilityOverride: Type.Optional(Type.Object({
    reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' })
  }, {
    additionalProperties: false,
    description: 'Admin only: put forward title candidates the finalized ranking does not make eligible, for the reason given (recorded).'
  }))
}, {
  $id: 'NewElection',
  additionalProperties: false,
  description: 'A draft election. Title candidates must be eligible in the cluster\'s finalized annual ranking of ' +
    '`termYear`: no unit under discipline; the Ministry flag needs the Ministry-flag band; the Government flag only ' +
    'the leading unit. A unit already proposed for the title that year cannot stand again.'
})

export const NewBallot = Type.Object({
  voterUnitId: ref(Uuid, { description: 'The voting unit: a member of the cluster when the round opened.' }),
  choices: Type.Array(ref(Uuid), {
    maxItems: 100,
    description: 'The candidates voted for, at most the round\'s seats, each once. Empty for a blank ballot.'
  })
}, { $id: 'NewBallot', additionalProperties: false })

export const BallotReceipt = Type.Object({
  electionId: ref(Uuid),
  round: RoundNumber(),
  receipt: Type.String({
    maxLength: 200,
    description: 'A secret only the voter holds: `GET /v1/elections/{electionId}/receipts/{receipt}` confirms the ' +
      'ballot was counted, and tells no one what it held. It is shown once; the service keeps only its hash.'
  })
}, { $id: 'BallotReceipt' })

export const ReceiptCheck = Type.Object({
  electionId: ref(Uuid),
  round: RoundNumber(),
  counted: Type.Boolean({ description: 'True: the ballot is in the round\'s ballot box, and in its tally once the round closes.' }),
  roundClosed: Type.Boolean()
}, { $id: 'ReceiptCheck' })

export const RoundResult = Type.Object({
  round: RoundNumber(),
  candidateUnitIds: UnitIds('The round\'s candidates.'),
  seats: Seats,
  electorate: Count({ description: 'Member units entitled to vote in the round.' }),
  ballotsCast: Count(),
  blankBallots: Count(),
  quorum: Type.Object({ required: ref(Threshold), met: Type.Boolean() }, { description: 'Ballots cast against the electorate.' }),
  threshold: Type.Object({
    required: ref(Threshold),
    base: Type.Enum(['ballots_cast', 'members']),
    baseCount: Count(),
    minimumVotes: Type.Union([Count(), Type.Null()], { description: 'The fewest votes that reach the threshold.' })
  }),
  counts: Type.Array(Type.Object({
    unitId: ref(Uuid),
    votes: Count(),
    reachesThreshold: Type.Boolean()
  }), { maxItems: 500, description: 'Every candidate, most votes first.' }),
  outcome: Type.Enum([...ROUND_OUTCOMES], {
    description: '`decided`; `tie`: a new round among the tied candidates; `no_quorum`: too few ballots, a new round ' +
      'with the same candidates; `no_winner`: nobody reached the threshold.'
  }),
  winners: Type.Array(Type.Object({
    unitId: ref(Uuid),
    votes: Count(),
    decidedBy: Type.Enum([...DECIDED_BY])
  }), { maxItems: 100 }),
  next: Type.Union([Type.Object({ candidateUnitIds: UnitIds('The tied candidates.'), seats: Seats }), Type.Null()]),
  lots: Type.Union([Type.Object({
    seed: Type.String({ maxLength: 64, description: 'Recorded so anyone can redo the drawing: order by SHA-256 of "<seed>:<unitId>".' }),
    order: UnitIds('The tied candidates in the order drawn.')
  }), Type.Null()]),
  openedAt: ref(Instant),
  closedAt: ref(Instant)
}, { $id: 'RoundResult', description: 'The tally of one closed round.' })

export const TitleProposal = Type.Object({
  clusterId: ref(Uuid),
  year: Year,
  titleCode: TitleCode,
  unitId: ref(Uuid),
  electionId: ref(Uuid),
  round: RoundNumber(),
  votes: Count(),
  ballotsCast: Count(),
  electorate: Count(),
  decidedBy: Type.Enum([...DECIDED_BY]),
  createdAt: ref(Instant)
}, { $id: 'TitleProposal', description: 'The cluster proposes the unit for the title that year, with the vote behind it.' })

export const TitleProposalPage = pageOf(TitleProposal, 'TitleProposalPage')

export const ElectionResult = Type.Object({
  electionId: ref(Uuid),
  kind: Type.Enum([...ELECTION_KINDS]),
  office: Type.Union([Type.Enum([...OFFICES]), Type.Null()]),
  titleCode: Type.Union([TitleCode, Type.Null()]),
  termYear: Year,
  status: Type.Enum(['closed', 'decided', 'cancelled'], { description: '`cancelled`: cancelled after the rounds shown, awaiting another.' }),
  winners: Type.Array(ref(ElectedUnit), { maxItems: 100 }),
  rounds: Type.Array(ref(RoundResult), { maxItems: 100, description: 'Every closed round, the first first.' }),
  nextRound: Type.Union([Type.Object({ candidateUnitIds: UnitIds('The next round\'s candidates.'), seats: Seats }), Type.Null()], {
    description: 'With status `closed`: the round to open next.'
  }),
  termWritten: Type.Boolean({
    description: 'For a decided deputy election: next year\'s term was written (head from the head election, this deputy).'
  }),
  proposals: Type.Array(ref(TitleProposal), {
    maxItems: 100,
    description: 'For a decided title election: the proposals it recorded, its winners still eligible at the close.'
  })
}, { $id: 'ElectionResult', description: 'The tally, winners, quorum and threshold outcome of every closed round.' })

export const ElectionParams = Type.Object({ electionId: ref(Uuid) })

export const ReceiptParams = Type.Object({
  electionId: ref(Uuid),
  receipt: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })
})

export const ElectionListQuery = Type.Object({
  ...PageQuery.properties,
  termYear: Type.Optional(TermYear),
  kind: Type.Optional(Type.Enum([...ELECTION_KINDS]))
}, { additionalProperties: false })

export const ProposalListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Year),
  titleCode: Type.Optional(TitleCode)
}, { additionalProperties: false })

export const electionSchemas = [
  EligibilityOverride, ElectionCancellation, CancelElection, ElectedUnit, Turnout, Election, ElectionPage, NewElection, NewBallot, BallotReceipt, ReceiptCheck,
  RoundResult, TitleProposal, TitleProposalPage, ElectionResult
]
