// An election's lifecycle, decision by decision: which statuses open a round, take a ballot, close, show a result;
// what a ballot must fit; and what a close decides — the tally, the status after it, the winners so far, whether
// eligibility is judged again, the proposals and the term it leads to.
import t from 'tap'
import fc from 'fast-check'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import {
  assertElectorate, assertHasResult, assertOverrideFits, decideBallot, decideClose, decideOpen, electedTerm, electsTerm, ELECTION_STATUSES, markIneligible, openRoundOf, proposalsOf,
  tieBreakYear, type CloseInput, type ElectedUnit, type ElectionStatus
} from '../../src/domain/election.js'

const rules = DEFAULT_RULES
const refusal = (code: string) => ({ name: 'DomainError', code })

t.test('decideOpen: a draft opens its candidates, a closed election the round after its last; nothing else opens', async (t) => {
  const election = { round: 2, candidateUnitIds: ['a', 'b'], seats: 1 }
  const table: Array<[ElectionStatus, object | string]> = [
    ['draft', { candidateUnitIds: ['a', 'b'], seats: 1 }],
    ['closed', { afterRound: 2 }],
    ['open', 'election_not_openable'],
    ['decided', 'election_not_openable'],
    ['cancelled', 'election_not_openable']
  ]
  for (const [status, expected] of table) {
    if (typeof expected === 'string') t.throws(() => decideOpen({ ...election, status }), { ...refusal(expected), kind: 'conflict', details: { electionStatus: status } }, status)
    else t.same(decideOpen({ ...election, status }), expected, status)
  }
})

t.test('assertElectorate: a round opens only with someone to vote in it', async (t) => {
  t.doesNotThrow(() => assertElectorate(['a'], '2024-12-20'))
  t.throws(() => assertElectorate([], '2024-12-20'), { ...refusal('no_electorate'), message: 'The cluster has no member units on 2024-12-20, so no one could vote.' })
})

t.test('assertOverrideFits: only a title election takes an eligibility override', async (t) => {
  const table: Array<['title' | 'leadership', boolean, boolean]> = [['title', true, true], ['title', false, true], ['leadership', false, true], ['leadership', true, false]]
  for (const [kind, overridden, fits] of table) {
    if (fits) t.doesNotThrow(() => assertOverrideFits(kind, overridden), `${kind}, overridden: ${overridden}`)
    else t.throws(() => assertOverrideFits(kind, overridden), refusal('override_for_titles_only'), `${kind}, overridden: ${overridden}`)
  }
})

t.test('openRoundOf: only an open election has a round to vote in or close, and the refusal says which', async (t) => {
  for (const status of ELECTION_STATUSES) {
    if (status === 'open') {
      t.equal(openRoundOf({ status, round: 3 }, 'ballot'), 3)
      t.equal(openRoundOf({ status, round: 3 }, 'close'), 3)
      continue
    }
    t.throws(() => openRoundOf({ status, round: 1 }, 'ballot'), { code: 'election_not_open', message: `The election is ${status}; ballots go into an open round.` })
    t.throws(() => openRoundOf({ status, round: 1 }, 'close'), { code: 'election_not_open', message: `The election is ${status}; only an open round can close.` })
  }
})

t.test('assertHasResult: a result exists once a round has closed', async (t) => {
  const table: Array<[ElectionStatus, number, boolean]> = [
    ['draft', 0, false], ['open', 1, false], ['open', 2, false], ['cancelled', 0, false],
    ['closed', 1, true], ['decided', 2, true], ['cancelled', 1, true]
  ]
  for (const [status, round, shown] of table) {
    if (shown) t.doesNotThrow(() => assertHasResult({ status, round }), `${status} at round ${round}`)
    else t.throws(() => assertHasResult({ status, round }), refusal('election_not_closed'), `${status} at round ${round}`)
  }
})

