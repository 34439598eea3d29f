// The jobs run by this process alone, kept in memory: the embedded database (one connection, one process) and test
// apps that do not ask for PostgreSQL's queue. Same semantics as the PostgreSQL queue: a keyed job waits once, a
// delayed one waits for its time (by the app's clock), a failed run is retried, a recurring job runs one at a time
// every N seconds, and stop() waits for the running ones. What waits is lost when the process ends: a job must be
// one that the next start recreates (a recurring job finds its work in the database).
import { randomUUID } from 'node:crypto'
import { DEFAULT_RETRY_LIMIT, nextSlotMs, retryDelayMs, UnknownJobError, type AddOptions, type JobContext, type JobDefinition, type JobPayload, type JobQueue } from './queue.js'

/** The key a recurring job's next run waits under. */
export const RECURRING_KEY = '__every'

interface Waiting {
  id: string
  name: string
  payload: JobPayload
  key?: string
  runAt: number
  /** 0 for the first run, n for the n-th retry. */
  attempt: number
}

export interface InProcessRandom {
  /** The jitter of retry delays, [0, 1). */
  (): number
}

export interface InProcessOptions {
  definitions: readonly JobDefinition[]
  context: JobContext
  /** How many jobs run at once (4 when absent). */
  concurrency?: number
  /** The retry delays' jitter (Math.random when absent). */
  random?: InProcessRandom
}

const MAX_TIMER_MS = 2 ** 31 - 1

export interface InProcessQueue extends JobQueue {
  /** Forgets every waiting job (a test app handed to the next test starts with none). */
  clear (): void
}

export function inProcessQueue ({ definitions, context, concurrency = 4, random = Math.random }: InProcessOptions): InProcessQueue {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]))
  const waiting: Waiting[] = []
  const running = new Set<Promise<void>>()
  /** The name and key of each running job of a recurring definition, as `holds` writes them. */
  const holding = new Set<string>()
  let started = false
  let timer: NodeJS.Timeout | undefined

  const now = () => context.now().getTime()

  function definitionOf (name: string): JobDefinition {
    const definition = byName.get(name)
    if (!definition) throw new UnknownJobError(name)
    return definition
  }

  function enqueue (job: Omit<Waiting, 'id'>) {
    // A job waiting for its retry does not hold its key (as pg-boss's "short" queues).
    if (job.attempt === 0 && job.key !== undefined &&
      waiting.some((other) => other.name === job.name && other.key === job.key && other.attempt === 0)) return
    waiting.push({ id: randomUUID(), ...job })
    schedule()
  }

  /**
   * What a running job holds: for a recurring definition, its name and key (as pg-boss's "stately" queues on
   * PostgreSQL, where a job is not started while one of its name and key runs). So a recurring run that outlasts its
   * slot delays the next slot's run until it ends (the run is late, not dropped nor run beside it), and the slots
   * missed meanwhile make no runs of their own: the delayed run queues the slot after its own start.
   */
  function holds (job: Pick<Waiting, 'name' | 'key'>): string | undefined {
    return job.key !== undefined && definitionOf(job.name).everySeconds ? `${job.name}\u0000${job.key}` : undefined
  }

  const blocked = (job: Waiting) => holding.has(holds(job) ?? '')

  function takeDue (): Waiting | undefined {
    const at = now()
    let index = -1
    for (let i = 0; i < waiting.length; i++) {
      if (waiting[i].runAt <= at && !blocked(waiting[i]) && (index < 0 || waiting[i].runAt < waiting[index].runAt)) index = i
    }
    return index < 0 ? undefined : waiting.splice(index, 1)[0]
  }

  async function execute (job: Waiting): Promise<void> {
    const definition = definitionOf(job.name)
    const log = context.log.child({ job: job.name, jobId: job.id, attempt: job.attempt })
    // The next slot's run is queued as this one starts, so a run that fails for good keeps the schedule.
    if (definition.everySeconds && job.key === RECURRING_KEY && job.attempt === 0) scheduleNext(definition)
    try {
      await definition.handler(job.payload, { ...context, log, add })
    } catch (error) {
      const retryLimit = definition.retryLimit ?? DEFAULT_RETRY_LIMIT
      if (job.attempt < retryLimit) {
        log.warn({ err: error }, 'job failed; it will be retried')
        enqueue({ ...job, attempt: job.attempt + 1, runAt: now() + retryDelayMs(definition, job.attempt + 1, random()) })
      } else {
        log.error({ err: error }, 'job failed for good')
      }
    }
  }

  async function add (name: string, payload: JobPayload, options: AddOptions = {}) {
    definitionOf(name)
    enqueue({ name, payload, key: options.key, runAt: options.runAt?.getTime() ?? now(), attempt: 0 })
  }

  function scheduleNext (definition: JobDefinition) {
    enqueue({ name: definition.name, payload: {}, key: RECURRING_KEY, runAt: nextSlotMs(now(), definition.everySeconds!), attempt: 0 })
  }

  function run (job: Waiting): Promise<void> {
    const held = holds(job)
    if (held !== undefined) holding.add(held)
    const done = execute(job).finally(() => {
      if (held !== undefined) holding.delete(held)
      running.delete(done)
      schedule()
    })
    running.add(done)
    return done
  }

  function tick () {
    timer = undefined
    if (!started) return
    for (let job = running.size < concurrency ? takeDue() : undefined; job; job = running.size < concurrency ? takeDue() : undefined) {
      void run(job)
    }
    schedule()
  }

  function schedule () {
    if (!started) return
    if (timer) clearTimeout(timer)
    timer = undefined
    // A job waiting for a running one to end is looked at again when that one ends (run() calls this).
    const ready = waiting.filter((job) => !blocked(job))
    if (ready.length === 0 || running.size >= concurrency) return
    const next = Math.min(...ready.map((job) => job.runAt))
    timer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.max(0, next - now()))).unref()
  }

  return {
    clear () {
      waiting.length = 0
    },
    add,
    async start () {
      if (started) return
      started = true
      for (const definition of byName.values()) {
        if (definition.everySeconds) scheduleNext(definition)
      }
      schedule()
    },
    async stop () {
      started = false
      if (timer) clearTimeout(timer)
      timer = undefined
      while (running.size > 0) await Promise.allSettled([...running])
    },
    async runDue () {
      let runs = 0
      for (;;) {
        const job = takeDue()
        if (job) {
          runs++
          await run(job)
        } else if (running.size > 0) {
          await Promise.allSettled([...running])
        } else {
          return runs
        }
      }
    }
  }
}
