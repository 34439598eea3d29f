// The rules of a secret ballot, case by case: what a ballot may hold, and how one round is tallied — quorum,
// threshold and its base, seats, ties and the tie-break after the last voting round.
import t from 'tap'
import { DEFAULT_RULES, type Threshold } from '../../src/domain/cluster-rules.js'
import { DomainError } from '../../src/domain/errors.js'
import type { RankingStandard } from '../../src/domain/titles.js'
import {
  assertChoices, describeIneligibility, drawLots, electionSeats, INELIGIBILITY_REASONS, minimumVotes, tallyRound, titleIneligibility,
  type ElectionDraft, type IneligibilityReason, type RoundInput, type TitleStanding, type VotingRules
} from '../../src/domain/election.js'

const rules: VotingRules = {
  voteQuorum: DEFAULT_RULES.voteQuorum,
  voteThreshold: DEFAULT_RULES.voteThreshold,
  voteThresholdBase: DEFAULT_RULES.voteThresholdBase,
  votingRoundsBeforeTieBreak: DEFAULT_RULES.votingRoundsBeforeTieBreak
}
const half: Threshold = { numerator: 1, denominator: 2, comparison: 'more_than' }
const twoThirds: Threshold = { numerator: 2, denominator: 3, comparison: 'at_least' }
const third: Threshold = { numerator: 1, denominator: 3, comparison: 'at_least' }

/** `n` ballots naming `choices`. */
const times = (n: number, ...choices: string[]): string[][] => Array.from({ length: n }, () => [...choices])

/** `cast` ballots that give each candidate exactly `votes`, each naming at most `seats` units; the rest stay blank. */
function ballotsFor (votes: Record<string, number>, seats: number, cast: number): string[][] {
  const ballots: string[][] = Array.from({ length: cast }, () => [])
  for (const [id, n] of Object.entries(votes)) {
    for (let k = 0; k < n; k++) {
      // The emptiest ballot first, so the votes spread and any feasible table fits.
      const ballot = ballots.filter((b) => b.length < seats && !b.includes(id)).sort((x, y) => x.length - y.length)[0]
      if (!ballot) throw new Error(`the table asks for more votes than ${cast} ballots of ${seats} can hold`)
      ballot.push(id)
    }
  }
  return ballots
}

/** A round of the default rules among `candidates`; `over` changes any part of it. */
function round (candidates: string[], ballots: string[][], over: Partial<RoundInput> = {}): RoundInput {
  return { round: 1, candidateUnitIds: candidates, seats: 1, electorate: 8, ballots, rules, seed: 'seed-2017', ...over }
}

/** The elected units with how each was decided. */
const elected = (input: RoundInput) => tallyRound(input).winners.map((w) => `${w.unitId}:${w.decidedBy}`)

