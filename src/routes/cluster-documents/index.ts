// Cluster documents: an admin or the cluster's secretariat drafts and edits the operating regulations, the action
// programme and the scoring rules note, and records their adoption at a conference; every role reads and prints them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { ClusterParams } from '../../http/common-schemas.js'
import { IdempotencyHeaders, IfMatchHeaders, notModified, problems, ref } from '../../http/shared-schemas.js'
import {
  adoptClusterDocument, clusterDocumentTag, draftClusterDocument, listClusterDocuments, readClusterDocument, updateClusterDocument,
  type ClusterDocument as Document
} from '../../services/cluster-documents.js'
import {
  AdoptHeaders, ClusterDocument, ClusterDocumentPage, ClusterDocumentPatch, DocumentAdoption, DocumentListQuery, DocumentParams,
  NewClusterDocument
} from './schemas.js'
import clusterDocumentFiles from './document.js'

const tags = ['cluster documents']
const writers = { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'own cluster only' } } as const
const changed = (document: Document) => ({ statusCode: 200, body: document, headers: { etag: clusterDocumentTag(document) } })

const clusterDocuments: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/clusters/:clusterId/documents', {
    config: { ...writers, location: true },
    schema: {
      operationId: 'createClusterDocument',
      summary: 'Draft a cluster document: regulations, action programme or scoring rules note',
      description: 'Drafts a version of one of the cluster\'s documents (seed 004: the conference adopts the action ' +
        'programme, the operating regulations and the scoring rules): its kind, year, title and chapters of articles ' +
        'of clauses. Each draft of a kind is numbered (`versionNumber` 1, 2, …); a new version of a document in force ' +
        'is a new draft of the same kind, and the one in force stays until the new one is adopted. Text is stored NFC. ' +
        'Audited and emitted as `cluster_document.created`.',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewClusterDocument),
      response: { 201: ref(ClusterDocument, { description: 'The draft created.' }), ...problems({ 404: ['cluster_not_found'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const document = await draftClusterDocument(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: document, headers: { etag: clusterDocumentTag(document), location: `/v1/documents/${document.id}` } }
  })))

  app.get('/v1/clusters/:clusterId/documents', {
    schema: {
      operationId: 'listClusterDocuments',
      summary: 'A cluster\'s documents, the latest year first',
      description: 'Every version of the cluster\'s documents, the latest year first, then by kind and the latest ' +
        'version first. `kind`, `year` and `status` narrow the list (`status=adopted`: the documents in force).',
      tags,
      params: ClusterParams,
      querystring: DocumentListQuery,
      response: { 200: ref(ClusterDocumentPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found'] }) }
    }
  }, async (request) => listClusterDocuments(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/documents/:documentId', {
    schema: {
      operationId: 'getClusterDocument',
      summary: 'One version of a cluster document',
      description: 'One version with its state (`draft` → `adopted` → `superseded`), the conference and date of its ' +
        'adoption, its contentHash once adopted, and its ETag: send it in If-Match to change or adopt the draft, or ' +
        'in If-None-Match to read it again (304 while unchanged).',
      tags,
      params: DocumentParams,
      response: { 200: ref(ClusterDocument), ...notModified, ...problems({ 404: ['document_not_found'] }) }
    }
  }, async (request, reply) => {
    const document = await readClusterDocument(readContext(request), request.params)
    return reply.header('etag', clusterDocumentTag(document)).send(document)
  })

  app.patch('/v1/documents/:documentId', {
    config: writers,
    schema: {
      operationId: 'updateClusterDocument',
      summary: 'Change a draft cluster document (adopted versions are frozen: 409)',
      description: 'The fields given replace the stored ones (chapters as a whole). Only a `draft` changes: an adopted ' +
        'or superseded version is 409 `document_not_draft` (draft a new version of the same kind instead). Send the ' +
        'ETag last read in If-Match (412 when stale). Audited and emitted as `cluster_document.updated`.',
      tags,
      params: DocumentParams,
      headers: IfMatchHeaders,
      body: ref(ClusterDocumentPatch),
      response: { 200: ref(ClusterDocument), ...problems({ 404: ['document_not_found'], 409: ['document_not_draft'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await updateClusterDocument(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  app.post('/v1/documents/:documentId/adopt', {
    config: writers,
    schema: {
      operationId: 'adoptClusterDocument',
      summary: 'Record a draft\'s adoption at a conference: frozen under its contentHash; the version in force is superseded',
      description: 'A draft is adopted at a conference of its own cluster (422 `document_conference_other_cluster`) ' +
        'whose minutes, which list what it adopted, are not finalized yet (409 `conference_finalized`), on ' +
        'the conference\'s date (422 `document_adopted_off_conference_date`), in the document\'s year or the year ' +
        'before (422 `document_adoption_outside_year`), and not before the version in force was adopted (422 ' +
        '`document_adoption_before_current`). Its content is frozen under its contentHash; the version of the same ' +
        'kind in force becomes `superseded` and names this one, in the same transaction. If-Match (the ETag last ' +
        'read) makes sure the version adopted is the one reviewed (412 when stale). Emits ' +
        '`cluster_document.adopted` (and `cluster_document.superseded`); audited.',
      tags,
      params: DocumentParams,
      headers: AdoptHeaders,
      body: ref(DocumentAdoption),
      response: {
        200: ref(ClusterDocument, { description: 'The version, adopted, with its contentHash.' }),
        ...problems({
          404: ['conference_not_found', 'document_not_found'],
          409: ['conference_finalized', 'document_not_draft'],
          412: ['precondition_failed'],
          422: ['document_adopted_off_conference_date', 'document_adoption_before_current', 'document_adoption_outside_year', 'document_conference_other_cluster']
        })
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) =>
    changed(await adoptClusterDocument(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })))))

  // Last: a document comes after what it prints.
  await app.register(clusterDocumentFiles)
}

export default clusterDocuments
