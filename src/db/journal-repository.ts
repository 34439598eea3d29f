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

/** What one transaction recorded: its audit records and its events, in the order they were recorded. */
export interface Journal {
  audits: AuditRecord[]
  events: OutboxEvent[]
}

/**
 * The call that writes a journal (`journal_append`, migration 007), for a repository whose statement carries its
 * transaction's journal itself; its bindings are `journalBindings`. Such a statement must be the transaction's last
 * write, like `appendJournal`.
 */
export const JOURNAL_APPEND_CALL = 'journal_append(?::jsonb, ?::jsonb)'

export function journalBindings ({ audits, events }: Journal): [string, string] {
  return [JSON.stringify(audits), JSON.stringify(events)]
}

/**
 * Writes a transaction's audit records, then its events, in one statement. Call it as the transaction's last
 * write: the events take the outbox lock, held until commit, so a later position is never committed before an
 * earlier one and a reader polling `after=` sees no gaps.
 */
export async function appendJournal (trx: Knex.Transaction, journal: Journal): Promise<void> {
  if (journal.audits.length === 0 && journal.events.length === 0) return
  await trx.raw(`select ${JOURNAL_APPEND_CALL}`, journalBindings(journal))
}