t.test('electionSeats: a leadership election fills one office, a title election the seats its rules fix', async (t) => {
  const abc = ['a', 'b', 'c']
  const rulesFixing = { titleSeats: { ministry_certificate: 2, government_flag: 1 } }
  const table: Array<[string, ElectionDraft, number | string]> = [
    ['a head election', { kind: 'leadership', office: 'head', candidateUnitIds: abc }, 1],
    ['a deputy election that says one seat', { kind: 'leadership', office: 'deputy', seats: 1, candidateUnitIds: abc }, 1],
    ['a leadership election without its office', { kind: 'leadership', candidateUnitIds: abc }, 'office_required'],
    ['a leadership election with a title', { kind: 'leadership', office: 'head', titleCode: 'ministry_flag', candidateUnitIds: abc }, 'title_code_not_allowed'],
    ['a leadership election of two seats', { kind: 'leadership', office: 'head', seats: 2, candidateUnitIds: abc }, 'one_seat_per_office'],
    ['a title the rules do not fix, seats given', { kind: 'title', titleCode: 'ministry_flag', seats: 3, candidateUnitIds: abc }, 3],
    ['a title the rules do not fix, no seats given', { kind: 'title', titleCode: 'ministry_flag', candidateUnitIds: abc }, 1],
    ['a title the rules fix, no seats given', { kind: 'title', titleCode: 'ministry_certificate', candidateUnitIds: abc }, 2],
    ['a title the rules fix, the same seats given', { kind: 'title', titleCode: 'ministry_certificate', seats: 2, candidateUnitIds: abc }, 2],
    ['a title the rules fix, other seats given', { kind: 'title', titleCode: 'ministry_certificate', seats: 1, candidateUnitIds: abc }, 'seats_fixed_by_rules'],
    ['a title election without its title', { kind: 'title', seats: 1, candidateUnitIds: abc }, 'title_code_required'],
    ['a title election with an office', { kind: 'title', titleCode: 'ministry_flag', office: 'head', candidateUnitIds: abc }, 'office_not_allowed'],
    ['more seats than candidates', { kind: 'title', titleCode: 'ministry_flag', seats: 4, candidateUnitIds: abc }, 'more_seats_than_candidates'],
    ['no candidates at all', { kind: 'leadership', office: 'head', candidateUnitIds: [] }, 'more_seats_than_candidates'],
    ['a candidate twice, in two cases', { kind: 'leadership', office: 'head', candidateUnitIds: ['a', 'b', 'A'] }, 'duplicate_candidate'],
    ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((titleCode): [string, ElectionDraft, number] =>
      [`the title code "${titleCode}", a name every object inherits`, { kind: 'title', titleCode, candidateUnitIds: abc }, 1])
  ]
  for (const [name, draft, expected] of table) {
    if (typeof expected === 'number') t.equal(electionSeats(draft, rulesFixing), expected, `${name}: ${expected} seat(s)`)
    else t.throws(() => electionSeats(draft, rulesFixing), { kind: 'rule', code: expected }, `${name}: ${expected}`)
  }
  t.throws(() => electionSeats({ kind: 'title', titleCode: 'ministry_certificate', seats: 3, candidateUnitIds: abc }, rulesFixing),
    { details: { seats: 2 }, message: "The cluster's rules fix 2 seats for ministry_certificate." }, 'the refusal says the fixed seats')
  t.throws(() => electionSeats({ kind: 'title', titleCode: 'government_flag', seats: 2, candidateUnitIds: abc }, rulesFixing),
    { details: { seats: 1 }, message: "The cluster's rules fix 1 seat for government_flag." })
  t.throws(() => electionSeats({ kind: 'title', titleCode: 'x', seats: 2, candidateUnitIds: ['a'] }, rulesFixing),
    { message: 'The election has 2 seats but 1 candidate.' })
})

t.test('titleIneligibility: the ranking decides who may stand for a title of each standard, and says why not', async (t) => {
  const ranking: TitleStanding[] = [
    { unitId: 'first', eligibleForTitles: true, eligibleForMinistryFlag: true, eligibleForGovernmentFlag: true },
    { unitId: 'band', eligibleForTitles: true, eligibleForMinistryFlag: true, eligibleForGovernmentFlag: false },
    { unitId: 'rest', eligibleForTitles: true, eligibleForMinistryFlag: false, eligibleForGovernmentFlag: false },
    { unitId: 'disciplined', eligibleForTitles: false, eligibleForMinistryFlag: false, eligibleForGovernmentFlag: false }
  ]
  const candidates = ['first', 'band', 'rest', 'disciplined', 'unranked']
  const table: Array<[RankingStandard, Record<string, IneligibilityReason>]> = [
    ['leads_cluster', { band: 'not_leading_unit', rest: 'below_ministry_flag_band', disciplined: 'under_discipline', unranked: 'not_ranked' }],
    ['ministry_flag_band', { rest: 'below_ministry_flag_band', disciplined: 'under_discipline', unranked: 'not_ranked' }],
    ['none', { disciplined: 'under_discipline', unranked: 'not_ranked' }]
  ]
  for (const [standard, reasons] of table) {
    t.same(titleIneligibility(standard, candidates, ranking), Object.entries(reasons).map(([unitId, reason]) => ({ unitId, reason })),
      `${standard}: ${Object.keys(reasons).join(', ')}`)
  }
  t.same(titleIneligibility('ministry_flag_band', ['first', 'band'], ranking), [], 'everyone eligible: nobody listed')
})

