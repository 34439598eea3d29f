import type { Knex } from 'knex'
import { mergeRules, type ClusterRules, type Threshold } from '../domain/cluster-rules.js'
import type { ConferenceKind, ConferenceStatus, Quorum } from '../domain/conference.js'
import type { Reference } from '../domain/deletion.js'
import { notFound } from '../domain/errors.js'
import { normalizeName } from '../domain/text.js'
import type { FlagHandover } from '../domain/term.js'
import { paginate, type Page, type PageRequest } from './pagination.js'
import { countReferences } from './reference-counts.js'
import { unitIdsByConference } from './unit-ids-by-conference.js'

export interface Chair {
  name: string
  rank: string
  position: string
  unitId: string | null
}

/** Who kept the minutes (thư ký hội nghị) and signs them with the chair. */
export interface Secretary {
  name: string
  rank: string | null
  position: string
}

export interface Guest {
  name: string
  rank: string | null
  position: string | null
  organisation: string | null
}

export interface AwardTally {
  collectives: number
  individuals: number
}

export interface ConferenceLinks {
  pledgeId: string | null
  electionIds: string[]
  flagHandover: FlagHandover | null
  /** The year of the cluster's advisory group whose founding decision was announced at the conference. */
  advisoryGroupYear: number | null
}

export interface ConferenceFields {
  kind: ConferenceKind
  title: string
  year: number
  /** An RFC 3339 instant. */
  heldAt: string
  location: string | null
  /** The place written before the date in the minutes (địa danh). */
  place: string | null
  chair: Chair
  secretary: Secretary | null
  attendingUnitIds: string[]
  guests: Guest[]
  agenda: string[]
  minutes: string | null
  decisions: string[]
  awardTally: AwardTally | null
  links: ConferenceLinks
}

