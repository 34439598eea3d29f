// Reads of the audit trail (written by journal-repository inside each change's transaction).
import type { Knex } from 'knex'
import { paginate, type PageRequest } from './pagination.js'

/** What changes record (see plugins/unit-of-work): resource snapshots, always objects or null. */
export type JsonObject = Record<string, unknown> | null

export interface AuditEvent {
  id: string
  occurredAt: string
  actor: { sub: string, role: string }
  action: string
  resourceType: string
  resourceId: string
  before: JsonObject
  after: JsonObject
  requestId: string
}

export interface AuditFilter {
  resourceType?: string
  resourceId?: string
  actorSub?: string
  action?: string
  requestId?: string
  /** Inclusive lower bound on occurredAt (RFC 3339). */
  from?: string
  /** Exclusive upper bound on occurredAt (RFC 3339). */
  to?: string
}

interface AuditRow {
  id: number
  occurred_at: Date
  actor_sub: string
  actor_role: string
  action: string
  resource_type: string
  resource_id: string
  before: JsonObject
  after: unknown
  request_id: string
  [column: string]: unknown
}

const toAuditEvent = (row: AuditRow): AuditEvent => ({
  // bigint: a string, so a client never loses precision
  id: String(row.id),
  occurredAt: row.occurred_at.toISOString(),
  actor: { sub: row.actor_sub, role: row.actor_role },
  action: row.action,
  resourceType: row.resource_type,
  resourceId: row.resource_id,
  before: row.before as JsonObject,
  after: row.after as JsonObject,
  requestId: row.request_id
})

const EQUALITY_FILTERS = {
  resourceType: 'resource_type',
  resourceId: 'resource_id',
  actorSub: 'actor_sub',
  action: 'action',
  requestId: 'request_id'
} as const

/** Audit records matching every given filter, newest first. */
export async function listAuditEvents (db: Knex, filter: AuditFilter, page: PageRequest) {
  const query = db('audit_events').select('*')
  for (const [field, column] of Object.entries(EQUALITY_FILTERS)) {
    const value = filter[field as keyof typeof EQUALITY_FILTERS]
    if (value !== undefined) query.where(column, value)
  }
  if (filter.from !== undefined) query.where('occurred_at', '>=', filter.from)
  if (filter.to !== undefined) query.where('occurred_at', '<', filter.to)
  // The identity id is the insertion order, so it is unique and newest-first without a tie-break column.
  return paginate<AuditRow, AuditEvent>(query, ['id'], page, toAuditEvent, 'desc')
}
