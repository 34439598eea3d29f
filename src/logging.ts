// The process's log: JSON lines (pino) on stdout, the Authorization header redacted, no value a database error
// carries, and a warning or error that repeats written once per REPEAT_WINDOW_MS with the count of the ones left out
// (a database outage made every request log the same warning: thousands of lines a second saying one thing).
import pino, { type LogFn, type Logger, type LoggerOptions } from 'pino'
import type { Config } from './config.js'

export const REPEAT_WINDOW_MS = 10_000
/** Distinct repeating lines tracked at once; beyond, new ones are written as they come (nothing is lost). */
const MAX_TRACKED = 1000
const WARN = 40

/** A log call's message: pino takes `(message)` or `(object, message)`. */
function messageOf ([first, second]: unknown[]): string {
  return typeof first === 'string' ? first : typeof second === 'string' ? second : ''
}

/** What makes two log calls the same line: the level, the message, and the error's code and message if any. */
function sameLineKey (level: number, args: unknown[]): string {
  const first = args[0]
  const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err
  const cause = err instanceof Error ? `${(err as { code?: unknown }).code ?? err.name} ${err.message.slice(0, 200)}` : ''
  return `${level}\u0000${messageOf(args)}\u0000${cause}`
}

/**
 * A pino `logMethod` hook: the first of a run of identical warnings or errors is written; the ones that follow
 * within `windowMs` are counted, and when the window ends one line with the same message says how many there were
 * (`repeated`) and opens the next window. A quiet window ends the run.
 */
export function repeatLimiter (windowMs: number) {
  const runs = new Map<string, { repeated: number }>()
  return function logMethod (this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
    if (level < WARN) return method.apply(this, args)
    const key = sameLineKey(level, args)
    const run = runs.get(key)
    if (run) {
      run.repeated++
      return
    }
    if (runs.size < MAX_TRACKED) {
      const started = { repeated: 0 }
      runs.set(key, started)
      const message = messageOf(args)
      const endWindow = () => {
        if (started.repeated === 0) {
          runs.delete(key)
          return
        }
        method.call(this, { repeated: started.repeated, windowMs }, message)
        started.repeated = 0
        setTimeout(endWindow, windowMs).unref()
      }
      setTimeout(endWindow, windowMs).unref()
    }
    method.apply(this, args)
  }
}

/**
 * An error's fields that carry data rather than the failure: the values bound to a statement (PGlite's `params`,
 * knex's `bindings`) and where PostgreSQL repeats a row or a statement (`detail`: "Key (name)=(…) already exists",
 * `where`, `internalQuery`).
 */
const DATA_FIELDS = new Set(['params', 'parameters', 'bindings', 'detail', 'where', 'internalQuery'])

/** pino's error serializer without DATA_FIELDS. */
function errWithoutData (error: Error): Record<string, unknown> {
  return Object.fromEntries(Object.entries(pino.stdSerializers.err(error)).filter(([field]) => !DATA_FIELDS.has(field)))
}

export function loggerOptions (config: Pick<Config, 'logLevel' | 'logPretty'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization'],
    serializers: { err: errWithoutData },
    hooks: { logMethod: repeatLimiter(REPEAT_WINDOW_MS) },
    ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {})
  }
}