t.test('describeIneligibility: says why, the year and the title', async (t) => {
  t.equal(describeIneligibility('under_discipline', 'ministry_flag', 2024),
    'The unit is under discipline (pending or in force) in 2024, which bars it from every title; it is not proposed for ministry_flag.')
  for (const reason of INELIGIBILITY_REASONS) t.match(describeIneligibility(reason, 'government_flag', 2017), /2017.*government_flag\.$/, reason)
})

t.test('assertChoices: refusals are 422 rule refusals with a stable code', async (t) => {
  const twoSeats = { candidateUnitIds: ['a', 'b', 'c'], seats: 2 }
  const mayVoteForItself = { unitId: 'a', selfVoteAllowed: true }
  const mayNot = { unitId: 'a', selfVoteAllowed: false }
  const table: Array<[string, string[], typeof mayNot, string | null]> = [
    ['a blank ballot', [], mayNot, null],
    ['as many choices as seats', ['b', 'c'], mayNot, null],
    ['a choice in another case', ['B'], mayNot, null],
    ['more choices than seats', ['a', 'b', 'c'], mayVoteForItself, 'too_many_choices'],
    ['one unit twice', ['b', 'b'], mayVoteForItself, 'duplicate_choice'],
    ['one unit twice, in two cases', ['b', 'B'], mayVoteForItself, 'duplicate_choice'],
    ['a unit that is not a candidate', ['z'], mayVoteForItself, 'not_a_candidate'],
    ['itself, where the rules allow it', ['a'], mayVoteForItself, null],
    ['itself, where the rules forbid it', ['a'], mayNot, 'self_vote_not_allowed'],
    ['itself in another case, where the rules forbid it', ['b', 'A'], mayNot, 'self_vote_not_allowed']
  ]
  for (const [name, choices, voter, code] of table) {
    if (code === null) t.doesNotThrow(() => assertChoices(choices, twoSeats, voter), name)
    else t.throws(() => assertChoices(choices, twoSeats, voter), { name: 'DomainError', kind: 'rule', code }, name)
  }
  t.throws(() => assertChoices(['a', 'b'], { candidateUnitIds: ['a', 'b'], seats: 1 }, mayVoteForItself),
    { message: 'A ballot may name at most 1 unit in this round; it names 2.' }, 'one seat reads in the singular')
})

t.test('assertChoices: a refusal names positions, never a unit (the ballot is secret)', async (t) => {
  const ids = ['7f0c7c1e-4d8a-4a55-9a67-0e1d2c3b4a51', '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b', '9e8d7c6b-5a49-4837-a261-5f4e3d2c1b0a']
  const outsider = '00000000-0000-4000-8000-00000000abcd'
  const cases: Array<[string[], number, boolean]> = [
    [[ids[0], ids[1], ids[2]], 2, true],
    [[ids[1], ids[1]], 2, true],
    [[outsider], 1, true],
    [[ids[1], ids[0]], 2, false]
  ]
  for (const [choices, seats, selfVoteAllowed] of cases) {
    let error: unknown
    try {
      assertChoices(choices, { candidateUnitIds: ids, seats }, { unitId: ids[0], selfVoteAllowed })
    } catch (e) {
      error = e
    }
    t.type(error, DomainError)
    const { message, details, code } = error as DomainError
    for (const id of [...ids, outsider]) t.notOk(message.includes(id), `${code}: the message does not name ${id}`)
    t.equal(details, undefined, `${code}: no details`)
  }
  t.throws(() => assertChoices([ids[2], ids[1], ids[1]], { candidateUnitIds: ids, seats: 3 }, { unitId: ids[0], selfVoteAllowed: true }),
    { message: 'choices[2] repeats an earlier choice.' }, 'the position is the one that repeats')
})

t.test('minimumVotes: the fewest votes that reach a threshold', async (t) => {
  const table: Array<[number, Threshold, number | null]> = [
    [8, half, 5], // exactly half (4 of 8) is not more than half
    [7, half, 4],
    [8, twoThirds, 6], // 16/3 = 5.33…, so 6
    [6, twoThirds, 4], // exactly two thirds is enough
    [1, half, 1],
    [0, half, null], // nothing out of nothing
    [3, { numerator: 1, denominator: 1, comparison: 'more_than' }, null], // no count is more than all
    [5, { numerator: 1, denominator: 1, comparison: 'at_least' }, 5],
    [5, { numerator: 0, denominator: 1, comparison: 'at_least' }, 1] // a vote is still needed
  ]
  for (const [base, threshold, expected] of table) {
    t.equal(minimumVotes(base, threshold), expected, `${threshold.comparison} ${threshold.numerator}/${threshold.denominator} of ${base}`)
  }
})

