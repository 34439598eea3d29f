// Captures the SQL the service runs for one request (the service started with DEBUG=knex:query) and compares it
// with what the baseline runs, so the baseline keeps measuring the same SQL as the service changes.
import type { Started } from './processes.js'
import { EXPECTED, JOURNAL } from './baseline-sql.js'

const settle = () => new Promise((resolve) => setTimeout(resolve, 300))
// knex:query lines: "<ISO time> knex:query <sql> <trx id or undefined>" (colours off: stderr is not a TTY).
const QUERY_LINE = /^\S+ knex:query (.*) (?:undefined|trx\d+)$/

/** The statements the service ran while `send` ran, journal writes left out. */
export async function capture (service: Started, send: () => Promise<unknown>): Promise<string[]> {
  await settle()
  const start = service.stderr().length
  await send()
  await settle()
  return service.stderr().slice(start).split('\n')
    .map((line) => QUERY_LINE.exec(line)?.[1])
    .filter((sql): sql is string => sql !== undefined && !JOURNAL.test(sql))
}

/** Differences between the service's statements and the baseline's for a scenario ([] when they match). */
export function sqlDrift (scenario: string, captured: string[]): string[] {
  const expected = EXPECTED[scenario] ?? []
  const drift: string[] = []
  for (let i = 0; i < Math.max(expected.length, captured.length); i++) {
    if (expected[i] !== captured[i]) drift.push(`#${i + 1}: service ${captured[i] ?? '(none)'}\n      baseline ${expected[i] ?? '(none)'}`)
  }
  return drift
}
