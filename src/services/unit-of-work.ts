// One write = one transaction holding the change, its audit records and its outbox events, appended together as
// the transaction's last write (the event feed's ordering lock is then held for the shortest time).
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import { appendJournal, type Journal } from '../db/journal-repository.js'
import type { WriteContext } from './context.js'
import { withUnitNames } from './unit-names.js'

export interface Origin {
  actor: Actor
  now: Date
  /** The request's id, kept with every audit record and event it causes. */
  requestId: string
}

/**
 * Runs `work` in one transaction and journals what it recorded. `beforeCommit` runs last, inside the transaction,
 * with the result (the idempotency record of an HTTP answer).
 */
export async function inUnitOfWork<T> (
  db: Knex,
  { actor, now, requestId }: Origin,
  work: (ctx: WriteContext) => Promise<T>,
  beforeCommit?: (trx: Knex.Transaction, result: T) => Promise<void>
): Promise<T> {
  return await db.transaction(async (trx) => {
    let journal: Journal = { audits: [], events: [] }
    let result: T
    try {
      result = await work({
        trx,
        actor,
        now,
        takeJournal: () => {
          const taken = journal
          journal = { audits: [], events: [] }
          return taken
        },
        record: (change) => {
          const { audits, events } = journal
          const { action, resourceType, resourceId } = change
          audits.push({
            actorSub: actor.sub,
            actorRole: actor.role,
            action,
            resourceType,
            resourceId,
            before: change.before ?? null,
            after: change.after ?? null,
            requestId
          })
          events.push({ type: action, resourceType, resourceId, requestId, data: change.eventData ?? change.after ?? null })
        }
      })
    } catch (error) {
      // A refusal about units names each by its name as well as its id, read here, in the same transaction.
      throw await withUnitNames(trx, error)
    }
    await appendJournal(trx, journal)
    if (beforeCommit) await beforeCommit(trx, result)
    return result
  })
}