t.test('tallyRound: the vote quorum is at least 2/3 of the electorate, so 6 of 8', async (t) => {
  const five = tallyRound(round(['a', 'b'], times(5, 'a')))
  t.same(five.quorum, { required: twoThirds, met: false }, '5 of 8 is short of 16/3')
  t.equal(five.outcome, 'no_quorum')
  t.same(five.winners, [], 'a round without quorum elects nobody, even a unit every ballot names')
  t.same(five.next, { candidateUnitIds: ['a', 'b'], seats: 1 }, 'the round is held again among the same candidates')
  t.equal(five.lots, null)

  const six = tallyRound(round(['a', 'b'], times(6, 'a')))
  t.same(six.quorum, { required: twoThirds, met: true })
  t.equal(six.outcome, 'decided')
  t.same(six.winners, [{ unitId: 'a', votes: 6, decidedBy: 'votes' }])
  t.equal(six.next, null)

  const blanks = tallyRound(round(['a', 'b'], [...times(2, 'a'), ...times(4)]))
  t.equal(blanks.quorum.met, true, 'blank ballots are ballots cast: they count towards the quorum')
  t.equal(blanks.blankBallots, 4)
  t.equal(tallyRound(round(['a'], [], { electorate: 0 })).outcome, 'no_quorum', 'an empty electorate never has a quorum')

  const twoSeats = tallyRound(round(['a', 'b', 'c'], times(4, 'a', 'b'), { seats: 2 }))
  t.same(twoSeats.next, { candidateUnitIds: ['a', 'b', 'c'], seats: 2 }, 'without quorum all the seats stay open')
})

t.test('tallyRound: the threshold is a share of the ballots cast or of the members', async (t) => {
  // Six of eight vote: four for a, one for b, one blank.
  const ballots = [...times(4, 'a'), ['b'], []]
  const cast = tallyRound(round(['a', 'b'], ballots))
  t.same(cast.threshold, { required: half, base: 'ballots_cast', baseCount: 6, minimumVotes: 4 }, 'the blank ballot is in the base')
  t.same(cast.counts, [{ unitId: 'a', votes: 4, reachesThreshold: true }, { unitId: 'b', votes: 1, reachesThreshold: false }])
  t.same(elected(round(['a', 'b'], ballots)), ['a:votes'], '4 of 6 ballots is more than half')

  const members = tallyRound(round(['a', 'b'], ballots, { rules: { ...rules, voteThresholdBase: 'members' } }))
  t.same(members.threshold, { required: half, base: 'members', baseCount: 8, minimumVotes: 5 })
  t.equal(members.counts[0].reachesThreshold, false, '4 of 8 members is only half')
  t.equal(members.outcome, 'no_winner')
  t.same(members.winners, [])
  t.equal(members.next, null, 'no winner is not a tie: the round does not name the next one')

  const exactlyHalf = tallyRound(round(['a', 'b'], [...times(3, 'a'), ...times(3, 'b')], { electorate: 6, seats: 2 }))
  t.same(exactlyHalf.counts.map((c) => c.reachesThreshold), [false, false], 'exactly half of the ballots cast does not win')
  t.equal(exactlyHalf.outcome, 'no_winner', 'two at the top for two seats is not a tie')

  const atLeast = tallyRound(round(['a', 'b'], [...times(3, 'a'), ...times(3, 'b')], {
    electorate: 6, seats: 2, rules: { ...rules, voteThreshold: { numerator: 1, denominator: 2, comparison: 'at_least' } }
  }))
  t.same(atLeast.winners.map((w) => w.unitId), ['a', 'b'], 'with at least 1/2, exactly half wins')

  const anyShare = tallyRound(round(['a', 'b'], times(6, 'a'), { rules: { ...rules, voteThreshold: { numerator: 0, denominator: 1, comparison: 'at_least' } } }))
  t.same(anyShare.counts.map((c) => c.reachesThreshold), [true, false], 'a unit nobody voted for never reaches a threshold, even none')
})

