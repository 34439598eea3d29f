// Background jobs: the work done outside a request (the idempotency-key purge, webhook deliveries). Every job has a
// name and a JSON payload; a feature says how to run it with a JobDefinition (definitions.ts). On PostgreSQL the jobs
// live in the database, so several instances share them and none runs twice; on the embedded database one process
// runs them in memory (in-process.ts), with the same semantics.
import type { FastifyBaseLogger } from 'fastify'
import type { Knex } from 'knex'

export type JobPayload = Record<string, unknown>

export interface JobContext {
  db: Knex
  log: FastifyBaseLogger
  /** The app's clock. */
  now: () => Date
}

export type JobHandler = (payload: JobPayload, context: JobContext) => Promise<void>

export interface JobDefinition {
  name: string
  handler: JobHandler
  /** Run every N seconds, at most one run at a time across instances (the first run as the queue starts). */
  everySeconds?: number
  /** How many times a failed run is tried again (2 when absent), after `retryDelaySeconds`, doubling each time. */
  retryLimit?: number
  /** The wait before the first retry (10 s when absent). */
  retryDelaySeconds?: number
}

export interface AddOptions {
  /** With a key, a job of the same name and key still waiting (not yet running) is not queued twice. */
  key?: string
  /** Not before this instant (now when absent). */
  runAt?: Date
}

export interface JobQueue {
  /** Queue a job. With `key`, a job with the same name and key still waiting is not queued twice. */
  add (name: string, payload: JobPayload, options?: AddOptions): Promise<void>
  /** Starts working: polls for due jobs and schedules the recurring ones. */
  start (): Promise<void>
  /** Stops taking jobs and waits for the running ones to end; waiting jobs stay queued. */
  stop (): Promise<void>
  /**
   * For tests and scripts: runs every job due now in this process (and those they queue that are due by then),
   * without the poller, and resolves when none is due or running. Returns how many runs were made.
   */
  runDue (): Promise<number>
}

/** Default retries of a failed run, and the wait before the first. */
export const DEFAULT_RETRY_LIMIT = 2
export const DEFAULT_RETRY_DELAY_SECONDS = 10

/** The wait before retry number `attempt` (1, 2, …): the definition's delay, doubled each time. */
export function retryDelayMs (definition: JobDefinition, attempt: number): number {
  return (definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS) * 1000 * 2 ** (attempt - 1)
}

export class UnknownJobError extends Error {
  constructor (name: string) {
    super(`No job is defined with the name ${name}.`)
  }
}
