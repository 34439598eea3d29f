// Elections (bỏ phiếu): the secret ballot that honours units for a title (suy tôn) and the one that elects next
// year's head and deputy units (bầu Cụm trưởng, Cụm phó). Pure rules: what a ballot may hold, and the tally of
// one round — quorum, threshold, winners up to the seats, and what a tie leads to. The cluster's rules give every
// parameter; nothing here is a constant of the law.
import { createHash } from 'node:crypto'
import { meetsThreshold, titleSeatsFor, type ClusterRules, type Threshold } from './cluster-rules.js'
import { conflict, ruleBroken } from './errors.js'
import type { RankingStandard } from './titles.js'

export const ELECTION_KINDS = ['leadership', 'title'] as const
export type ElectionKind = typeof ELECTION_KINDS[number]

/** A leadership election fills one office; the head is elected first, then the deputy. */
export const OFFICES = ['head', 'deputy'] as const
export type Office = typeof OFFICES[number]

/**
 * draft → open (a round takes ballots) → closed (a new round is needed) → open … → decided. A draft, or an election
 * awaiting its next round, may be cancelled instead (a mistaken draft, a vote the conference abandons).
 */
export const ELECTION_STATUSES = ['draft', 'open', 'closed', 'decided', 'cancelled'] as const
export type ElectionStatus = typeof ELECTION_STATUSES[number]

/** Refuses to cancel an election with a round open (close it first: its ballots are then counted), decided or cancelled. */
export function assertMayCancel (status: ElectionStatus): void {
  if (status === 'draft' || status === 'closed') return
  const why = status === 'open'
    ? 'a round is open: close it first, so that the ballots cast are counted and kept'
    : status === 'decided' ? 'it is decided: its result stands' : 'it is already cancelled'
  throw conflict('election_not_cancellable', `The election cannot be cancelled: ${why}.`, { electionStatus: status })
}

/** Which statuses may open a round, and from what: a draft its candidates, a closed election its last tally's next round. */
export function decideOpen (election: { status: ElectionStatus, round: number, candidateUnitIds: string[], seats: number }):
{ candidateUnitIds: string[], seats: number } | { afterRound: number } {
  if (election.status === 'draft') return { candidateUnitIds: election.candidateUnitIds, seats: election.seats }
  if (election.status === 'closed') return { afterRound: election.round }
  throw conflict('election_not_openable', `The election is ${election.status}; only a draft or a closed round awaiting the next can open.`,
    { electionStatus: election.status })
}

/** Refuses to open a round no one could vote in: the cluster has no member units on the vote's day. */
export function assertElectorate (electorate: readonly string[], day: string): void {
  if (electorate.length === 0) throw ruleBroken('no_electorate', `The cluster has no member units on ${day}, so no one could vote.`)
}

/**
 * The round that takes ballots and may close: the current one, only while the election is open. Checked before the
 * round is read, since a draft has none.
 */
export function openRoundOf (election: { status: ElectionStatus, round: number }, purpose: 'ballot' | 'close'): number {
  if (election.status === 'open') return election.round
  const why = purpose === 'ballot' ? 'ballots go into an open round' : 'only an open round can close'
  throw conflict('election_not_open', `The election is ${election.status}; ${why}.`, { electionStatus: election.status })
}

/**
 * Refuses a ballot the open round does not take: a voter outside the electorate fixed when the round opened, then
 * choices `assertChoices` refuses. `voterUnitId` and `choices` are lower-case ids.
 */
export function decideBallot (
  round: { round: number, electorate: readonly string[], candidateUnitIds: readonly string[], seats: number },
  rules: Pick<ClusterRules, 'selfVoteAllowed'>,
  ballot: { voterUnitId: string, choices: readonly string[] }
): void {
  if (!round.electorate.includes(ballot.voterUnitId)) {
    throw ruleBroken('voter_not_in_electorate', `Unit ${ballot.voterUnitId} was not a member of the cluster when round ${round.round} opened, so it cannot vote in it.`)
  }
  assertChoices(ballot.choices, round, { unitId: ballot.voterUnitId, selfVoteAllowed: rules.selfVoteAllowed })
}

