// The audit trail and the outbox, written inside the transaction of the change they record.
import type { Knex } from 'knex'

export interface AuditRecord {
  actorSub: string
  actorRole: string
  action: string
  resourceType: string
  resourceId: string
  before: unknown
  after: unknown
  requestId: string
}

export interface OutboxEvent {
  type: string
  resourceType: string
  resourceId: string
  requestId: string
  data: unknown
}

/**
 * Writes a transaction's audit records, then its events, in one statement (`journal_append`, migration 007).
 * Call it as the transaction's last write: the events take the outbox lock, held until commit, so a later
 * position is never committed before an earlier one and a reader polling `after=` sees no gaps.
 */
export async function appendJournal (trx: Knex.Transaction, audits: AuditRecord[], events: OutboxEvent[]): Promise<void> {
  if (audits.length === 0 && events.length === 0) return
  await trx.raw('select journal_append(?::jsonb, ?::jsonb)', [JSON.stringify(audits), JSON.stringify(events)])
}
