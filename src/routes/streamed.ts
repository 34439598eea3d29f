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
