// The large-cluster scenario's data: one cluster of LARGE_UNITS members (the size of the cluster the memory
// problem was found on), the bench's scheme with every unit's targets, every scorecard reviewed and the scores
// finalized, so the ranking is final and the audit trail and the feed hold one large snapshot per scorecard.
// Units, memberships, targets, the scheme and the finalization go through the service's API; the scorecards are
// written straight into the table as reviewed: through the API every save, submit and review answers with the
// card scored against the whole cluster, so seeding N cards that way costs O(N²) (hours at this size).
import pg from 'pg'
import type { RawRequest } from 'autocannon'
import { entriesOf, scheme, targets, YEAR, type Call } from './seed.js'

export const LARGE_UNITS = 3434
/** Requests in flight while seeding: enough to keep the service busy without queueing behind its pool. */
const IN_FLIGHT = 8

export interface LargeCluster { clusterId: string, schemeId: string, unitIds: string[] }

/** Runs `task` for 0…count-1, IN_FLIGHT at a time, and answers the results in order. */
async function inParallel<T> (count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i)
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return results
}

export async function seedLargeCluster (call: Call, databaseUrl: string): Promise<LargeCluster> {
  const block = await call('POST', '/v1/blocks', { name: 'Khối các đơn vị địa phương' })
  const cluster = await call('POST', '/v1/clusters', { number: 1, name: 'Cụm thi đua số 1', blockId: block.id, foundedOn: '2018-10-04' })
  const unitIds = await inParallel(LARGE_UNITS, async (i) => {
    const unit = await call('POST', '/v1/units', { name: `Công an đơn vị số ${i + 1}`, code: `CA${String(i + 1).padStart(5, '0')}` })
    await call('POST', `/v1/clusters/${cluster.id}/members`, { unitId: unit.id, from: `${YEAR}-01-01` })
    return unit.id as string
  })
  const draft = await call('POST', `/v1/clusters/${cluster.id}/scoring-schemes`, scheme())
  await inParallel(LARGE_UNITS, (i) => call('PUT', `/v1/scoring-schemes/${draft.id}/targets/${unitIds[i]}`, { targets: targets(i) }))
  await call('POST', `/v1/scoring-schemes/${draft.id}/publish`, {})
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    await db.query(
      `insert into scorecards (scheme_id, unit_id, status, entries, review, submitted_at, reviewed_at)
       select $1, unit_id, 'reviewed', entries, '[]'::jsonb, now(), now()
       from unnest($2::uuid[], $3::jsonb[]) as cards (unit_id, entries)`,
      [draft.id, unitIds, unitIds.map((_, i) => JSON.stringify(entriesOf(i).entries))]
    )
  } finally {
    await db.end()
  }
  await call('POST', `/v1/scoring-schemes/${draft.id}/finalize`, {})
  return { clusterId: cluster.id, schemeId: draft.id, unitIds }
}

const PAGE = 200

/** Every page of a list, walked by its cursors: the paths of the pages that follow the first. */
async function pagesOf (call: Call, first: string): Promise<string[]> {
  const paths = [first]
  for (;;) {
    const { nextCursor } = await call('GET', paths[paths.length - 1])
    if (!nextCursor) return paths
    paths.push(`${first}&cursor=${encodeURIComponent(nextCursor)}`)
  }
}

/** The feed in pages of PAGE, by the positions they start after. */
async function feedPages (call: Call): Promise<string[]> {
  const paths = [`/v1/events?limit=${PAGE}`]
  for (;;) {
    const { items, lastPosition } = await call('GET', paths[paths.length - 1])
    if (items.length < PAGE) return paths
    paths.push(`/v1/events?limit=${PAGE}&after=${lastPosition}`)
  }
}

/**
 * The largest answers the service gives about the cluster, each a GET that answers 200: every page of 200 of its
 * units, members, targets, audit trail and feed (the finalization's pages hold a whole scorecard twice per item),
 * and the ranking as JSON (with and without the breakdown), CSV and Excel.
 */
export async function largeReads (call: Call, s: LargeCluster): Promise<{ pages: string[], exports: string[] }> {
  const ranking = `/v1/scoring-schemes/${s.schemeId}/ranking`
  return {
    pages: [
      ...await pagesOf(call, `/v1/units?limit=${PAGE}`),
      ...await pagesOf(call, `/v1/clusters/${s.clusterId}/members?limit=${PAGE}`),
      ...await pagesOf(call, `/v1/scoring-schemes/${s.schemeId}/targets?limit=${PAGE}`),
      ...await pagesOf(call, `/v1/audit-events?limit=${PAGE}`),
      ...await feedPages(call)
    ],
    exports: [ranking, `${ranking}?breakdown=true`, `${ranking}?format=csv`, `${ranking}?format=xlsx`]
  }
}

/** The scenario's requests: every other one an export, in turn, the others the pages in turn. */
export const alternate = ({ pages, exports }: { pages: string[], exports: string[] }, authorization: string) =>
  (n: number): RawRequest => ({
    method: 'GET',
    path: n % 2 === 1 ? exports[((n - 1) / 2) % exports.length] : pages[(n / 2) % pages.length],
    headers: { authorization }
  })
