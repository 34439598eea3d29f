// The real process: start on an embedded database in a fresh DATA_DIR, write, stop with SIGTERM (a clean exit 0),
// start again on the same DATA_DIR and read the write back with the same token. And a bad configuration stops
// the process at start with a message naming the variable.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { embeddedSecret, signToken } from '../../src/auth/tokens.js'
import { createTestDatabase, engine } from '../helpers/database.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const START_TIMEOUT_MS = 90_000
const EXIT_TIMEOUT_MS = 30_000

interface Running {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

const children = new Set<ChildProcess>()
t.teardown(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** A port nobody listens on now: the system picks one, we release it and hand it to the server. */
async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * The test's environment without anything that would point the server elsewhere, nor tap's coverage hooks: the
 * server process compiles the sources its own way, and merging its coverage would garble the report.
 */
function cleanEnv (extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const name of ['NODE_V8_COVERAGE', 'NODE_OPTIONS', '_TAPJS_PROCESSINFO_COVERAGE_', 'DATABASE_URL', 'TEST_DATABASE_URL', 'AUTH_JWT_SECRET', 'PORT', 'HOST', 'DATA_DIR', 'LOG_LEVEL',
    'LOG_PRETTY', 'RATE_LIMIT_PER_MINUTE', 'BODY_LIMIT_BYTES', 'SHUTDOWN_TIMEOUT_MS', 'DB_POOL_MAX']) delete env[name]
  return { ...env, LOG_LEVEL: 'warn', ...extra }
}

/** The sources through tsx by default (what `npm run dev` runs); `['dist/server.js']` for the build. */
function startServer (env: Record<string, string>, args = ['--import', 'tsx', 'src/server.ts']): Running {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.add(child)
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { out += chunk })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err += chunk })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      // Let the pipes drain before anyone reads what the process said.
      setImmediate(() => resolve({ code, signal }))
    })
  })
  return { child, stdout: () => out, stderr: () => err, exited }
}

function sleep (ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls until `check` returns a value, the process exits, or the time is up. */
async function waitFor<T> (what: string, server: Running, check: () => Promise<T | undefined>, timeoutMs = START_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode}) while waiting for ${what}:\n${server.stderr()}`)
    }
    const value = await check().catch(() => undefined)
    if (value !== undefined) return value
    await sleep(200)
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nstdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`)
}

async function waitReady (server: Running, base: string): Promise<void> {
  await waitFor('/readyz', server, async () => {
    const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) })
    return response.status === 200 ? true : undefined
  })
}

/** `promise`, or undefined after `ms` (the timer is cleared either way, so nothing holds the process open). */
async function within<T> (promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms) })])
  } finally {
    clearTimeout(timer)
  }
}

async function stop (server: Running, signal: NodeJS.Signals = 'SIGTERM') {
  server.child.kill(signal)
  const result = await within(server.exited, EXIT_TIMEOUT_MS)
  if (result === undefined) {
    server.child.kill('SIGKILL')
    throw new Error(`the server did not exit within ${EXIT_TIMEOUT_MS} ms of ${signal}`)
  }
  return result
}

/** Waits for a process that should stop by itself (a bad configuration). */
async function exitOf (server: Running) {
  const result = await within(server.exited, START_TIMEOUT_MS)
  if (result === undefined) {
    server.child.kill('SIGKILL')
    throw new Error(`the server kept running with a bad configuration\nstdout:\n${server.stdout()}`)
  }
  return result
}

function tempDataDir (t: Test): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-process-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  return path.join(dir, 'data')
}