/** A conference as stored; its quorum while a draft is the service's to judge (against `quorumRule`). */
export interface ConferenceRecord extends ConferenceFields {
  id: string
  clusterId: string
  /** The Vietnamese calendar date of heldAt. */
  heldOn: string
  status: ConferenceStatus
  /** The quorum frozen when the record was finalized; null while a draft. */
  quorum: Quorum | null
  /** The cluster's quorum rule as it is now. */
  quorumRule: Threshold
  finalizedAt: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export interface ConferenceFilter {
  kind?: ConferenceKind
  /** Held on or after this Vietnamese date. */
  from?: string
  /** Held on or before this Vietnamese date. */
  to?: string
}

interface ConferenceRow {
  id: string
  cluster_id: string
  kind: ConferenceKind
  title: string
  year: number
  held_at: Date
  held_on: string
  location: string | null
  place: string | null
  secretary: Secretary | null
  chair_name: string
  chair_rank: string
  chair_position: string
  chair_unit_id: string | null
  guests: Guest[]
  agenda: string[]
  minutes: string | null
  decisions: string[]
  award_tally: AwardTally | null
  links: ConferenceLinks
  status: ConferenceStatus
  quorum: Quorum | null
  finalized_at: Date | null
  version: number
  created_at: Date
  updated_at: Date
  cluster_rules: Partial<ClusterRules>
  [column: string]: unknown
}

// One-line texts are stored like names (NFC, trimmed, single spaces); longer texts keep their lines, NFC.
const line = (value: string) => normalizeName(value)
const optionalLine = (value: string | null | undefined) => (value == null ? null : line(value))
const text = (value: string) => value.normalize('NFC').trim()

function columns (fields: ConferenceFields, heldOn: string) {
  return {
    kind: fields.kind,
    title: line(fields.title),
    year: fields.year,
    // Milliseconds, as every instant this service answers with: a page cursor then names the row exactly.
    held_at: new Date(fields.heldAt).toISOString(),
    held_on: heldOn,
    location: optionalLine(fields.location),
    place: optionalLine(fields.place),
    secretary: fields.secretary === null
      ? null
      : JSON.stringify({ name: line(fields.secretary.name), rank: optionalLine(fields.secretary.rank), position: line(fields.secretary.position) }),
    chair_name: line(fields.chair.name),
    chair_rank: line(fields.chair.rank),
    chair_position: line(fields.chair.position),
    chair_unit_id: fields.chair.unitId,
    guests: JSON.stringify(fields.guests.map((g) => ({
      name: line(g.name), rank: optionalLine(g.rank), position: optionalLine(g.position), organisation: optionalLine(g.organisation)
    }))),
    agenda: JSON.stringify(fields.agenda.map(text)),
    minutes: fields.minutes == null ? null : text(fields.minutes),
    decisions: JSON.stringify(fields.decisions.map(text)),
    award_tally: fields.awardTally === null ? null : JSON.stringify(fields.awardTally),
    links: JSON.stringify(fields.links)
  }
}

const withRules = (db: Knex) => db('conferences as c')
  .join('clusters as k', 'k.id', 'c.cluster_id')
  .select('c.*', 'k.rules as cluster_rules')

/** Turns rows into records, with their attending units in order. */
async function hydrate (db: Knex, rows: ConferenceRow[]): Promise<ConferenceRecord[]> {
  if (rows.length === 0) return []
  const attendances: Array<{ conference_id: string, unit_id: string }> = await db('conference_attendances')
    .whereIn('conference_id', rows.map((r) => r.id)).orderBy(['conference_id', 'position']).select('conference_id', 'unit_id')
  const attendingBy = unitIdsByConference(attendances)
  return rows.map((row) => ({
    id: row.id,
    clusterId: row.cluster_id,
    kind: row.kind,
    title: row.title,
    year: row.year,
    heldAt: row.held_at.toISOString(),
    heldOn: row.held_on,
    location: row.location,
    place: row.place,
    chair: { name: row.chair_name, rank: row.chair_rank, position: row.chair_position, unitId: row.chair_unit_id },
    secretary: row.secretary,
    attendingUnitIds: attendingBy.get(row.id) ?? [],
    guests: row.guests,
    agenda: row.agenda,
    minutes: row.minutes,
    decisions: row.decisions,
    awardTally: row.award_tally,
    // Records stored before the advisory group could be linked have no such key.
    links: { ...row.links, advisoryGroupYear: row.links.advisoryGroupYear ?? null },
    status: row.status,
    quorum: row.quorum,
    quorumRule: mergeRules(row.cluster_rules).quorum,
    finalizedAt: row.finalized_at ? row.finalized_at.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString()
  }))
}

async function saveAttendances (trx: Knex.Transaction, conferenceId: string, unitIds: string[]): Promise<void> {
  await trx('conference_attendances').where({ conference_id: conferenceId }).delete()
  if (unitIds.length > 0) {
    await trx('conference_attendances').insert(unitIds.map((unitId, position) => ({ conference_id: conferenceId, unit_id: unitId, position })))
  }
}

/** The conference, or 404. `forUpdate` locks its row until the transaction ends. */
export async function getConference (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<ConferenceRecord> {
  const query = withRules(db).where('c.id', id).first()
  if (options.forUpdate) query.forUpdate('c')
  const row = await query
  if (!row) throw notFound('conference', id)
  return (await hydrate(db, [row]))[0]
}

export async function insertConference (
  trx: Knex.Transaction, clusterId: string, fields: ConferenceFields, heldOn: string
): Promise<ConferenceRecord> {
  const [{ id }] = await trx('conferences').insert({ ...columns(fields, heldOn), cluster_id: clusterId }).returning('id')
  await saveAttendances(trx, id, fields.attendingUnitIds)
  return getConference(trx, id)
}

export async function updateConference (
  trx: Knex.Transaction, current: { id: string, version: number }, fields: ConferenceFields, heldOn: string
): Promise<ConferenceRecord> {
  await trx('conferences').where({ id: current.id })
    .update({ ...columns(fields, heldOn), version: current.version + 1, updated_at: trx.fn.now() })
  await saveAttendances(trx, current.id, fields.attendingUnitIds)
  return getConference(trx, current.id)
}

/** Locks the record with the quorum it was finalized with. */
export async function finalizeConference (trx: Knex.Transaction, current: { id: string, version: number }, quorum: Quorum): Promise<ConferenceRecord> {
  await trx('conferences').where({ id: current.id }).update({
    status: 'finalized',
    quorum: JSON.stringify(quorum),
    finalized_at: trx.fn.now(),
    version: current.version + 1,
    updated_at: trx.fn.now()
  })
  return getConference(trx, current.id)
}

async function page (db: Knex, query: Knex.QueryBuilder, filter: ConferenceFilter, request: PageRequest): Promise<Page<ConferenceRecord>> {
  if (filter.kind) query.where('c.kind', filter.kind)
  if (filter.from) query.where('c.held_on', '>=', filter.from)
  if (filter.to) query.where('c.held_on', '<=', filter.to)
  const rows = await paginate<ConferenceRow, ConferenceRow>(query, ['c.held_at', 'c.id'], request, (row) => row, 'desc')
  return { items: await hydrate(db, rows.items), nextCursor: rows.nextCursor }
}

/** A cluster's conferences, the latest first. */
export async function listClusterConferences (db: Knex, clusterId: string, filter: ConferenceFilter, request: PageRequest) {
  return page(db, withRules(db).where('c.cluster_id', clusterId), filter, request)
}

/** The conferences a unit attended or chaired, in every cluster, the latest first. */
export async function listUnitConferences (db: Knex, unitId: string, filter: ConferenceFilter, request: PageRequest) {
  const query = withRules(db).where((q) => q
    .where('c.chair_unit_id', unitId)
    .orWhereExists(db('conference_attendances as a').whereRaw('?? = ??', ['a.conference_id', 'c.id']).where('a.unit_id', unitId)))
  return page(db, query, filter, request)
}

/** What refers to the conference: the elections held at it and the summary reports it adopted. */
export async function conferenceReferences (db: Knex, id: string): Promise<Reference[]> {
  return countReferences(db, { election: db('elections').where({ conference_id: id }), report: db('reports').where({ conference_id: id }) })
}

/** Deletes a draft conference with its own rows, the attendances. */
export async function deleteConference (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('conference_attendances').where({ conference_id: id }).delete()
  await trx('conferences').where({ id }).delete()
}

/** The place and location of the latest conference (by when it was held) that links the pledge, if any. */
export async function latestConferenceLinking (db: Knex, pledgeId: string): Promise<{ place: string | null, location: string | null } | undefined> {
  return db('conferences').whereRaw("links->>'pledgeId' = ?", [pledgeId]).orderBy([{ column: 'held_at', order: 'desc' }, 'id']).first('place', 'location')
}
