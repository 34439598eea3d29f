// build(t): an app on a fresh database, closed when the test ends, with tokens for every role.
import type { Test } from 'tap'
import { buildApp, type App } from '../../src/app.js'
import { schemaController } from '../../src/plugins/validation.js'
import { signToken, type Actor } from '../../src/auth/tokens.js'
import { DEFAULT_WEBHOOK_CONFIG, type IdentityProvider, type TokenAlgorithm, type WebhookConfig } from '../../src/config.js'
import tap from 'tap'
import type { QueueFactory } from '../../src/jobs/queue.js'
import type { InProcessQueue } from '../../src/jobs/in-process.js'
import { createTestDatabase, emptyTestDatabase, type TestDatabase } from './database.js'

/** The apps a test file builds share their compiled schemas: compiling them took a third of a short file's time. */
export const compiledSchemas = schemaController()

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789'

export interface BuildOptions {
  clock?: () => Date
  rateLimitPerMinute?: number
  bodyLimitBytes?: number
  /** TRUST_PROXY: whose X-Forwarded-For to believe. */
  trustProxy?: false | string
  /** Every log line the app writes, at every level, goes here (the app logs nothing otherwise). */
  logLines?: string[]
  /** PUBLIC_URL: the server the served contract names. */
  publicUrl?: string
  /** FILE_MAX_BYTES: the largest evidence file (20 MiB when absent). */
  fileMaxBytes?: number
  /** AUTH_ALGORITHMS (HS256 alone when absent). */
  authAlgorithms?: readonly TokenAlgorithm[]
  /** An identity provider whose tokens the app accepts (its key cache is state: such an app is never shared). */
  identityProvider?: IdentityProvider
  /** WEBHOOK_*: the defaults but for these. */
  webhooks?: Partial<WebhookConfig>
  /**
   * The app's job queue (app.jobs), e.g. engineQueue() of helpers/jobs.ts: PostgreSQL's on PostgreSQL. Such an app is
   * never shared. Absent: the in-process runner, never started (run its jobs with app.jobs.runDue()).
   */
  jobs?: QueueFactory
}

export interface Built {
  app: App
  /** A bearer header value for an actor. */
  auth: (actor: Partial<Actor> & Pick<Actor, 'role'>) => string
  admin: string
  url?: string
}

export function tokenFor (actor: Partial<Actor> & Pick<Actor, 'role'>): string {
  return `Bearer ${signToken(TEST_SECRET, { sub: `test-${actor.role}`, ...actor })}`
}

/** A built app and its database, kept for the file's next test with the same settings (building took ~1.5 s). */
interface Kept {
  app: App
  database: TestDatabase
  settings: string
  /** The clock of the test using it: the app reads the time through this. */
  clock?: () => Date
}
const idleApps: Kept[] = []
let closesIdleApps = false

export async function build (t: Test, options: BuildOptions = {}): Promise<Built> {
  const config = {
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    trustProxy: options.trustProxy ?? false,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    publicUrl: options.publicUrl,
    fileMaxBytes: options.fileMaxBytes,
    authAlgorithms: options.authAlgorithms,
    identityProvider: options.identityProvider,
    webhooks: { ...DEFAULT_WEBHOOK_CONFIG, ...options.webhooks },
    logLevel: 'silent' as const,
    logPretty: false
  }
  // An app that logs to the test, counts requests against a rate limit or caches a provider's keys keeps state:
  // never shared.
  const settings = options.logLines || config.rateLimitPerMinute > 0 || options.identityProvider || options.jobs ? undefined : JSON.stringify(config)
  const kept = (settings && await reused(settings)) || await built(config, settings, options.logLines, options.jobs)
  kept.clock = options.clock
  t.teardown(async () => {
    // One that listened (serve()) is closed: Fastify cannot listen twice.
    if (kept.settings && !kept.app.server.listening) {
      // Its jobs are this test's: the next test's app starts with none waiting.
      await kept.app.jobs.stop()
      ;(kept.app.jobs as Partial<InProcessQueue>).clear?.()
      idleApps.push(kept)
    } else {
      await release(kept)
    }
  })
  return { app: kept.app, auth: tokenFor, admin: tokenFor({ role: 'admin', sub: 'test-admin' }), url: kept.database.url }
}

/** An idle app of these settings, its database emptied to the template's state (a fresh database, as a test needs). */
async function reused (settings: string): Promise<Kept | undefined> {
  for (let i = idleApps.length - 1; i >= 0; i--) {
    if (idleApps[i].settings !== settings) continue
    const [kept] = idleApps.splice(i, 1)
    if (await emptyTestDatabase(kept.database)) return kept
    // A test destroyed its database or changed its schema: neither is kept.
    await release(kept).catch(() => {})
  }
  return undefined
}

async function built (config: Parameters<typeof buildApp>[0]['config'], settings: string | undefined, logLines?: string[], jobs?: QueueFactory): Promise<Kept> {
  const database = await createTestDatabase()
  const kept: Kept = { database, settings } as Kept
  kept.app = await buildApp({
    config,
    db: database.db,
    jwtSecret: TEST_SECRET,
    clock: () => kept.clock?.() ?? new Date(),
    schemaController: compiledSchemas,
    jobs,
    logger: logLines ? { level: 'trace', stream: { write: (line: string) => { logLines.push(line) } } } : false
  })
  await kept.app.ready()
  if (settings && !closesIdleApps) {
    closesIdleApps = true
    tap.teardown(async () => { for (const idle of idleApps.splice(0)) await release(idle) })
  }
  return kept
}

async function release ({ app, database }: Kept): Promise<void> {
  await app.close()
  await database.destroy()
}
