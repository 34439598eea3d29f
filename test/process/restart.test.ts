// The real process: start on an embedded database in a fresh DATA_DIR, write, stop with SIGTERM (a clean exit 0),
// start again on the same DATA_DIR and read the write back with the same token. And a bad configuration stops
// the process at start with a message naming the variable.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { embeddedSecret, signToken } from '../../src/auth/tokens.js'
import { createTestDatabase, engine } from '../helpers/database.js'
import { startArgs } from '../../bench/start-command.js'
import { exitOf, launch, ROOT, startServer, stopServer, waitWhileRunning } from './server-process.js'

t.test('a unit written before SIGTERM is there after a restart, and the same token still works', async (t) => {
  // First life: a fresh DATA_DIR gets a database and a secret.
  const first = await startServer(t)
  const { base: base1, dataDir } = first
  const printed = await waitWhileRunning(first, 'the admin token on stdout', () => /Admin token[^\n]*\n\s*(\S+\.\S+\.\S+)/.exec(first.stdout())?.[1], 10_000)
  t.match(first.stdout(), `Swagger UI: ${base1}/docs`, 'prints the Swagger UI URL')
  t.match(first.stdout(), /Admin token \(12 h; in a shell: TOKEN=\$\(npm run -s token -- --role admin\)\):\n/,
    'the token line says how to get a token into a shell variable, as the README does')

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

  const ended = await stopServer(first, 'SIGTERM')
  t.same(ended, { code: 0, signal: null }, 'SIGTERM shuts down gracefully with exit code 0')
  t.notMatch(first.stderr(), /error/i, 'nothing went wrong while shutting down')

  // Second life on the same DATA_DIR.
  const second = await startServer(t, { DATA_DIR: dataDir })
  const base2 = second.base

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

  t.same(await stopServer(second, 'SIGINT'), { code: 0, signal: null }, 'SIGINT shuts down gracefully too')
})

t.test('DATABASE_URL without AUTH_JWT_SECRET stops the process with a clear message', async (t) => {
  const server = await launch(t, { DATABASE_URL: 'postgres://thidua@127.0.0.1:1/thidua' })
  const { code } = await exitOf(server)
  t.not(code, 0, 'exits non-zero')
  t.match(server.stderr(), /configuration error: AUTH_JWT_SECRET is required with DATABASE_URL/)
  t.notMatch(server.stderr(), /\n\s+at /, 'no stack trace')
  t.notOk(fs.existsSync(path.join(server.dataDir, 'jwt-secret')), 'no secret is generated for an external database')
})

t.test('a PORT that is not a number stops the process naming PORT', async (t) => {
  const server = await launch(t, { PORT: 'abc' })
  const { code } = await exitOf(server)
  t.not(code, 0, 'exits non-zero')
  t.match(server.stderr(), /configuration error: PORT must be a whole number, got "abc"/)
})

t.test('the built service (npm start) starts, answers and stops cleanly', {
  skip: fs.existsSync(path.join(ROOT, 'dist/server.js')) ? false : 'no dist/server.js: run `npm run build` first'
}, async (t) => {
  const server = await startServer(t, {}, { args: startArgs() })
  const { base } = server
  const token = `Bearer ${signToken(embeddedSecret(server.dataDir), { sub: 'process-test', role: 'reader' })}`
  const list = await fetch(`${base}/v1/units`, { headers: { authorization: token }, signal: AbortSignal.timeout(10_000) })
  t.equal(list.status, 200, 'the compiled routes answer (migrations ran from the compiled list)')
  t.same(await list.json(), { items: [], nextCursor: null })
  const docs = await fetch(`${base}/docs`, { signal: AbortSignal.timeout(10_000) })
  t.equal(docs.status, 200, 'the Swagger UI is served from the installed package')
  t.same(await stopServer(server, 'SIGTERM'), { code: 0, signal: null }, 'SIGTERM exits 0')
})

t.test('with DATABASE_URL and AUTH_JWT_SECRET the service runs on that PostgreSQL server', {
  skip: engine === 'postgres' ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL); .ci/run provides one'
}, async (t) => {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const secret = 'a-shared-secret-for-every-instance-0123456789'
  const server = await startServer(t, { DATABASE_URL: database.url!, AUTH_JWT_SECRET: secret, DB_POOL_MAX: '3' })
  const { base } = server
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
  t.same(await stopServer(server, 'SIGTERM'), { code: 0, signal: null }, 'SIGTERM exits 0')
})