t.test('tallyRound: winners up to the seats, most votes first', async (t) => {
  // Each row: seats, each candidate's votes out of 8 ballots (a ballot names up to `seats` units), the threshold,
  // who is elected and the outcome.
  const table: Array<[string, number, Record<string, number>, Threshold, string[], string]> = [
    ['one seat, a clear majority', 1, { a: 5, b: 3 }, half, ['a'], 'decided'],
    ['two seats, two pass', 2, { a: 7, b: 5, c: 3 }, half, ['a', 'b'], 'decided'],
    ['two seats, three pass at different counts', 2, { a: 6, b: 5, c: 3 }, third, ['a', 'b'], 'decided'],
    ['two seats, only one passes', 2, { a: 6, b: 4, c: 4 }, half, ['a'], 'decided'],
    ['three seats, two pass', 3, { a: 6, b: 5, c: 4, d: 3 }, half, ['a', 'b'], 'decided'],
    ['nobody passes, no tie at the top', 1, { a: 3, b: 2, c: 2 }, half, [], 'no_winner'],
    ['nobody votes for anyone', 1, { a: 0, b: 0 }, half, [], 'no_winner']
  ]
  for (const [name, seats, votes, voteThreshold, winners, outcome] of table) {
    const tally = tallyRound(round(Object.keys(votes), ballotsFor(votes, seats, 8), { seats, rules: { ...rules, voteThreshold } }))
    t.equal(tally.outcome, outcome, `${name}: ${outcome}`)
    t.same(tally.winners.map((w) => w.unitId), winners, `${name}: elected ${winners.join(', ') || 'nobody'}`)
    t.ok(tally.winners.every((w) => w.decidedBy === 'votes' && w.votes === votes[w.unitId]), `${name}: decided by votes`)
    t.equal(tally.next, null)
  }
})

t.test('tallyRound: counts list every candidate, most votes first, then by id', async (t) => {
  const tally = tallyRound(round(['d', 'c', 'b', 'a'], [['c'], ['b'], ['b'], ['a'], [], [], []]))
  t.same(tally.counts.map((c) => [c.unitId, c.votes]), [['b', 2], ['a', 1], ['c', 1], ['d', 0]])
  t.same(tally.candidateUnitIds, ['d', 'c', 'b', 'a'], 'the candidates keep the order they were given')
  t.equal(tally.ballotsCast, 7)
  t.equal(tally.blankBallots, 3)
})

t.test('tallyRound: a tie at the last seat elects those above it and sends the tied to a new round', async (t) => {
  // Two seats; seven of eight members vote, a ballot names up to two units: a 5, b 4, c 4, all more than half of 7.
  const tally = tallyRound(round(['a', 'b', 'c'], ballotsFor({ a: 5, b: 4, c: 4 }, 2, 7), { seats: 2 }))
  t.same(tally.counts.map((c) => c.reachesThreshold), [true, true, true], 'all three pass')
  t.equal(tally.outcome, 'tie')
  t.same(tally.winners, [{ unitId: 'a', votes: 5, decidedBy: 'votes' }], 'the unit above the tie is elected now')
  t.same(tally.next, { candidateUnitIds: ['b', 'c'], seats: 1 }, 'the next round is between the tied for the seat left')
  t.equal(tally.lots, null)

  const allTied = tallyRound(round(['a', 'b', 'c'], ballotsFor({ a: 5, b: 5, c: 5 }, 2, 8), { seats: 2 }))
  t.equal(allTied.outcome, 'tie')
  t.same(allTied.winners, [], 'three tied for two seats: nobody is elected yet')
  t.same(allTied.next, { candidateUnitIds: ['a', 'b', 'c'], seats: 2 })

  const cleanCut = tallyRound(round(['a', 'b', 'c'], ballotsFor({ a: 6, b: 6, c: 3 }, 2, 8), { seats: 2, rules: { ...rules, voteThreshold: third } }))
  t.equal(cleanCut.counts[2].reachesThreshold, true, 'three pass for two seats')
  t.equal(cleanCut.outcome, 'decided', 'equal counts above the cut are not a tie')
  t.same(cleanCut.winners.map((w) => w.unitId), ['a', 'b'])
})

