// Elections, their rounds, turnout, ballots and the title proposals they produce. Turnout and ballots are
// written by one function and read by separate ones, and nothing here reads them together: the shape of the
// tables (see migration 006) keeps who voted apart from what was voted.
import type { Knex } from 'knex'
import type { DecidedBy, ElectedUnit, ElectionKind, ElectionStatus, Office, RoundTally, TitleProposalFields } from '../domain/election.js'
import { mergeRules, type ClusterRules } from '../domain/cluster-rules.js'
import type { Reference } from '../domain/deletion.js'
import { notFound } from '../domain/errors.js'
import { JOURNAL_APPEND_CALL, journalBindings, type Journal } from './journal-repository.js'
import { paginate, type PageRequest } from './pagination.js'
import { countReferences } from './reference-counts.js'
import { fieldsOf } from './row-fields.js'

export interface EligibilityOverride {
  reason: string
  /** The admin's token subject. */
  by: string
}

export interface ElectionFields {
  clusterId: string
  conferenceId: string | null
  kind: ElectionKind
  office: Office | null
  titleCode: string | null
  termYear: number
  seats: number
  candidateUnitIds: string[]
  eligibilityOverride: EligibilityOverride | null
}

export interface Cancellation { reason: string, cancelledBy: string, cancelledAt: string }

export interface Election extends ElectionFields {
  id: string
  status: ElectionStatus
  cancellation: Cancellation | null
  /** The round open now, or the last one; 0 before the first opens. */
  round: number
  winners: ElectedUnit[]
  version: number
  createdAt: string
  updatedAt: string
}

export interface Round {
  electionId: string
  round: number
  candidateUnitIds: string[]
  seats: number
  electorate: string[]
  openedAt: string
  closedAt: string | null
  tally: RoundTally | null
}

