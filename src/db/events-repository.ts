// Reads of the outbox feed (written by journal-repository). Positions are committed in order (see there), so
// "every event after position P" is a complete answer and P is all a follower needs to remember.
import type { Knex } from 'knex'
import type { JsonObject } from './audit-repository.js'
import { pageSize } from './pagination.js'

export interface FeedEvent {
  position: string
  id: string
  type: string
  resourceType: string
  resourceId: string
  occurredAt: string
  requestId: string
  data: JsonObject
}

export interface FeedPage {
  items: FeedEvent[]
  /** The position to pass as `after` for the next page when more events are waiting now; null when caught up. */
  nextCursor: string | null
  /** The position to pass as `after` on the next poll, whatever this page holds. */
  lastPosition: string
}

export interface EventRow {
  position: number | string
  id: string
  type: string
  resource_type: string
  resource_id: string
  occurred_at: Date
  request_id: string
  data: unknown
}

/** An events row as the feed (and a webhook delivery) shows it. */
export const toFeedEvent = (row: EventRow): FeedEvent => ({
  position: String(row.position),
  id: row.id,
  type: row.type,
  resourceType: row.resource_type,
  resourceId: row.resource_id,
  occurredAt: row.occurred_at.toISOString(),
  requestId: row.request_id,
  data: row.data as JsonObject
})

/** The position of the latest event (0 before any): every change moves it, so it versions whatever they derive from. */
export async function eventsHead (db: Knex): Promise<string> {
  const row = await db('events').max({ head: 'position' }).first() as { head: number | string | null } | undefined
  return String(row?.head ?? 0)
}

const later = (a: string, b: string) => (BigInt(a) >= BigInt(b) ? a : b)

/** Events after position `after` (a decimal string; from the start without it), optionally of one type. */
export async function readFeed (db: Knex, filter: { after?: string, type?: string }, requested?: number): Promise<FeedPage> {
  const limit = pageSize(requested)
  const after = filter.after ?? '0'
  // The head is read first: every event at or below it is already visible to the query that follows, so a
  // page that is not full has scanned the feed up to the head, even when the type filter kept nothing.
  const head = await eventsHead(db)
  const query = db('events').where('position', '>', after).orderBy('position').limit(limit + 1)
  if (filter.type !== undefined) query.where('type', filter.type)
  const rows: EventRow[] = await query
  const more = rows.length > limit
  const items = rows.slice(0, limit).map(toFeedEvent)
  const lastServed = items.length > 0 ? items[items.length - 1].position : after
  return {
    items,
    nextCursor: more ? lastServed : null,
    lastPosition: more ? lastServed : later(lastServed, head)
  }
}
