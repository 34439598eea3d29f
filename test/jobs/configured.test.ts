// The server's queue follows the database: pg-boss's with DATABASE_URL, the in-process runner on the embedded one.
import t from 'tap'
import pino from 'pino'
import type { Knex } from 'knex'
import { configuredQueue } from '../../src/jobs/configured.js'
import { jobDefinitions } from '../../src/jobs/definitions.js'
import { DEFAULT_RETRY_POLICY } from '../../src/domain/webhooks.js'

const context = { db: {} as Knex, log: pino({ level: 'silent' }), now: () => new Date() }
const webhooks = {
  targets: { allowHttp: false, allowHosts: [] },
  retry: DEFAULT_RETRY_POLICY,
  timeoutMs: 1000,
  sweepSeconds: 10,
  send: async () => { throw new Error('these tests send nothing') }
}
const definitions = jobDefinitions({ idempotencyKeyHours: 24, webhooks })
const settings = { jobsConcurrency: 4, jobsPollIntervalMs: 2000 }

t.test('without DATABASE_URL the jobs run in process', async (t) => {
  const queue = configuredQueue({ ...settings, databaseUrl: undefined })(definitions, context)
  t.type((queue as { clear?: unknown }).clear, 'function', 'the in-process runner')
  await queue.add('idempotency-purge', {})
  await t.rejects(queue.add('no-such-job', {}), /No job is defined with the name no-such-job/)
})

t.test('with DATABASE_URL the jobs are pg-boss\'s, and nothing is loaded or opened until the queue is used', async (t) => {
  const queue = configuredQueue({ ...settings, databaseUrl: 'postgres://nobody@127.0.0.1:9/none' })(definitions, context)
  t.equal((queue as { clear?: unknown }).clear, undefined, 'not the in-process runner')
  await queue.stop()
  await t.rejects(queue.add('no-such-job', {}), /No job is defined with the name no-such-job/, 'an unknown job is refused before the database is asked')
})
