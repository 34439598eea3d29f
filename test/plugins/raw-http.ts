// HTTP/1.1 spoken by hand over a real socket, for what a client library hides: a body sent a byte at a time, an
// upload that goes on after its answer, an `Expect: 100-continue`, and when and how the server closes.
import net, { type AddressInfo } from 'node:net'
import type { Test } from 'tap'
import { buildApp, type App, type AppOptions } from '../../src/app.js'
import { TEST_SECRET } from '../helpers/build.js'
import { createTestDatabase } from '../helpers/database.js'

/** The app on a fresh database, listening on a free loopback port, closed when `t` ends. */
export async function listening (t: Test, config: Partial<AppOptions['config']> = {}): Promise<{ app: App, port: number }> {
  const database = await createTestDatabase()
  const app = await buildApp({
    config: { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'silent', logPretty: false, ...config },
    db: database.db,
    jwtSecret: TEST_SECRET,
    logger: false
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  t.teardown(async () => {
    await app.close()
    await database.close()
  })
  return { app, port: (app.server.address() as AddressInfo).port }
}

export interface Conversation {
  socket: net.Socket
  /** Everything the server has sent so far. */
  received: () => string
  /** Resolves when the server has closed the connection (its FIN or a reset), with how it ended. */
  closed: Promise<{ afterMs: number, error?: string }>
}

const socketError = new WeakMap<net.Socket, string>()

export async function converse (port: number, options: { allowHalfOpen?: boolean } = {}): Promise<Conversation> {
  const socket = net.connect({ port, host: '127.0.0.1', ...options })
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  const started = Date.now()
  let text = ''
  let error: string | undefined
  socket.setEncoding('latin1')
  socket.on('data', (chunk: string) => { text += chunk })
  socket.on('error', (e: NodeJS.ErrnoException) => {
    error ??= e.code ?? e.message
    if (!socketError.has(socket)) socketError.set(socket, error)
  })
  const closed = new Promise<{ afterMs: number, error?: string }>((resolve) => {
    const done = () => resolve({ afterMs: Date.now() - started, error })
    // The server's FIN (`end`) is when it closed; `close` covers a reset.
    socket.once('end', done)
    socket.once('close', done)
  })
  return { socket, received: () => text, closed }
}

export const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`

/** The status line and headers of the first response in `text` (lower-cased names), and its body. */
export function parseResponse (text: string): { status: number, headers: Record<string, string>, body: string } {
  const end = text.indexOf('\r\n\r\n')
  const [statusLine, ...lines] = text.slice(0, end < 0 ? undefined : end).split('\r\n')
  const headers = Object.fromEntries(lines.map((line) => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
  }))
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: end < 0 ? '' : text.slice(end + 4) }
}

/**
 * Sends a request head and then `size` bytes of body as fast as the socket takes them, without waiting for an
 * answer and without stopping at the server's FIN (as a streaming upload does: it learns of the answer only when it
 * reads it); stops only when a write fails. Resolves with what the server sent and the first socket error, if any.
 */
export async function upload (port: number, requestHead: string, size: number): Promise<{ text: string, error?: string }> {
  const { socket, received } = await converse(port, { allowHalfOpen: true })
  const ended = new Promise((resolve) => socket.once('close', resolve))
  const chunk = Buffer.alloc(64 * 1024, 'x')
  socket.write(requestHead)
  for (let sent = 0; sent < size && !socket.destroyed; sent += chunk.length) {
    if (!socket.write(chunk.subarray(0, Math.min(chunk.length, size - sent)))) {
      await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), ended])
    }
  }
  if (!socket.destroyed) socket.end()
  await ended
  return { text: received(), error: socketError.get(socket) }
}
