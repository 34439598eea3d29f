// Cluster documents: an admin or the cluster's secretariat drafts and edits the operating regulations, the action
// programme and the scoring rules note, and records their adoption at a conference; every role reads them and
// prints them. Adopting a version supersedes the version of the same kind in force, in the same transaction.
import { assertClusterScope } from '../auth/access.js'
import { getBlock } from '../db/blocks-repository.js'
import {
  findAdoptedDocument, getClusterDocument, insertClusterDocument, listClusterDocuments as listDocuments, updateClusterDocument as saveDocument,
  type ClusterDocument, type DocumentFilter
} from '../db/cluster-documents-repository.js'
import { getCluster } from '../db/clusters-repository.js'
import { getConference } from '../db/conferences-repository.js'
import type { PageRequest } from '../db/pagination.js'
import {
  assertDraft, assertMayAdopt, documentHash, normalizeDocumentContent, type DocumentContent, type DocumentKind
} from '../domain/cluster-document.js'
import { vietnamDate } from '../domain/dates.js'
import { assertIfMatch, etagOf } from '../domain/versions.js'
import type { ClusterDocumentData } from '../documents/cluster-document.js'
import { issuerOf } from '../documents/official-heading.js'
import type { ReadContext, WriteContext } from './context.js'
import { printedPlace } from '../domain/minutes.js'

export type { ClusterDocument }

export const clusterDocumentTag = (document: ClusterDocument) => etagOf(document.version)

export async function listClusterDocuments ({ db }: ReadContext, { clusterId, ...rest }: { clusterId: string } & DocumentFilter & PageRequest) {
  await getCluster(db, clusterId)
  const { kind, year, status, ...page } = rest
  return listDocuments(db, clusterId, { kind, year, status }, page)
}

export async function readClusterDocument ({ db }: ReadContext, { documentId }: { documentId: string }): Promise<ClusterDocument> {
  return getClusterDocument(db, documentId)
}

/** A version locked for a change, once the actor may act for its cluster. */
async function lockedDocument ({ trx, actor }: WriteContext, documentId: string): Promise<ClusterDocument> {
  const document = await getClusterDocument(trx, documentId, { forUpdate: true })
  assertClusterScope(actor, document.clusterId)
  return document
}

/** A new draft of a kind: the first version, or the next one (the version in force stays until this one is adopted). */
export async function draftClusterDocument (
  ctx: WriteContext, command: DocumentContent & { clusterId: string, kind: DocumentKind, year: number }
): Promise<ClusterDocument> {
  const { clusterId, kind, year } = command
  assertClusterScope(ctx.actor, clusterId)
  // Locking the cluster serialises the numbering of its versions.
  await getCluster(ctx.trx, clusterId, { forUpdate: true })
  const document = await insertClusterDocument(ctx.trx, { clusterId, kind, year, ...normalizeDocumentContent(command) })
  ctx.record({ action: 'cluster_document.created', resourceType: 'cluster_document', resourceId: document.id, after: document })
  return document
}

/** Changes a draft (the fields given replace the stored ones, chapters whole); an adopted version is frozen (409). */
export async function updateClusterDocument (
  ctx: WriteContext,
  { documentId, ifMatch, ...patch }: Partial<DocumentContent> & { documentId: string, year?: number, ifMatch?: string }
): Promise<ClusterDocument> {
  const before = await lockedDocument(ctx, documentId)
  assertIfMatch(ifMatch, before.version)
  assertDraft(before.status)
  const content = normalizeDocumentContent({ title: patch.title ?? before.title, chapters: patch.chapters ?? before.chapters })
  const after = await saveDocument(ctx.trx, before, { content: { ...content, year: patch.year ?? before.year } })
  ctx.record({ action: 'cluster_document.updated', resourceType: 'cluster_document', resourceId: after.id, before, after })
  return after
}

/**
 * Records a draft's adoption at a conference of its cluster on the conference's date, freezing it under its
 * content hash; the version of the same kind in force until then is superseded and names this one.
 */
export async function adoptClusterDocument (
  ctx: WriteContext, { documentId, conferenceId, adoptedOn, ifMatch }: { documentId: string, conferenceId: string, adoptedOn: string, ifMatch?: string }
): Promise<ClusterDocument> {
  const { trx, now, record } = ctx
  const before = await lockedDocument(ctx, documentId)
  assertIfMatch(ifMatch, before.version)
  const conference = await getConference(trx, conferenceId)
  const current = await findAdoptedDocument(trx, before.clusterId, before.kind)
  assertMayAdopt({ document: before, conference, adoptedOn, currentAdoptedOn: current?.adoptedOn ?? undefined })
  if (current) {
    // First, so that at no moment two versions of the kind are in force (a unique index holds it).
    const superseded = await saveDocument(trx, current, { status: 'superseded', supersededById: before.id, at: now })
    record({ action: 'cluster_document.superseded', resourceType: 'cluster_document', resourceId: current.id, before: current, after: superseded })
  }
  const after = await saveDocument(trx, before, { status: 'adopted', conferenceId, adoptedOn, contentHash: documentHash(before) })
  record({ action: 'cluster_document.adopted', resourceType: 'cluster_document', resourceId: after.id, before, after })
  return after
}

/** What the printed document shows, and the name its file is offered under. */
export async function clusterDocumentData (
  { db }: ReadContext, { documentId }: { documentId: string }
): Promise<{ data: ClusterDocumentData, fileName: string }> {
  const document = await getClusterDocument(db, documentId)
  const cluster = await getCluster(db, document.clusterId)
  const block = await getBlock(db, cluster.blockId)
  const conference = document.conferenceId === null ? null : await getConference(db, document.conferenceId)
  const issuer = issuerOf(block.name, cluster.name)
  return {
    data: {
      issuer,
      // The place of the conference that adopted it, as its minutes print it; a draft: the issuer's seat.
      place: printedPlace(conference?.place ?? null, conference?.location ?? null, issuer[0]),
      date: document.adoptedOn ?? vietnamDate(new Date(document.updatedAt)),
      createdAt: new Date(document.updatedAt),
      kind: document.kind,
      versionNumber: document.versionNumber,
      year: document.year,
      status: document.status,
      title: document.title,
      chapters: document.chapters,
      adoption: conference === null ? null : { conferenceTitle: conference.title, adoptedOn: document.adoptedOn! },
      contentHash: document.contentHash
    },
    fileName: `${document.kind.replace(/_/g, '-')}-${document.year}-v${document.versionNumber}`
  }
}
