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

// Any fixed number: the lock that makes outbox positions follow commit order.
const OUTBOX_LOCK = 7_311_042

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))

export async function insertAudit (trx: Knex.Transaction, record: AuditRecord): Promise<void> {
  await trx('audit_events').insert({
    actor_sub: record.actorSub,
    actor_role: record.actorRole,
    action: record.action,
    resource_type: record.resourceType,
    resource_id: record.resourceId,
    before: json(record.before),
    after: json(record.after),
    request_id: record.requestId
  })
}

/**
 * Appends events as the transaction's last writes, under a lock held until commit: a later position is never
 * committed before an earlier one, so a reader polling `after=` sees no gaps.
 */
export async function appendEvents (trx: Knex.Transaction, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return
  await trx.raw('select pg_advisory_xact_lock(?::bigint)', [OUTBOX_LOCK])
  await trx('events').insert(events.map((e) => ({
    type: e.type,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    request_id: e.requestId,
    data: json(e.data)
  })))
}
