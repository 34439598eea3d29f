// Evidence files: which media types are taken, how their bytes are recognised, and which part of a file a Range
// asks for. Pure: bytes in, answers out (the streaming itself is the service's).
//
// How much is checked while streaming: PDF (`%PDF-`), PNG (its 8-byte signature) and JPEG (FF D8 FF) are known
// from their first bytes, so a body that does not start right is refused before anything more is read. DOCX and
// XLSX are ZIP archives (`PK\x03\x04` first): the first bytes only say "a ZIP"; whether it is a Word document or a
// workbook is known from its entries' names (`word/…` resp. `xl/…`), which the ZIP's local headers carry as they
// stream past, so that part of the check is settled when the upload ends (a ZIP without such an entry is refused
// then, and nothing of it is kept). Nothing is decompressed or parsed beyond those headers.

export const FILE_MEDIA_TYPES = {
  'application/pdf': { extension: 'pdf', label: 'PDF' },
  'image/png': { extension: 'png', label: 'PNG' },
  'image/jpeg': { extension: 'jpg', label: 'JPEG' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extension: 'docx', label: 'DOCX' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extension: 'xlsx', label: 'XLSX' }
} as const

export type FileMediaType = keyof typeof FILE_MEDIA_TYPES

export const FILE_MEDIA_TYPE_NAMES = Object.keys(FILE_MEDIA_TYPES) as FileMediaType[]

export const isFileMediaType = (value: string): value is FileMediaType => Object.hasOwn(FILE_MEDIA_TYPES, value)

/** How many leading bytes decide the signature (the longest one, PNG's 8). */
export const SIGNATURE_BYTES = 8

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const JPEG = [0xff, 0xd8, 0xff]
const ZIP = [0x50, 0x4b, 0x03, 0x04] // PK\x03\x04

const startsWith = (head: Uint8Array, signature: number[]) =>
  head.length >= signature.length && signature.every((byte, i) => head[i] === byte)

/** The entry prefix a ZIP of this type must hold; undefined for a type known by its signature alone. */
export const ZIP_ENTRY_PREFIX: Partial<Record<FileMediaType, string>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'word/',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xl/'
}

/**
 * Whether the leading bytes (at least SIGNATURE_BYTES of them, or the whole file when shorter) fit the declared
 * type: for DOCX and XLSX this says only that the body is a ZIP; its entries are checked by ZipEntryScanner.
 */
export function signatureFits (declared: FileMediaType, head: Uint8Array): boolean {
  switch (declared) {
    case 'application/pdf': return startsWith(head, PDF)
    case 'image/png': return startsWith(head, PNG)
    case 'image/jpeg': return startsWith(head, JPEG)
    default: return startsWith(head, ZIP)
  }
}

/** The longest entry name a local header may carry that is still looked at (names are far shorter). */
const MAX_NAME = 1024
const LOCAL_HEADER = 30

/**
 * Finds the names of a ZIP's entries in its bytes as they stream past, chunk by chunk, keeping only the last
 * bytes of the previous chunk (a header may straddle two chunks): each `PK\x03\x04` local header's name (its
 * length at offset 26, the name from offset 30). `sawPrefix` says whether any name started with `prefix`.
 */
export class ZipEntryScanner {
  private tail: Buffer = Buffer.alloc(0)
  sawPrefix = false
  private readonly prefix: Buffer

  constructor (prefix: string) {
    this.prefix = Buffer.from(prefix, 'latin1')
  }

  push (chunk: Uint8Array): void {
    if (this.sawPrefix) return
    const window = Buffer.concat([this.tail, chunk])
    let at = window.indexOf('PK\x03\x04', 0, 'latin1')
    let keepFrom = Math.max(0, window.length - (LOCAL_HEADER + MAX_NAME))
    while (at !== -1) {
      if (at + LOCAL_HEADER > window.length) {
        keepFrom = Math.min(keepFrom, at)
        break
      }
      const nameLength = window.readUInt16LE(at + 26)
      const extraEnd = at + LOCAL_HEADER + Math.min(nameLength, this.prefix.length)
      if (extraEnd > window.length) {
        keepFrom = Math.min(keepFrom, at)
        break
      }
      if (nameLength >= this.prefix.length && window.subarray(at + LOCAL_HEADER, extraEnd).equals(this.prefix)) {
        this.sawPrefix = true
        return
      }
      at = window.indexOf('PK\x03\x04', at + 4, 'latin1')
    }
    this.tail = Buffer.from(window.subarray(keepFrom))
  }
}

/** A byte range of a file, both ends included. */
export interface ByteRange { start: number, end: number }

/**
 * The range a `Range` header asks of a file of `size` bytes (RFC 9110 §14.1.2): one `bytes=a-b`, `bytes=a-` or
 * `bytes=-n` range. `undefined`: no range, or one this service ignores (several ranges, another unit), so the whole
 * file is sent; `'unsatisfiable'`: it starts past the end (416).
 */
export function requestedRange (header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return undefined
  const [, first, last] = match
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (last !== '' && Number(last) < start) return undefined
  if (start >= size) return 'unsatisfiable'
  return { start, end }
}

/**
 * Whether a `Range` is honoured under `If-Range` (RFC 9110 §13.1.5): always without one; with one, only when it is
 * the file's current strong tag. A weak tag never matches, and a date cannot be checked (no Last-Modified is sent),
 * so either gets the whole file, as the RFC asks of a validator that does not match.
 */
export function rangeStillApplies (ifRange: string | undefined, currentTag: string): boolean {
  return ifRange === undefined || ifRange.trim() === currentTag
}

/** The longest file name kept, in characters (a file system's usual limit). */
export const FILE_NAME_MAX_CHARS = 255

/**
 * The name to keep for an uploaded file: NFC, without any folder part a client's path put before it, trimmed;
 * undefined when nothing is left, it is too long, or it holds control characters.
 */
export function normalizeFileName (given: string): string | undefined {
  const name = given.normalize('NFC').split(/[/\\]/).pop()!.trim()
  if (name === '' || name === '.' || name === '..' || [...name].length > FILE_NAME_MAX_CHARS) return undefined
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return undefined
  return name
}
