// Downloading an evidence file: streamed from the store as the client reads it, with the name it was uploaded
// under, its ETag (the bytes' SHA-256), a conditional GET (304) and one byte range (206, 416 past the end).
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { notModified, problems } from '../../http/shared-schemas.js'
import { fileTag, openFile, type OpenedFile } from '../../services/files.js'
import { FILE_MEDIA_TYPE_NAMES } from '../../domain/files.js'
import { DomainError } from '../../domain/errors.js'
import { attachmentDisposition } from './disposition.js'
import { DownloadHeaders, FILE_READ_SCOPE, FileParams } from './schemas.js'

const tags = ['files']
const binary = { type: 'string', format: 'binary' } as const
const bytesOf = (description: string) => ({
  description,
  content: Object.fromEntries(FILE_MEDIA_TYPE_NAMES.map((type) => [type, { schema: binary }]))
})

/** The opened file's headers and bytes (its body a stream, which goes out past the serializer), or its 304. */
function sendOpened (reply: FastifyReply, { file, range, partial, body, notModified }: OpenedFile) {
  reply.header('etag', fileTag(file)).header('accept-ranges', 'bytes').header('cache-control', 'private, no-cache')
  if (notModified) return reply.code(304).send()
  reply.type(file.mediaType).header('content-disposition', attachmentDisposition(file.name))
    .header('content-length', String(range.end - range.start + 1))
  if (partial) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
  return reply.send(body)
}

const download: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/files/:fileId', {
    config: { scope: FILE_READ_SCOPE },
    schema: {
      operationId: 'downloadFile',
      summary: 'An evidence file\'s bytes',
      description: 'Streamed, as `attachment` with the uploaded name (`filename*=UTF-8\'\'…`, and an ASCII `filename` ' +
        'for old clients), its media type and `ETag` (the SHA-256; `If-None-Match` with it is 304). `Range: bytes=a-b` ' +
        '(or `a-`, `-n`) answers 206 with that part and `Content-Range`; a range starting past the end is 416 ' +
        '`range_not_satisfiable`. With `If-Range` the range is honoured only while the tag sent is the file\'s `ETag`; ' +
        'otherwise the whole file comes (200). Who reads a file is as for its record (`GET /v1/files/{fileId}/meta`).',
      tags,
      params: FileParams,
      headers: DownloadHeaders,
      produces: [...FILE_MEDIA_TYPE_NAMES, 'application/problem+json'],
      response: {
        200: bytesOf('The whole file.'),
        206: bytesOf('The range asked for (Content-Range says which).'),
        ...notModified,
        ...problems({ 404: ['file_not_found'], 416: ['range_not_satisfiable'] })
      }
    }
  }, async (request, reply) => {
    const { fileId } = request.params
    const { range, 'if-none-match': ifNoneMatch, 'if-range': ifRange } = request.headers
    const opened = await openFile(readContext(request), app.fileStore, { fileId, range, ifNoneMatch, ifRange })
      .catch((error: unknown) => {
        // A range past the end: the answer says how long the file is (RFC 9110 §15.5.17).
        const size = error instanceof DomainError ? error.details?.size : undefined
        if (typeof size === 'number') reply.header('content-range', `bytes */${size}`)
        throw error
      })
    return sendOpened(reply, opened)
  })
}

export default download
