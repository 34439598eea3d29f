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

/** What a run is given: the app's context, and the queue running it, so a run can queue a follow-up job. */
export interface RunContext extends JobContext {
  add: JobQueue['add']
}

export type JobHandler = (payload: JobPayload, context: RunContext) => Promise<void>

export interface JobDefinition {
  name: string
  handler: JobHandler
  /**
   * Run once in every N-second slot, at its start (slots counted from the Unix epoch, so an hourly job runs on the
   * hour), at most one run at a time across instances; the first run at the start of the slot after the queue
   * starts. A run that lasts past the next slot's start delays that slot's run until it ends.
   */
  everySeconds?: number
  /** How many times a failed run is tried again (2 when absent). */
  retryLimit?: number
  /**
   * The wait before the first retry (10 s when absent), doubled for each further one, with jitter: retry n waits
   * between d·2^(n-1) and d·2^n seconds. 0: retried at once.
   */
  retryDelaySeconds?: number
  /**
   * PostgreSQL: a run still going after this long is taken as lost (its instance died) and retried, even if it is
   * in fact still running (900 s when absent). A handler that can run longer must say so here.
   */
  timeoutSeconds?: number
}

export interface AddOptions {
  /**
   * With a key, a job of the same name and key still waiting to run (not yet running, nor waiting for a retry) is
   * not queued twice: the call does nothing. A running one does not count: the job is queued again.
   */
  key?: string
  /** Not before this instant (now when absent): by the app's clock in process, the database's on PostgreSQL. */
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

/** Builds a queue for these jobs (the in-process one, or PostgreSQL's). */
export type QueueFactory = (definitions: readonly JobDefinition[], context: JobContext) => JobQueue

/** Default retries of a failed run, and the wait before the first. */
export const DEFAULT_RETRY_LIMIT = 2
export const DEFAULT_RETRY_DELAY_SECONDS = 10

export const DEFAULT_TIMEOUT_SECONDS = 900

/** The wait before retry number `attempt` (1, 2, …): the definition's delay doubled each time, with jitter (as pg-boss). */
export function retryDelayMs (definition: JobDefinition, attempt: number, random = Math.random()): number {
  return (definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS) * 1000 * 2 ** (attempt - 1) * (1 + random)
}

/** The start of the `everySeconds` slot after the one holding `atMs`. */
export function nextSlotMs (atMs: number, everySeconds: number): number {
  const slot = everySeconds * 1000
  return (Math.floor(atMs / slot) + 1) * slot
}

export class UnknownJobError extends Error {
  constructor (name: string) {
    super(`No job is defined with the name ${name}.`)
  }
}