t.test('a unit written before SIGTERM is there after a restart, and the same token still works', async (t) => {
  const dataDir = tempDataDir(t)

  // First life: a fresh DATA_DIR gets a database and a secret.
  const port1 = await freePort()
  const base1 = `http://127.0.0.1:${port1}`
  const first = startServer({ DATA_DIR: dataDir, PORT: String(port1), HOST: '127.0.0.1' })
  await waitReady(first, base1)
  const printed = await waitFor('the admin token on stdout', first, async () => /Admin token[^\n]*\n\s*(\S+\.\S+\.\S+)/.exec(first.stdout())?.[1], 10_000)
  t.match(first.stdout(), `Swagger UI: ${base1}/docs`, 'prints the Swagger UI URL')

  const secretFile = path.join(dataDir, 'jwt-secret')
  t.ok(fs.existsSync(secretFile), 'the generated secret is kept in DATA_DIR')
  if (process.platform !== 'win32') t.equal(fs.statSync(secretFile).mode & 0o777, 0o600, 'readable by its owner only')
  // What `npm run token -- --role admin` does with the same DATA_DIR.
  const signed = `Bearer ${signToken(embeddedSecret(dataDir), { sub: 'process-test', role: 'admin' })}`

  const name = `Công an tỉnh Thử nghiệm ${Date.now()}`
  const created = await fetch(`${base1}/v1/units`, {
    method: 'POST',
    headers: { authorization: `Bearer ${printed}`, 'content-type': 'application/json', 'x-request-id': 'restart-test-1' },
    body: JSON.stringify({ name, code: 'TN01' }),
    signal: AbortSignal.timeout(10_000)
  })
  t.equal(created.status, 201, 'the printed admin token creates a unit')
  t.equal(created.headers.get('x-request-id'), 'restart-test-1')
  const unit = await created.json() as { id: string, name: string }
  t.equal(unit.name, name)

  const ended = await stop(first, 'SIGTERM')
  t.same(ended, { code: 0, signal: null }, 'SIGTERM shuts down gracefully with exit code 0')
  t.notMatch(first.stderr(), /error/i, 'nothing went wrong while shutting down')

  // Second life on the same DATA_DIR.
  const port2 = await freePort()
  const base2 = `http://127.0.0.1:${port2}`
  const second = startServer({ DATA_DIR: dataDir, PORT: String(port2), HOST: '127.0.0.1' })
  await waitReady(second, base2)

  for (const [which, token] of [['the token printed before the restart', `Bearer ${printed}`], ['a token signed with the kept secret', signed]] as const) {
    const read = await fetch(`${base2}/v1/units/${unit.id}`, { headers: { authorization: token }, signal: AbortSignal.timeout(10_000) })
    t.equal(read.status, 200, `${which} still works`)
    t.match(await read.json(), { id: unit.id, name, code: 'TN01' }, 'the unit survived the restart')
  }
  const search = await fetch(`${base2}/v1/units?q=${encodeURIComponent('thu nghiem')}`, { headers: { authorization: signed }, signal: AbortSignal.timeout(10_000) })
  t.equal(search.status, 200)
  t.ok(((await search.json()) as { items: Array<{ id: string }> }).items.some((u) => u.id === unit.id), 'and is found by a search')

  const anonymous = await fetch(`${base2}/v1/units/${unit.id}`, { signal: AbortSignal.timeout(10_000) })
  t.equal(anonymous.status, 401, 'still guarded')

  t.same(await stop(second, 'SIGINT'), { code: 0, signal: null }, 'SIGINT shuts down gracefully too')
})

t.test('DATABASE_URL without AUTH_JWT_SECRET stops the process with a clear message', async (t) => {
  const dataDir = tempDataDir(t)
  const server = startServer({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATABASE_URL: 'postgres://thidua@127.0.0.1:1/thidua'
  })
  const { code } = await exitOf(server)
  t.not(code, 0, 'exits non-zero')
  t.match(server.stderr(), /configuration error: AUTH_JWT_SECRET is required with DATABASE_URL/)
  t.notMatch(server.stderr(), /\n\s+at /, 'no stack trace')
  t.notOk(fs.existsSync(path.join(dataDir, 'jwt-secret')), 'no secret is generated for an external database')
})

t.test('a PORT that is not a number stops the process naming PORT', async (t) => {
  const server = startServer({ DATA_DIR: tempDataDir(t), PORT: 'abc', HOST: '127.0.0.1' })
  const { code } = await exitOf(server)
  t.not(code, 0, 'exits non-zero')
  t.match(server.stderr(), /configuration error: PORT must be a whole number, got "abc"/)
})

t.test('the built service (npm start) starts, answers and stops cleanly', {
  skip: fs.existsSync(path.join(ROOT, 'dist/server.js')) ? false : 'no dist/server.js: run `npm run build` first'
}, async (t) => {
  const dataDir = tempDataDir(t)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = startServer({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, ['dist/server.js'])
  await waitReady(server, base)
  const token = `Bearer ${signToken(embeddedSecret(dataDir), { sub: 'process-test', role: 'reader' })}`
  const list = await fetch(`${base}/v1/units`, { headers: { authorization: token }, signal: AbortSignal.timeout(10_000) })
  t.equal(list.status, 200, 'the compiled routes answer (migrations ran from the compiled list)')
  t.same(await list.json(), { items: [], nextCursor: null })
  const docs = await fetch(`${base}/docs`, { signal: AbortSignal.timeout(10_000) })
  t.equal(docs.status, 200, 'the Swagger UI is served from the installed package')
  t.same(await stop(server, 'SIGTERM'), { code: 0, signal: null }, 'SIGTERM exits 0')
})

t.test('with DATABASE_URL and AUTH_JWT_SECRET the service runs on that PostgreSQL server', {
  skip: engine === 'postgres' ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL); .ci/run provides one'
}, async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const secret = 'a-shared-secret-for-every-instance-0123456789'
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = startServer({ DATA_DIR: tempDataDir(t), PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url!, AUTH_JWT_SECRET: secret, DB_POOL_MAX: '3' })
  await waitReady(server, base)
  const admin = `Bearer ${signToken(secret, { sub: 'process-test', role: 'admin' })}`
  const created = await fetch(`${base}/v1/units`, {
    method: 'POST',
    headers: { authorization: admin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Cục Hồ sơ nghiệp vụ' }),
    signal: AbortSignal.timeout(10_000)
  })
  t.equal(created.status, 201)
  const stored = await database.db('units').where({ name: 'Cục Hồ sơ nghiệp vụ' }).first()
  t.ok(stored, 'the unit is in the PostgreSQL database named by DATABASE_URL')
  t.same(await stop(server, 'SIGTERM'), { code: 0, signal: null }, 'SIGTERM exits 0')
})
