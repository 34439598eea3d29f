// A request budget per token per minute (per client address for calls without a token); 0 turns it off.
// With RATE_LIMIT_REDIS_URL the budget is counted in Redis, so every instance given the same URL shares it; without
// one each instance counts in its own memory. While Redis cannot be reached (at start or later) the instance counts
// in its own memory, as without Redis, and goes back to the shared count by itself once Redis answers again: the
// limit guards against floods, and a records service must keep answering when its limiter's store is down
// (README, "Scaling out").
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import fp from 'fastify-plugin'
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit'
import type { Redis } from 'ioredis'
import type { FastifyBaseLogger } from 'fastify'
import { isPublic } from './auth.js'

/** Every key the service writes in Redis starts with this, so several services can share one Redis. */
export const REDIS_KEY_PREFIX = 'thidua:rl:'

/** How long to wait for Redis to connect, and for it to answer a count before this request is counted locally. */
export const REDIS_CONNECT_TIMEOUT_MS = 1000
export const REDIS_COMMAND_TIMEOUT_MS = 500
/** The longest pause between two attempts to reconnect; attempts never stop, so an instance always comes back. */
export const REDIS_RECONNECT_MAX_MS = 5000

export interface RateLimitOptions {
  perMinute: number
  /** RATE_LIMIT_REDIS_URL. */
  redisUrl?: string
  /** REDIS_KEY_PREFIX unless given (tests give one of their own per run). */
  redisKeyPrefix?: string
}

type Store = FastifyRateLimitStore & { read?: FastifyRateLimitStore['incr'] }
type StoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => Store

// The plugin's own stores, so the counts (and the headers they give) are the plugin's in both modes. Not part of
// its typed API: the version is pinned (package.json), and test/plugins/rate-limit-redis.test.ts runs both.
const require = createRequire(import.meta.url)
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as StoreCtor
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as StoreCtor

/**
 * Counts in Redis while it is connected and answers; otherwise (and for any count it fails) in local memory. Logs
 * once when counting falls back to the instance and once when it is shared again.
 */
function sharedOrLocal (redis: Redis, keyPrefix: string, log: FastifyBaseLogger) {
  let failing = false
  const fellBack = (error: Error) => {
    if (failing) return
    failing = true
    log.warn({ err: error }, 'rate limit counted per instance: Redis does not answer (RATE_LIMIT_REDIS_URL)')
  }
  const recovered = () => {
    if (failing) log.info('rate limit shared again: Redis answers')
    failing = false
  }
  redis.on('ready', recovered)
  redis.on('error', fellBack)
  class SharedOrLocalStore implements Store {
    private readonly shared: Store = new RedisStore(false, false, redis, keyPrefix)
    private readonly local: Store = new LocalStore(false, false)

    private pick (method: 'incr' | 'read'): Store['incr'] {
      return (key, callback, timeWindow, max) => {
        const local = () => this.local[method]!(key, callback, timeWindow, max)
        if (redis.status !== 'ready') return local()
        this.shared[method]!(key, (error, result) => {
          if (error) {
            fellBack(error)
            return local()
          }
          recovered()
          callback(null, result)
        }, timeWindow, max)
      }
    }

    incr = this.pick('incr')
    read = this.pick('read')
    // Per-route budgets (a route's own `config.rateLimit`) are not used: one budget counts every call.
    child (): Store { return this }
  }
  return { Store: SharedOrLocalStore, fellBack }
}

export default fp<RateLimitOptions>(async (app, { perMinute, redisUrl, redisKeyPrefix }) => {
  if (perMinute === 0) return
  let store: (new () => Store) | undefined
  if (redisUrl) {
    // Loaded only with a URL: some 70 ms of every other start.
    const { Redis: RedisClient } = await import('ioredis')
    const redis = new RedisClient(redisUrl, {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      // A count that cannot be sent now is counted locally at once: never queued, never retried.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 250, REDIS_RECONNECT_MAX_MS),
      lazyConnect: false
    })
    const keyPrefix = redisKeyPrefix ?? REDIS_KEY_PREFIX
    const counting = sharedOrLocal(redis, keyPrefix, app.log)
    store = counting.Store
    // Start once the first attempt has connected or failed, so the first requests are counted where the log says.
    const first = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), REDIS_CONNECT_TIMEOUT_MS + 200)
      const done = (ready: boolean) => () => {
        clearTimeout(timer)
        redis.off('ready', onReady)
        redis.off('error', onError)
        resolve(ready)
      }
      const onReady = done(true)
      const onError = done(false)
      redis.once('ready', onReady)
      redis.once('error', onError)
    })
    // Not ready: the failure has been logged (or is, when the attempt is still pending); it does not stop the start.
    if (first) app.log.info({ keyPrefix }, 'rate limit shared through Redis')
    else counting.fellBack(new Error(`Redis did not connect within ${REDIS_CONNECT_TIMEOUT_MS} ms`))
    app.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect())
      else redis.disconnect()
    })
  }
  await app.register(rateLimit, {
    // Not per route: route hooks run after the auth hook, which answers 401 first, so calls without a valid
    // token would never count. One root hook, registered before auth (see app.ts), counts every call.
    global: false,
    max: perMinute,
    timeWindow: 60_000,
    ...(store ? { store } : {}),
    // Keyed on the token itself (hashed), before it is verified: a flood of bad tokens is limited too.
    keyGenerator: (request) => {
      const header = request.headers.authorization
      return typeof header === 'string' && header.length > 7
        ? 'token:' + createHash('sha256').update(header).digest('base64url')
        : 'ip:' + request.ip
    },
    allowList: (request) => isPublic(request),
    errorResponseBuilder: (_request, context) => Object.assign(
      new Error(`Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s.`),
      { statusCode: 429, retryAfter: Math.ceil(context.ttl / 1000) }
    )
  })
  app.addHook('onRequest', app.rateLimit())
}, { name: 'rate-limit', dependencies: ['errors'] })
