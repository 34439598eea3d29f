// Evidence files (minh chứng): upload, read, download and delete. An upload streams through the file store as it
// arrives, its leading bytes checked against the declared type and its size against FILE_MAX_BYTES on the way
// (domain/files.ts says how much of a DOCX or XLSX can be checked while streaming); only once the bytes are staged
// does the unit of work keep them (once per SHA-256) and write the record, its audit record and `file.uploaded`.
//
// Who reads a file (mayReadFile, the one rule for the record, the download and the delete): admin and reader every
// file; its uploader (the same unit, the same cluster's secretariat, the same admin); a secretariat too the files
// its cluster's member units uploaded; and anyone who reads a scorecard citing the file, by the scorecard's own rule
// (score-access.ts: a unit its own, and its cluster's members' once final or where the cluster shares drafts; a
// secretariat its cluster's). A file the caller may not read is a 404, as if it did not exist. Who deletes: the
// uploader or an admin, unless a finalized scorecard cites it or an award dossier holds it. Who cites a file in a
// self-assessment (the only entries that cite evidence: review and explanation entries carry none): its uploader or
// an admin. Who attaches one to an award dossier: whoever reads it.
import type { Readable } from 'node:stream'
import type { Actor } from '../auth/tokens.js'
import type { Knex } from 'knex'
import {
  citedByFinalizedScorecard, contentInUse, deleteFileRecord, findFile, findFiles, insertFile, publicFile, scorecardsCiting,
  type FileRecord, type StoredFile
} from '../db/files-repository.js'
import { fileAttachedToDossier } from '../db/dossiers-repository.js'
import { isMemberDuring } from '../db/memberships-repository.js'
import type { StoredEntry } from '../db/scorecards-repository.js'
import { conflict, forbidden, invalid, notFound, rangeNotSatisfiable, ruleBroken, tooLarge, unsupportedMedia } from '../domain/errors.js'
import {
  FILE_MEDIA_TYPES, isFileMediaType, normalizeFileName, rangeStillApplies, requestedRange, signatureFits, SIGNATURE_BYTES, ZIP_ENTRY_PREFIX,
  ZipEntryScanner, type ByteRange, type FileMediaType
} from '../domain/files.js'
import type { ReadContext, WriteContext } from './context.js'
import { vietnamDate } from '../domain/dates.js'
import { addDays } from '../domain/scoring/deadlines.js'
import { listedTags } from '../domain/versions.js'
import type { FileStore, StagedContent } from './file-store.js'
import { mayReadScores } from './score-access.js'
import { readsEverything } from '../auth/access.js'

export type { FileRecord }

const allowedList = () => Object.values(FILE_MEDIA_TYPES).map((t) => t.label).join(', ')

/** The declared media type, if one this service takes (parameters such as `; charset` are ignored). */
export function acceptedMediaType (contentType: string | undefined): FileMediaType {
  const declared = (contentType ?? '').split(';')[0].trim().toLowerCase()
  if (!isFileMediaType(declared)) {
    throw unsupportedMedia(`Evidence files are ${allowedList()}; ${declared === '' ? 'no Content-Type was sent' : `not ${declared.slice(0, 100)}`}.`)
  }
  return declared
}

/** The name to keep, or 400 `invalid_file_name`. */
export function acceptedFileName (given: string | undefined): string {
  const name = given === undefined ? undefined : normalizeFileName(given)
  if (name === undefined) {
    throw invalid('invalid_file_name', 'Name the file in Content-Disposition, e.g. attachment; filename*=UTF-8\'\'B%C3%A1o%20c%C3%A1o.pdf ' +
      '(1 to 255 characters, no control characters).')
  }
  return name
}

export interface Upload {
  source: AsyncIterable<Buffer>
  mediaType: FileMediaType
  /** The length the client announced, when it did: refused at once when over the limit. */
  contentLength?: number
  maxBytes: number
}

const overLimit = (maxBytes: number) =>
  tooLarge(`An evidence file may have at most ${maxBytes} bytes (FILE_MAX_BYTES).`, { maxBytes })

const notOfType = (mediaType: FileMediaType) =>
  unsupportedMedia(`The bytes are not a ${FILE_MEDIA_TYPES[mediaType].label} file, as Content-Type ${mediaType} says.`)

/**
 * Streams the upload into the store, checking on the way: the size (413 as soon as it passes `maxBytes`), the leading
 * bytes (415 as soon as they do not fit the type), and for DOCX/XLSX an entry of the right folder by the end (415).
 * A refused or interrupted upload leaves nothing behind.
 */
