// Docker cannot run here, so the deployment files are checked as data: they parse, they name only variables
// the service reads (src/config.ts), and what they set is a configuration the service accepts.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { parse } from 'yaml'
import { loadConfig } from '../../src/config.js'

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
  build?: unknown
  environment?: Record<string, string | number>
  ports?: string[]
  volumes?: string[]
  healthcheck?: { test: string[] | string }
  depends_on?: Record<string, { condition: string }>
}

const variables = configVariables()

t.test('the configuration names the documented variables', async (t) => {
  t.same([...variables].sort(), [
    'AUTH_JWT_SECRET', 'BODY_LIMIT_BYTES', 'DATABASE_URL', 'DATA_DIR', 'DB_POOL_MAX', 'HOST', 'LOG_LEVEL', 'LOG_PRETTY',
    'PORT', 'RATE_LIMIT_PER_MINUTE', 'SHUTDOWN_TIMEOUT_MS'
  ])
  const readme = read('README.md')
  for (const name of variables) t.match(readme, new RegExp(`\\|\\s*\`${name}\`\\s*\\|`), `README's configuration table has ${name}`)
})

t.test('docker-compose.yml runs the service on PostgreSQL 15 with a required secret', async (t) => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>, volumes?: Record<string, unknown> }
  const { postgres, thidua } = compose.services
  t.ok(postgres, 'a postgres service')
  t.ok(thidua, 'a thidua service')

  t.match(postgres.image, /^postgres:15(\b|$)/, 'PostgreSQL 15')
  t.match(JSON.stringify(postgres.healthcheck?.test), /pg_isready/, 'a pg_isready healthcheck')
  const dataVolume = postgres.volumes?.find((v) => v.endsWith(':/var/lib/postgresql/data'))
  t.ok(dataVolume, 'the database lives on a volume')
  t.ok(compose.volumes && dataVolume!.split(':')[0] in compose.volumes, 'a named volume')

  t.ok(thidua.build, 'built from the Dockerfile')
  t.same(thidua.depends_on, { postgres: { condition: 'service_healthy' } }, 'starts once PostgreSQL is healthy')
  t.ok(thidua.ports?.some((p) => /^(\d+\.\d+\.\d+\.\d+:)?3000:3000$/.test(String(p))), 'publishes port 3000')

  const environment = Object.fromEntries(Object.entries(thidua.environment ?? {}).map(([k, v]) => [k, String(v)]))
  for (const name of Object.keys(environment)) t.ok(variables.has(name), `${name} is a variable src/config.ts reads`)
  t.match(environment.AUTH_JWT_SECRET, /^\$\{AUTH_JWT_SECRET:\?[^}]+\}$/, 'AUTH_JWT_SECRET must be given')
  t.match(environment.DATABASE_URL, /@postgres:5432\//, 'DATABASE_URL points at the postgres service')
  t.equal(environment.HOST, '0.0.0.0', 'listens beyond the container')

  // With the secret given, the environment the service would see is one it accepts.
  const resolved = Object.fromEntries(Object.entries(environment).map(([k, v]) =>
    [k, interpolate(v, { AUTH_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters-0123' })]))
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
  t.match(lastStage, /^CMD \["node", ?"dist\/server\.js"\]$/m)
  t.match(lastStage, /HOST=0\.0\.0\.0/)
  const envNames = [...lastStage.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=/gm)].map((m) => m[1])
  t.ok(envNames.length > 0)
  for (const name of envNames) t.ok(name === 'NODE_ENV' || variables.has(name), `ENV ${name} is a variable the service reads`)

  const ignored = read('.dockerignore').split('\n').map((line) => line.trim())
  for (const entry of ['node_modules', 'dist', 'data', '.git']) t.ok(ignored.includes(entry), `.dockerignore leaves out ${entry}`)
})
