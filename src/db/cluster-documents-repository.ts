// The cluster documents (regulations, action programme, scoring rules note): one row per version.
import type { Knex } from 'knex'
import type { Chapter, DocumentContent, DocumentKind, DocumentStatus } from '../domain/cluster-document.js'
import { notFound } from '../domain/errors.js'
import { paginate, type PageRequest } from './pagination.js'

export interface ClusterDocument extends DocumentContent {
  id: string
  clusterId: string
  kind: DocumentKind
  versionNumber: number
  year: number
  status: DocumentStatus
  conferenceId: string | null
  adoptedOn: string | null
  contentHash: string | null
  supersededById: string | null
  supersededAt: string | null
  version: number
  createdAt: string
  updatedAt: string
}

interface DocumentRow {
  id: string
  cluster_id: string
  kind: DocumentKind
  version_number: number
  year: number
  title: string
  chapters: Chapter[]
  status: DocumentStatus
  conference_id: string | null
  adopted_on: string | null
  content_hash: string | null
  superseded_by_id: string | null
  superseded_at: Date | null
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toDocument = (row: DocumentRow): ClusterDocument => ({
  id: row.id,
  clusterId: row.cluster_id,
  kind: row.kind,
  versionNumber: row.version_number,
  year: row.year,
  title: row.title,
  chapters: row.chapters,
  status: row.status,
  conferenceId: row.conference_id,
  adoptedOn: row.adopted_on,
  contentHash: row.content_hash,
  supersededById: row.superseded_by_id,
  supersededAt: row.superseded_at ? row.superseded_at.toISOString() : null,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

/** The version, or 404. `forUpdate` locks the row until commit: edits and adoption serialise on it. */
export async function getClusterDocument (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<ClusterDocument> {
  const query = db('cluster_documents').where({ id }).first()
  if (options.forUpdate) query.forUpdate()
  const row = await query
  if (!row) throw notFound('document', id)
  return toDocument(row)
}

/** The version of `kind` in force in the cluster (adopted), if any, locked until commit. */
export async function findAdoptedDocument (trx: Knex.Transaction, clusterId: string, kind: DocumentKind): Promise<ClusterDocument | undefined> {
  const row = await trx('cluster_documents').where({ cluster_id: clusterId, kind, status: 'adopted' }).forUpdate().first()
  return row ? toDocument(row) : undefined
}

/** A new draft, numbered after the cluster's last version of its kind (the caller holds the cluster's lock). */
export async function insertClusterDocument (
  trx: Knex.Transaction, fields: DocumentContent & { clusterId: string, kind: DocumentKind, year: number }
): Promise<ClusterDocument> {
  const { max } = await trx('cluster_documents').where({ cluster_id: fields.clusterId, kind: fields.kind }).max('version_number as max').first() as { max: number | null }
  const [row] = await trx('cluster_documents').insert({
    cluster_id: fields.clusterId,
    kind: fields.kind,
    version_number: (max ?? 0) + 1,
    year: fields.year,
    title: fields.title,
    chapters: JSON.stringify(fields.chapters)
  }).returning('*')
  return toDocument(row)
}

type Change =
  | { content: DocumentContent & { year: number } }
  | { status: 'adopted', conferenceId: string, adoptedOn: string, contentHash: string }
  | { status: 'superseded', supersededById: string, at: Date }

/** Saves one change of `current` and bumps its version. */
export async function updateClusterDocument (trx: Knex.Transaction, current: ClusterDocument, change: Change): Promise<ClusterDocument> {
  let columns: Record<string, unknown>
  if ('content' in change) columns = { year: change.content.year, title: change.content.title, chapters: JSON.stringify(change.content.chapters) }
  else if (change.status === 'adopted') {
    columns = { status: 'adopted', conference_id: change.conferenceId, adopted_on: change.adoptedOn, content_hash: change.contentHash }
  } else columns = { status: 'superseded', superseded_by_id: change.supersededById, superseded_at: change.at }
  const [row] = await trx('cluster_documents')
    .where({ id: current.id })
    .update({ ...columns, version: current.version + 1, updated_at: trx.fn.now() })
    .returning('*')
  return toDocument(row)
}

export interface DocumentFilter { kind?: DocumentKind, year?: number, status?: DocumentStatus }

/** A cluster's documents, the latest year first, then by kind and the latest version first. */
export async function listClusterDocuments (db: Knex, clusterId: string, filter: DocumentFilter, page: PageRequest) {
  const query = db('cluster_documents').where({ cluster_id: clusterId })
  for (const [column, value] of Object.entries(filter)) if (value !== undefined) query.where(column, value)
  return paginate<DocumentRow, ClusterDocument>(query, ['year', 'kind', 'version_number'], page, toDocument, 'desc')
}

/** The versions adopted at a conference (in force or superseded since), by kind then version number. */
export async function documentsAdoptedAt (db: Knex, conferenceId: string): Promise<ClusterDocument[]> {
  const rows: DocumentRow[] = await db('cluster_documents').where({ conference_id: conferenceId }).orderBy(['kind', 'version_number'])
  return rows.map(toDocument)
}