/** Refuses to show a result before a round has closed: the tally exists only after close. */
export function assertHasResult (election: { status: ElectionStatus, round: number }): void {
  if (election.status !== 'draft' && election.status !== 'open' && election.round > 0) return
  throw conflict('election_not_closed', `The election is ${election.status}${election.round === 0 ? ' and never opened' : ''}: its tally is known only once a round closes.`,
    { electionStatus: election.status })
}

export const ROUND_OUTCOMES = ['decided', 'tie', 'no_quorum', 'no_winner'] as const
export type RoundOutcome = typeof ROUND_OUTCOMES[number]

export type DecidedBy = 'votes' | 'final_score' | 'lots'

export type VotingRules = Pick<ClusterRules, 'voteQuorum' | 'voteThreshold' | 'voteThresholdBase' | 'votingRoundsBeforeTieBreak'>

export interface RoundInput {
  round: number
  candidateUnitIds: readonly string[]
  seats: number
  /** How many units may vote in this round. */
  electorate: number
  /** Each ballot's choices (already checked by `assertChoices`); a blank ballot has none. */
  ballots: ReadonlyArray<readonly string[]>
  rules: VotingRules
  /** Final scores of the year's ranking in hundredths of a point, for the tie-break after the last voting round. */
  scores?: ReadonlyMap<string, number>
  /** The seed of the drawing of lots, used only when lots are drawn. */
  seed: string
}

export interface CandidateCount {
  unitId: string
  votes: number
  reachesThreshold: boolean
}

export interface Winner {
  unitId: string
  votes: number
  decidedBy: DecidedBy
}

export interface RoundTally {
  round: number
  candidateUnitIds: string[]
  seats: number
  electorate: number
  ballotsCast: number
  blankBallots: number
  quorum: { required: Threshold, met: boolean }
  threshold: { required: Threshold, base: VotingRules['voteThresholdBase'], baseCount: number, minimumVotes: number | null }
  /** Every candidate, most votes first (then by id, so the order never depends on the ballots' order). */
  counts: CandidateCount[]
  outcome: RoundOutcome
  /** Elected in this round, in order of election. */
  winners: Winner[]
  /** With outcome `tie` or `no_quorum`: the next round's candidates and seats. */
  next: { candidateUnitIds: string[], seats: number } | null
  /** With a drawing of lots: its seed and the order it gave the tied candidates (first drawn first). */
  lots: { seed: string, order: string[] } | null
}

/** The fewest votes (at least one: nobody wins with none) that reach `threshold` out of `base`, or null when none can. */
export function minimumVotes (base: number, threshold: Threshold): number | null {
  for (let votes = 1; votes <= base; votes++) if (meetsThreshold(votes, base, threshold)) return votes
  return null
}

/**
 * Refuses a ballot that names a unit twice, more units than seats, a unit that is not a candidate of the round,
 * or (when the cluster forbids it) the voter itself. Messages name positions, never units: a refusal must not
 * carry a voter's choices anywhere.
 */
export function assertChoices (
  choices: readonly string[],
  round: { candidateUnitIds: readonly string[], seats: number },
  voter: { unitId: string, selfVoteAllowed: boolean }
): void {
  if (choices.length > round.seats) {
    throw ruleBroken('too_many_choices', `A ballot may name at most ${round.seats} unit${round.seats > 1 ? 's' : ''} in this round; it names ${choices.length}.`)
  }
  const candidates = new Set(round.candidateUnitIds.map((id) => id.toLowerCase()))
  const seen = new Set<string>()
  choices.forEach((choice, i) => {
    const id = choice.toLowerCase()
    if (seen.has(id)) throw ruleBroken('duplicate_choice', `choices[${i}] repeats an earlier choice.`)
    seen.add(id)
    if (!candidates.has(id)) throw ruleBroken('not_a_candidate', `choices[${i}] is not a candidate of this round.`)
    if (!voter.selfVoteAllowed && id === voter.unitId.toLowerCase()) {
      throw ruleBroken('self_vote_not_allowed', `choices[${i}] is the voting unit itself; this cluster's rules forbid voting for oneself.`)
    }
  })
}

