// The process's log: every line JSON (the database library's messages included), a repeating warning written once
// per window with its count, and no value bound to a statement or repeated by PostgreSQL in a failed query's log.
import t from 'tap'
import pino from 'pino'
import { buildApp } from '../../src/app.js'
import { connect } from '../../src/db/connect.js'
import { loggerOptions, repeatLimiter } from '../../src/logging.js'
import { TEST_SECRET, tokenFor } from '../helpers/build.js'
import { createTestDatabase } from '../helpers/database.js'
import { sleep } from '../process/server-process.js'

type Line = { level: number, msg: string, [field: string]: unknown }
const parse = (lines: string[]) => lines.map((line) => JSON.parse(line) as Line)

t.test('a warning that repeats is written once per window, then once with how many more there were', async (t) => {
  const lines: string[] = []
  const log = pino({ level: 'trace', hooks: { logMethod: repeatLimiter(300) } }, { write: (line: string) => { lines.push(line) } })
  const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
  for (let i = 0; i < 50; i++) log.child({ reqId: `r${i}` }).warn({ err: outage }, 'database unavailable')
  log.warn({ err: new Error('another cause') }, 'database unavailable')
  for (let i = 0; i < 3; i++) log.info('request completed')
  t.same(parse(lines).map((line) => line.msg), ['database unavailable', 'database unavailable', 'request completed', 'request completed', 'request completed'],
    'the first of the run, the same message with another error, and every info line')
  await sleep(450)
  const summary = parse(lines).slice(5)
  t.match(summary, [{ level: 40, msg: 'database unavailable', repeated: 49, windowMs: 300 }], 'one line counts the 49 left out')
  await sleep(700)
  t.equal(lines.length, 6, 'a quiet window writes nothing more')
  log.warn({ err: outage }, 'database unavailable')
  t.equal(lines.length, 7, 'and after it the next one is written again')
})

t.test('the database library\'s messages are JSON log lines, one line each, never plain text on stdout', async (t) => {
  const lines: string[] = []
  const log = pino({ level: 'debug' }, { write: (line: string) => { lines.push(line) } })
  const printed: unknown[] = []
  const consoleLog = console.log
  console.log = (...args: unknown[]) => { printed.push(args) }
  t.teardown(() => { console.log = consoleLog })
  const db = await connect({ kind: 'postgres', url: 'postgres://nobody@127.0.0.1:9/none', poolMax: 1 }, { logger: log, acquireTimeoutMs: 2000 })
  t.teardown(() => db.destroy())
  await t.rejects(db.raw('select 1'))
  console.log = consoleLog
  t.same(printed, [], 'nothing printed by knex itself')
  const knexLines = parse(lines).filter((line) => line.source === 'knex')
  t.ok(knexLines.length > 0, 'knex\'s warning is logged')
  t.match(knexLines[0], { level: 40, msg: /^Acquire connection error: Error: connect ECONNREFUSED/ })
  t.notOk(knexLines.some((line) => line.msg.includes('\n')), 'without its stack trace')
})

t.test('a failed query is logged without the values bound to it or the row PostgreSQL repeats', async (t) => {
  const lines: string[] = []
  const database = await createTestDatabase()
  const config = { bodyLimitBytes: 1_048_576, rateLimitPerMinute: 0, logLevel: 'info' as const, logPretty: false }
  const app = await buildApp({
    config,
    db: database.db,
    jwtSecret: TEST_SECRET,
    logger: { ...loggerOptions(config), stream: { write: (line: string) => { lines.push(line) } } }
  })
  app.get('/v1/broken-query', async () => app.db('units').where({ no_such_column: 'bound-secret-7f3a' }).select('id'))
  app.get('/v1/broken-row', async () => {
    throw Object.assign(new Error('null value in column "name" violates not-null constraint'),
      { code: '23502', detail: 'Failing row contains (row-secret-91c2, null).', where: 'SQL function "secret_fn"' })
  })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await database.close()
  })
  for (const url of ['/v1/broken-query', '/v1/broken-row']) {
    t.equal((await app.inject({ url, headers: { authorization: tokenFor({ role: 'admin' }) } })).statusCode, 500, url)
  }
  const errors = parse(lines).filter((line) => line.msg === 'unhandled error')
  t.equal(errors.length, 2, 'both are logged')
  t.match(JSON.stringify(errors[0]), /no_such_column/, 'with the statement, for the operators')
  t.notMatch(lines.join('\n'), /bound-secret-7f3a|row-secret-91c2|secret_fn/, 'but no value')
})
