// The ranking as JSON, streamed item by item (see streamed.ts); the envelope's few scalar fields are written in the
// schema's order (Ranking in schemas.ts).
import type { Readable } from 'node:stream'
import { streamedJsonList } from '../streamed.js'

export interface RankingEnvelope { schemeId: string, clusterId: string, year: number, period: string, final: boolean }

export function rankingJson<T> ({ schemeId, clusterId, year, period, final }: RankingEnvelope, items: Iterable<T>, serializeItem: (item: T) => string): Readable {
  const head = `{"schemeId":${JSON.stringify(schemeId)},"clusterId":${JSON.stringify(clusterId)},"year":${year},` +
    `"period":${JSON.stringify(period)},"final":${final},"items":[`
  return streamedJsonList(head, items, serializeItem, '],"nextCursor":null}')
}
