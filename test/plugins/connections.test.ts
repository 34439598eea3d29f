// How connections are bounded and closed, over real sockets: a request (headers and body) must arrive within its
// time, a refusal sent before the body is read closes the connection without wiping the answer by a reset, and an
// `Expect: 100-continue` whose Content-Length is already too large is refused before the body is sent.
import t from 'tap'
import { tokenFor } from '../helpers/build.js'
import { within } from '../process/server-process.js'
import { converse, head, listening, parseResponse, upload } from './raw-http.js'

const admin = tokenFor({ role: 'admin', sub: 'test-admin' })
const BOUND_MS = 1000
// Node checks its connections' deadlines periodically; allow for that check and a busy machine.
const SLACK_MS = 1500

/** Sends `requestHead` and then one byte of `body` every 200 ms until the server closes the connection. */
async function drip (port: number, requestHead: string, body = 'x'.repeat(100)) {
  const conversation = await converse(port)
  conversation.socket.write(requestHead)
  let sent = 0
  const timer = setInterval(() => {
    if (sent < body.length && conversation.socket.writable) conversation.socket.write(body[sent++])
  }, 200)
  const closed = await within(conversation.closed, 8000)
  clearInterval(timer)
  conversation.socket.destroy()
  return { closed, response: parseResponse(conversation.received()) }
}

