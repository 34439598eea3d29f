// Properties of the tally that must hold for every round a cluster could hold: any candidates, seats, electorate,
// rules and valid ballots (each a set of candidates no larger than the seats, as `assertChoices` lets through).
import t from 'tap'
import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { meetsThreshold, type Threshold } from '../../src/domain/cluster-rules.js'
import { DomainError } from '../../src/domain/errors.js'
import { assertChoices, drawLots, minimumVotes, tallyRound, type RoundInput } from '../../src/domain/election.js'

const threshold: fc.Arbitrary<Threshold> = fc.oneof(
  // The shares clusters actually use, so quorums are met and thresholds reached often enough to matter.
  fc.constantFrom<Threshold>(
    { numerator: 1, denominator: 2, comparison: 'more_than' },
    { numerator: 2, denominator: 3, comparison: 'at_least' },
    { numerator: 1, denominator: 2, comparison: 'at_least' },
    { numerator: 1, denominator: 3, comparison: 'at_least' }
  ),
  fc.record({
    denominator: fc.integer({ min: 1, max: 10 }),
    numerator: fc.integer({ min: 0, max: 10 }),
    comparison: fc.constantFrom('at_least' as const, 'more_than' as const)
  }).filter((x) => x.numerator <= x.denominator)
)

const POOL = ['a', 'b', 'c', 'd', 'e', 'f']

/** A round with valid ballots; few candidates and small counts, so ties and boundaries come up often. */
const roundInput: fc.Arbitrary<RoundInput> = fc.record({
  candidates: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: POOL.length }),
  seatsPick: fc.nat(),
  electorate: fc.integer({ min: 0, max: 12 }),
  round: fc.integer({ min: 1, max: 5 }),
  rules: fc.record({
    voteQuorum: threshold,
    voteThreshold: threshold,
    voteThresholdBase: fc.constantFrom('ballots_cast' as const, 'members' as const),
    votingRoundsBeforeTieBreak: fc.integer({ min: 1, max: 4 })
  }),
  seed: fc.string({ maxLength: 12 })
}).chain(({ candidates, seatsPick, electorate, ...rest }) => {
  const seats = 1 + (seatsPick % Math.min(3, candidates.length))
  // Often everyone votes, as at a conference; otherwise any turnout.
  const cast = fc.oneof(fc.constant(electorate), fc.integer({ min: 0, max: electorate }))
  return fc.record({
    ballots: cast.chain((n) => fc.array(fc.shuffledSubarray(candidates, { maxLength: seats }), { minLength: n, maxLength: n })),
    // Small scores so equal scores happen; some candidates may have none.
    scores: fc.option(fc.array(fc.tuple(fc.constantFrom(...candidates), fc.integer({ min: 0, max: 3 })))
      .map((pairs) => new Map(pairs)), { nil: undefined })
  }).map(({ ballots, scores }) => ({ ...rest, candidateUnitIds: candidates, seats, electorate, ballots, scores }))
})

// Ties and tie-breaks are a few percent of the rounds drawn: enough runs that every run meets dozens of them.
const runs = { numRuns: 1000 }

/** `items` reordered by a list of sort keys. */
const permute = <T>(items: readonly T[], keys: readonly number[]) =>
  items.map((item, i) => [keys[i % Math.max(keys.length, 1)] ?? 0, i, item] as const)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, , item]) => item)

t.test('property: the generated ballots are ones assertChoices lets through', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    for (const ballot of input.ballots) assertChoices(ballot, input, { unitId: 'voter', selfVoteAllowed: true })
  }), runs)
  t.pass('held')
})

t.test('property: the tally does not depend on the order of the ballots or of the choices on them', async (t) => {
  fc.assert(fc.property(roundInput, fc.array(fc.nat(), { minLength: 1 }), (input, keys) => {
    const shuffled = { ...input, ballots: permute(input.ballots, keys).map((b) => permute(b, [...keys].reverse())) }
    return isDeepStrictEqual(tallyRound(shuffled), tallyRound(input)) &&
      isDeepStrictEqual(tallyRound({ ...input, ballots: [...input.ballots].reverse() }), tallyRound(input))
  }), runs)
  t.pass('held')
})

t.test('property: the counts add up to the choices made, and blank ballots are ballots cast', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    const tally = tallyRound(input)
    const choices = input.ballots.reduce((n, b) => n + b.length, 0)
    return tally.counts.reduce((n, c) => n + c.votes, 0) === choices &&
      tally.counts.length === input.candidateUnitIds.length &&
      tally.ballotsCast === input.ballots.length &&
      tally.blankBallots === input.ballots.filter((b) => b.length === 0).length &&
      tally.counts.every((c, i) => i === 0 || tally.counts[i - 1].votes >= c.votes)
  }), runs)
  t.pass('held')
})

t.test('property: winners are distinct candidates, never more than the seats', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    const { winners } = tallyRound(input)
    const ids = winners.map((w) => w.unitId)
    return winners.length <= input.seats && new Set(ids).size === ids.length &&
      ids.every((id) => input.candidateUnitIds.includes(id))
  }), runs)
  t.pass('held')
})

