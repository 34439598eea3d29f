// Sends one webhook request: the target checked again after DNS resolution (every address the name resolves to
// must be allowed), the connection pinned to the address checked (node:http's `lookup` answers it, so a second
// resolution cannot swap in another address), no redirect followed, a deadline for the whole exchange, and at
// most RESPONSE_BODY_LOG_BYTES of the answer read for the log.
import { lookup as dnsLookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { addressRefusal, hostAllowed, RESPONSE_BODY_LOG_BYTES, targetRefusal, type TargetPolicy } from '../domain/webhooks.js'

export interface SendRequest {
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
  targets: TargetPolicy
}

export interface SendResult {
  /** The receiver's status; null when no answer came (refused target, connection failure, timeout). */
  statusCode: number | null
  error: string | null
  durationMs: number
  /** The start of the answer's body, for the delivery log. */
  responseBody: string | null
}

export type HttpSender = (request: SendRequest) => Promise<SendResult>

export interface ResolvedAddress { address: string, family: number }
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

const systemResolver: Resolver = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

/** The sender over node:http(s); `resolve` stands for DNS (tests give one that answers a private address). */
export function httpSender (options: { resolve?: Resolver } = {}): HttpSender {
  const resolve = options.resolve ?? systemResolver
  return async ({ url, headers, body, timeoutMs, targets }) => {
    const started = performance.now()
    const done = (result: Omit<SendResult, 'durationMs'>): SendResult => ({ ...result, durationMs: Math.round(performance.now() - started) })
    const refusal = targetRefusal(url, targets)
    if (refusal !== null) return done({ statusCode: null, error: `Not sent: the url ${refusal}.`, responseBody: null })
    const target = new URL(url)
    const host = target.hostname.replace(/^\[|\]$/g, '')
    let addresses: ResolvedAddress[]
    if (net.isIP(host) !== 0) {
      addresses = [{ address: host, family: net.isIP(host) }]
    } else {
      try {
        addresses = await resolve(host)
      } catch (error) {
        return done({ statusCode: null, error: `Not sent: ${host} does not resolve (${(error as Error).message}).`, responseBody: null })
      }
      if (addresses.length === 0) return done({ statusCode: null, error: `Not sent: ${host} does not resolve.`, responseBody: null })
      if (!hostAllowed(targets, host)) {
        for (const { address } of addresses) {
          const refused = addressRefusal(address)
          if (refused !== null) return done({ statusCode: null, error: `Not sent: ${host} ${refused}.`, responseBody: null })
        }
      }
    }
    const pinned = addresses[0]
    return await new Promise<SendResult>((resolveResult) => {
      let settled = false
      const finish = (result: Omit<SendResult, 'durationMs'>) => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        resolveResult(done(result))
      }
      const request = (target.protocol === 'https:' ? https : http).request({
        protocol: target.protocol,
        hostname: host,
        port: target.port === '' ? undefined : Number(target.port),
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        agent: false,
        ...(target.protocol === 'https:' && net.isIP(host) === 0 ? { servername: host } : {}),
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'thidua-webhooks/1' },
        lookup: ((_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
          if (opts.all) callback(null, [pinned])
          else callback(null, pinned.address, pinned.family)
        }) as unknown as net.LookupFunction
      }, (response) => {
        const chunks: Buffer[] = []
        let size = 0
        const settle = () => finish({
          statusCode: response.statusCode ?? null,
          error: null,
          responseBody: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LOG_BYTES).toString('utf8')
        })
        response.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_BODY_LOG_BYTES) chunks.push(chunk)
          size += chunk.length
          // Enough for the log: the rest is not read.
          if (size >= RESPONSE_BODY_LOG_BYTES) {
            settle()
            response.destroy()
          }
        })
        response.on('end', settle)
        response.on('error', settle)
      })
      const deadline = setTimeout(() => {
        finish({ statusCode: null, error: `No answer within ${timeoutMs} ms.`, responseBody: null })
        request.destroy()
      }, timeoutMs)
      request.on('error', (error) => finish({ statusCode: null, error: `The request failed: ${error.message}`, responseBody: null }))
      request.end(body)
    })
  }
}
