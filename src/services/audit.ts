// The audit trail (who changed what, when, from which request) and the event feed other systems follow. Both are
// written by every change's unit of work (services/unit-of-work.ts); here they are only read.
import { listAuditEvents as listAuditRecords, type AuditFilter } from '../db/audit-repository.js'
import { readFeed, type FeedPage } from '../db/events-repository.js'
import type { PageRequest } from '../db/pagination.js'
import { invalid } from '../domain/errors.js'
import type { ReadContext } from './context.js'

/** An audit record and a feed event as read, whatever their type: what the list routes answer. */
export type { AuditEvent as AuditRecord } from '../db/audit-repository.js'
export type { FeedEvent as FeedEventRecord } from '../db/events-repository.js'

/** Audit records matching every given filter, newest first; `from` must come before `to`. */
export async function listAuditEvents ({ db }: ReadContext, { limit, cursor, ...filter }: AuditFilter & PageRequest) {
  if (filter.from !== undefined && filter.to !== undefined && Date.parse(filter.from) >= Date.parse(filter.to)) {
    throw invalid('invalid_time_range', 'from must be before to.', { from: filter.from, to: filter.to })
  }
  return listAuditRecords(db, filter, { limit, cursor })
}

/** Events after position `after` (from the start without it), oldest first, optionally of one type. */
export async function listEvents (
  { db }: ReadContext, { after, type, limit }: { after?: string, type?: string, limit?: number }
): Promise<FeedPage> {
  return readFeed(db, { after, type }, limit)
}
