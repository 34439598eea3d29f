// File records: the name an uploader gave, the media type, the content they point at (file-store-postgres.ts) and who
// uploaded them. Several records may point at one content (the same bytes uploaded twice).
import type { Knex } from 'knex'
import type { FileMediaType } from '../domain/files.js'

export interface FileRecord {
  id: string
  name: string
  mediaType: FileMediaType
  size: number
  sha256: string
  uploadedBy: { sub: string, role: string, unitId: string | null, clusterId: string | null }
  createdAt: string
}

/** A record with the key of its content in the file store (never shown to callers). */
export interface StoredFile extends FileRecord { contentKey: string }

interface FileRow {
  id: string
  content_id: string
  name: string
  media_type: FileMediaType
  size: string | number
  sha256: string
  uploaded_by_sub: string
  uploaded_by_role: string
  uploaded_by_unit_id: string | null
  uploaded_by_cluster_id: string | null
  created_at: Date
}

const toStored = (row: FileRow): StoredFile => ({
  id: row.id,
  name: row.name,
  mediaType: row.media_type,
  size: Number(row.size),
  sha256: row.sha256,
  uploadedBy: { sub: row.uploaded_by_sub, role: row.uploaded_by_role, unitId: row.uploaded_by_unit_id, clusterId: row.uploaded_by_cluster_id },
  createdAt: row.created_at.toISOString(),
  contentKey: row.content_id
})

/** The record as callers read it: without its content key. */
export const publicFile = ({ contentKey: _contentKey, ...record }: StoredFile): FileRecord => record

export interface NewFile {
  contentKey: string
  name: string
  mediaType: FileMediaType
  size: number
  sha256: string
  uploadedBy: FileRecord['uploadedBy']
}

export async function insertFile (trx: Knex.Transaction, file: NewFile): Promise<StoredFile> {
  const [row] = await trx('files').insert({
    content_id: file.contentKey,
    name: file.name,
    media_type: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    uploaded_by_sub: file.uploadedBy.sub,
    uploaded_by_role: file.uploadedBy.role,
    uploaded_by_unit_id: file.uploadedBy.unitId,
    uploaded_by_cluster_id: file.uploadedBy.clusterId
  }).returning('*')
  return toStored(row as FileRow)
}

/** The file, or undefined; `forUpdate` locks it (a delete). */
export async function findFile (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<StoredFile | undefined> {
  const query = db('files').where({ id }).first()
  const row = await (options.forUpdate ? query.forUpdate() : query) as FileRow | undefined
  return row && toStored(row)
}

/** The files among `ids` that exist. */
export async function findFiles (db: Knex, ids: readonly string[]): Promise<StoredFile[]> {
  if (ids.length === 0) return []
  const rows = await db('files').whereIn('id', ids) as FileRow[]
  return rows.map(toStored)
}

export async function deleteFileRecord (trx: Knex.Transaction, id: string): Promise<void> {
  await trx('files').where({ id }).delete()
}

/** Whether any file record still points at the content. */
export async function contentInUse (trx: Knex.Transaction, contentKey: string): Promise<boolean> {
  const row = await trx('files').where({ content_id: contentKey }).first('id')
  return row !== undefined
}

/** Whether a finalized scorecard (its own status, or its scheme's scores finalized) cites the file as evidence. */
export async function citedByFinalizedScorecard (trx: Knex.Transaction, fileId: string): Promise<boolean> {
  const row = await trx('scorecards')
    .where((q) => q.where({ status: 'finalized' }).orWhereIn('scheme_id', trx('scorecard_finalizations').select('scheme_id')))
    .whereRaw('entries @> ?::jsonb', [JSON.stringify([{ evidence: [{ fileId }] }])])
    .first('unit_id')
  return row !== undefined
}

/** A scorecard citing a file, with what deciding who reads it takes (services/score-access.ts). */
export interface CitingScorecard { unitId: string, status: string, clusterId: string, year: number }

/**
 * The scorecards citing the file as evidence. Few: only its uploader's unit (or an admin) cites a file, in that
 * unit's scorecards, one per scheme.
 */
export async function scorecardsCiting (db: Knex, fileId: string): Promise<CitingScorecard[]> {
  const rows: Array<{ unit_id: string, status: string, cluster_id: string, year: number }> = await db('scorecards as c')
    .join('scoring_schemes as s', 's.id', 'c.scheme_id')
    .whereRaw('c.entries @> ?::jsonb', [JSON.stringify([{ evidence: [{ fileId }] }])])
    .select('c.unit_id', 'c.status', 's.cluster_id', 's.year')
  return rows.map((r) => ({ unitId: r.unit_id, status: r.status, clusterId: r.cluster_id, year: Number(r.year) }))
}
