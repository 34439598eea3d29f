// Docker cannot run here, so the deployment files are checked as data: they parse, they name only variables
// the service reads (src/config.ts), and what they set is a configuration the service accepts.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { parse } from 'yaml'
import { loadConfig } from '../../src/config.js'
import { startArgs } from '../../bench/start-command.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8')

/** The variables loadConfig reads, found by watching it read an empty environment. */
function configVariables (): Set<string> {
  const seen = new Set<string>()
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_target, name) => {
      if (typeof name === 'string') seen.add(name)
      return undefined
    }
  })
  loadConfig(env)
  return seen
}

/** Compose interpolation with the defaults it would use: ${X:-default} → default, ${X:?message} → `required`. */
function interpolate (value: string, required: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_m, name: string, op?: string, rest?: string) => {
    if (op === '?') return required[name] ?? ''
    if (op === '-') return rest ?? ''
    return required[name] ?? ''
  })
}

interface ComposeService {
  image?: string
  command?: string[] | string
  build?: unknown
  environment?: Record<string, string | number>
  ports?: string[]
  expose?: string[]
  volumes?: string[]
  healthcheck?: { test: string[] | string }
  depends_on?: Record<string, { condition: string }>
  deploy?: { replicas?: number }
}

interface Compose { services: Record<string, ComposeService>, volumes?: Record<string, unknown> }

/** An nginx directive: its name, its arguments, and the directives of its block when it has one. */
interface Directive { name: string, args: string[], block?: Directive[] }

