// An answer too large to hold sent as it is produced: its parts (CSV lines, JSON items) gathered into chunks of
// about 64 KiB, each produced only when the client has taken the one before. The process never holds a whole body:
// a 3,434-member ranking with its breakdown is 12 MB of JSON, and eight read at once took the RSS past 400 MiB.
import { Readable } from 'node:stream'

const CHUNK_CHARS = 64 * 1024

export function streamed (parts: Iterable<string>): Readable {
  function * chunks () {
    let chunk = ''
    for (const part of parts) {
      chunk += part
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk
        chunk = ''
      }
    }
    if (chunk !== '') yield chunk
  }
  return Readable.from(chunks(), { objectMode: false })
}

/**
 * A JSON object with one long list, written as it is read: `head` (the object up to the list's opening bracket),
 * each item as `serializeItem` writes it (Fastify's serializer compiled from the item's response schema, so the
 * bytes are those the schema would give), then `tail` (from the closing bracket to the end).
 */
export function streamedJsonList<T> (head: string, items: Iterable<T>, serializeItem: (item: T) => string, tail: string): Readable {
  function * parts (): Generator<string> {
    yield head
    let separator = ''
    for (const item of items) {
      yield separator + serializeItem(item)
      separator = ','
    }
    yield tail
  }
  return streamed(parts())
}