t.test('property: only a count that reaches the threshold wins by votes, and before the tie-break only such counts win', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    const tally = tallyRound(input)
    const reaches = (id: string) => tally.counts.find((c) => c.unitId === id)!.reachesThreshold
    const beforeTieBreak = input.round < input.rules.votingRoundsBeforeTieBreak
    return tally.winners.every((w) => (w.decidedBy !== 'votes' || reaches(w.unitId)) && (!beforeTieBreak || reaches(w.unitId))) &&
      tally.winners.every((w) => w.decidedBy !== 'votes' || tally.counts.every((c) => c.votes <= w.votes || reaches(c.unitId)))
  }), runs)
  t.pass('held')
})

t.test('property: a count reaches the threshold exactly when it has votes and at least the minimum', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    const { counts, threshold: th } = tallyRound(input)
    return counts.every((c) => c.reachesThreshold === (c.votes > 0 && th.minimumVotes !== null && c.votes >= th.minimumVotes)) &&
      th.baseCount === (input.rules.voteThresholdBase === 'members' ? input.electorate : input.ballots.length)
  }), runs)
  t.pass('held')
})

t.test('property: without a quorum nobody is elected and the round is held again as it was', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    const tally = tallyRound(input)
    const met = meetsThreshold(input.ballots.length, input.electorate, input.rules.voteQuorum)
    if (met) return tally.quorum.met && tally.outcome !== 'no_quorum'
    return !tally.quorum.met && tally.outcome === 'no_quorum' && tally.winners.length === 0 && tally.lots === null &&
      isDeepStrictEqual(tally.next, { candidateUnitIds: input.candidateUnitIds, seats: input.seats })
  }), runs)
  t.pass('held')
})

t.test('property: in or after the tie-break round there is never a tie; a tie sends equals to the seats left', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    const tally = tallyRound(input)
    if (input.round >= input.rules.votingRoundsBeforeTieBreak && tally.outcome === 'tie') return false
    if (tally.outcome !== 'tie') return tally.outcome === 'no_quorum' || tally.next === null
    const next = tally.next!
    const votes = next.candidateUnitIds.map((id) => tally.counts.find((c) => c.unitId === id)!.votes)
    return next.seats === input.seats - tally.winners.length && next.seats > 0 &&
      next.candidateUnitIds.length > next.seats && new Set(votes).size === 1 &&
      next.candidateUnitIds.every((id) => !tally.winners.some((w) => w.unitId === id)) &&
      tally.winners.every((w) => w.votes > votes[0])
  }), runs)
  t.pass('held')
})

t.test('property: lots are the order drawLots gives, and the first drawn win', async (t) => {
  fc.assert(fc.property(roundInput, (input) => {
    const { lots, winners } = tallyRound(input)
    if (lots === null) return winners.every((w) => w.decidedBy !== 'lots')
    const byLots = winners.filter((w) => w.decidedBy === 'lots').map((w) => w.unitId)
    return lots.seed === input.seed && isDeepStrictEqual(lots.order, drawLots(input.seed, [...lots.order].reverse())) &&
      byLots.length > 0 && isDeepStrictEqual(byLots, lots.order.slice(0, byLots.length))
  }), runs)
  t.pass('held')
})

t.test('property: drawLots is a permutation that depends only on the seed and the set of ids', async (t) => {
  fc.assert(fc.property(fc.string(), fc.uniqueArray(fc.string({ maxLength: 8 }), { maxLength: 8 }), fc.array(fc.nat()),
    (seed, ids, keys) => {
      const order = drawLots(seed, ids)
      return isDeepStrictEqual([...order].sort(), [...ids].sort()) && isDeepStrictEqual(drawLots(seed, permute(ids, keys)), order)
    }))
  t.pass('held')
})

t.test('property: minimumVotes is the least count that meets the threshold', async (t) => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), threshold, (base, th) => {
    const least = minimumVotes(base, th)
    // Counting starts at one vote: nobody wins with none.
    if (least === null) return Array.from({ length: base }, (_, n) => n + 1).every((n) => !meetsThreshold(n, base, th))
    return least >= 1 && meetsThreshold(least, base, th) && (least === 1 || !meetsThreshold(least - 1, base, th))
  }))
  t.pass('held')
})

t.test('property: a refused ballot\'s message names no unit', async (t) => {
  const ids = fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 5 })
  fc.assert(fc.property(ids, fc.uuid(), fc.array(fc.nat({ max: 6 }), { maxLength: 5 }), fc.integer({ min: 1, max: 3 }), fc.boolean(),
    (candidates, outsider, picks, seats, selfVoteAllowed) => {
      const everyone = [...candidates, outsider]
      const choices = picks.map((k) => everyone[k % everyone.length])
      try {
        assertChoices(choices, { candidateUnitIds: candidates, seats }, { unitId: candidates[0], selfVoteAllowed })
        return true
      } catch (e) {
        return e instanceof DomainError && e.kind === 'rule' && e.details === undefined &&
          everyone.every((id) => !e.message.toLowerCase().includes(id.toLowerCase()))
      }
    }))
  t.pass('held')
})
