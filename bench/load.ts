// One autocannon run reduced to the figures the report needs, with every response status checked.
import autocannon, { type RawRequest, type Result } from 'autocannon'

/** A scenario's request: built afresh for every request sent (path, body, Idempotency-Key may vary). */
export type MakeRequest = (n: number) => RawRequest

export interface Figure {
  rps: number
  p50: number
  p99: number
  requests: number
  /** Responses that were not 2xx, plus connection errors and timeouts: any makes the figure invalid. */
  failures: number
  statuses: string
}

export interface RunOptions { connections: number, duration: number, overallRate?: number }

export async function measure (base: string, make: MakeRequest, options: RunOptions): Promise<Figure> {
  let n = 0
  const result: Result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.duration,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [{ setupRequest: (request) => ({ ...request, ...make(n++) }) }]
  })
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    statuses: Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`).join(' ') +
      (result.errors ? ` errors×${result.errors}` : '') + (result.timeouts ? ` timeouts×${result.timeouts}` : '')
  }
}
