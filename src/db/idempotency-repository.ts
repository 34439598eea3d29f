import type { Knex } from 'knex'

export interface StoredResponse {
  requestHash: string
  method: string
  path: string
  statusCode: number
  body: unknown
  headers: Record<string, string>
}

export async function findStoredResponse (db: Knex, actorSub: string, key: string): Promise<StoredResponse | undefined> {
  const row = await db('idempotency_keys').where({ actor_sub: actorSub, key }).first()
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

export async function storeResponse (trx: Knex.Transaction, actorSub: string, key: string, stored: StoredResponse): Promise<void> {
  await trx('idempotency_keys').insert({
    actor_sub: actorSub,
    key,
    method: stored.method,
    path: stored.path,
    request_hash: stored.requestHash,
    status_code: stored.statusCode,
    // jsonb: pass JSON text so arrays and strings are stored as JSON values, not as PostgreSQL arrays
    response_body: JSON.stringify(stored.body ?? null),
    response_headers: JSON.stringify(stored.headers)
  })
}