t.test('tallyRound: an even split at the top with nobody passing is a tie', async (t) => {
  const split = tallyRound(round(['a', 'b', 'c'], [...times(4, 'a'), ...times(4, 'b')]))
  t.same(split.counts.map((c) => c.reachesThreshold), [false, false, false], '4 of 8 is not more than half')
  t.equal(split.outcome, 'tie')
  t.same(split.winners, [])
  t.same(split.next, { candidateUnitIds: ['a', 'b'], seats: 1 }, 'only the two at the top go on')

  const threeWays = tallyRound(round(['a', 'b', 'c'], [...times(3, 'a'), ...times(3, 'b'), ...times(2, 'c')]))
  t.equal(threeWays.outcome, 'tie', 'a split at the top is a tie even when others have votes')
  t.same(threeWays.next, { candidateUnitIds: ['a', 'b'], seats: 1 })

  const enoughSeats = tallyRound(round(['a', 'b', 'c'], [...times(3, 'a', 'b'), ...times(3)], { seats: 2, electorate: 6 }))
  t.equal(enoughSeats.outcome, 'no_winner', 'as many at the top as seats, none passing: no winner, not a tie')
})

t.test('tallyRound: a tie in the last voting round goes to the final score, then to lots', async (t) => {
  const ballots = [...times(4, 'a'), ...times(4, 'b')]
  const last = { round: 3 }
  const scores = new Map([['a', 9512], ['b', 9640], ['c', 9000]])

  t.equal(tallyRound(round(['a', 'b', 'c'], ballots, { round: 2, scores })).outcome, 'tie', 'before the last voting round: a new round')

  const byScore = tallyRound(round(['a', 'b', 'c'], ballots, { ...last, scores }))
  t.equal(byScore.outcome, 'decided')
  t.same(byScore.winners, [{ unitId: 'b', votes: 4, decidedBy: 'final_score' }], 'the higher final score wins')
  t.equal(byScore.next, null)
  t.equal(byScore.lots, null, 'no lots when the scores decide')

  const later = tallyRound(round(['a', 'b'], ballots, { round: 5, scores }))
  t.equal(later.outcome, 'decided', 'a round after the last voting round is settled the same way')

  const oneRound = tallyRound(round(['a', 'b'], ballots, { rules: { ...rules, votingRoundsBeforeTieBreak: 1 }, scores }))
  t.same(oneRound.winners.map((w) => w.unitId), ['b'], 'the cluster may settle a tie in the first round')

  for (const [name, tieScores] of [
    ['equal scores', new Map([['a', 9500], ['b', 9500]])],
    ['a missing score', new Map([['a', 9900]])],
    ['no scores', undefined]
  ] as const) {
    const tally = tallyRound(round(['a', 'b', 'c'], ballots, { ...last, scores: tieScores, seed: 'cum-4-2017' }))
    const order = drawLots('cum-4-2017', ['a', 'b'])
    t.equal(tally.outcome, 'decided', `${name}: decided`)
    t.same(tally.lots, { seed: 'cum-4-2017', order }, `${name}: the lots are recorded with their seed`)
    t.same(tally.winners, [{ unitId: order[0], votes: 4, decidedBy: 'lots' }], `${name}: the first drawn wins`)
  }
})

