// Where evidence bytes are kept, behind one small interface: the PostgreSQL implementation (db/file-store-postgres.ts,
// the default, on the embedded database too) keeps each content once per SHA-256 in 32 KiB chunks; an
// S3-compatible object store can take its place for large deployments (README, "Files") without the use cases
// changing. Every method streams: no implementation may hold a whole file in memory.
import type { Readable } from 'node:stream'
import type { Knex } from 'knex'
import type { ByteRange } from '../domain/files.js'

/** Bytes written by `stage`, not yet kept: `settle` keeps them (or the same bytes already kept), `discard` drops them. */
export interface StagedContent {
  /** Where the staged bytes are (the store's own key). */
  stagingKey: string
  sha256: string
  size: number
}

export interface FileStore {
  /**
   * Writes the bytes as they arrive, outside any transaction (a slow upload holds no database connection), and
   * answers their SHA-256 and size. `inspect` sees every chunk first and may throw to stop the upload: what was
   * written is then dropped.
   */
  stage: (source: AsyncIterable<Buffer>, inspect: (chunk: Buffer, offset: number) => void) => Promise<StagedContent>
  /**
   * In the unit of work: keeps the staged bytes, or, when the same bytes are already kept, drops the staged copy
   * and answers the kept one. Answers the content's key, which file records point at.
   */
  settle: (trx: Knex.Transaction, staged: StagedContent) => Promise<string>
  /** Drops staged bytes that were never settled (an upload refused or interrupted). */
  discard: (staged: StagedContent) => Promise<void>
  /** The kept bytes of `contentKey`, all of them or `range`, as a stream read chunk by chunk. */
  open: (contentKey: string, range: ByteRange) => Readable
  /** In the unit of work: removes a content no file record points at any more. */
  remove: (trx: Knex.Transaction, contentKey: string) => Promise<void>
}