export async function receiveFile (store: FileStore, { source, mediaType, contentLength, maxBytes }: Upload): Promise<StagedContent> {
  if (contentLength !== undefined && contentLength > maxBytes) throw overLimit(maxBytes)
  let head = Buffer.alloc(0)
  let headChecked = false
  const prefix = ZIP_ENTRY_PREFIX[mediaType]
  const scanner = prefix === undefined ? undefined : new ZipEntryScanner(prefix)
  const staged = await store.stage(source, (chunk, offset) => {
    if (offset + chunk.length > maxBytes) throw overLimit(maxBytes)
    if (!headChecked) {
      head = Buffer.concat([head, chunk.subarray(0, SIGNATURE_BYTES)])
      if (head.length >= SIGNATURE_BYTES) {
        if (!signatureFits(mediaType, head)) throw notOfType(mediaType)
        headChecked = true
      }
    }
    scanner?.push(chunk)
  })
  if ((!headChecked && !signatureFits(mediaType, head)) || (scanner !== undefined && !scanner.sawPrefix)) {
    await store.discard(staged)
    throw notOfType(mediaType)
  }
  return staged
}

/** In the unit of work: keeps the staged bytes (once per SHA-256) and records the file. */
export async function recordUpload (ctx: WriteContext, store: FileStore, { staged, name, mediaType }: { staged: StagedContent, name: string, mediaType: FileMediaType }): Promise<FileRecord> {
  const contentKey = await store.settle(ctx.trx, staged)
  const { actor } = ctx
  const stored = await insertFile(ctx.trx, {
    contentKey,
    name,
    mediaType,
    size: staged.size,
    sha256: staged.sha256,
    uploadedBy: { sub: actor.sub, role: actor.role, unitId: actor.unitId ?? null, clusterId: actor.clusterId ?? null }
  })
  const file = publicFile(stored)
  ctx.record({ action: 'file.uploaded', resourceType: 'file', resourceId: file.id, after: file })
  return file
}

/** Whether the actor uploaded the file: the same unit (a unit token), the same cluster (a secretariat), or the same admin. */
function uploadedBy (actor: Actor, file: FileRecord): boolean {
  const by = file.uploadedBy
  if (actor.role === 'unit') return by.role === 'unit' && by.unitId !== null && by.unitId === actor.unitId
  if (actor.role === 'secretariat') return by.role === 'secretariat' && by.clusterId !== null && by.clusterId === actor.clusterId
  return by.role === actor.role && by.sub === actor.sub
}

/** Whether the file was uploaded by a unit that was a member of the cluster on the day of the upload. */
async function uploadedByMemberOf (db: Knex, clusterId: string, { uploadedBy: by, createdAt }: FileRecord): Promise<boolean> {
  if (by.role !== 'unit' || by.unitId === null) return false
  const day = vietnamDate(new Date(createdAt))
  return isMemberDuring(db, clusterId, by.unitId, day, addDays(day, 1))
}

/** Who reads a file (the header above says it in words). */
async function mayReadFile (db: Knex, actor: Actor, file: StoredFile): Promise<boolean> {
  if (readsEverything(actor) || uploadedBy(actor, file)) return true
  if (actor.role === 'secretariat' && actor.clusterId && await uploadedByMemberOf(db, actor.clusterId, file)) return true
  for (const card of await scorecardsCiting(db, file.id)) {
    if (await mayReadScores(db, actor, card, { final: card.status === 'finalized', unitId: card.unitId })) return true
  }
  return false
}

/** The file when the caller may read it; else 404, as if it did not exist. */
async function readableFile (ctx: ReadContext | WriteContext, fileId: string, forUpdate = false): Promise<StoredFile> {
  const db = 'trx' in ctx ? ctx.trx : ctx.db
  const file = await findFile(db, fileId, { forUpdate })
  if (!file || !await mayReadFile(db, ctx.actor, file)) throw notFound('file', fileId)
  return file
}

/** The file's record, when the caller may read it. */
export async function readFileRecord (ctx: ReadContext, { fileId }: { fileId: string }): Promise<FileRecord> {
  return publicFile(await readableFile(ctx, fileId))
}

/** The file's ETag: its bytes never change, so their digest. */
export const fileTag = (file: Pick<FileRecord, 'sha256'>) => `"${file.sha256}"`

export interface OpenedFile {
  file: FileRecord
  /** The part sent: the whole file, or the one range asked for (then a 206). */
  range: ByteRange
  partial: boolean
  /** The bytes, read as the client takes them; undefined when `notModified`. */
  body?: Readable
  notModified: boolean
}

