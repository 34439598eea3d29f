import type { Knex } from 'knex'
import type { Reference } from '../domain/deletion.js'
import { notFound } from '../domain/errors.js'
import type { Commitment, PledgeContent, PledgeStatus, RegisteredTitle } from '../domain/pledge.js'
import { paginate, type PageRequest } from './pagination.js'
import { countReferences } from './reference-counts.js'

export interface Pledge extends PledgeContent {
  id: string
  clusterId: string
  year: number
  versionNumber: number
  previousVersionId: string | null
  /** The place written before the date on the printed pledge; null: the linked conference's, or the issuer's seat. */
  place: string | null
  status: PledgeStatus
  contentHash: string | null
  openedAt: string | null
  inForceAt: string | null
  supersededAt: string | null
  version: number
  createdAt: string
  updatedAt: string
}

interface PledgeRow {
  id: string
  cluster_id: string
  year: number
  version_number: number
  previous_id: string | null
  title: string
  slogan: string
  commitments: Commitment[]
  registered_titles: RegisteredTitle[]
  place: string | null
  status: PledgeStatus
  content_hash: string | null
  opened_at: Date | null
  in_force_at: Date | null
  superseded_at: Date | null
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const instant = (value: Date | null) => (value ? value.toISOString() : null)

const toPledge = (row: PledgeRow): Pledge => ({
  id: row.id,
  clusterId: row.cluster_id,
  year: row.year,
  versionNumber: row.version_number,
  previousVersionId: row.previous_id,
  title: row.title,
  slogan: row.slogan,
  commitments: row.commitments,
  registeredTitles: row.registered_titles,
  place: row.place,
  status: row.status,
  contentHash: row.content_hash,
  openedAt: instant(row.opened_at),
  inForceAt: instant(row.in_force_at),
  supersededAt: instant(row.superseded_at),
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

const contentColumns = (content: PledgeContent) => ({
  title: content.title,
  slogan: content.slogan,
  commitments: JSON.stringify(content.commitments),
  registered_titles: JSON.stringify(content.registeredTitles)
})

/** The pledge version, if there is one. `forUpdate` locks the row until commit: signing and lifecycle steps serialise on it. */
export async function findPledge (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Pledge | undefined> {
  const query = db('pledges').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  const row = await query
  return row ? toPledge(row) : undefined
}

/** The pledge version, or 404. */
export async function getPledge (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<Pledge> {
  const pledge = await findPledge(db, id, options)
  if (!pledge) throw notFound('pledge', id)
  return pledge
}

/** Whether the cluster has a pledge (of any version) for the year. */
export async function pledgeExists (db: Knex, clusterId: string, year: number): Promise<boolean> {
  return (await db('pledges').where({ cluster_id: clusterId, year }).first('id')) !== undefined
}

/** The version number of the version that follows `id`, if any. */
export async function nextVersionNumber (db: Knex, id: string): Promise<number | null> {
  const row = await db('pledges').where({ previous_id: id }).first('version_number')
  return row ? row.version_number : null
}

export async function insertPledge (
  trx: Knex.Transaction,
  fields: { clusterId: string, year: number, versionNumber: number, previousVersionId: string | null, content: PledgeContent, place?: string | null }
): Promise<Pledge> {
  const [row] = await trx('pledges').insert({
    ...contentColumns(fields.content),
    place: fields.place ?? null,
    cluster_id: fields.clusterId,
    year: fields.year,
    version_number: fields.versionNumber,
    previous_id: fields.previousVersionId
  }).returning('*')
  return toPledge(row)
}

type Change =
  | { content: PledgeContent, place: string | null }
  | { status: 'open', contentHash: string, at: Date }
  | { status: 'in_force' | 'superseded', at: Date }

/** Saves one change of `current` and bumps its version. */
export async function updatePledge (trx: Knex.Transaction, current: Pledge, change: Change): Promise<Pledge> {
  let columns: Record<string, unknown>
  if ('content' in change) columns = { ...contentColumns(change.content), place: change.place }
  else if (change.status === 'open') columns = { status: 'open', content_hash: change.contentHash, opened_at: change.at }
  else if (change.status === 'in_force') columns = { status: 'in_force', in_force_at: change.at }
  else columns = { status: 'superseded', superseded_at: change.at }
  const [row] = await trx('pledges')
    .where({ id: current.id })
    .update({ ...columns, version: current.version + 1, updated_at: trx.fn.now() })
    .returning('*')
  return toPledge(row)
}

/** A cluster's pledges, the latest year and version first, optionally of one year or status. */
export async function listPledges (db: Knex, clusterId: string, filter: { year?: number, status?: PledgeStatus }, page: PageRequest) {
  const query = db('pledges').where({ cluster_id: clusterId })
  if (filter.year !== undefined) query.where({ year: filter.year })
  if (filter.status !== undefined) query.where({ status: filter.status })
  return paginate<PledgeRow, Pledge>(query, ['year', 'version_number'], page, toPledge, 'desc')
}

export interface PledgeSignature {
  id: string
  pledgeId: string
  unitId: string
  unitName: string
  signerName: string
  signerPosition: string
  contentHash: string
  signedOn: string
  signedAt: string
  onBehalf: boolean
  signedBy: { sub: string, role: string }
}

interface SignatureRow {
  id: string
  pledge_id: string
  unit_id: string
  unit_name: string
  signer_name: string
  signer_position: string
  content_hash: string
  signed_on: string
  signed_at: Date
  on_behalf: boolean
  signed_by_sub: string
  signed_by_role: string
  position: string | number
  [column: string]: unknown
}

const toSignature = (row: SignatureRow): PledgeSignature => ({
  id: row.id,
  pledgeId: row.pledge_id,
  unitId: row.unit_id,
  unitName: row.unit_name,
  signerName: row.signer_name,
  signerPosition: row.signer_position,
  contentHash: row.content_hash,
  signedOn: row.signed_on,
  signedAt: row.signed_at.toISOString(),
  onBehalf: row.on_behalf,
  signedBy: { sub: row.signed_by_sub, role: row.signed_by_role }
})

const withUnits = (db: Knex) => db('pledge_signatures as s')
  .join('units as u', 'u.id', 's.unit_id')
  .select('s.*', 'u.name as unit_name')

export async function insertSignature (
  trx: Knex.Transaction,
  fields: Omit<PledgeSignature, 'id' | 'unitName' | 'signedAt'> & { signedAt: Date }
): Promise<PledgeSignature> {
  const [{ id }] = await trx('pledge_signatures').insert({
    pledge_id: fields.pledgeId,
    unit_id: fields.unitId,
    signer_name: fields.signerName,
    signer_position: fields.signerPosition,
    content_hash: fields.contentHash,
    signed_on: fields.signedOn,
    signed_at: fields.signedAt,
    on_behalf: fields.onBehalf,
    signed_by_sub: fields.signedBy.sub,
    signed_by_role: fields.signedBy.role
  }).returning('id')
  return toSignature(await withUnits(trx).where('s.id', id).first())
}

/** The cluster's versions open for signing, by id (the order their locks are taken in). */
export async function openPledgeIds (db: Knex, clusterId: string): Promise<string[]> {
  return db('pledges').where({ cluster_id: clusterId, status: 'open' }).orderBy('id').pluck('id')
}

/** The units that signed the version. */
export async function signedUnitIds (db: Knex, pledgeId: string): Promise<string[]> {
  const rows: Array<{ unit_id: string }> = await db('pledge_signatures').where({ pledge_id: pledgeId }).select('unit_id')
  return rows.map((r) => r.unit_id)
}

/** A version's signatures in signing order. */
export async function listSignatures (db: Knex, pledgeId: string, page: PageRequest) {
  return paginate<SignatureRow, PledgeSignature>(withUnits(db).where('s.pledge_id', pledgeId), ['s.position'], page, toSignature)
}

/** What refers to the version: conferences linking it, a newer version copying it, signatures of it. */
export async function pledgeReferences (db: Knex, id: string): Promise<Reference[]> {
  return countReferences(db, {
    conference_link: db('conferences').whereRaw('links @> ?::jsonb', [JSON.stringify({ pledgeId: id })]),
    pledge_version: db('pledges').where({ previous_id: id }),
    pledge_signature: db('pledge_signatures').where({ pledge_id: id })
  })
}

/** Deletes the version's row (a draft nothing refers to: it has no signature, no successor). */
export async function deletePledge (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('pledges').where({ id }).delete()
}

/** A version's signatures in signing order, those made by an instant when one is given. */
export async function signaturesUntil (db: Knex, pledgeId: string, until: Date | null): Promise<PledgeSignature[]> {
  const query = withUnits(db).where('s.pledge_id', pledgeId)
  if (until !== null) query.where('s.signed_at', '<=', until)
  const rows: SignatureRow[] = await query.orderBy('s.position')
  return rows.map(toSignature)
}
