// build(t): an app on a fresh database, closed when the test ends, with tokens for every role.
import type { Test } from 'tap'
import { buildApp, type App } from '../../src/app.js'
import { schemaController } from '../../src/plugins/validation.js'
import { signToken, type Actor } from '../../src/auth/tokens.js'
import { createTestDatabase } from './database.js'

/** The apps a test file builds share their compiled schemas: compiling them took a third of a short file's time. */
const compiledSchemas = schemaController()

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789'

export interface BuildOptions {
  clock?: () => Date
  rateLimitPerMinute?: number
  bodyLimitBytes?: number
  /** TRUST_PROXY: whose X-Forwarded-For to believe. */
  trustProxy?: false | string
  /** Every log line the app writes, at every level, goes here (the app logs nothing otherwise). */
  logLines?: string[]
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

export async function build (t: Test, options: BuildOptions = {}): Promise<Built> {
  const database = await createTestDatabase()
  const app = await buildApp({
    config: {
      bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
      trustProxy: options.trustProxy ?? false,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
      logLevel: 'silent',
      logPretty: false
    },
    db: database.db,
    jwtSecret: TEST_SECRET,
    clock: options.clock,
    schemaController: compiledSchemas,
    logger: options.logLines ? { level: 'trace', stream: { write: (line: string) => { options.logLines!.push(line) } } } : false
  })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await database.close()
  })
  return { app, auth: tokenFor, admin: tokenFor({ role: 'admin', sub: 'test-admin' }), url: database.url }
}
