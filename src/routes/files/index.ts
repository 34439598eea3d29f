// Evidence files (minh chứng): the bytes behind a self-assessment, stored by the service rather than only linked.
// An upload is the raw body with its Content-Type and the file's name in Content-Disposition; it is streamed into
// the file store as it arrives (never held whole), refused with 413 past FILE_MAX_BYTES and 415 when its type is
// not taken or its leading bytes are not of that type. The same bytes uploaded twice are kept once.
import type { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createHash } from 'node:crypto'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import {
  acceptedFileName, acceptedMediaType, deleteFile, readFileRecord, receiveFile, recordUpload, fileTag
} from '../../services/files.js'
import { FILE_MEDIA_TYPE_NAMES } from '../../domain/files.js'
import { dispositionFileName } from './disposition.js'
import { EvidenceFile, FILE_READ_SCOPE, FileParams, UploadHeaders } from './schemas.js'
import download from './download.js'

const tags = ['files']

const binary = { type: 'string', format: 'binary' } as const

const files: FastifyPluginAsyncTypebox = async (app) => {
  // Every body of these routes is a file's raw bytes, whatever its Content-Type: the parser hands the stream to the
  // handler unread (the service reads it, checking the type and size as it goes), so a refusal reads no more of it.
  const uploads = new WeakMap<object, Readable>()
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (request, payload, done) => {
    uploads.set(request, payload as Readable)
    // The body the schema sees (a binary string): empty, the bytes being read by the handler from the stream.
    done(null, '')
  })

  app.post('/v1/files', {
    bodyLimit: app.fileMaxBytes,
    config: { roles: ['admin', 'secretariat', 'unit'], scope: { secretariat: 'files of its own cluster', unit: 'files of its own unit' } },
    schema: {
      operationId: 'uploadFile',
      summary: 'Store an evidence file (minh chứng)',
      description: 'The raw bytes as the body, with their `Content-Type` (PDF, PNG, JPEG, DOCX or XLSX) and the file\'s ' +
        'name in `Content-Disposition` (`attachment; filename*=UTF-8\'\'…`, percent-encoded UTF-8; a plain `filename=` is ' +
        'read too). The bytes are streamed into the store, never held whole: more than FILE_MAX_BYTES (20 MiB by ' +
        'default) is 413 `body_too_large`; a type not taken, or leading bytes not of the type named (a PDF starts with ' +
        '`%PDF-`, a PNG with its signature, a JPEG with FF D8 FF, a DOCX or XLSX is a ZIP holding `word/` resp. `xl/` ' +
        'entries, checked by the end of the upload), is 415 `unsupported_media_type`. The same bytes uploaded twice ' +
        'are kept once; each upload gets its own id. A scorecard entry cites the file as evidence by its id. Audited ' +
        'and emitted as `file.uploaded` (with its sha256).',
      tags,
      headers: UploadHeaders,
      consumes: FILE_MEDIA_TYPE_NAMES,
      body: { content: Object.fromEntries(FILE_MEDIA_TYPE_NAMES.map((type) => [type, { schema: binary }])) },
      response: { 201: ref(EvidenceFile, { description: 'The file stored.' }), ...problems({ 400: ['invalid_file_name'], 413: ['body_too_large'], 415: ['unsupported_media_type'] }) }
    } as never
  }, async (request, reply) => {
    const mediaType = acceptedMediaType(request.headers['content-type'])
    const name = acceptedFileName(dispositionFileName(request.headers['content-disposition']))
    const source = uploads.get(request) ?? (async function * () {})()
    const length = request.headers['content-length']
    const store = app.fileStore
    const staged = await receiveFile(store, { source, mediaType, contentLength: length === undefined ? undefined : Number(length), maxBytes: app.fileMaxBytes })
    // A retry replays the first answer only for the same file: the key is checked against the bytes' digest, known now.
    if (request.idempotency) {
      const hash = createHash('sha256').update(`POST /v1/files ${staged.sha256} ${mediaType} ${name}`).digest('hex')
      request.idempotency = { ...request.idempotency, hash }
    }
    let settled = false
    try {
      const result = await request.write(async (ctx) => {
        const created = await recordUpload(ctx, store, { staged, name, mediaType })
        settled = true
        return { statusCode: 201, body: created, headers: { etag: fileTag(created), location: `/v1/files/${created.id}/meta` } }
      })
      return reply.sendResult(result)
    } finally {
      // A replay, or a unit of work that rolled back, keeps nothing of these bytes.
      if (!settled) await store.discard(staged).catch(() => {})
    }
  })

  app.get('/v1/files/:fileId/meta', {
    config: { scope: FILE_READ_SCOPE },
    schema: {
      operationId: 'getFileMeta',
      summary: 'An evidence file\'s record: name, type, size, SHA-256',
      description: 'Who reads a file: admin and reader every file; a unit the files its unit uploaded; a secretariat ' +
        'those its cluster or its cluster\'s member units (members on the day of the upload) uploaded; and anyone who ' +
        'reads a scorecard citing the file, as for that scorecard (a unit its own, and once the scores are final, or ' +
        'where the cluster shares drafts, its cluster\'s members\'; a secretariat its cluster\'s). A file the caller ' +
        'may not read is a 404, as if it did not exist.',
      tags,
      params: FileParams,
      response: { 200: ref(EvidenceFile), ...notModified, ...problems({ 404: ['file_not_found'] }) }
    }
  }, async (request, reply) => {
    const file = await readFileRecord(readContext(request), request.params)
    return reply.header('etag', fileTag(file)).send(file)
  })

  await app.register(download)

  app.delete('/v1/files/:fileId', {
    config: { roles: ['admin', 'secretariat', 'unit'], scope: { secretariat: 'files its cluster uploaded', unit: 'files its unit uploaded' } },
    schema: {
      operationId: 'deleteFile',
      summary: 'Delete an evidence file',
      description: 'By its uploader (the same unit, the same cluster\'s secretariat) or an admin; another caller who ' +
        'reads it gets 403, one who does not 404; 409 `file_in_use` when a finalized scorecard cites it. The bytes go ' +
        'too unless another upload of the same bytes remains. ' +
        'Audited and emitted as `file.deleted`.',
      tags,
      params: FileParams,
      headers: DeleteHeaders,
      response: { ...noContent('The file is deleted.'), ...problems({ 404: ['file_not_found'], 409: ['file_in_use'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deleteFile(ctx, app.fileStore, request.params)
    return { statusCode: 204, body: null }
  })))
}

export default files
