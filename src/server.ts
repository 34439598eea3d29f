// The process: config → database → app → listen, and a graceful shutdown on SIGTERM/SIGINT.
import pino from 'pino'
import { ConfigError, loadConfig, type Config } from './config.js'
import { openConfiguredDatabase } from './db/open.js'
import { embeddedSecret, signToken } from './auth/tokens.js'
import { loggerOptions } from './logging.js'
import { startupProgress } from './startup-progress.js'
import { configuredQueue } from './jobs/configured.js'

function secretFor (config: Config): string {
  // loadConfig has already refused DATABASE_URL without a secret.
  return config.jwtSecret ?? embeddedSecret(config.dataDir)
}

async function main () {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`thidua: configuration error: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  const jwtSecret = secretFor(config)
  // One logger for the app and the database library, so every line the service writes is a JSON log line; Node's
  // own warnings (a deprecation, a listener leak) too, instead of plain text on stderr.
  const logger = pino(loggerOptions(config))
  process.removeAllListeners('warning')
  process.on('warning', (warning) => logger.warn({ err: warning }, 'process warning'))
  // The app's modules load while the database opens: the embedded one compiles its WebAssembly on other threads.
  const appModule = import('./app.js')
  appModule.catch(() => {}) // awaited below; a failure to open the database is the one to report
  const db = await openConfiguredDatabase(config, logger, startupProgress(process.stdout, logger))
  const { buildApp } = await appModule
  const app = await buildApp({ config, db, jwtSecret, loggerInstance: logger, jobs: configuredQueue(config) })
  app.addHook('onClose', async () => { await db.destroy() })

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing requests in flight')
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting')
      process.exit(1)
    }, config.shutdownTimeoutMs)
    timer.unref()
    app.close().then(() => process.exit(0), (error) => {
      app.log.error({ err: error }, 'error while shutting down')
      process.exit(1)
    })
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  const address = await app.listen({ port: config.port, host: config.host })
  // Background jobs once the database is migrated and the service answers; app.close() waits for the running ones.
  if (config.jobsEnabled) {
    await app.jobs.start()
    app.log.info({ jobs: config.databaseUrl ? 'PostgreSQL (pg-boss)' : 'in process' }, 'background jobs started')
  }
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`
  app.log.info({ address, database: where }, 'thidua is listening')
  if (!config.databaseUrl) {
    // A convenience for the embedded default: an admin token to try the API with at once.
    // 12 hours, or less when TOKEN_MAX_LIFETIME_HOURS allows less: the service would refuse a longer one.
    const hours = Math.min(12, config.tokenMaxLifetimeHours)
    const token = signToken(jwtSecret, { sub: 'local-admin', role: 'admin' }, `${hours}h`)
    console.log(`\nthidua is listening on ${address}\n  Swagger UI: ${address}/docs\n  Database:   ${where}\n` +
      `  Admin token (${hours} h; in a shell: TOKEN=$(npm run -s token -- --role admin)):\n  ${token}\n`)
  } else {
    console.log(`\nthidua is listening on ${address}\n  Swagger UI: ${address}/docs\n`)
  }
}

main().catch((error) => {
  console.error('thidua: failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
