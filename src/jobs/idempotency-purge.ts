// Idempotency keys are kept `keyHours` hours (plugins/unit-of-work.ts); once an hour one instance deletes the older ones.
import { purgeExpiredKeys } from '../db/idempotency-repository.js'
import type { JobDefinition } from './queue.js'

export const IDEMPOTENCY_PURGE = 'idempotency-purge'

export function idempotencyPurge (keyHours: number): JobDefinition {
  return {
    name: IDEMPOTENCY_PURGE,
    everySeconds: 60 * 60,
    // Expired keys are ignored until purged: the next hour's run is soon enough.
    retryLimit: 0,
    handler: async (_payload, { db, log }) => {
      const purged = await purgeExpiredKeys(db, keyHours)
      log.debug({ purged }, 'expired idempotency keys purged')
    }
  }
}
