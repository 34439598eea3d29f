// Builds the Fastify instance: platform plugins first, then the resources. Used by the server and the tests.
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Knex } from 'knex'
import { DEFAULT_FILE_MAX_BYTES, DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_IDEMPOTENCY_KEY_HOURS, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_TOKEN_MAX_LIFETIME_HOURS, DEFAULT_WEBHOOK_CONFIG, type Config } from './config.js'
import { DEFAULT_RETRY_POLICY } from './domain/webhooks.js'
import { loggerOptions } from './logging.js'
import errors, { problem, sendProblem } from './plugins/errors.js'
import connections, { connectionOptions } from './plugins/connections.js'
import auth from './plugins/auth.js'
import unicodeText from './plugins/unicode-text.js'
import rateLimit from './plugins/rate-limit.js'
import unitOfWork from './plugins/unit-of-work.js'
import jobs, { type QueueFactory } from './plugins/jobs.js'
import webhooks from './plugins/webhooks.js'
import { httpSender, type HttpSender } from './services/webhook-sender.js'
import etag from './plugins/etag.js'
import metrics from './plugins/metrics.js'
import health from './plugins/health.js'
import swagger from './plugins/swagger.js'
import { schemaController } from './plugins/validation.js'
import { sharedSchemas } from './http/shared-schemas.js'
import { resources } from './routes/index.js'
import { postgresFileStore } from './db/file-store-postgres.js'
import type { FileStore } from './services/file-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Knex
    /** The current instant; tests pass a fixed one. */
    clock: () => Date
    /** Where evidence files are kept (services/file-store.ts). */
    fileStore: FileStore
    /** FILE_MAX_BYTES: the largest evidence file. */
    fileMaxBytes: number
  }
}

export interface AppOptions {
  config: Pick<Config, 'bodyLimitBytes' | 'rateLimitPerMinute' | 'logLevel' | 'logPretty'> &
    Partial<Pick<Config, 'trustProxy' | 'rateLimitRedisUrl' | 'idempotencyKeyHours' | 'requestTimeoutMs' | 'headersTimeoutMs' | 'tokenMaxLifetimeHours' | 'publicUrl' | 'fileMaxBytes' | 'authAlgorithms' | 'identityProvider' | 'webhooks'>>
  db: Knex
  jwtSecret: string
  clock?: () => Date
  /** false in tests; otherwise pino as configured. */
  logger?: FastifyServerOptions['logger']
  /** The process's logger (src/logging.ts), shared with the database's messages; takes the place of `logger`. */
  loggerInstance?: FastifyBaseLogger
  /**
   * How schemas are compiled (plugins/validation.ts); a fresh one per app by default. A process that builds many
   * apps on the same routes (a test file) passes one to all of them, so each schema is compiled once, not per app.
   */
  schemaController?: FastifyServerOptions['schemaController']
  /** The rate limit's keys in Redis start with this (plugins/rate-limit.ts); tests give one of their own per run. */
  rateLimitKeyPrefix?: string
  /** The background job queue (app.jobs); one in this process, not polling until started, when absent. */
  jobs?: QueueFactory
  /** How webhook requests are sent; node:http(s) with the system's DNS when absent (tests give their own resolver). */
  webhookSender?: HttpSender
}

const REQUEST_ID = /^[\w.:-]{1,128}$/
/** The longest path parameter the router reads: an id is 36 characters, a title code or a receipt far less. */
const MAX_PATH_PARAM_LENGTH = 200
/** What is wrong with a path the router cannot read, by Fastify's error code. */
const PATH_PROBLEMS: Record<string, string> = {
  FST_ERR_BAD_URL: 'a percent-escape in it does not decode',
  FST_ERR_MAX_PARAM_LENGTH: `a part of it is longer than ${MAX_PATH_PARAM_LENGTH} characters`
}

export async function buildApp (options: AppOptions) {
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? loggerOptions(options.config) }),
    bodyLimit: options.config.bodyLimitBytes,
    ...connectionOptions({
      requestTimeoutMs: options.config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: options.config.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS
    }),
    trustProxy: options.config.trustProxy ?? false,
    // A caller's x-request-id is kept when it is a sane token, so one id follows a call across systems.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    schemaController: options.schemaController ?? schemaController(),
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    return503OnClosing: true,
    // The problem's detail is written from the validation errors (plugins/errors.ts); Fastify's own text, built
    // from every error whether listed or not, would only cost time.
    schemaErrorFormatter: (_errors, dataVar) => new Error(`The ${dataVar} is not valid.`),
    // A path the router cannot read (bad percent-encoding such as %ZZ, or a segment longer than maxParamLength)
    // is refused before any route or hook runs: answer it as every other bad request, a 400 problem.
    // The detail says what is wrong without the path itself, which `instance` already carries (a 15 KB path
    // answered with 30 KB).
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id)
      return sendProblem(reply, problem(400, 'invalid_path', `The path is not valid: ${PATH_PROBLEMS[error.code] ?? 'the router cannot read it'}.`))
    }
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('db', options.db)
  app.decorate('clock', options.clock ?? (() => new Date()))
  app.decorate('fileStore', postgresFileStore(options.db))
  app.decorate('fileMaxBytes', options.config.fileMaxBytes ?? DEFAULT_FILE_MAX_BYTES)
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(errors)
  await app.register(unicodeText)
  await app.register(connections)
  // Every shared schema before any plugin context is made: Fastify copies a schema added later into each context
  // that exists already (some 38 copies of the last resources' schemas, each digested and kept).
  for (const schema of [...sharedSchemas, ...resources.flatMap((resource) => resource.schemas)]) app.addSchema(schema)
  await app.register(swagger, { publicUrl: options.config.publicUrl })
  // Before auth: a call is counted before its token is judged, so a flood of bad tokens is limited too.
  // With RATE_LIMIT_REDIS_URL, counted in Redis and shared by the instances; its connection is closed with the app.
  await app.register(rateLimit, {
    perMinute: options.config.rateLimitPerMinute,
    redisUrl: options.config.rateLimitRedisUrl,
    redisKeyPrefix: options.rateLimitKeyPrefix
  })
  await app.register(auth, {
    secret: options.jwtSecret,
    maxLifetimeHours: options.config.tokenMaxLifetimeHours ?? DEFAULT_TOKEN_MAX_LIFETIME_HOURS,
    algorithms: options.config.authAlgorithms,
    identityProvider: options.config.identityProvider
  })
  const keyHours = options.config.idempotencyKeyHours ?? DEFAULT_IDEMPOTENCY_KEY_HOURS
  await app.register(unitOfWork, { db: options.db, keyHours })
  const webhookConfig = options.config.webhooks ?? DEFAULT_WEBHOOK_CONFIG
  const webhookTargets = { allowHttp: webhookConfig.allowHttp, allowHosts: webhookConfig.allowHosts }
  const webhookJobs = {
    targets: webhookTargets,
    timeoutMs: webhookConfig.timeoutMs,
    retry: { ...DEFAULT_RETRY_POLICY, disableAfterFailures: webhookConfig.disableAfterFailures },
    sweepSeconds: webhookConfig.sweepSeconds,
    send: options.webhookSender ?? httpSender()
  }
  await app.register(jobs, { db: options.db, settings: { idempotencyKeyHours: keyHours, webhooks: webhookJobs }, queue: options.jobs })
  await app.register(webhooks, { targets: webhookTargets })
  await app.register(etag)
  await app.register(metrics)
  await app.register(health, { db: options.db })
  for (const resource of resources) await app.register(resource.routes)
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
