// What a closed election answers: each round's tally, the winners, and the title proposals it recorded.
import { Type } from 'typebox'
import { ELECTION_KINDS, OFFICES, ROUND_OUTCOMES } from '../../domain/election.js'
import { Instant, Integer, pageOf, PageQuery, ref, Uuid } from '../../http/shared-schemas.js'
import { Threshold, TitleCode } from '../../http/common-schemas.js'
import { Count, DECIDED_BY, ElectedUnit, RoundNumber, Seats, UnitIds, Year } from './schema-parts.js'
import { electionResultExample, titleProposalExample } from './examples.js'

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
  id: ref(Uuid, { description: 'The proposal\'s id, by which a dossier\'s acceptance and an award name it.' }),
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

export const TitleProposalPage = Object.assign(pageOf(TitleProposal, 'TitleProposalPage'), { examples: [{ items: [titleProposalExample], nextCursor: null }] })

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
}, { $id: 'ElectionResult', description: 'The tally, winners, quorum and threshold outcome of every closed round.', examples: [electionResultExample] })

export const ProposalListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Integer(1945, 2100, { description: 'Only proposals for this year (the year the title honours).' })),
  titleCode: Type.Optional(TitleCode)
}, { additionalProperties: false })
