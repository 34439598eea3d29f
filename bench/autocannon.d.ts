// The part of autocannon 9's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  export interface RawRequest { method?: string, path?: string, headers?: Record<string, string>, body?: string }
  export interface Options {
    url: string
    connections?: number
    duration?: number
    overallRate?: number
    maxOverallRequests?: number
    timeout?: number
    requests?: Array<RawRequest & { setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest }>
  }
  export interface Histogram { average: number, p50: number, p99: number, max: number }
  export interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
  }
  function autocannon (options: Options): Promise<Result>
  export default autocannon
}