t.test('decideBallot: the voter must be in the round\'s electorate, then the choices must fit', async (t) => {
  const round = { round: 1, electorate: ['a', 'b', 'c'], candidateUnitIds: ['a', 'b'], seats: 1 }
  const table: Array<[string, { voterUnitId: string, choices: string[] }, boolean, string | null]> = [
    ['a member voting for a candidate', { voterUnitId: 'c', choices: ['a'] }, true, null],
    ['a blank ballot', { voterUnitId: 'c', choices: [] }, true, null],
    ['a unit outside the electorate', { voterUnitId: 'x', choices: ['a'] }, true, 'voter_not_in_electorate'],
    ['a unit outside the electorate with bad choices too', { voterUnitId: 'x', choices: ['z'] }, true, 'voter_not_in_electorate'],
    ['more choices than seats', { voterUnitId: 'c', choices: ['a', 'b'] }, true, 'too_many_choices'],
    ['a unit that is not a candidate', { voterUnitId: 'c', choices: ['c'] }, true, 'not_a_candidate'],
    ['a vote for oneself, allowed', { voterUnitId: 'a', choices: ['a'] }, true, null],
    ['a vote for oneself, forbidden', { voterUnitId: 'a', choices: ['a'] }, false, 'self_vote_not_allowed']
  ]
  for (const [name, ballot, selfVoteAllowed, code] of table) {
    if (code === null) t.doesNotThrow(() => decideBallot(round, { selfVoteAllowed }, ballot), name)
    else t.throws(() => decideBallot(round, { selfVoteAllowed }, ballot), refusal(code), name)
  }
})

t.test('tieBreakYear: scores settle a tie only from the last voting round: the title\'s year, or the outgoing year', async (t) => {
  const table: Array<['title' | 'leadership', number, number | undefined]> = [
    ['title', 1, undefined], ['title', 2, undefined], ['title', 3, 2024], ['title', 4, 2024],
    ['leadership', 2, undefined], ['leadership', 3, 2023]
  ]
  for (const [kind, round, year] of table) t.equal(tieBreakYear({ kind, termYear: 2024 }, round, rules), year, `${kind}, round ${round}`)
})

const earlier: ElectedUnit = { unitId: 'a', votes: 5, decidedBy: 'votes', round: 1 }
const close = (over: Partial<CloseInput> & { ballots: string[][] }): CloseInput => ({
  election: { kind: 'title', winners: [], eligibilityOverride: null },
  round: { round: 1, candidateUnitIds: ['b', 'c'], seats: 1, electorate: ['a', 'b', 'c'] },
  rules,
  seed: 'seed',
  ...over
})

t.test('decideClose: the status after the round, the winners so far, and whether eligibility is judged again', async (t) => {
  const table: Array<[string, CloseInput, { status: string, winners: string[], rejudgeEligibility: boolean }]> = [
    ['a title won by votes', close({ ballots: [['b'], ['b'], ['c']] }), { status: 'decided', winners: ['b'], rejudgeEligibility: true }],
    ['a title overridden by an admin', close({ ballots: [['b'], ['b'], ['c']], election: { kind: 'title', winners: [], eligibilityOverride: { reason: 'x', by: 'admin' } } }),
      { status: 'decided', winners: ['b'], rejudgeEligibility: false }],
    ['a leadership election', close({ ballots: [['b'], ['b'], ['c']], election: { kind: 'leadership', winners: [], eligibilityOverride: null } }),
      { status: 'decided', winners: ['b'], rejudgeEligibility: false }],
    ['a tie', close({ ballots: [['b'], ['c'], []] }), { status: 'closed', winners: [], rejudgeEligibility: false }],
    ['no quorum', close({ ballots: [['b']] }), { status: 'closed', winners: [], rejudgeEligibility: false }],
    ['nobody voted for', close({ ballots: [[], [], []] }), { status: 'decided', winners: [], rejudgeEligibility: true }],
    ['a second round after a first that elected', close({ ballots: [['b'], ['b'], ['c']], election: { kind: 'title', winners: [earlier], eligibilityOverride: null }, round: { round: 2, candidateUnitIds: ['b', 'c'], seats: 1, electorate: ['a', 'b', 'c'] } }),
      { status: 'decided', winners: ['a', 'b'], rejudgeEligibility: true }]
  ]
  for (const [name, input, expected] of table) {
    const decision = decideClose(input)
    t.same({ status: decision.status, winners: decision.winners.map((w) => w.unitId), rejudgeEligibility: decision.rejudgeEligibility }, expected, name)
  }
  const second = decideClose(table[6][1])
  t.same(second.winners, [earlier, { unitId: 'b', votes: 2, decidedBy: 'votes', round: 2 }], 'each winner keeps the round that elected it')
})

