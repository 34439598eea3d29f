// What every use case is given besides its command: who acts, when, and where it reads or writes. Nothing here
// knows HTTP: the routes build these from a request, the service tests from a test database.
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import type { Journal } from '../db/journal-repository.js'
import type { EventType, ResourceTypeOf } from '../domain/event-types.js'

export interface ReadContext {
  db: Knex
  actor: Actor
  /** The instant the request is judged at: "today" and every deadline come from it, never the system clock. */
  now: Date
}

/** One change of type `A` as the audit trail and the event feed publish it. */
interface ChangeOf<A extends EventType> {
  /** `unit.created`, `membership.ended`…: the audit action and the event type, one of domain/event-types.ts. */
  action: A
  /** Fixed by the action (domain/event-types.ts). */
  resourceType: ResourceTypeOf<A>
  resourceId: string
  /** Resource states are JSON objects: the audit and event feeds publish them as such. */
  before?: object | null
  after?: object | null
  /** What the event carries; `after` when absent. Never put secrets (a ballot's choices) here. */
  eventData?: object | null
}

/** Any catalogued change: an action the catalogue does not list, or another resource type, does not type-check. */
export type Change = { [A in EventType]: ChangeOf<A> }[EventType]

/** One unit of work: its transaction (use it for every query: the embedded database has one connection). */
export interface WriteContext {
  trx: Knex.Transaction
  actor: Actor
  now: Date
  /** Queues the change's audit record and event, written together as the transaction's last write. */
  record: (change: Change) => void
  /**
   * Hands what has been recorded so far to a repository whose statement writes it along with its own change (one
   * round trip fewer: the ballot, the write that comes in bursts). That statement must be the transaction's last
   * write; the unit of work appends only what is recorded after it.
   */
  takeJournal: () => Journal
}