t.test('a request that arrives too slowly is cut off within REQUEST_TIMEOUT_MS', async (t) => {
  const { port } = await listening(t, { requestTimeoutMs: BOUND_MS, headersTimeoutMs: BOUND_MS })

  await t.test('a body sent a byte at a time gets 408 request_timeout and the connection is closed', async (t) => {
    const { closed, response } = await drip(port, head([
      'POST /v1/units HTTP/1.1', 'Host: localhost', `Authorization: ${admin}`, 'Content-Type: application/json', 'Content-Length: 100'
    ]))
    t.ok(closed, 'the server closed the connection')
    if (closed) t.ok(closed.afterMs < BOUND_MS + SLACK_MS, `closed after ${closed.afterMs} ms`)
    t.equal(response.status, 408)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.equal(response.headers.connection, 'close')
    t.match(JSON.parse(response.body), { status: 408, code: 'request_timeout' })
  })

  await t.test('a refusal sent before the body closes the connection instead of waiting for the body', async (t) => {
    const { closed, response } = await drip(port, head([
      'POST /v1/units HTTP/1.1', 'Host: localhost', 'Content-Type: application/json', 'Content-Length: 100'
    ]))
    t.equal(response.status, 401, 'the refusal is answered at once')
    t.equal(response.headers.connection, 'close', 'and says the connection closes')
    t.ok(closed, 'the server closed the connection')
    if (closed) {
      t.ok(closed.afterMs < BOUND_MS + SLACK_MS, `closed after ${closed.afterMs} ms`)
      t.equal(closed.error, undefined, 'without a reset')
    }
  })

  await t.test('headers sent a byte at a time get 408 within HEADERS_TIMEOUT_MS', async (t) => {
    const { closed, response } = await drip(port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: ' + 'y'.repeat(100))
    t.ok(closed, 'the server closed the connection')
    if (closed) t.ok(closed.afterMs < BOUND_MS + SLACK_MS, `closed after ${closed.afterMs} ms`)
    t.equal(response.status, 408)
    t.match(JSON.parse(response.body), { code: 'request_timeout' })
  })

  await t.test('what is not HTTP, or headers over Node\'s limit, get a problem too, and the connection is closed', async (t) => {
    for (const [request, status, code] of [
      ['GARBAGE\r\n\r\n', 400, 'malformed_request'],
      [head(['GET /healthz HTTP/1.1', 'Host: localhost', `X-Big: ${'a'.repeat(20_000)}`]), 431, 'headers_too_large']
    ] as const) {
      const conversation = await converse(port)
      conversation.socket.write(request)
      t.ok(await within(conversation.closed, 5000), `${code}: closed`)
      const response = parseResponse(conversation.received())
      t.equal(response.status, status)
      t.match(response.headers['content-type'], /^application\/problem\+json/)
      t.match(JSON.parse(response.body), { status, code })
      t.match(response.headers['x-request-id'], /^[\w-]{36}$/, 'with a request id, as every answer')
      conversation.socket.destroy()
    }
  })

  await t.test('a request that arrives in time is answered as usual on a connection that stays open', async (t) => {
    const conversation = await converse(port)
    conversation.socket.write(head(['GET /healthz HTTP/1.1', 'Host: localhost']))
    await within(new Promise((resolve) => conversation.socket.once('data', resolve)), 5000)
    const response = parseResponse(conversation.received())
    t.equal(response.status, 200)
    t.not(response.headers.connection, 'close')
    conversation.socket.destroy()
  })
})

t.test('an upload over BODY_LIMIT_BYTES reads its 413 every time, never a reset', async (t) => {
  const { port } = await listening(t, { bodyLimitBytes: 1_048_576 })
  const size = 6 * 1024 * 1024
  const requestHead = head([
    'POST /v1/units HTTP/1.1', 'Host: localhost', `Authorization: ${admin}`, 'Content-Type: application/json', `Content-Length: ${size}`
  ])
  const outcomes: Array<{ status: number, code?: string, connection?: string, error?: string }> = []
  const uploads = 200
  let next = 0
  const worker = async () => {
    while (next < uploads) {
      next++
      const { text, error } = await upload(port, requestHead, size)
      const response = parseResponse(text)
      outcomes.push({ status: response.status, connection: response.headers.connection, error, code: response.status ? JSON.parse(response.body).code : undefined })
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  const lost = outcomes.filter((o) => o.status !== 413 || o.code !== 'body_too_large')
  t.same(lost, [], `all ${uploads} uploads read their 413 body_too_large`)
  const reset = outcomes.filter((o) => o.error !== undefined)
  t.same(reset, [], 'none of them was reset (ECONNRESET) or cut off while sending (EPIPE)')
  t.ok(outcomes.every((o) => o.connection === 'close'), 'each says the connection closes')
})

t.test('Expect: 100-continue is refused before the body when the body could not be taken', async (t) => {
  const { port } = await listening(t, { bodyLimitBytes: 1_048_576 })
  const expecting = (contentLength: number, authorization?: string) => head([
    'POST /v1/units HTTP/1.1', 'Host: localhost', ...(authorization ? [`Authorization: ${authorization}`] : []),
    'Content-Type: application/json', `Content-Length: ${contentLength}`, 'Expect: 100-continue'
  ])
  const firstAnswer = async (requestHead: string) => {
    const conversation = await converse(port)
    conversation.socket.write(requestHead)
    await within(new Promise((resolve) => conversation.socket.once('data', resolve)), 5000)
    return conversation
  }

  await t.test('a Content-Length over the limit gets 413 and no 100 Continue', async (t) => {
    const conversation = await firstAnswer(expecting(6 * 1024 * 1024, admin))
    const closed = await within(conversation.closed, 5000)
    t.notMatch(conversation.received(), /^HTTP\/1\.1 100/, 'no 100 Continue')
    const response = parseResponse(conversation.received())
    t.equal(response.status, 413)
    t.equal(response.headers.connection, 'close')
    t.match(JSON.parse(response.body), { code: 'body_too_large' })
    t.ok(closed, 'the connection is closed')
  })

  await t.test('a caller without a token gets its 401 and no 100 Continue', async (t) => {
    const conversation = await firstAnswer(expecting(20))
    t.equal(parseResponse(conversation.received()).status, 401)
    conversation.socket.destroy()
  })

  await t.test('a body within the limit gets 100 Continue and then its answer', async (t) => {
    const body = JSON.stringify({ name: 'Cục Hậu cần' })
    const conversation = await firstAnswer(expecting(Buffer.byteLength(body), admin))
    t.match(conversation.received(), /^HTTP\/1\.1 100 Continue\r\n\r\n$/)
    conversation.socket.write(body)
    await within(new Promise<void>((resolve) => {
      const check = () => (/\r\n\r\n[^]*\r\n\r\n/.test(conversation.received()) ? resolve() : conversation.socket.once('data', check))
      check()
    }), 5000)
    t.equal(parseResponse(conversation.received().replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '')).status, 201)
    conversation.socket.destroy()
  })
})
