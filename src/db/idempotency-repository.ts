// Stored answers to requests sent with an Idempotency-Key, per caller and key, kept `keyHours` hours: within them a
// retry gets the first answer; after them the key is forgotten (a new request may use it) and its row is purged.
// The caller is the token's whole identity (subject, role and scope): tokens that share a subject but act for
// another cluster or unit never find each other's answers.
import type { Knex } from 'knex'
import type { Actor } from '../auth/tokens.js'
import { conflict } from '../domain/errors.js'

/** The columns naming the caller: a secretariat's scope is its cluster, a unit token's its unit; others have none. */
const callerColumns = (actor: Actor) => ({
  actor_sub: actor.sub,
  actor_role: actor.role,
  actor_scope: actor.clusterId ?? actor.unitId ?? ''
})

/** The instant before which a key is forgotten: `keyHours` hours ago, by the database's clock (all instances agree). */
const forgottenBefore = (db: Knex, keyHours: number) => db.raw('now() - make_interval(hours => ?)', [keyHours])

export interface StoredResponse {
  requestHash: string
  method: string
  path: string
  statusCode: number
  body: unknown
  headers: Record<string, string>
}

/** The answer stored for the caller's key within the last `keyHours` hours. */
export async function findStoredResponse (db: Knex, actor: Actor, key: string, keyHours: number): Promise<StoredResponse | undefined> {
  const row = await db('idempotency_keys').where({ ...callerColumns(actor), key })
    .where('created_at', '>', forgottenBefore(db, keyHours)).first()
  if (!row) return undefined
  return {
    requestHash: row.request_hash,
    method: row.method,
    path: row.path,
    statusCode: row.status_code,
    body: row.response_body,
    headers: row.response_headers
  }
}

/**
 * Stores the answer in the transaction of the change. A forgotten (expired) row of the same key, not purged yet, is
 * replaced; a live one means another request with this key committed first, so this transaction must fail.
 */
export async function storeResponse (trx: Knex.Transaction, actor: Actor, key: string, keyHours: number, stored: StoredResponse): Promise<void> {
  const row = {
    ...callerColumns(actor),
    key,
    method: stored.method,
    path: stored.path,
    request_hash: stored.requestHash,
    status_code: stored.statusCode,
    // jsonb: pass JSON text so arrays and strings are stored as JSON values, not as PostgreSQL arrays
    response_body: JSON.stringify(stored.body ?? null),
    response_headers: JSON.stringify(stored.headers),
    created_at: trx.fn.now()
  }
  const written = await trx('idempotency_keys').insert(row).onConflict(['actor_sub', 'actor_role', 'actor_scope', 'key']).merge()
    .where('idempotency_keys.created_at', '<=', forgottenBefore(trx, keyHours)).returning('key')
  if (written.length === 0) throw conflict('idempotency_key_in_use', 'Another request with this Idempotency-Key was answered first.')
}

/** Deletes the keys older than `keyHours` hours; answers how many. */
export async function purgeExpiredKeys (db: Knex, keyHours: number): Promise<number> {
  // The deleted keys, counted: the embedded driver does not report a delete's row count.
  const deleted = await db('idempotency_keys').where('created_at', '<=', forgottenBefore(db, keyHours)).delete().returning('key')
  return deleted.length
}
