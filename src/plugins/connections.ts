// How long a client may take to send a request, and how a connection ends when the service will not read a body.
// Fastify turns Node's request deadline off by default: a body sent a byte every few seconds then held a socket
// (and a file descriptor) open for ever. And a refusal sent before the body (401, 413…) was followed either by
// waiting for that body on a kept-alive connection, or by closing the socket with the body unread, which sends a
// TCP reset that can wipe the answer before the client reads it (RFC 9112 §9.6). Here a refusal says
// `Connection: close`, the service half-closes, reads and drops what the client still sends for a short while, and
// only then lets the socket go.
import { randomUUID } from 'node:crypto'
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import fp from 'fastify-plugin'
import type { ConnectionError, FastifyHttpOptions, FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { problem } from './errors.js'
import type { ProblemCode } from '../domain/problem-codes.js'

/** How long a closing connection keeps reading (and dropping) what the client still sends, at most. */
const LINGER_MS = 2_000

/**
 * Fastify's server options for the deadlines. Node checks them every `connectionsCheckingInterval` (30 s by default,
 * far coarser than the deadlines): a tenth of the shorter one, between 100 ms and 1 s.
 */
export function connectionOptions (config: Pick<Config, 'requestTimeoutMs' | 'headersTimeoutMs'>): Pick<FastifyHttpOptions<Server>, 'requestTimeout' | 'http' | 'clientErrorHandler'> {
  const shorter = Math.min(config.requestTimeoutMs, config.headersTimeoutMs)
  return {
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(shorter / 10))) },
    clientErrorHandler
  }
}

/** Half-closes now (the answer already queued goes first), drops what still arrives, and lets go after LINGER_MS. */
function closeGracefully (socket: Socket): void {
  socket.end()
  const timer = setTimeout(() => socket.destroy(), LINGER_MS)
  timer.unref()
  socket.once('close', () => clearTimeout(timer))
}

/** A request whose body has not all arrived yet: answering it now leaves bytes on the wire. */
function bodyUnread (request: IncomingMessage): boolean {
  const { headers } = request
  const announced = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0
  return announced && request.complete === false
}

/** The problems a connection-level failure answers with; anything else the HTTP parser refuses is a 400. */
const CLIENT_ERRORS: Record<string, { status: number, code: ProblemCode, detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', detail: 'The request was not received in time (REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS).' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', detail: 'The request headers are too large.' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'body_too_large', detail: 'The chunk extensions are too large.' }
}
const MALFORMED = { status: 400, code: 'malformed_request', detail: 'The request is not valid HTTP/1.1.' } as const

/** Node's own: whether a response on this socket has begun (its head written), so nothing else may be written. */
const responseStarted = (socket: Socket) => (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.headersSent === true

/**
 * Errors Node reports on a connection outside any request Fastify handles: a deadline passed, or bytes that are
 * not HTTP. Answered with a problem (Node's default is a bare status line; Fastify's a non-problem JSON) and a
 * graceful close; a socket already closing (its answer sent) is simply let go.
 */
function clientErrorHandler (this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const refusal = CLIENT_ERRORS[error.code] ?? MALFORMED
  this.log.debug({ err: error, code: refusal.code }, 'connection refused by the HTTP layer')
  if (!socket.writable || responseStarted(socket)) {
    socket.destroy()
    return
  }
  const requestId = randomUUID()
  const body = JSON.stringify({ ...problem(refusal.status, refusal.code, refusal.detail), requestId })
  socket.write(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: application/problem+json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`)
  closeGracefully(socket)
}

/** Requests that sent `Expect: 100-continue`: their 100 waits until the service is about to read the body. */
const awaitingContinue = new WeakSet<IncomingMessage>()

export default fp(async (app) => {
  // With a listener, Node leaves the 100 Continue to us instead of sending it before the request is even routed:
  // a caller refused by its token, its rate or its Content-Length then gets the refusal and never sends the body.
  app.server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    awaitingContinue.add(request)
    app.server.emit('request', request, response)
  })
  // preParsing runs once routing, the rate limit and authentication have let the request through, just before the
  // body is read; a Content-Length over the route's limit is refused by Fastify's parser right after, unread.
  app.addHook('preParsing', async (request, reply, payload) => {
    if (awaitingContinue.has(request.raw) && !request.is404 &&
      !(Number(request.headers['content-length']) > (request.routeOptions.bodyLimit ?? Infinity))) {
      reply.raw.writeContinue()
    }
    return payload
  })
  app.addHook('onSend', async (request, reply) => {
    if (!bodyUnread(request.raw)) return
    // Node closes a `Connection: close` response's socket through destroySoon once the answer is written; this one
    // socket closes gracefully instead, so the body still on the wire cannot turn the close into a reset.
    reply.header('connection', 'close')
    const socket = request.raw.socket
    socket.destroySoon = () => closeGracefully(socket)
  })
}, { name: 'connections' })