/** Parses nginx's configuration syntax (directives, blocks, quoted strings, comments) into directives. */
function parseNginx (text: string): Directive[] {
  const tokens = [...text.replace(/^\s*#.*$/gm, '').matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"']+)/g)]
    .map((m) => m[3] !== undefined ? { punct: m[3] } : { word: m[1] ?? m[2] ?? m[4] })
  let i = 0
  const block = (): Directive[] => {
    const directives: Directive[] = []
    while (i < tokens.length) {
      const first = tokens[i++]
      if (first.punct === '}') return directives
      if (first.punct !== undefined) throw new Error(`unexpected "${first.punct}" in nginx.conf`)
      const directive: Directive = { name: first.word!, args: [] }
      for (let token = tokens[i++]; ; token = tokens[i++]) {
        if (token === undefined) throw new Error(`unterminated directive ${directive.name}`)
        if (token.punct === ';') break
        if (token.punct === '{') {
          directive.block = block()
          break
        }
        if (token.punct === '}') throw new Error(`unexpected "}" in ${directive.name}`)
        directive.args.push(token.word!)
      }
      directives.push(directive)
    }
    return directives
  }
  return block()
}

const all = (directives: Directive[] | undefined, name: string) => (directives ?? []).filter((d) => d.name === name)
const one = (directives: Directive[] | undefined, name: string) => all(directives, name)[0]

/** nginx sizes: 100m, 512k, 1g or bytes. */
function nginxBytes (size: string): number {
  const [, digits, unit] = /^(\d+)([kmg]?)$/i.exec(size) ?? []
  if (digits === undefined) throw new Error(`not an nginx size: ${size}`)
  return Number(digits) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[unit.toLowerCase()]
}

const resolvedEnvironment = (service: ComposeService) => Object.fromEntries(Object.entries(service.environment ?? {})
  .map(([k, v]) => [k, interpolate(String(v), { AUTH_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters-0123' })]))

const variables = configVariables()

t.test('the configuration names the documented variables', async (t) => {
  t.same([...variables].sort(), [
    'AUTH_ALGORITHMS', 'AUTH_AUDIENCE', 'AUTH_CLUSTER_CLAIM', 'AUTH_ISSUER', 'AUTH_JWKS_CACHE_SECONDS', 'AUTH_JWKS_COOLDOWN_SECONDS',
    'AUTH_JWKS_TIMEOUT_MS', 'AUTH_JWKS_URL', 'AUTH_JWT_SECRET', 'AUTH_PUBLIC_KEY', 'AUTH_ROLE_CLAIM', 'AUTH_ROLE_MAP', 'AUTH_UNIT_CLAIM',
    'BODY_LIMIT_BYTES', 'DATABASE_URL', 'DATA_DIR', 'DB_POOL_MAX', 'FILE_MAX_BYTES', 'HEADERS_TIMEOUT_MS', 'HOST', 'IDEMPOTENCY_KEY_HOURS', 'JOBS_CONCURRENCY', 'JOBS_ENABLED', 'JOBS_POLL_INTERVAL_MS', 'LOG_LEVEL',
    'LOG_PRETTY', 'PORT', 'PUBLIC_URL', 'RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_REDIS_URL', 'REQUEST_TIMEOUT_MS', 'SHUTDOWN_TIMEOUT_MS', 'TOKEN_MAX_LIFETIME_HOURS',
    'TRUST_PROXY', 'WEBHOOK_ALLOW_HOSTS', 'WEBHOOK_ALLOW_HTTP', 'WEBHOOK_DISABLE_AFTER_FAILURES', 'WEBHOOK_SWEEP_SECONDS', 'WEBHOOK_TIMEOUT_MS'
  ])
  const readme = read('README.md')
  for (const name of variables) t.match(readme, new RegExp(`\\|\\s*\`${name}\`\\s*\\|`), `README's configuration table has ${name}`)
})

t.test('docker-compose.yml runs the service on PostgreSQL 15 with a required secret', async (t) => {
  const compose = parse(read('docker-compose.yml')) as Compose
  const { postgres, thidua } = compose.services
  t.ok(postgres, 'a postgres service')
  t.ok(thidua, 'a thidua service')

  t.match(postgres.image, /^postgres:15(\b|$)/, 'PostgreSQL 15')
  t.match(JSON.stringify(postgres.healthcheck?.test), /pg_isready/, 'a pg_isready healthcheck')
  const dataVolume = postgres.volumes?.find((v) => v.endsWith(':/var/lib/postgresql/data'))
  t.ok(dataVolume, 'the database lives on a volume')
  t.ok(compose.volumes && dataVolume!.split(':')[0] in compose.volumes, 'a named volume')

  t.ok(thidua.build, 'built from the Dockerfile')
  t.same(thidua.depends_on?.postgres, { condition: 'service_healthy' }, 'starts once PostgreSQL is healthy')

  const environment = Object.fromEntries(Object.entries(thidua.environment ?? {}).map(([k, v]) => [k, String(v)]))
  for (const name of Object.keys(environment)) t.ok(variables.has(name), `${name} is a variable src/config.ts reads`)
  t.match(environment.AUTH_JWT_SECRET, /^\$\{AUTH_JWT_SECRET:\?[^}]+\}$/, 'AUTH_JWT_SECRET must be given')
  t.match(environment.DATABASE_URL, /@postgres:5432\//, 'DATABASE_URL points at the postgres service')
  t.equal(environment.HOST, '0.0.0.0', 'listens beyond the container')

  // With the secret given, the environment the service would see is one it accepts.
  const resolved = resolvedEnvironment(thidua)
  const config = loadConfig(resolved)
  t.equal(config.port, 3000)
  t.equal(config.host, '0.0.0.0')
  t.match(config.databaseUrl, /^postgres:\/\/thidua:[^@]+@postgres:5432\/thidua$/)
  t.throws(() => loadConfig({ ...resolved, AUTH_JWT_SECRET: '' }), /AUTH_JWT_SECRET is required/, 'and refuses to start without it')
})

t.test('the Dockerfile builds on node:20-slim and runs the compiled service as a non-root user', async (t) => {
  const dockerfile = read('Dockerfile')
  const stages = dockerfile.split('\n').filter((line) => /^FROM\s/i.test(line))
  t.ok(stages.length > 0 && stages.every((line) => /^FROM node:20-slim\b/.test(line)), 'node:20-slim')
  t.match(dockerfile, /\bnpm ci\b/)
  t.match(dockerfile, /\bnpm run build\b/)
  t.match(dockerfile, /\bnpm prune --omit=dev\b/, 'dev dependencies are pruned')
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
  t.match(lastStage, /^USER (?!root\b)\S+/m, 'the final stage runs as a non-root user')
  const cmd = /^CMD (\[.*\])$/m.exec(lastStage)
  t.same(cmd && JSON.parse(cmd[1]), ['node', ...startArgs()], 'runs the service as npm start does, V8 flags included')
  t.match(lastStage, /HOST=0\.0\.0\.0/)
  const envNames = [...lastStage.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=/gm)].map((m) => m[1])
  t.ok(envNames.length > 0)
  for (const name of envNames) t.ok(name === 'NODE_ENV' || variables.has(name), `ENV ${name} is a variable the service reads`)

  const ignored = read('.dockerignore').split('\n').map((line) => line.trim())
  for (const entry of ['node_modules', 'dist', 'data', '.git']) t.ok(ignored.includes(entry), `.dockerignore leaves out ${entry}`)
})

t.test('docker-compose.yml runs two or more replicas behind nginx on port 3000', async (t) => {
  const { services } = parse(read('docker-compose.yml')) as Compose
  const { thidua, proxy } = services
  t.ok((thidua.deploy?.replicas ?? 1) >= 2, 'at least two replicas of the service')
  t.same(thidua.ports ?? [], [], 'no fixed host port on the replicas (two of them could not share it)')
  const port = loadConfig(resolvedEnvironment(thidua)).port
  t.ok(thidua.expose?.map(String).includes(String(port)), `the replicas expose their PORT (${port}) to the proxy`)
  t.match(read('Dockerfile'), /^HEALTHCHECK\b[^]*?\/readyz/m, 'the image reports ready through /readyz (the proxy waits for it)')

  t.ok(proxy, 'a proxy service')
  t.match(proxy.image, /^nginx:1\.(2[89]|[3-9]\d)(\.\d+)*(-alpine)?$/, 'nginx 1.28 or later (upstream `resolve`)')
  t.same(proxy.depends_on, { thidua: { condition: 'service_healthy' } }, 'starts once the replicas are ready')
  const mount = proxy.volumes?.find((v) => v.startsWith('./deploy/nginx.conf:'))
  t.match(mount, /^\.\/deploy\/nginx\.conf:\/etc\/nginx\/nginx\.conf:ro$/, 'mounts deploy/nginx.conf read-only as its configuration')
  const published = (proxy.ports ?? []).map((p) => /^(?:\d+\.\d+\.\d+\.\d+:)?(\d+):(\d+)$/.exec(String(p))).filter((m) => m !== null)
  t.same(published.map((m) => m![1]), ['3000'], 'the proxy publishes port 3000, the address of the single-instance setup')

  const nginx = parseNginx(read('deploy/nginx.conf'))
  const http = one(nginx, 'http')?.block
  t.ok(http, 'an http block')
  const server = one(http, 'server')?.block
  t.same(one(server, 'listen')?.args, [published[0]![2]], 'nginx listens on the container port compose publishes')
  const location = all(server, 'location').find((l) => l.args[0] === '/')?.block
  const target = /^http:\/\/([\w-]+)$/.exec(one(location, 'proxy_pass')?.args[0] ?? '')?.[1]
  t.ok(target, 'every path is proxied to an upstream')
  const upstream = all(http, 'upstream').find((u) => u.args[0] === target)?.block
  t.ok(upstream, `the upstream ${target} is defined`)
  const servers = all(upstream, 'server').map((d) => d.args)
  t.same(servers.map((args) => args[0]), [`thidua:${port}`], 'its one server is the compose service on its PORT (Docker DNS gives every replica)')
  t.ok(servers[0]?.includes('resolve') && one(upstream, 'zone'), 'names are resolved again while running (`resolve`, with a shared zone)')
  t.same(one(http, 'resolver')?.args[0], '127.0.0.11', 'through Docker\'s DNS, so replicas added with --scale are used')
  t.notMatch(one(location, 'proxy_next_upstream')?.args.join(' ') ?? '', /non_idempotent/, 'a POST is never sent twice by the proxy')
  const headers = all(location, 'proxy_set_header').map((d) => d.args[0].toLowerCase())
  t.ok(headers.includes('x-forwarded-for'), 'the client address is passed on')

  // Whatever BODY_LIMIT_BYTES the service accepts, nginx lets the body through, so the service's own 413 answers.
  const proxyLimit = nginxBytes(one(server, 'client_max_body_size')?.args[0] ?? '1m')
  t.throws(() => loadConfig({ ...resolvedEnvironment(thidua), BODY_LIMIT_BYTES: String(proxyLimit + 1) }), /BODY_LIMIT_BYTES/,
    'client_max_body_size is at least the largest BODY_LIMIT_BYTES the service accepts')
})

t.test('docker-compose.yml gives every replica one shared rate-limit store in Redis', async (t) => {
  const { services } = parse(read('docker-compose.yml')) as Compose
  const { redis } = services
  t.ok(redis, 'a redis service')
  t.match(redis.image, /^redis:[67](\.\d+)*(-alpine)?$/, 'Redis 6 or 7 (the plugin\'s Lua script, ioredis 5)')
  t.match(JSON.stringify(redis.healthcheck?.test), /redis-cli.*ping/, 'a redis-cli ping healthcheck')
  t.same(redis.ports ?? [], [], 'not published on the host: only the replicas reach it')
  const command = Array.isArray(redis.command) ? redis.command.join(' ') : redis.command ?? ''
  t.match(command, /--maxmemory-policy volatile-ttl\b/, 'a full Redis drops the counts nearest their end, never refuses a count')

  // Every service built from the Dockerfile is a replica of the service: each must count in the same store.
  const replicas = Object.entries(services).filter(([, service]) => service.build !== undefined)
  t.ok(replicas.length > 0)
  for (const [name, service] of replicas) {
    t.match(String(service.environment?.RATE_LIMIT_REDIS_URL), /^\$\{RATE_LIMIT_REDIS_URL:-redis:\/\/redis:6379\}$/, `${name} counts in the redis service unless told otherwise`)
    const config = loadConfig(resolvedEnvironment(service))
    t.equal(config.rateLimitRedisUrl, 'redis://redis:6379', `${name}'s configuration accepts it`)
    t.ok(config.rateLimitPerMinute > 0, `${name} limits at all`)
    t.ok(service.depends_on?.redis, `${name} is started after redis`)
    t.not(service.depends_on?.redis?.condition, 'service_healthy', `${name} does not wait for Redis to be healthy: it runs without it`)
  }
})

t.test('the README says how to scale out and what must stay in PostgreSQL', async (t) => {
  const readme = read('README.md')
  const start = readme.indexOf('\n## Scaling out\n')
  t.ok(start >= 0, 'a "Scaling out" section')
  const end = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, end < 0 ? undefined : end)
  for (const topic of [/--scale thidua=/, /Idempotency-Key/, /advisory lock/i, /outbox/i, /rate limit/i, /replica/i, /deploy\/nginx\.conf/,
    /RATE_LIMIT_REDIS_URL/, /ioredis/, /127\.0\.0\.1:6379/, /thidua:rl:/]) {
    t.match(section, topic, `it covers ${topic.source}`)
  }
})
