// A file of FILE_MAX_BYTES (20 MiB, the default) streamed in and out through the real service, run as its own
// process (as `npm start` runs it, V8 flags included, on the embedded database in a DATA_DIR, or on PostgreSQL with
// TEST_DATABASE_URL): the service holds neither direction whole, so the transfers grow it by far less than the file,
// and on PostgreSQL its resident memory (read from /proc) stays under 200 MiB all along; one byte more, sent chunked
// without a Content-Length, is refused as it passes the limit.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import t from 'tap'
import { signToken } from '../../src/auth/tokens.js'
import { createTestDatabase, engine } from '../helpers/database.js'
import { pdfUpload } from '../helpers/files.js'
import { ROOT, startServer } from '../process/server-process.js'
import { startArgs } from '../../bench/start-command.js'
import path from 'node:path'
import { build as esbuild } from 'esbuild'

const MIB = 1_048_576
const SIZE = 20 * MIB
const PIECE = 64 * 1024

/** The n-th 64 KiB piece of a deterministic PDF-looking file (made as it is sent: the test holds none of it). */
function piece (n: number, total: number): Buffer {
  const length = Math.min(PIECE, total - n * PIECE)
  const bytes = Buffer.alloc(length, n % 251)
  if (n === 0) bytes.write('%PDF-1.7\n', 0, 'latin1')
  return bytes
}

function upload (port: number, token: string, total: number, announce: boolean): Promise<{ status: number, body: string, sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    const request = http.request(pdfUpload(port, token, 'Hồ sơ minh chứng 20 MiB.pdf', announce ? total : undefined), (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (text: string) => { body += text })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, sha256: hash.digest('hex') }))
    })
    request.on('error', reject)
    let n = 0
    const pieces = Math.ceil(total / PIECE)
    const write = () => {
      while (n < pieces) {
        const bytes = piece(n++, total)
        hash.update(bytes)
        if (!request.write(bytes)) {
          request.once('drain', write)
          return
        }
      }
      request.end()
    }
    write()
  })
}

function download (port: number, token: string, path: string): Promise<{ status: number, size: number, sha256: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers: { authorization: token } }, (response) => {
      const hash = createHash('sha256')
      let size = 0
      response.on('data', (bytes: Buffer) => { size += bytes.length; hash.update(bytes) })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, size, sha256: hash.digest('hex') }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

/**
 * The service compiled to JavaScript, as `npm start` runs it (node dist/server.js: under tsx the compiler alone
 * holds some 100 MiB more), into a folder of its own so the shared dist/ is left alone; esbuild does it in a second.
 * The folder is named after the checkout: checkouts that share one node_modules do not overwrite each other's.
 */
async function compiledServer (): Promise<string> {
  const checkout = createHash('sha256').update(ROOT).digest('hex').slice(0, 12)
  const out = path.join(ROOT, 'node_modules', '.cache', `thidua-files-stream-${checkout}`)
  const sources = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts')).map((file) => path.join(ROOT, 'src', file))
  await esbuild({ entryPoints: sources, outdir: out, outbase: path.join(ROOT, 'src'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' })
  fs.writeFileSync(path.join(out, 'package.json'), '{"type":"module"}')
  return path.join(out, 'server.js')
}

/** The process's resident set, from /proc (Linux); undefined elsewhere. */
function residentBytes (pid: number): number | undefined {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kib === undefined ? undefined : Number(kib) * 1024
  } catch {
    return undefined
  }
}

// The bound is the PostgreSQL deployment's: there the service is the Node process alone. On the embedded default
// the database runs inside the process (PGlite, WebAssembly) with its own few hundred MiB (about 390 MiB at start
// here), so there only the growth is the service's, and the figures are reported.
t.test('a file of FILE_MAX_BYTES is streamed in and out with the service (on PostgreSQL) under 200 MiB', {
  skip: fs.existsSync('/proc/self/status') ? false : 'reads the service\'s memory from /proc (Linux)'
}, async (t) => {
  const secret = 'a-shared-secret-for-the-file-stream-test-0123456789'
  const env: Record<string, string> = { AUTH_JWT_SECRET: secret, FILE_MAX_BYTES: String(SIZE), RATE_LIMIT_PER_MINUTE: '0' }
  if (engine === 'postgres') {
    const database = await createTestDatabase()
    t.teardown(() => database.close())
    env.DATABASE_URL = database.url!
  }
  // npm start's V8 flags (the heap ceiling, the young generation's size), then the compiled service.
  const server = await startServer(t, env, { args: [...startArgs().slice(0, -1), await compiledServer()], bare: true })
  const pid = server.child.pid!
  const { port } = new URL(server.base)
  const token = `Bearer ${signToken(secret, { sub: 'van-thu', role: 'unit', unitId: randomUUID() })}`

  const start = residentBytes(pid) ?? 0
  let peak = start
  t.comment(`the service's resident memory at start: ${Math.round(start / MIB)} MiB (${engine})`)
  const sampler = setInterval(() => { peak = Math.max(peak, residentBytes(pid) ?? 0) }, 20)
  t.teardown(() => clearInterval(sampler))

  const up = await upload(Number(port), token, SIZE, true)
  t.equal(up.status, 201, up.body)
  const file = JSON.parse(up.body)
  t.equal(file.size, SIZE)
  t.equal(file.sha256, up.sha256, 'the digest of what was sent')

  const down = await download(Number(port), token, `/v1/files/${file.id}`)
  t.equal(down.status, 200)
  t.equal(down.size, SIZE)
  t.equal(down.sha256, up.sha256, 'the same bytes come back')

  const chunked = await upload(Number(port), token, SIZE + 1, false)
  t.equal(chunked.status, 413, 'one byte more, chunked without a Content-Length: refused as it passes the limit')
  t.match(chunked.body, /body_too_large/, chunked.body)
  const announced = await upload(Number(port), token, SIZE + 1, true)
  t.equal(announced.status, 413, 'announced by its Content-Length: refused before it is read')

  clearInterval(sampler)
  peak = Math.max(peak, residentBytes(pid) ?? 0)
  const grown = peak - start
  t.ok(grown < 64 * MIB, `the transfers grew the service by ${Math.round(grown / MIB)} MiB, far less than the file would take held whole`)
  if (engine === 'postgres') {
    // Measured (README, Memory): 143–151 MiB at start, 161–173 MiB at the peak (189–193 MiB before the young
    // generation was halved).
    t.ok(peak < 200 * MIB, `the service's resident memory peaked at ${Math.round(peak / MIB)} MiB`)
  } else {
    t.comment(`the service's resident memory (with the embedded database inside it) peaked at ${Math.round(peak / MIB)} MiB`)
  }
})