/**
 * The file's bytes for a download: all of them, or the one range asked (416 past the end); nothing when the
 * caller's If-None-Match names its tag.
 */
export async function openFile (
  ctx: ReadContext, store: FileStore, { fileId, range, ifNoneMatch, ifRange }: { fileId: string, range?: string, ifNoneMatch?: string, ifRange?: string }
): Promise<OpenedFile> {
  const stored = await readableFile(ctx, fileId)
  const file = publicFile(stored)
  const whole = { start: 0, end: file.size - 1 }
  const tag = fileTag(file)
  const listed = listedTags(ifNoneMatch)
  if (listed.includes(tag) || listed.includes('*')) {
    return { file, range: whole, partial: false, notModified: true }
  }
  const asked = rangeStillApplies(ifRange, tag) ? requestedRange(range, file.size) : undefined
  if (asked === 'unsatisfiable') {
    throw rangeNotSatisfiable(`The file has ${file.size} bytes; ${range} starts past its end.`, { size: file.size })
  }
  const part = asked ?? whole
  return { file, range: part, partial: asked !== undefined, body: store.open(stored.contentKey, part), notModified: false }
}

/**
 * Deletes a file: its uploader or an admin (another who reads it: 403). The bytes go too when no other record
 * points at them. Audited and emitted as `file.deleted`.
 */
export async function deleteFile (ctx: WriteContext, store: FileStore, { fileId }: { fileId: string }): Promise<void> {
  const stored = await readableFile(ctx, fileId, true)
  const file = publicFile(stored)
  if (ctx.actor.role !== 'admin' && !uploadedBy(ctx.actor, file)) throw forbidden('Only the file\'s uploader or an admin deletes it.')
  if (await citedByFinalizedScorecard(ctx.trx, fileId)) {
    throw conflict('file_in_use', `File ${fileId} is cited by a finalized scorecard and cannot be deleted.`)
  }
  if (await fileAttachedToDossier(ctx.trx, fileId)) {
    throw conflict('file_in_use', `File ${fileId} is attached to an award dossier and cannot be deleted.`)
  }
  await deleteFileRecord(ctx.trx, fileId)
  if (!await contentInUse(ctx.trx, stored.contentKey)) await store.remove(ctx.trx, stored.contentKey)
  ctx.record({ action: 'file.deleted', resourceType: 'file', resourceId: fileId, before: file, after: null, eventData: file })
}

/**
 * The file an award dossier's attachment names, when the caller may read it (by the rule above: a unit its own
 * uploads, a secretariat its cluster's and its member units', admin every file); else 422 `attachment_file_not_found`.
 */
export async function fileToAttach (trx: Knex.Transaction, actor: Actor, fileId: string): Promise<FileRecord> {
  const file = await findFile(trx, fileId)
  if (!file || !await mayReadFile(trx, actor, file)) {
    throw ruleBroken('attachment_file_not_found', `File ${fileId} does not exist or is not the caller's to attach.`, { fileId })
  }
  return publicFile(file)
}

/**
 * A self-assessment's entries with each cited file checked (it exists and the caller uploaded it or is an admin, else 422
 * `evidence_file_not_found` naming them) and its SHA-256 written beside its id, so the saved record (and with it
 * the audit record of the save) says which bytes were cited.
 */
export async function withCitedFiles (trx: Knex.Transaction, actor: Actor, entries: StoredEntry[]): Promise<StoredEntry[]> {
  const cited = entries.flatMap((entry) => (entry.evidence ?? []).flatMap((item) => typeof item === 'object' && 'fileId' in item ? [item.fileId] : []))
  if (cited.length === 0) return entries
  const found = new Map((await findFiles(trx, [...new Set(cited)]))
    .filter((file) => readsEverything(actor) || uploadedBy(actor, file)).map((file) => [file.id, file]))
  const missing = [...new Set(cited.filter((id) => !found.has(id)))]
  if (missing.length > 0) {
    throw ruleBroken('evidence_file_not_found', `The entries cite as evidence ${missing.length === 1 ? 'a file' : 'files'} that ` +
      `do not exist or are not the caller's to cite: ${missing.join(', ')}.`, { fileIds: missing })
  }
  return entries.map((entry) => entry.evidence === undefined
    ? entry
    : {
        ...entry,
        evidence: entry.evidence.map((item) => typeof item === 'object' && 'fileId' in item ? { fileId: item.fileId, sha256: found.get(item.fileId)!.sha256 } : item)
      })
}
