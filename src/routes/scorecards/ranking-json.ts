// The ranking as JSON, streamed item by item (see streamed.ts). Each item goes through the serializer Fastify
// compiles from the response schema's RankingItem, so the bytes are those the route's schema would give; the
// envelope's few scalar fields are written in the schema's order (Ranking in schemas.ts).
import type { Readable } from 'node:stream'
import { streamed } from '../streamed.js'

export interface RankingEnvelope { schemeId: string, clusterId: string, year: number, period: string, final: boolean }

export function rankingJson<T> (envelope: RankingEnvelope, items: Iterable<T>, serializeItem: (item: T) => string): Readable {
  function * parts (): Generator<string> {
    const { schemeId, clusterId, year, period, final } = envelope
    yield `{"schemeId":${JSON.stringify(schemeId)},"clusterId":${JSON.stringify(clusterId)},"year":${year},` +
      `"period":${JSON.stringify(period)},"final":${final},"items":[`
    let separator = ''
    for (const item of items) {
      yield separator + serializeItem(item)
      separator = ','
    }
    yield '],"nextCursor":null}'
  }
  return streamed(parts())
}
