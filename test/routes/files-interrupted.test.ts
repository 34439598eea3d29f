// Uploads that do not finish, over a real socket: a client that goes away mid-body (with a Content-Length, or chunked
// without one) and a body that passes FILE_MAX_BYTES as it streams (413). Neither leaves a chunk, a content or a
// record behind, and the same bytes uploaded afterwards are stored whole. Run on both engines (TEST_DATABASE_URL).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import type { App } from '../../src/app.js'
import { build } from '../helpers/build.js'
import { pdfUpload } from '../helpers/files.js'

const MAX = 300_000
const PIECE = 16 * 1024

/** A PDF-looking body of `size` bytes, deterministic. */
const pdfOf = (size: number) => {
  const bytes = Buffer.from(Array.from({ length: size }, (_, i) => (i * 7) % 251))
  bytes.write('%PDF-1.7\n', 0, 'latin1')
  return bytes
}

async function counts (app: App) {
  const count = async (table: string) => Number((await app.db(table).count<Array<{ n: string }>>('* as n'))[0].n)
  return { chunks: await count('file_chunks'), contents: await count('file_contents'), files: await count('files') }
}

/** Waits (up to 10 s) until `ready` holds. */
async function until (ready: () => Promise<boolean>): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    if (await ready()) return true
    await sleep(25)
  }
  return false
}

interface Sent { status: number, body: string }

/**
 * POSTs `bytes` to /v1/files piece by piece; `abortAfter`: the client goes away once that many bytes are written and
 * the server has staged some of them (the answer is then undefined).
 */
function send (app: App, port: number, token: string, bytes: Buffer, { chunked = false, abortAfter }: { chunked?: boolean, abortAfter?: number } = {}): Promise<Sent | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.request(pdfUpload(port, token, 'Báo cáo dở dang.pdf', chunked ? undefined : bytes.length), (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (text: string) => { body += text })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', (error) => abortAfter === undefined ? reject(error) : resolve(undefined))
    const write = async (offset: number): Promise<void> => {
      if (abortAfter !== undefined && offset >= abortAfter) {
        // Only once the server holds part of it: what is to be cleaned up exists.
        if (!await until(async () => (await counts(app)).chunks > 0)) return reject(new Error('nothing was staged before the client went away'))
        request.destroy()
        resolve(undefined)
        return
      }
      if (offset >= bytes.length) {
        request.end()
        return
      }
      if (!request.write(bytes.subarray(offset, offset + PIECE))) await new Promise((r) => request.once('drain', r))
      await write(offset + PIECE)
    }
    write(0).catch(reject)
  })
}

t.test('an upload cut off or refused mid-stream leaves nothing behind', async (t) => {
  const { app, auth } = await build(t, { fileMaxBytes: MAX })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const unit = auth({ role: 'unit', unitId: '3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b', sub: 'van-thu' })
  const bytes = pdfOf(MAX - 1000)
  const empty = { chunks: 0, contents: 0, files: 0 }

  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with a Content-Length'
    t.equal(await send(app, port, unit, bytes, { chunked, abortAfter: 5 * PIECE }), undefined, `${how}: the client went away`)
    t.ok(await until(async () => (await counts(app)).chunks === 0), `${how}: its staged chunks are dropped`)
    t.same(await counts(app), empty, `${how}: no chunk, content or record is left`)
  }

  const over = await send(app, port, unit, pdfOf(MAX + 5 * PIECE), { chunked: true })
  t.equal(over?.status, 413, 'one without a Content-Length, past FILE_MAX_BYTES as it streams')
  t.match(over?.body, /body_too_large/)
  t.same(await counts(app), empty, 'the refused upload leaves nothing')
  const announced = await send(app, port, unit, pdfOf(MAX + 1))
  t.equal(announced?.status, 413, 'one announcing more than FILE_MAX_BYTES')
  t.same(await counts(app), empty)

  const whole = await send(app, port, unit, bytes)
  t.equal(whole?.status, 201, `the same bytes, sent whole afterwards, are stored: ${whole?.body}`)
  t.same(await counts(app), { chunks: Math.ceil(bytes.length / 32_768), contents: 1, files: 1 })
  const down = await app.inject({ url: `/v1/files/${JSON.parse(whole!.body).id}`, headers: { authorization: unit } })
  t.ok(down.rawPayload.equals(bytes), 'and read back whole')
})
