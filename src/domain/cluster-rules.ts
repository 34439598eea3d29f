// A cluster's own parameters (its quy chế hoạt động): quorum, vote threshold, tie-break and the like.
// They are data, not constants: each cluster stores its rules, and a rule missing from a stored set (one added
// after the cluster was created) reads as its default, so adding a rule never needs a data migration.
import { invalid } from './errors.js'

/**
 * An exact fraction with how to compare against it: `at_least` 2/3 means count/total ≥ 2/3, `more_than` 1/2
 * means count/total > 1/2. Integers, so no rounding ever decides a vote.
 */
export interface Threshold {
  numerator: number
  denominator: number
  comparison: 'at_least' | 'more_than'
}

export interface ClusterRules {
  /** Member units present for a conference to be valid. */
  quorum: Threshold
  /** Share of the threshold base (`voteThresholdBase`) a candidate needs to win. */
  voteThreshold: Threshold
  /** What the vote threshold is a share of: the ballots cast (blank ones included) or the round's electorate. */
  voteThresholdBase: 'ballots_cast' | 'members'
  /** Share of the round's electorate that must cast a ballot for the round to count. */
  voteQuorum: Threshold
  /** How a tie among candidates is decided. */
  tieBreak: 'new_round'
  /**
   * Voting rounds before a tie is settled otherwise: a tie in this round is decided by the higher final score of
   * the year's ranking, and a tie that remains by a drawing of lots recorded with its seed.
   */
  votingRoundsBeforeTieBreak: number
  /** Whether a unit under discipline (or awaiting a decision) may still be ranked first. */
  disciplinedUnitMayRankFirst: boolean
  /** Whether this year's head unit may be elected head again for next year. */
  outgoingHeadMayBeReelected: boolean
  /** Whether a unit may vote for itself. */
  selfVoteAllowed: boolean
  /** Seats per title code that the cluster fixes for itself; a title not listed takes the election's seats. */
  titleSeats: Record<string, number>
  /**
   * Whether the member units read each other's scorecards (and the ranking) before the scores are finalized.
   * Private by default: a unit reads its own drafts, and the others' once finalized.
   */
  membersReadDraftScorecards: boolean
  /** Whether the member units read each other's discipline records of their time together. Private by default. */
  membersReadDisciplineRecords: boolean
  /**
   * Whether a unit's scores are rescaled to the scheme's maximum when criteria do not apply to it (its targets'
   * `notApplicable`): base × schemeMax / applicableMax, half-up to two places; off, the total is the plain sum.
   */
  rescaleNotApplicable: boolean
  /**
   * What becomes of a scorecard step taken after its deadline (the scheme's `deadlines`): `refuse` (409
   * `deadline_passed`) or `mark_late` (accepted, and the scorecard keeps that it was late).
   */
  lateSteps: 'refuse' | 'mark_late'
}

export const DEFAULT_RULES: Readonly<ClusterRules> = Object.freeze<ClusterRules>({
  quorum: { numerator: 2, denominator: 3, comparison: 'at_least' },
  voteThreshold: { numerator: 1, denominator: 2, comparison: 'more_than' },
  voteThresholdBase: 'ballots_cast',
  voteQuorum: { numerator: 2, denominator: 3, comparison: 'at_least' },
  tieBreak: 'new_round',
  votingRoundsBeforeTieBreak: 3,
  disciplinedUnitMayRankFirst: false,
  outgoingHeadMayBeReelected: true,
  selfVoteAllowed: true,
  titleSeats: {},
  membersReadDraftScorecards: false,
  membersReadDisciplineRecords: false,
  rescaleNotApplicable: true,
  lateSteps: 'refuse'
})

/** `changes` over `base` over the defaults, one rule at a time; refuses a threshold no count could meet. */
export function mergeRules (base: Partial<ClusterRules>, changes: Partial<ClusterRules> = {}): ClusterRules {
  const rules = { ...DEFAULT_RULES, ...base, ...changes }
  for (const name of ['quorum', 'voteThreshold', 'voteQuorum'] as const) {
    const { numerator, denominator, comparison } = rules[name]
    if (comparison === 'more_than' && numerator === denominator) {
      throw invalid('invalid_threshold', `rules.${name}: no share can be more than ${numerator}/${denominator}.`, { field: `rules.${name}` })
    }
    if (numerator > denominator) {
      throw invalid('invalid_threshold', `rules.${name}: the numerator (${numerator}) cannot exceed the denominator (${denominator}).`,
        { field: `rules.${name}` })
    }
  }
  return rules
}

/**
 * The seats the cluster fixes for a title, if it lists it. The code comes from a request, and a plain object
 * answers `constructor` or `toString` with what every object inherits: only the rules' own keys count.
 */
export function titleSeatsFor (rules: Pick<ClusterRules, 'titleSeats'>, titleCode: string): number | undefined {
  return Object.hasOwn(rules.titleSeats, titleCode) ? rules.titleSeats[titleCode] : undefined
}

/** Whether `count` out of `total` meets the threshold; nothing out of nothing meets none. */
export function meetsThreshold (count: number, total: number, threshold: Threshold): boolean {
  if (total <= 0) return false
  const left = count * threshold.denominator
  const right = threshold.numerator * total
  return threshold.comparison === 'at_least' ? left >= right : left > right
}
