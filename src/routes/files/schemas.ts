import { Type } from 'typebox'
import { FILE_MEDIA_TYPE_NAMES } from '../../domain/files.js'
import { Instant, ref, Uuid } from '../../http/shared-schemas.js'
import { IdParam } from '../../http/common-schemas.js'
import { EXAMPLE_FILE_ID, fileExample } from './examples.js'

/** The longest file name kept (a file system's usual limit, 255). */
export const FILE_NAME_MAX_LENGTH = 255

export const FileMediaType = Type.Enum([...FILE_MEDIA_TYPE_NAMES], {
  description: 'PDF, PNG, JPEG, DOCX or XLSX, as checked from the file\'s leading bytes.'
})

export const EvidenceFile = Type.Object({
  id: ref(Uuid),
  name: Type.String({ minLength: 1, maxLength: FILE_NAME_MAX_LENGTH, description: 'The name the uploader gave, in Unicode (NFC).' }),
  mediaType: FileMediaType,
  size: Type.Integer({ format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'In bytes (at most FILE_MAX_BYTES).' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', maxLength: 64, description: 'The SHA-256 of the bytes, in hex; also the file\'s ETag.' }),
  uploadedBy: Type.Object({
    sub: Type.String({ maxLength: 16_384 }),
    role: Type.String({ maxLength: 32 }),
    unitId: Type.Union([ref(Uuid), Type.Null()]),
    clusterId: Type.Union([ref(Uuid), Type.Null()])
  }, { description: 'The token that uploaded it.' }),
  createdAt: ref(Instant)
}, { $id: 'EvidenceFile', description: 'A stored evidence file (minh chứng): its record; the bytes are at GET /v1/files/{fileId}.', examples: [fileExample] })

/** Who reads a file, by role (the meta operation's description says it whole). */
export const FILE_READ_SCOPE = {
  secretariat: 'files its cluster or its member units uploaded, and those its cluster\'s scorecards cite',
  unit: 'files its unit uploaded, and those cited by scorecards it reads'
}

export const FileParams = Type.Object({ fileId: IdParam('The evidence file\'s id (minh chứng).', EXAMPLE_FILE_ID) })

export const UploadHeaders = Type.Object({
  'content-type': Type.String({ maxLength: 200, description: 'One of the media types taken; the leading bytes must be of that type.' }),
  'content-disposition': Type.Optional(Type.String({
    maxLength: 2000,
    description: 'The file\'s name: `attachment; filename*=UTF-8\'\'<percent-encoded UTF-8>` (RFC 5987/8187) or a plain ' +
      '`filename="…"`; 1 to 255 characters once decoded. Required: without it, 400 `invalid_file_name`.',
    examples: ['attachment; filename*=UTF-8\'\'B%C3%A1o%20c%C3%A1o%20phong%20tr%C3%A0o%20thi%20%C4%91ua%20n%C4%83m%202024.pdf']
  })),
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Makes a retry safe: the same key, bytes, type and name replay the first response; another file under the same key is 422 `idempotency_key_reused`.'
  }))
})

export const DownloadHeaders = Type.Object({
  // If-None-Match is the shared header every tagged read documents (contract-document.ts).
  range: Type.Optional(Type.String({ maxLength: 200, description: 'One range, `bytes=a-b`, `bytes=a-` or `bytes=-n`: 206 with that part; past the end 416. Other forms are ignored (the whole file).' })),
  'if-range': Type.Optional(Type.String({ maxLength: 200, description: 'The file\'s `ETag` as you got it: the range is sent only while the file is still that one, else the whole file (200). A weak tag or a date never matches.' }))
})

export const fileSchemas = [EvidenceFile]
