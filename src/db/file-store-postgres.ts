// The default FileStore (services/file-store.ts): each content once per SHA-256, in 32 KiB rows of bytea (small
// enough that neither the statement carrying one nor its hex text on the way back is a large object for V8). An upload
// is written chunk by chunk as it arrives, each row its own statement outside any transaction (a slow upload holds
// no connection and, on the embedded database, does not hold up the others), under a fresh content id; the unit of
// work then keeps it (a `file_contents` row) or, when the same bytes are kept already, drops the copy. A download
// reads one chunk per statement as the client takes them, so neither direction holds more than a chunk or two.
import { createHash, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Knex } from 'knex'
import type { ByteRange } from '../domain/files.js'
import type { FileStore, StagedContent } from '../services/file-store.js'

export const CHUNK_BYTES = 32 * 1024

/** bytea comes back as a Buffer from pg and as a Uint8Array from PGlite. */
const asBuffer = (data: Uint8Array): Buffer =>
  Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)

export function postgresFileStore (db: Knex): FileStore {
  const dropChunks = async (runner: Knex, contentId: string) => {
    await runner('file_chunks').where({ content_id: contentId }).delete()
  }

  return {
    async stage (source, inspect) {
      const contentId = randomUUID()
      const hash = createHash('sha256')
      let size = 0
      let seq = 0
      let pending: Buffer[] = []
      let pendingBytes = 0
      const flush = async (bytes: Buffer) => {
        await db('file_chunks').insert({ content_id: contentId, seq: seq++, data: bytes })
      }
      // Read by hand, not with for-await: leaving that loop on a refusal would destroy the request's stream, and
      // with it the socket the refusal is to be answered on (the connections plugin closes it gracefully instead).
      const iterator = source[Symbol.asyncIterator]()
      try {
        for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
          const chunk = next.value
          inspect(chunk, size)
          hash.update(chunk)
          size += chunk.length
          pending.push(chunk)
          pendingBytes += chunk.length
          while (pendingBytes >= CHUNK_BYTES) {
            const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending)
            await flush(joined.subarray(0, CHUNK_BYTES))
            const rest = joined.subarray(CHUNK_BYTES)
            pending = rest.length > 0 ? [rest] : []
            pendingBytes = rest.length
          }
        }
        if (pendingBytes > 0) await flush(Buffer.concat(pending))
      } catch (error) {
        await dropChunks(db, contentId).catch(() => {})
        throw error
      }
      return { stagingKey: contentId, sha256: hash.digest('hex'), size }
    },

    async settle (trx, staged: StagedContent) {
      const [inserted] = await trx.raw<{ rows: Array<{ id: string }> }>(
        'insert into file_contents (id, sha256, size) values (?, ?, ?) on conflict (sha256) do nothing returning id',
        [staged.stagingKey, staged.sha256, staged.size]
      ).then((result) => result.rows)
      if (inserted) return inserted.id
      // The same bytes are kept already: the record points at them (locked, so they are not removed meanwhile).
      const kept = await trx('file_contents').where({ sha256: staged.sha256 }).forKeyShare().first('id')
      await dropChunks(trx, staged.stagingKey)
      return kept.id as string
    },

    async discard (staged) {
      await dropChunks(db, staged.stagingKey)
    },

    open (contentKey: string, range: ByteRange) {
      const first = Math.floor(range.start / CHUNK_BYTES)
      const last = Math.floor(range.end / CHUNK_BYTES)
      async function * chunks () {
        for (let seq = first; seq <= last; seq++) {
          const row = await db('file_chunks').where({ content_id: contentKey, seq }).first('data')
          if (!row) throw new Error(`Chunk ${seq} of content ${contentKey} is missing.`)
          const data = asBuffer(row.data as Uint8Array)
          const from = seq === first ? range.start - seq * CHUNK_BYTES : 0
          const to = seq === last ? range.end - seq * CHUNK_BYTES + 1 : data.length
          yield data.subarray(from, to)
        }
      }
      return Readable.from(chunks(), { objectMode: false, highWaterMark: 1 })
    },

    async remove (trx, contentKey) {
      await trx('file_contents').where({ id: contentKey }).delete()
      await dropChunks(trx, contentKey)
    }
  }
}