interface ElectionRow {
  id: string
  cluster_id: string
  conference_id: string | null
  kind: ElectionKind
  office: Office | null
  title_code: string | null
  term_year: number
  seats: number
  candidate_unit_ids: string[]
  eligibility_override: EligibilityOverride | null
  status: ElectionStatus
  cancellation: Cancellation | null
  current_round: number
  winners: ElectedUnit[]
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toElection = (row: ElectionRow): Election => ({
  id: row.id,
  clusterId: row.cluster_id,
  conferenceId: row.conference_id,
  kind: row.kind,
  office: row.office,
  titleCode: row.title_code,
  termYear: row.term_year,
  seats: row.seats,
  candidateUnitIds: row.candidate_unit_ids,
  eligibilityOverride: row.eligibility_override,
  status: row.status,
  cancellation: row.cancellation,
  round: row.current_round,
  winners: row.winners,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

export async function insertElection (trx: Knex.Transaction, fields: ElectionFields): Promise<Election> {
  const [row] = await trx('elections').insert({
    cluster_id: fields.clusterId,
    conference_id: fields.conferenceId,
    kind: fields.kind,
    office: fields.office,
    title_code: fields.titleCode,
    term_year: fields.termYear,
    seats: fields.seats,
    candidate_unit_ids: JSON.stringify(fields.candidateUnitIds),
    eligibility_override: fields.eligibilityOverride ? JSON.stringify(fields.eligibilityOverride) : null
  }).returning('*')
  return toElection(row)
}

export async function findElection (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Election | undefined> {
  const query = db('elections').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  const row = await query
  return row ? toElection(row) : undefined
}

export async function getElection (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Election> {
  const election = await findElection(db, id, options)
  if (!election) throw notFound('election', id)
  return election
}

/**
 * What judging a ballot needs, in one read: the election's status and current round, that round (none before the
 * first opens) and its cluster's rules. Undefined when no election has this id.
 */
export async function ballotAdmission (db: Knex, electionId: string): Promise<{
  election: Pick<Election, 'id' | 'clusterId' | 'status' | 'round'>
  round: Round | undefined
  rules: ClusterRules
} | undefined> {
  const row = await db('elections as e')
    .join('clusters as c', 'c.id', 'e.cluster_id')
    .leftJoin('election_rounds as r', function () {
      this.on('r.election_id', 'e.id').andOn('r.round', 'e.current_round')
    })
    .where('e.id', electionId)
    .first('e.id', 'e.cluster_id', 'e.status', 'e.current_round', 'c.rules', 'r.election_id', 'r.round', 'r.candidate_unit_ids',
      'r.seats', 'r.electorate', 'r.opened_at', 'r.closed_at', 'r.tally')
  if (!row) return undefined
  return {
    election: { id: row.id, clusterId: row.cluster_id, status: row.status, round: row.current_round },
    round: row.round === null ? undefined : toRound(row),
    rules: mergeRules(row.rules)
  }
}

export async function updateElection (
  trx: Knex.Transaction,
  current: Election,
  changes: { status: ElectionStatus, round?: number, winners?: ElectedUnit[], cancellation?: Cancellation }
): Promise<Election> {
  const [row] = await trx('elections').where({ id: current.id }).update({
    status: changes.status,
    current_round: changes.round ?? current.round,
    winners: JSON.stringify(changes.winners ?? current.winners),
    ...(changes.cancellation ? { cancellation: JSON.stringify(changes.cancellation) } : {}),
    version: current.version + 1,
    updated_at: trx.fn.now()
  }).returning('*')
  return toElection(row)
}

export async function listElections (db: Knex, clusterId: string, filter: { termYear?: number, kind?: ElectionKind }, page: PageRequest) {
  const query = db('elections').where('cluster_id', clusterId)
  if (filter.termYear !== undefined) query.where('term_year', filter.termYear)
  if (filter.kind) query.where('kind', filter.kind)
  return paginate<ElectionRow, Election>(query, ['term_year', 'id'], page, toElection, 'desc')
}

/** Of `ids`, those that are not elections of the cluster (unknown ones included). */
export async function electionsOutside (db: Knex, clusterId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const own = new Set((await db('elections').where('cluster_id', clusterId).whereIn('id', [...ids]).select('id')).map((r: { id: string }) => r.id))
  return [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => !own.has(id))
}

/** The elections held at a conference (theirs naming it) or that it links, in the order they were created. */
export async function electionsOfConference (db: Knex, conferenceId: string, linkedIds: readonly string[]): Promise<Election[]> {
  const rows: ElectionRow[] = await db('elections')
    .where((q) => q.where('conference_id', conferenceId).orWhereIn('id', [...linkedIds]))
    .orderBy(['created_at', 'id'])
  return rows.map(toElection)
}

/** The unit elected to `office` for a cluster's year by the latest decided election that elected one. */
export async function electedTo (db: Knex, clusterId: string, termYear: number, office: Office): Promise<{ electionId: string, unitId: string } | undefined> {
  const rows: ElectionRow[] = await db('elections')
    .where({ cluster_id: clusterId, term_year: termYear, kind: 'leadership' satisfies ElectionKind, office, status: 'decided' satisfies ElectionStatus })
    .orderBy('updated_at', 'desc')
  const row = rows.find((r) => r.winners.length > 0)
  return row ? { electionId: row.id, unitId: row.winners[0].unitId } : undefined
}

interface RoundRow {
  election_id: string
  round: number
  candidate_unit_ids: string[]
  seats: number
  electorate: string[]
  opened_at: Date
  closed_at: Date | null
  tally: RoundTally | null
}

const toRound = (row: RoundRow): Round => ({
  electionId: row.election_id,
  round: row.round,
  candidateUnitIds: row.candidate_unit_ids,
  seats: row.seats,
  electorate: row.electorate,
  openedAt: row.opened_at.toISOString(),
  closedAt: row.closed_at ? row.closed_at.toISOString() : null,
  tally: row.tally
})

export async function insertRound (
  trx: Knex.Transaction,
  electionId: string,
  round: number,
  fields: { candidateUnitIds: string[], seats: number, electorate: string[] }
): Promise<Round> {
  const [row] = await trx('election_rounds').insert({
    election_id: electionId,
    round,
    candidate_unit_ids: JSON.stringify(fields.candidateUnitIds),
    seats: fields.seats,
    electorate: JSON.stringify(fields.electorate)
  }).returning('*')
  return toRound(row)
}

export async function getRound (db: Knex, electionId: string, round: number): Promise<Round> {
  const row = await db('election_rounds').where({ election_id: electionId, round }).first()
  if (!row) throw notFound('election_round', `${electionId}/${round}`)
  return toRound(row)
}

export async function roundsOf (db: Knex, electionId: string): Promise<Round[]> {
  const rows: RoundRow[] = await db('election_rounds').where({ election_id: electionId }).orderBy('round')
  return rows.map(toRound)
}

export async function closeRound (trx: Knex.Transaction, electionId: string, round: number, tally: RoundTally): Promise<void> {
  await trx('election_rounds').where({ election_id: electionId, round })
    .update({ closed_at: trx.fn.now(), tally: JSON.stringify(tally) })
}

// One statement: the election row is share-locked while the round is open (a close waits for the ballot's commit,
// and a ballot after the close stores nothing), then who voted (the primary key refuses a second time) and,
// separately, what was voted under the receipt's hash (the two rows share nothing but the round), then the
// transaction's journal, written only when the ballot was.
const BALLOT_IF_OPEN = 'with open_round as (select "id", "current_round" from "elections" where "id" = ? and "status" = \'open\' ' +
  'and "current_round" = ? for share), voter as (insert into "election_voters" ("election_id", "round", "voter_unit_id") ' +
  'select "id", "current_round", ?::uuid from open_round returning "election_id", "round"), ' +
  'ballot as (insert into "ballots" ("choices", "election_id", "receipt_hash", "round") select ?::jsonb, "election_id", ?::text, "round" from voter returning "round") ' +
  `select "round", ${JOURNAL_APPEND_CALL} from ballot`

/**
 * Stores a ballot and its transaction's journal if the round is still open; false, with nothing written, when the
 * round was no longer open. The transaction's last write (the journal takes the outbox lock).
 */
export async function insertBallotIfOpen (
  trx: Knex.Transaction,
  ballot: { electionId: string, round: number, voterUnitId: string, receiptHash: string, choices: string[] },
  journal: Journal
): Promise<boolean> {
  const result = await trx.raw(BALLOT_IF_OPEN, [
    ballot.electionId, ballot.round, ballot.voterUnitId, JSON.stringify(ballot.choices), ballot.receiptHash, ...journalBindings(journal)
  ]) as { rows: unknown[] }
  return result.rows.length === 1
}

/** The choices of every ballot of a round, in no meaningful order. */
export async function ballotChoices (db: Knex, electionId: string, round: number): Promise<string[][]> {
  const rows: Array<{ choices: string[] }> = await db('ballots').where({ election_id: electionId, round }).select('choices')
  return rows.map((r) => r.choices)
}

/**
 * The turnout of each election's current round: its electorate's size and who has voted (ordered by id, never by
 * when), keyed by election id. Two queries for any number of elections.
 */
export async function turnoutsOf (db: Knex, current: ReadonlyArray<{ id: string, round: number }>): Promise<Map<string, { electorate: number, votedUnitIds: string[] }>> {
  const pairs = current.filter((e) => e.round > 0).map((e) => [e.id, e.round])
  const turnouts = new Map<string, { electorate: number, votedUnitIds: string[] }>()
  if (pairs.length === 0) return turnouts
  const rounds: Array<{ election_id: string, electorate: string[] }> = await db('election_rounds')
    .whereIn(['election_id', 'round'], pairs).select('election_id', 'electorate')
  for (const r of rounds) turnouts.set(r.election_id, { electorate: r.electorate.length, votedUnitIds: [] })
  const voters: Array<{ election_id: string, voter_unit_id: string }> = await db('election_voters')
    .whereIn(['election_id', 'round'], pairs).orderBy('voter_unit_id').select('election_id', 'voter_unit_id')
  for (const v of voters) turnouts.get(v.election_id)!.votedUnitIds.push(v.voter_unit_id)
  return turnouts
}

/** The round a receipt's ballot was cast in, if it was cast in this election. */
export async function findReceipt (db: Knex, electionId: string, receiptHash: string): Promise<{ round: number } | undefined> {
  return db('ballots').where({ election_id: electionId, receipt_hash: receiptHash }).first('round')
}

export interface TitleProposal extends TitleProposalFields {
  id: string
  createdAt: string
}

/** The columns of a title proposal that record the vote behind it (a dossier's proposals read them too). */
export interface ProposalVoteRow {
  election_id: string
  round: number
  votes: number
  ballots_cast: number
  electorate: number
  decided_by: DecidedBy
}

interface ProposalRow extends ProposalVoteRow {
  id: string
  cluster_id: string
  year: number
  title_code: string
  unit_id: string
  created_at: Date
  [column: string]: unknown
}

const PROPOSAL_FIELDS = ['id', 'cluster_id', 'year', 'title_code', 'unit_id', 'election_id', 'round', 'votes', 'ballots_cast', 'electorate',
  'decided_by'] as const

const toProposal = (row: ProposalRow): TitleProposal => ({ ...fieldsOf(row, PROPOSAL_FIELDS), createdAt: row.created_at.toISOString() })

export async function insertProposals (trx: Knex.Transaction, proposals: readonly TitleProposalFields[]): Promise<TitleProposal[]> {
  if (proposals.length === 0) return []
  const rows: ProposalRow[] = await trx('title_proposals').insert(proposals.map((p) => ({
    cluster_id: p.clusterId,
    year: p.year,
    title_code: p.titleCode,
    unit_id: p.unitId,
    election_id: p.electionId,
    round: p.round,
    votes: p.votes,
    ballots_cast: p.ballotsCast,
    electorate: p.electorate,
    decided_by: p.decidedBy
  }))).returning('*')
  return rows.map(toProposal)
}

/** Of `unitIds`, those the cluster already proposes for the title that year. */
export async function proposedUnitIds (db: Knex, clusterId: string, year: number, titleCode: string, unitIds: readonly string[]): Promise<string[]> {
  const rows: Array<{ unit_id: string }> = await db('title_proposals')
    .where({ cluster_id: clusterId, year, title_code: titleCode })
    .whereIn('unit_id', [...unitIds])
    .select('unit_id')
  return rows.map((r) => r.unit_id)
}

export async function proposalsOfElection (db: Knex, electionId: string): Promise<TitleProposal[]> {
  const rows: ProposalRow[] = await db('title_proposals').where({ election_id: electionId }).orderBy(['round', 'unit_id'])
  return rows.map(toProposal)
}

export async function listProposals (db: Knex, clusterId: string, filter: { year?: number, titleCode?: string }, page: PageRequest) {
  const query = db('title_proposals').where('cluster_id', clusterId)
  if (filter.year !== undefined) query.where('year', filter.year)
  if (filter.titleCode) query.where('title_code', filter.titleCode)
  return paginate<ProposalRow, TitleProposal>(query, ['year', 'title_code', 'unit_id'], page, toProposal, 'desc')
}

/** What refers to the election: conferences linking it, its rounds (and with them its voters and ballots), its proposals. */
export async function electionReferences (db: Knex, id: string): Promise<Reference[]> {
  return countReferences(db, {
    conference_link: db('conferences').whereRaw('links @> ?::jsonb', [JSON.stringify({ electionIds: [id] })]),
    election_round: db('election_rounds').where({ election_id: id }),
    title_proposal: db('title_proposals').where({ election_id: id })
  })
}

/** Deletes the election's row (a draft nothing refers to: no round was ever opened). */
export async function deleteElection (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('elections').where({ id }).delete()
}
