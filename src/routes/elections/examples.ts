// The examples of the elections' contract (see http/examples.ts): at its annual review conference, Cụm thi đua số 1
// elects Công an tỉnh Lào Cai head unit (Cụm trưởng) for 2025, and proposes it for the Ministry flag for 2024.
import { EXAMPLE_IDS } from '../../http/examples.js'

export const EXAMPLE_ELECTION_ID = '8d2a6f31-7c4e-4b19-a5d0-9e3f2c1b7a46'

const { unit, otherUnit, cluster, conference } = EXAMPLE_IDS
const openedAt = '2024-12-10T03:00:00.000Z'
const closedAt = '2024-12-10T03:20:00.000Z'

/** The first is Swagger UI's default body: a head election needs no finalized ranking, only member candidates. */
export const newElectionExamples = [
  { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [unit, otherUnit], conferenceId: conference },
  { kind: 'title', titleCode: 'ministry_flag', termYear: 2024, candidateUnitIds: [unit], conferenceId: conference }
]

export const electionExample = {
  id: EXAMPLE_ELECTION_ID,
  clusterId: cluster,
  conferenceId: conference,
  kind: 'leadership',
  office: 'head',
  titleCode: null,
  termYear: 2025,
  seats: 1,
  candidateUnitIds: [unit, otherUnit],
  eligibilityOverride: null,
  status: 'open',
  cancellation: null,
  round: 1,
  turnout: { round: 1, electorate: 2, voted: 1, votedUnitIds: [otherUnit] },
  winners: [],
  version: 2,
  createdAt: '2024-12-10T02:45:00.000Z',
  updatedAt: openedAt
}

export const newBallotExample = { voterUnitId: otherUnit, choices: [unit] }

export const ballotReceiptExample = { electionId: EXAMPLE_ELECTION_ID, round: 1, receipt: 'Zk3q9T0bX2mVYr7uLw5cNa8sQe1HdJ4o' }

export const receiptCheckExample = { electionId: EXAMPLE_ELECTION_ID, round: 1, counted: true, roundClosed: false }

export const cancelElectionExample = { reason: 'Hội nghị thống nhất hoãn bầu sau hai vòng bỏ phiếu không đủ số đơn vị tham gia' }

const fraction = (numerator: number, denominator: number, comparison: string) => ({ numerator, denominator, comparison })

export const electionResultExample = {
  electionId: EXAMPLE_ELECTION_ID,
  kind: 'leadership',
  office: 'head',
  titleCode: null,
  termYear: 2025,
  status: 'decided',
  winners: [{ unitId: unit, votes: 2, round: 1, decidedBy: 'votes' }],
  rounds: [{
    round: 1,
    candidateUnitIds: [unit, otherUnit],
    seats: 1,
    electorate: 2,
    ballotsCast: 2,
    blankBallots: 0,
    quorum: { required: fraction(2, 3, 'at_least'), met: true },
    threshold: { required: fraction(1, 2, 'more_than'), base: 'ballots_cast', baseCount: 2, minimumVotes: 2 },
    counts: [{ unitId: unit, votes: 2, reachesThreshold: true }, { unitId: otherUnit, votes: 0, reachesThreshold: false }],
    outcome: 'decided',
    winners: [{ unitId: unit, votes: 2, decidedBy: 'votes' }],
    next: null,
    lots: null,
    openedAt,
    closedAt
  }],
  nextRound: null,
  termWritten: false,
  proposals: []
}

export const titleProposalExample = {
  id: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e70',
  clusterId: cluster,
  year: 2024,
  titleCode: 'ministry_flag',
  unitId: unit,
  electionId: '5e7b9c2d-1a3f-4e6b-8c0d-2f4a6b8c0e13',
  round: 1,
  votes: 2,
  ballotsCast: 2,
  electorate: 2,
  decidedBy: 'votes',
  createdAt: closedAt
}
