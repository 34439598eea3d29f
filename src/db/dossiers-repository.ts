// Award dossiers, their proposals and attachments (migration 022), and what the Ministry's quotas and roll-up count.
import type { Knex } from 'knex'
import { notFound } from '../domain/errors.js'
import type { TitleProposalFields } from '../domain/election.js'
import type { EligibilityOverride, ProposalVoteRow } from './elections-repository.js'
import type { AttachmentKind, DossierHistoryEntry, DossierProposalStatus, DossierStatus } from '../domain/dossier.js'
import { paginate, type Page, type PageRequest } from './pagination.js'
import { fieldsOf } from './row-fields.js'

/** A proposal in a dossier: the vote behind it as the election recorded it, and the Ministry's decision on it. */
export interface DossierProposal extends Pick<TitleProposalFields, 'unitId' | 'electionId' | 'round' | 'votes' | 'ballotsCast' | 'electorate' | 'decidedBy'> {
  proposalId: string
  unitName: string
  status: DossierProposalStatus
  /** The admin's override recorded on the vote, which carries into the dossier (src/domain/dossier.ts, judgedGap). */
  eligibilityOverride: EligibilityOverride | null
}

export interface DossierAttachment {
  id: string
  fileId: string
  fileName: string
  mediaType: string
  sha256: string
  kind: AttachmentKind
  unitId: string | null
  addedBy: { sub: string, role: string }
  createdAt: string
}

/** A dossier as recorded: what its events and audit records carry (the checklist is judged when it is read). */
export interface Dossier {
  id: string
  clusterId: string
  year: number
  titleCode: string
  status: DossierStatus
  contentHash: string | null
  /** The reason of the last return, while the dossier is returned. */
  returnReason: string | null
  submittedAt: string | null
  proposals: DossierProposal[]
  attachments: DossierAttachment[]
  history: DossierHistoryEntry[]
  version: number
  createdAt: string
  updatedAt: string
}