/** The order a drawing of lots gives `unitIds`: by SHA-256 of seed and id, so anyone with the seed can redo it. */
export function drawLots (seed: string, unitIds: readonly string[]): string[] {
  const ticket = (id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex')
  return [...unitIds].sort((a, b) => compareText(ticket(a), ticket(b)) || compareText(a, b))
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The tally of one round. */
export function tallyRound (input: RoundInput): RoundTally {
  const { round, seats, electorate, ballots, rules } = input
  const candidateUnitIds = [...input.candidateUnitIds]
  const ballotsCast = ballots.length
  const blankBallots = ballots.filter((b) => b.length === 0).length
  const votes = new Map(candidateUnitIds.map((id) => [id, 0]))
  for (const ballot of ballots) for (const id of ballot) votes.set(id, (votes.get(id) ?? 0) + 1)
  const baseCount = rules.voteThresholdBase === 'members' ? electorate : ballotsCast
  const counts: CandidateCount[] = candidateUnitIds
    .map((unitId) => {
      const n = votes.get(unitId)!
      return { unitId, votes: n, reachesThreshold: n > 0 && meetsThreshold(n, baseCount, rules.voteThreshold) }
    })
    .sort((a, b) => b.votes - a.votes || compareText(a.unitId, b.unitId))
  const quorumMet = meetsThreshold(ballotsCast, electorate, rules.voteQuorum)
  const base = {
    round,
    candidateUnitIds,
    seats,
    electorate,
    ballotsCast,
    blankBallots,
    quorum: { required: { ...rules.voteQuorum }, met: quorumMet },
    threshold: { required: { ...rules.voteThreshold }, base: rules.voteThresholdBase, baseCount, minimumVotes: minimumVotes(baseCount, rules.voteThreshold) },
    counts
  }
  if (!quorumMet) {
    return { ...base, outcome: 'no_quorum', winners: [], next: { candidateUnitIds, seats }, lots: null }
  }

  const passing = counts.filter((c) => c.reachesThreshold)
  let elected: CandidateCount[]
  let tied: CandidateCount[]
  if (passing.length > seats) {
    // The last seat's vote count: above it is elected, at it with more candidates than seats left is a tie.
    const boundary = passing[seats - 1].votes
    elected = passing.filter((c) => c.votes > boundary)
    tied = passing.filter((c) => c.votes === boundary)
    if (elected.length + tied.length === seats) {
      elected = [...elected, ...tied]
      tied = []
    }
  } else {
    elected = passing
    // Nobody reached the threshold because the votes split evenly at the top: that too is a tie.
    const top = counts[0]?.votes ?? 0
    const atTop = counts.filter((c) => c.votes === top)
    tied = elected.length === 0 && top > 0 && atTop.length > seats ? atTop : []
  }
  const winners: Winner[] = elected.map(({ unitId, votes: n }) => ({ unitId, votes: n, decidedBy: 'votes' }))
  if (tied.length === 0) {
    return { ...base, outcome: winners.length > 0 ? 'decided' : 'no_winner', winners, next: null, lots: null }
  }
  const seatsLeft = seats - elected.length
  if (round < rules.votingRoundsBeforeTieBreak) {
    return { ...base, outcome: 'tie', winners, next: { candidateUnitIds: tied.map((c) => c.unitId), seats: seatsLeft }, lots: null }
  }
  const settled = settleTie(tied, seatsLeft, input.scores, input.seed)
  return { ...base, outcome: 'decided', winners: [...winners, ...settled.winners], next: null, lots: settled.lots }
}

/**
 * After the last voting round: the higher final score wins; candidates whose scores are equal, or when some tied
 * candidate has no score, are ordered by lots. Only the seats that remain are filled.
 */
function settleTie (
  tied: readonly CandidateCount[],
  seats: number,
  scores: ReadonlyMap<string, number> | undefined,
  seed: string
): { winners: Winner[], lots: RoundTally['lots'] } {
  const winners: Winner[] = []
  let lots: RoundTally['lots'] = null
  for (const group of standing(tied, scores)) {
    const left = seats - winners.length
    if (left <= 0) break
    if (group.length <= left) {
      for (const c of group) winners.push({ unitId: c.unitId, votes: c.votes, decidedBy: 'final_score' })
      continue
    }
    const order = drawLots(seed, group.map((c) => c.unitId))
    lots = { seed, order }
    const byId = new Map(group.map((c) => [c.unitId, c]))
    for (const id of order.slice(0, left)) winners.push({ unitId: id, votes: byId.get(id)!.votes, decidedBy: 'lots' })
  }
  return { winners, lots }
}

/** Groups of equal standing, best first: by final score when every candidate has one, else a single group. */
function standing (tied: readonly CandidateCount[], scores: ReadonlyMap<string, number> | undefined): CandidateCount[][] {
  if (!scores || !tied.every((c) => scores.has(c.unitId))) return [[...tied]]
  const groups = new Map<number, CandidateCount[]>()
  for (const c of tied) {
    const score = scores.get(c.unitId)!
    groups.set(score, [...(groups.get(score) ?? []), c])
  }
  return [...groups.entries()].sort(([a], [b]) => b - a).map(([, group]) => group)
}

export interface ElectionDraft {
  kind: ElectionKind
  office?: Office
  titleCode?: string
  seats?: number
  candidateUnitIds: readonly string[]
}

/** An eligibility override puts forward title candidates; a leadership election has no eligibility to override. */
export function assertOverrideFits (kind: ElectionKind, overridden: boolean): void {
  if (overridden && kind !== 'title') throw ruleBroken('override_for_titles_only', 'An eligibility override applies to title elections only.')
}

/**
 * The seats of a new election, after refusing a draft whose parts do not fit its kind: a leadership election names
 * its office and elects one unit; a title election names its title and takes the seats the cluster fixes for it.
 */
export function electionSeats (draft: ElectionDraft, rules: Pick<ClusterRules, 'titleSeats'>): number {
  const ids = draft.candidateUnitIds.map((id) => id.toLowerCase())
  if (new Set(ids).size !== ids.length) throw ruleBroken('duplicate_candidate', 'A unit is listed as a candidate more than once.')
  let seats: number
  if (draft.kind === 'leadership') {
    if (draft.office === undefined) throw ruleBroken('office_required', 'A leadership election names its office: `head` or `deputy`.')
    if (draft.titleCode !== undefined) throw ruleBroken('title_code_not_allowed', 'A leadership election has no titleCode.')
    if (draft.seats !== undefined && draft.seats !== 1) throw ruleBroken('one_seat_per_office', 'A leadership election elects one unit to its office.')
    seats = 1
  } else {
    if (draft.titleCode === undefined) throw ruleBroken('title_code_required', 'A title election names its titleCode.')
    if (draft.office !== undefined) throw ruleBroken('office_not_allowed', 'A title election has no office.')
    const fixed = titleSeatsFor(rules, draft.titleCode)
    if (fixed !== undefined && draft.seats !== undefined && draft.seats !== fixed) {
      throw ruleBroken('seats_fixed_by_rules', `The cluster's rules fix ${fixed} seat${fixed > 1 ? 's' : ''} for ${draft.titleCode}.`, { seats: fixed })
    }
    seats = fixed ?? draft.seats ?? 1
  }
  if (seats > ids.length) {
    throw ruleBroken('more_seats_than_candidates', `The election has ${seats} seat${seats > 1 ? 's' : ''} but ${ids.length} candidate${ids.length > 1 ? 's' : ''}.`)
  }
  return seats
}

/** A unit's standing in the cluster's finalized ranking, as far as titles go. */
export interface TitleStanding {
  unitId: string
  eligibleForTitles: boolean
  eligibleForMinistryFlag: boolean
  eligibleForGovernmentFlag: boolean
}

/** Why the finalized ranking does not make a unit eligible for a title. */
export const INELIGIBILITY_REASONS = ['not_ranked', 'under_discipline', 'below_ministry_flag_band', 'not_leading_unit'] as const
export type IneligibilityReason = typeof INELIGIBILITY_REASONS[number]

export interface Ineligibility {
  unitId: string
  reason: IneligibilityReason
}

/** Why a unit's standing does not meet the title's ranking standard, or null when it does. */
function ineligibility (standard: RankingStandard, s: TitleStanding | undefined): IneligibilityReason | null {
  if (s === undefined) return 'not_ranked'
  // The ranking makes a unit under discipline (pending or in force) ineligible for every title.
  if (!s.eligibleForTitles) return 'under_discipline'
  if (standard === 'none') return null
  if (!s.eligibleForMinistryFlag) return 'below_ministry_flag_band'
  return standard === 'leads_cluster' && !s.eligibleForGovernmentFlag ? 'not_leading_unit' : null
}

/**
 * The units the ranking does not make eligible for a title of this standard (the catalogue's), each with why: a unit
 * under discipline for any title; `ministry_flag_band` needs the scheme's Ministry-flag band; `leads_cluster` first
 * place with it; a unit missing from the ranking for none. Judges the candidates of a draft and, again, the winners
 * of a title election when it closes, and a dossier's proposals when it is submitted and accepted.
 */
export function titleIneligibility (standard: RankingStandard, unitIds: readonly string[], ranking: readonly TitleStanding[]): Ineligibility[] {
  const byUnit = new Map(ranking.map((r) => [r.unitId, r]))
  return unitIds.flatMap((unitId) => {
    const reason = ineligibility(standard, byUnit.get(unitId))
    return reason === null ? [] : [{ unitId, reason }]
  })
}

/** Why the ranking of `year` does not make a unit eligible, as the rest of a sentence about the unit. */
export const INELIGIBILITY_WORDS: Record<IneligibilityReason, (year: number) => string> = {
  not_ranked: (year) => `is not in the finalized ranking of ${year}`,
  under_discipline: (year) => `is under discipline (pending or in force) in ${year}, which bars it from every title`,
  below_ministry_flag_band: (year) => `is below the Ministry-flag band in the finalized ranking of ${year}`,
  not_leading_unit: (year) => `does not lead the finalized ranking of ${year} with the Ministry-flag band, as the title requires`
}

/** Where a unit stands in the finalized ranking: its rank, its band and its total points. */
export interface RankStanding { rank: number, bandName: string, total: number }

/**
 * The detail of 422 `candidate_not_eligible`: each refused unit by its id, why the finalized ranking of `year` does
 * not make it eligible and where it stands there, and that an admin may override with a reason. The unit of work
 * writes each id as the unit's label (name and id) when it refuses, as it does for every refusal naming units.
 */
export function notEligibleDetail (
  refused: ReadonlyArray<Ineligibility & { standing?: RankStanding }>, titleCode: string, year: number
): string {
  const why = refused.map(({ unitId, reason, standing }) => {
    const where = standing ? ` (rank ${standing.rank}, band "${standing.bandName}", ${standing.total.toFixed(2)} points)` : ''
    return `${unitId} ${INELIGIBILITY_WORDS[reason](year)}${where}`
  })
  return `Not eligible for ${titleCode}: ${why.join('; ')}. An admin may override the ranking with eligibilityOverride and a reason.`
}

/** What an ineligibility means, for a person reading the result. */
export function describeIneligibility (reason: IneligibilityReason, titleCode: string, year: number): string {
  return `The unit ${INELIGIBILITY_WORDS[reason](year)}; it is not proposed for ${titleCode}.`
}

/** A winner of some round of an election. */
export interface ElectedUnit extends Winner {
  round: number
  /** A title election's winner that was no longer eligible when it closed: why, and so not proposed. */
  ineligibility?: { reason: IneligibilityReason, detail: string }
}

/** The winners of a title election, each one the ranking at the close no longer makes eligible marked with why. */
export function markIneligible (winners: readonly ElectedUnit[], refused: readonly Ineligibility[], titleCode: string, year: number): ElectedUnit[] {
  const reasons = new Map(refused.map((i) => [i.unitId, i.reason]))
  return winners.map((w) => {
    const reason = reasons.get(w.unitId)
    return reason ? { ...w, ineligibility: { reason, detail: describeIneligibility(reason, titleCode, year) } } : w
  })
}

/**
 * The year of the finalized ranking whose scores settle a tie in `round`, or undefined when the round is not the
 * tie-break one (votes alone decide it): a title election's own year; the outgoing year for a leadership election.
 */
export function tieBreakYear (election: { kind: ElectionKind, termYear: number }, round: number, rules: Pick<ClusterRules, 'votingRoundsBeforeTieBreak'>): number | undefined {
  if (round < rules.votingRoundsBeforeTieBreak) return undefined
  return election.kind === 'title' ? election.termYear : election.termYear - 1
}

export interface CloseInput {
  election: { kind: ElectionKind, winners: readonly ElectedUnit[], eligibilityOverride: unknown }
  round: { round: number, candidateUnitIds: readonly string[], seats: number, electorate: readonly string[] }
  rules: VotingRules
  ballots: ReadonlyArray<readonly string[]>
  /** The final scores of the tie-break year's ranking, when the round is the tie-break one and the ranking is final. */
  scores?: ReadonlyMap<string, number>
  seed: string
}

export interface CloseDecision {
  tally: RoundTally
  /** `decided` once a round elects (or can elect nobody); `closed` after a tie or no quorum, to open the next round. */
  status: 'closed' | 'decided'
  /** Elected so far, across rounds. */
  winners: ElectedUnit[]
  /**
   * A decided title election judges its winners' eligibility again on the ranking as it is at the close: a unit put
   * under discipline since the draft wins the vote and is not proposed. An admin's override stands as at the draft.
   */
  rejudgeEligibility: boolean
}

/** Closing the open round: its tally, the election's status after it, and its winners so far. */
export function decideClose ({ election, round, rules, ballots, scores, seed }: CloseInput): CloseDecision {
  const tally = tallyRound({
    round: round.round,
    candidateUnitIds: round.candidateUnitIds,
    seats: round.seats,
    electorate: round.electorate.length,
    ballots,
    rules,
    scores,
    seed
  })
  const decided = tally.outcome === 'decided' || tally.outcome === 'no_winner'
  return {
    tally,
    status: decided ? 'decided' : 'closed',
    winners: [...election.winners, ...tally.winners.map((w) => ({ ...w, round: round.round }))],
    rejudgeEligibility: decided && election.kind === 'title' && !election.eligibilityOverride
  }
}

/** A proposal of a unit for a title, with the vote behind it. */
export interface TitleProposalFields {
  clusterId: string
  year: number
  titleCode: string
  unitId: string
  electionId: string
  round: number
  votes: number
  ballotsCast: number
  electorate: number
  decidedBy: DecidedBy
}

/** The proposals a decided title election makes: every winner still eligible, with the round that elected it. */
export function proposalsOf (
  election: { id: string, clusterId: string, kind: ElectionKind, status: ElectionStatus, termYear: number, titleCode: string | null, winners: readonly ElectedUnit[] },
  rounds: ReadonlyArray<{ round: number, electorate: readonly string[], tally: RoundTally | null }>
): TitleProposalFields[] {
  if (election.status !== 'decided' || election.kind !== 'title') return []
  const byNumber = new Map(rounds.map((r) => [r.round, r]))
  return election.winners.filter((w) => !w.ineligibility).map((w) => ({
    clusterId: election.clusterId,
    year: election.termYear,
    titleCode: election.titleCode!,
    unitId: w.unitId,
    electionId: election.id,
    round: w.round,
    votes: w.votes,
    ballotsCast: byNumber.get(w.round)!.tally!.ballotsCast,
    electorate: byNumber.get(w.round)!.electorate.length,
    decidedBy: w.decidedBy
  }))
}

/** A decided deputy election that elected a unit writes next year's term (with the head elected before it). */
export const electsTerm = (election: { status: ElectionStatus, office: Office | null, winners: readonly ElectedUnit[] }) =>
  election.status === 'decided' && election.office === 'deputy' && election.winners.length > 0

/** The term a deputy election writes: the elected head and this deputy, decided on `decidedOn` (the day of the vote). */
export function electedTerm (election: { id: string, winners: readonly ElectedUnit[] }, head: { electionId: string, unitId: string }, decidedOn: string) {
  return {
    headUnitId: head.unitId,
    deputyUnitId: election.winners[0].unitId,
    chosenBy: 'election' as const,
    decidedOn,
    note: `Elected by ballot: head in election ${head.electionId}, deputy in election ${election.id}.`
  }
}
