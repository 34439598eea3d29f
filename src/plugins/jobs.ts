// app.jobs: the background job queue (src/jobs). The app is built with one that does not poll; the server starts it
// once the database is migrated and listening, and closing the app stops it first, waiting for the running jobs.
import fp from 'fastify-plugin'
import type { Knex } from 'knex'
import type { JobContext, JobQueue, QueueFactory } from '../jobs/queue.js'
import { jobDefinitions, type JobSettings } from '../jobs/definitions.js'
import { inProcessQueue } from '../jobs/in-process.js'

export type { QueueFactory }

declare module 'fastify' {
  interface FastifyInstance {
    /** The background job queue: add() a job; the server start()s it. */
    jobs: JobQueue
  }
}

export default fp<{ db: Knex, settings: JobSettings, queue?: QueueFactory }>(async (app, { db, settings, queue }) => {
  const context: JobContext = { db, log: app.log.child({ component: 'jobs' }), now: () => app.clock() }
  const definitions = jobDefinitions(settings)
  const jobs = queue ? queue(definitions, context) : inProcessQueue({ definitions, context })
  app.decorate('jobs', jobs)
  // Before the other close hooks (the server's closes the database): a running job finishes and is recorded first.
  app.addHook('preClose', async () => { await jobs.stop() })
}, { name: 'jobs' })