t.test('tallyRound: the tie-break fills only the seats left, by score groups, lots within a group', async (t) => {
  // Three seats, nine ballots: a 9 is elected by votes; b, c, d tie at 6 for the two seats left.
  const ballots = ballotsFor({ a: 9, b: 6, c: 6, d: 6 }, 3, 9)
  const base = { seats: 3, electorate: 9, round: 3, seed: 's' }
  const before = tallyRound(round(['a', 'b', 'c', 'd'], ballots, { ...base, round: 2 }))
  t.same(before.next, { candidateUnitIds: ['b', 'c', 'd'], seats: 2 })

  const distinct = round(['a', 'b', 'c', 'd'], ballots, { ...base, scores: new Map([['a', 1], ['b', 50], ['c', 70], ['d', 60]]) })
  t.same(elected(distinct), ['a:votes', 'c:final_score', 'd:final_score'], 'the two best scores take the two seats left')
  t.equal(tallyRound(distinct).lots, null)

  const sharedSecond = { ...base, scores: new Map([['b', 80], ['c', 60], ['d', 60]]) }
  const tally = tallyRound(round(['a', 'b', 'c', 'd'], ballots, sharedSecond))
  const order = drawLots('s', ['c', 'd'])
  t.same(tally.winners.map((w) => `${w.unitId}:${w.decidedBy}`), ['a:votes', 'b:final_score', `${order[0]}:lots`],
    'the best score takes a seat; lots decide between the two equal scores for the last')
  t.same(tally.lots, { seed: 's', order })
  t.equal(tally.winners.length, 3)

  const lotsForAll = tallyRound(round(['a', 'b', 'c', 'd'], ballots, base))
  const all = drawLots('s', ['b', 'c', 'd'])
  t.same(lotsForAll.winners.map((w) => w.unitId), ['a', ...all.slice(0, 2)], 'without scores, lots fill both seats left')
  t.same(lotsForAll.lots, { seed: 's', order: all })
})

t.test('drawLots: the same seed gives the same order, whatever order the ids come in', async (t) => {
  const ids = ['u1', 'u2', 'u3', 'u4', 'u5']
  const order = drawLots('2017-12-20T09:00', ids)
  t.same([...order].sort(), ids, 'a permutation of the ids')
  t.same(drawLots('2017-12-20T09:00', [...ids].reverse()), order)
  t.same(drawLots('2017-12-20T09:00', ['u3', 'u1', 'u5', 'u2', 'u4']), order)
  const seeds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((s) => drawLots(s, ids).join())
  t.ok(new Set(seeds).size > 1, 'another seed can give another order')
  t.same(drawLots('x', []), [])
  t.same(ids, ['u1', 'u2', 'u3', 'u4', 'u5'], 'the ids given are not reordered in place')
})

t.test('Cụm 4 of the Hà Nội city police elects its 2017 head and deputy: 8 members, all vote', async (t) => {
  const ctct = 'phong-cong-tac-chinh-tri'
  const hc = 'phong-hau-can'
  const tccb = 'phong-to-chuc-can-bo'
  const dt = 'phong-dao-tao'
  const voters = ['phong-cong-tac-dang', ctct, hc, tccb, dt, 'phong-cong-nghe-thong-tin', 'phong-thong-tin-bao-chi', 'phong-y-te']

  const headBallots = [[ctct], [ctct], [ctct], [ctct], [ctct], [hc], [tccb], [ctct]]
  const headRound = { candidateUnitIds: [ctct, hc, tccb], seats: 1 }
  voters.forEach((voter, i) => assertChoices(headBallots[i], headRound, { unitId: voter, selfVoteAllowed: true }))
  const head = tallyRound(round(headRound.candidateUnitIds, headBallots))
  t.equal(head.ballotsCast, 8)
  t.same(head.quorum, { required: twoThirds, met: true })
  t.same(head.threshold, { required: half, base: 'ballots_cast', baseCount: 8, minimumVotes: 5 })
  t.same(head.counts.map((c) => [c.unitId, c.votes]), [[ctct, 6], [hc, 1], [tccb, 1]])
  t.equal(head.outcome, 'decided')
  t.same(head.winners, [{ unitId: ctct, votes: 6, decidedBy: 'votes' }], 'Phòng Công tác chính trị is head for 2017')

  const deputyBallots = [[hc], [hc], [tccb], [hc], [dt], [hc], [hc], [tccb]]
  const deputy = tallyRound(round([hc, tccb, dt], deputyBallots))
  t.same(deputy.counts.map((c) => [c.unitId, c.votes]), [[hc, 5], [tccb, 2], [dt, 1]])
  t.same(deputy.winners, [{ unitId: hc, votes: 5, decidedBy: 'votes' }], 'Phòng Hậu cần is deputy: 5 of 8 is more than half')
})