t.test('property: a close is closed exactly when its tally calls for a next round, and keeps the earlier winners first', async (t) => {
  const input = fc.record({
    ballots: fc.array(fc.subarray(['b', 'c', 'd'], { maxLength: 1 }), { maxLength: 5 }),
    round: fc.integer({ min: 1, max: 4 }),
    before: fc.boolean()
  }).map(({ ballots, round, before }) => close({
    ballots,
    election: { kind: 'title', winners: before ? [earlier] : [], eligibilityOverride: null },
    round: { round, candidateUnitIds: ['b', 'c', 'd'], seats: 1, electorate: ['a', 'b', 'c', 'd', 'e'] }
  }))
  fc.assert(fc.property(input, (i) => {
    const d = decideClose(i)
    const closed = d.tally.next !== null
    const kept = i.election.winners.every((w, k) => d.winners[k] === w)
    const added = d.winners.slice(i.election.winners.length).every((w, k) => w.unitId === d.tally.winners[k].unitId && w.round === i.round.round)
    return (d.status === 'closed') === closed && kept && added && d.rejudgeEligibility === (d.status === 'decided')
  }), { numRuns: 300 })
  t.pass('holds')
})

t.test('markIneligible: a winner the ranking no longer makes eligible is marked with why', async (t) => {
  const winners: ElectedUnit[] = [{ unitId: 'a', votes: 3, decidedBy: 'votes', round: 1 }, { unitId: 'b', votes: 2, decidedBy: 'lots', round: 2 }]
  const marked = markIneligible(winners, [{ unitId: 'b', reason: 'under_discipline' }], 'ministry_flag', 2024)
  t.same(marked[0], winners[0])
  t.match(marked[1], { unitId: 'b', ineligibility: { reason: 'under_discipline', detail: /under discipline.*2024.*not proposed for ministry_flag/ } })
  t.same(markIneligible(winners, [], 'ministry_flag', 2024), winners)
})

t.test('proposalsOf: a decided title election proposes each winner still eligible, with its round\'s vote', async (t) => {
  const winners: ElectedUnit[] = [
    { unitId: 'a', votes: 3, decidedBy: 'votes', round: 1 },
    { unitId: 'b', votes: 2, decidedBy: 'lots', round: 2 },
    { unitId: 'c', votes: 2, decidedBy: 'votes', round: 2, ineligibility: { reason: 'under_discipline', detail: '' } }
  ]
  const election = { id: 'e', clusterId: 'k', kind: 'title' as const, status: 'decided' as const, termYear: 2024, titleCode: 'ministry_flag', winners }
  const tally = (ballotsCast: number) => ({ ballotsCast }) as never
  const rounds = [{ round: 1, electorate: ['a', 'b', 'c', 'd'], tally: tally(4) }, { round: 2, electorate: ['a', 'b', 'c'], tally: tally(3) }]
  t.same(proposalsOf(election, rounds), [
    { clusterId: 'k', year: 2024, titleCode: 'ministry_flag', unitId: 'a', electionId: 'e', round: 1, votes: 3, ballotsCast: 4, electorate: 4, decidedBy: 'votes' },
    { clusterId: 'k', year: 2024, titleCode: 'ministry_flag', unitId: 'b', electionId: 'e', round: 2, votes: 2, ballotsCast: 3, electorate: 3, decidedBy: 'lots' }
  ])
  t.same(proposalsOf({ ...election, status: 'closed' }, rounds), [], 'not before it is decided')
  t.same(proposalsOf({ ...election, kind: 'leadership' }, rounds), [], 'never for a leadership election')
})

t.test('electsTerm and electedTerm: a decided deputy election with a winner writes the term, with the elected head', async (t) => {
  const winners: ElectedUnit[] = [{ unitId: 'd', votes: 5, decidedBy: 'votes', round: 1 }]
  const table: Array<[string, { status: ElectionStatus, office: 'head' | 'deputy' | null, winners: ElectedUnit[] }, boolean]> = [
    ['a decided deputy election', { status: 'decided', office: 'deputy', winners }, true],
    ['a deputy election nobody won', { status: 'decided', office: 'deputy', winners: [] }, false],
    ['a deputy election awaiting its next round', { status: 'closed', office: 'deputy', winners }, false],
    ['a decided head election', { status: 'decided', office: 'head', winners }, false],
    ['a title election', { status: 'decided', office: null, winners }, false]
  ]
  for (const [name, election, writes] of table) t.equal(electsTerm(election), writes, name)
  t.same(electedTerm({ id: 'e2', winners }, { electionId: 'e1', unitId: 'h' }, '2024-12-20'), {
    headUnitId: 'h', deputyUnitId: 'd', chosenBy: 'election', decidedOn: '2024-12-20', note: 'Elected by ballot: head in election e1, deputy in election e2.'
  })
})