interface DossierRow {
  id: string
  cluster_id: string
  year: number
  title_code: string
  status: DossierStatus
  content_hash: string | null
  return_reason: string | null
  submitted_at: Date | null
  history: DossierHistoryEntry[]
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

type Parts = Pick<Dossier, 'proposals' | 'attachments'>

const toDossier = (row: DossierRow, parts: Parts): Dossier => ({
  id: row.id,
  clusterId: row.cluster_id,
  year: row.year,
  titleCode: row.title_code,
  status: row.status,
  contentHash: row.content_hash,
  returnReason: row.return_reason,
  submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
  proposals: parts.proposals,
  attachments: parts.attachments,
  history: row.history,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

/** A dossier proposal's row, with the vote its title proposal records and the election's override. */
interface ProposalRow extends ProposalVoteRow {
  dossier_id: string
  proposal_id: string
  unit_id: string
  unit_name: string
  status: DossierProposalStatus
  eligibility_override: EligibilityOverride | null
}

const PROPOSAL_FIELDS = ['proposal_id', 'unit_id', 'unit_name', 'status', 'election_id', 'round', 'votes', 'ballots_cast', 'electorate',
  'decided_by', 'eligibility_override'] as const

/** An attachment's row, with its file's name and media type. */
interface AttachmentRow {
  dossier_id: string
  id: string
  file_id: string
  file_name: string
  media_type: string
  sha256: string
  kind: AttachmentKind
  unit_id: string | null
  added_by_sub: string
  added_by_role: string
  created_at: Date
}

const ATTACHMENT_FIELDS = ['id', 'file_id', 'file_name', 'media_type', 'sha256', 'kind', 'unit_id'] as const

/** The proposals and attachments of the dossiers `ids`, keyed by dossier id (two queries for any number). */
async function partsOf (db: Knex, ids: readonly string[]): Promise<Map<string, Parts>> {
  const parts = new Map<string, Parts>(ids.map((id) => [id, { proposals: [], attachments: [] }]))
  if (ids.length === 0) return parts
  const proposals: ProposalRow[] = await db('dossier_proposals as d')
    .join('title_proposals as p', 'p.id', 'd.proposal_id')
    .join('units as u', 'u.id', 'd.unit_id')
    .join('elections as e', 'e.id', 'p.election_id')
    .whereIn('d.dossier_id', [...ids])
    .orderBy([{ column: 'd.dossier_id' }, { column: 'd.position' }])
    .select('d.dossier_id', 'd.proposal_id', 'd.unit_id', 'd.status', 'u.name as unit_name', 'p.election_id', 'p.round', 'p.votes',
      'p.ballots_cast', 'p.electorate', 'p.decided_by', 'e.eligibility_override')
  for (const r of proposals) parts.get(r.dossier_id)!.proposals.push(fieldsOf(r, PROPOSAL_FIELDS))
  const attachments: AttachmentRow[] = await db('dossier_attachments as a')
    .join('files as f', 'f.id', 'a.file_id')
    .whereIn('a.dossier_id', [...ids])
    .orderBy([{ column: 'a.dossier_id' }, { column: 'a.position' }])
    .select('a.*', 'f.name as file_name', 'f.media_type')
  for (const r of attachments) {
    parts.get(r.dossier_id)!.attachments.push({
      ...fieldsOf(r, ATTACHMENT_FIELDS),
      addedBy: { sub: r.added_by_sub, role: r.added_by_role },
      createdAt: r.created_at.toISOString()
    })
  }
  return parts
}

/** The dossier, or 404. `forUpdate` locks its row: every step and attachment serialises on the dossier. */
export async function getDossier (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Dossier> {
  const query = db('dossiers').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  const row: DossierRow | undefined = await query
  if (!row) throw notFound('dossier', id)
  return toDossier(row, (await partsOf(db, [row.id])).get(row.id)!)
}

/** The cluster's open (not decided) dossier for the title and year, if any. */
export async function openDossierId (db: Knex, clusterId: string, year: number, titleCode: string): Promise<string | undefined> {
  const row = await db('dossiers').where({ cluster_id: clusterId, year, title_code: titleCode }).whereNot('status', 'decided').first('id')
  return row?.id
}

/** The cluster's proposals for the title that year that no dossier holds yet. */
export async function unsentProposals (db: Knex, clusterId: string, year: number, titleCode: string): Promise<Array<{ proposalId: string, unitId: string }>> {
  const rows: Array<{ id: string, unit_id: string }> = await db('title_proposals as p')
    .where({ 'p.cluster_id': clusterId, 'p.year': year, 'p.title_code': titleCode })
    .whereNotExists(db('dossier_proposals as d').whereRaw('d.proposal_id = p.id').select(db.raw('1')))
    .orderBy('p.unit_id')
    .select('p.id', 'p.unit_id')
  return rows.map((r) => ({ proposalId: r.id, unitId: r.unit_id }))
}

export async function insertDossier (
  trx: Knex.Transaction,
  fields: { clusterId: string, year: number, titleCode: string, proposals: ReadonlyArray<{ proposalId: string, unitId: string }> }
): Promise<Dossier> {
  const [{ id }] = await trx('dossiers').insert({ cluster_id: fields.clusterId, year: fields.year, title_code: fields.titleCode }).returning('id')
  await trx('dossier_proposals').insert(fields.proposals.map((p, position) => ({ dossier_id: id, proposal_id: p.proposalId, unit_id: p.unitId, position })))
  return getDossier(trx, id)
}

/** Saves a status change of `current` with its history entry, and bumps its version. */
export async function updateDossier (
  trx: Knex.Transaction, current: Dossier,
  change: { status: DossierStatus, entry: DossierHistoryEntry, contentHash: string | null, returnReason: string | null, submittedAt?: Date }
): Promise<Dossier> {
  await trx('dossiers').where({ id: current.id }).update({
    status: change.status,
    content_hash: change.contentHash,
    return_reason: change.returnReason,
    ...(change.submittedAt ? { submitted_at: change.submittedAt } : {}),
    history: JSON.stringify([...current.history, change.entry]),
    version: current.version + 1,
    updated_at: trx.fn.now()
  })
  return getDossier(trx, current.id)
}

/** Bumps the dossier's version (an attachment was added or removed). */
export async function touchDossier (trx: Knex.Transaction, current: Dossier): Promise<void> {
  await trx('dossiers').where({ id: current.id }).update({ version: current.version + 1, updated_at: trx.fn.now() })
}

/** Sets each listed proposal's status in the dossier. */
export async function setProposalStatuses (
  trx: Knex.Transaction, dossierId: string, statuses: ReadonlyArray<{ proposalId: string, status: DossierProposalStatus }>
): Promise<void> {
  for (const status of ['accepted', 'not_accepted', 'decided', 'proposed'] as const) {
    const ids = statuses.filter((s) => s.status === status).map((s) => s.proposalId)
    if (ids.length > 0) await trx('dossier_proposals').where({ dossier_id: dossierId }).whereIn('proposal_id', ids).update({ status })
  }
}

export async function insertAttachment (
  trx: Knex.Transaction,
  fields: { dossierId: string, fileId: string, sha256: string, kind: AttachmentKind, unitId: string | null, addedBy: { sub: string, role: string } }
): Promise<string> {
  const [{ id }] = await trx('dossier_attachments').insert({
    dossier_id: fields.dossierId,
    file_id: fields.fileId,
    sha256: fields.sha256,
    kind: fields.kind,
    unit_id: fields.unitId,
    added_by_sub: fields.addedBy.sub,
    added_by_role: fields.addedBy.role
  }).returning('id')
  return id
}

/** Removes the dossier's attachment (its file stays, held no longer by this dossier). */
export async function deleteAttachment (trx: Knex.Transaction, dossierId: string, attachmentId: string): Promise<void> {
  await trx('dossier_attachments').where({ dossier_id: dossierId, id: attachmentId }).delete()
}

/** Whether a dossier holds the file as an attachment. */
export async function fileAttachedToDossier (db: Knex, fileId: string): Promise<boolean> {
  return (await db('dossier_attachments').where({ file_id: fileId }).first('id')) !== undefined
}

/** A cluster's dossiers, the latest year first, optionally of a year or only those proposing a unit. */
export async function listDossiers (db: Knex, clusterId: string, filter: { year?: number, unitId?: string }, page: PageRequest): Promise<Page<Dossier>> {
  const query = db('dossiers').where({ cluster_id: clusterId })
  if (filter.year !== undefined) query.where({ year: filter.year })
  if (filter.unitId !== undefined) {
    query.whereExists(db('dossier_proposals as d').whereRaw('d.dossier_id = dossiers.id').where('d.unit_id', filter.unitId).select(db.raw('1')))
  }
  const rows = await paginate<DossierRow, DossierRow>(query, ['year', 'title_code', 'id'], page, (row) => row, 'desc')
  const parts = await partsOf(db, rows.items.map((r) => r.id))
  return { items: rows.items.map((row) => toDossier(row, parts.get(row.id)!)), nextCursor: rows.nextCursor }
}

/**
 * Locks every dossier of the title and year, in id order, for the rest of the transaction: the acceptances of a title
 * (any clusters) serialise on them, so two racing cannot both count the same room under the quota (the second reads
 * what the first accepted once it has the locks). Always taken before any one dossier's lock, in one order: no
 * deadlock with another acceptance, and a step on one dossier holds only that one.
 */
export async function lockDossiersOfTitle (trx: Knex.Transaction, titleCode: string, year: number): Promise<void> {
  await trx('dossiers').where({ title_code: titleCode, year }).orderBy('id').forUpdate().select('id')
}

/** How many proposals of the title that year are accepted (or decided since), ministry-wide or in one cluster. */
export async function acceptedCount (db: Knex, titleCode: string, year: number, clusterId?: string): Promise<number> {
  const query = db('dossier_proposals as d').join('dossiers as s', 's.id', 'd.dossier_id')
    .where({ 's.title_code': titleCode, 's.year': year }).whereIn('d.status', ['accepted', 'decided'])
  if (clusterId !== undefined) query.where('s.cluster_id', clusterId)
  const [row] = await query.count({ n: '*' })
  return Number(row.n)
}

/** Every cluster's founding day: the base of a quota over cluster-leading units. */
export async function clusterLives (db: Knex): Promise<Array<{ foundedOn: string | null }>> {
  const rows: Array<{ founded_on: string | Date | null }> = await db('clusters').select('founded_on')
  return rows.map((r) => ({ foundedOn: r.founded_on === null ? null : typeof r.founded_on === 'string' ? r.founded_on.slice(0, 10) : r.founded_on.toISOString().slice(0, 10) }))
}

/** The dossier proposals among `proposalIds`, with their dossier. */
export async function dossierProposalsAmong (db: Knex, proposalIds: readonly string[]): Promise<Array<{ dossierId: string, proposalId: string }>> {
  if (proposalIds.length === 0) return []
  const rows: Array<{ dossier_id: string, proposal_id: string }> = await db('dossier_proposals').whereIn('proposal_id', [...proposalIds])
    .orderBy(['dossier_id', 'proposal_id']).select('dossier_id', 'proposal_id')
  return rows.map((r) => ({ dossierId: r.dossier_id, proposalId: r.proposal_id }))
}

/** A proposal of a year as the Ministry's roll-up lists it. */
export interface RoundProposal {
  proposalId: string
  titleCode: string
  clusterId: string
  clusterName: string
  unitId: string
  unitName: string
  round: number
  votes: number
  ballotsCast: number
  electorate: number
  dossierId: string | null
  dossierStatus: DossierStatus | null
  proposalStatus: DossierProposalStatus | null
}

/** A proposal's row as the roll-up reads it: the dossier columns are null while no dossier holds it (left joins). */
interface RoundProposalRow {
  proposal_id: string
  title_code: string
  cluster_id: string
  cluster_name: string
  unit_id: string
  unit_name: string
  round: number
  votes: number
  ballots_cast: number
  electorate: number
  dossier_id: string | null
  dossier_status: DossierStatus | null
  proposal_status: DossierProposalStatus | null
}

const ROUND_PROPOSAL_FIELDS = ['proposal_id', 'title_code', 'cluster_id', 'cluster_name', 'unit_id', 'unit_name', 'round', 'votes',
  'ballots_cast', 'electorate', 'dossier_id', 'dossier_status', 'proposal_status'] as const

/**
 * Every proposal of the year across clusters, by title, cluster number and unit name, each with its dossier (if one
 * holds it). One query; bounded by the clusters' proposals of one year (a few per cluster and title).
 */
export async function roundProposals (db: Knex, year: number): Promise<RoundProposal[]> {
  const rows: RoundProposalRow[] = await db('title_proposals as p')
    .join('clusters as c', 'c.id', 'p.cluster_id')
    .join('units as u', 'u.id', 'p.unit_id')
    .leftJoin('dossier_proposals as d', 'd.proposal_id', 'p.id')
    .leftJoin('dossiers as s', 's.id', 'd.dossier_id')
    .where('p.year', year)
    .orderBy([{ column: 'p.title_code' }, { column: 'c.number' }, { column: 'c.id' }, { column: 'u.sort_key' }, { column: 'u.id' }])
    .select('p.id as proposal_id', 'p.title_code', 'p.cluster_id', 'c.name as cluster_name', 'p.unit_id', 'u.name as unit_name', 'p.round',
      'p.votes', 'p.ballots_cast', 'p.electorate', 'd.dossier_id', 's.status as dossier_status', 'd.status as proposal_status')
  return rows.map((r) => fieldsOf(r, ROUND_PROPOSAL_FIELDS))
}
