// One autocannon run reduced to the figures the report needs, with every response status checked.
import autocannon, { type RawRequest, type Result } from 'autocannon'

/** A scenario's request: built afresh for every request sent (path, body, Idempotency-Key may vary). */
export type MakeRequest = (n: number) => RawRequest

export interface Figure {
  rps: number
  p50: number
  p99: number
  requests: number
  /** Responses of any status but the expected one, plus connection errors and timeouts: any makes the figure invalid. */
  failures: number
  statuses: string
  /** Whether the run sent its whole supply before its duration was over (its rate is over the time it ran). */
  usedSupply: boolean
}

export interface RunOptions {
  connections: number
  duration: number
  overallRate?: number
  /** The status every response must have (200 unless said). */
  expect?: number
  /** Seconds before a request counts as timed out (autocannon's 10 by default). */
  timeout?: number
  /** The most requests the run may send (the data readied for it), whatever its pace: past it the run stops early. */
  supply?: number
}

export async function measure (base: string, make: MakeRequest, options: RunOptions): Promise<Figure> {
  let n = 0
  const result: Result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.duration,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
    // autocannon splits it among the connections, each stopping at its share, so no request goes past the supply.
    ...(options.supply ? { maxOverallRequests: options.supply } : {}),
    requests: [{ setupRequest: (request) => ({ ...request, ...make(n++) }) }]
  })
  const unexpected = Object.entries(result.statusCodeStats)
    .reduce((sum, [code, { count }]) => sum + (code === String(options.expect ?? 200) ? 0 : count), 0)
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: unexpected + result.errors + result.timeouts,
    statuses: Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`).join(' ') +
      (result.errors ? ` errors×${result.errors}` : '') + (result.timeouts ? ` timeouts×${result.timeouts}` : ''),
    usedSupply: options.supply !== undefined && result.requests.total >= options.supply
  }
}
