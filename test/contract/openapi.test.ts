// The committed contract (openapi/openapi.json) is what the routes generate, and it follows the house rules.
import fs from 'node:fs'
import t from 'tap'
import { CONTRACT_FILE, generateContract } from '../../src/cli/openapi.js'
import { build } from '../helpers/build.js'

interface Operation {
  operationId?: string
  summary?: string
  tags?: string[]
  security?: unknown[]
  responses?: Record<string, unknown>
}
interface Contract {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas?: Record<string, unknown>, securitySchemes?: Record<string, { type: string, scheme?: string }> }
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
// The probes answer 200 or 503 and never refuse a request, so they alone document no 4xx.
const PROBES = new Set(['/healthz', '/readyz'])

function operations (contract: Contract): Array<{ method: string, path: string, op: Operation }> {
  return Object.entries(contract.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([method]) => METHODS.has(method)).map(([method, op]) => ({ method: method.toUpperCase(), path, op })))
}

function collectRefs (node: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((child) => collectRefs(child, into))
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value)
      else collectRefs(value, into)
    }
  }
  return into
}

// Generated once for the file: it builds the app on its own in-memory database.
const generating = generateContract()
generating.catch(() => {}) // reported by the tests that await it

t.test('the committed contract is what the routes generate', async (t) => {
  const generated = await generating
  t.ok(fs.existsSync(CONTRACT_FILE), 'openapi/openapi.json exists (run `npm run openapi`)')
  const committed = fs.existsSync(CONTRACT_FILE) ? fs.readFileSync(CONTRACT_FILE, 'utf8') : ''
  if (committed !== generated) {
    // Name the operations that differ so the failure says what changed, not only that something did.
    const was = committed ? operations(JSON.parse(committed)).map((o) => `${o.method} ${o.path}`) : []
    const now = operations(JSON.parse(generated)).map((o) => `${o.method} ${o.path}`)
    const added = now.filter((o) => !was.includes(o))
    const removed = was.filter((o) => !now.includes(o))
    t.fail('openapi/openapi.json is out of date: run `npm run openapi` and commit the result', {
      added, removed, note: added.length + removed.length === 0 ? 'schemas or descriptions changed' : undefined
    })
  } else {
    t.pass('openapi/openapi.json matches the routes')
  }
  t.ok(generated.endsWith('}\n') && generated.includes('\n  "openapi": "3.1.0"'), '2-space JSON with a final newline')
})

t.test('the contract follows the house rules', async (t) => {
  const contract: Contract = JSON.parse(await generating)
  t.equal(contract.openapi, '3.1.0')
  const ops = operations(contract)
  t.ok(ops.length > 0, 'there are operations')

  const ids = new Map<string, string>()
  for (const { method, path, op } of ops) {
    const name = `${method} ${path}`
    t.type(op.operationId, 'string', `${name} has an operationId`)
    if (op.operationId) {
      t.notOk(ids.has(op.operationId), `${name}: operationId ${op.operationId} is unique${ids.has(op.operationId) ? ` (also ${ids.get(op.operationId)})` : ''}`)
      ids.set(op.operationId, name)
    }
    t.ok(typeof op.summary === 'string' && op.summary.length > 0, `${name} has a summary`)
    t.ok(Array.isArray(op.tags) && op.tags.length > 0, `${name} has tags`)
    const statuses = Object.keys(op.responses ?? {})
    if (!PROBES.has(path)) {
      t.ok(statuses.some((s) => /^4\d\d$/.test(s)), `${name} documents at least one 4xx response`)
    }
    t.ok(statuses.some((s) => /^2\d\d$/.test(s)), `${name} documents a success response`)
  }

  const schemas = Object.keys(contract.components.schemas ?? {})
  t.ok(schemas.includes('Problem'), 'components.schemas has Problem')
  t.same(schemas.filter((name) => /^def-\d+$/.test(name) || /^schema-\d+$/.test(name)), [], 'components are named by $id, not def-N')
  for (const ref of collectRefs(contract)) {
    const [, section, target] = /^#\/components\/(schemas|responses|parameters|headers)\/([A-Za-z][\w.-]*)$/.exec(ref) ?? []
    t.ok(section, `${ref} points into components.schemas, .responses, .parameters or .headers`)
    if (section) t.ok(target in ((contract.components as Record<string, Record<string, unknown> | undefined>)[section] ?? {}), `${ref} resolves`)
  }

  t.match(contract.components.securitySchemes?.bearerAuth, { type: 'http', scheme: 'bearer' }, 'bearerAuth is declared')
  // Swagger UI's Authorize dialog shows this description: it says where a token comes from.
  const authorize = (contract.components.securitySchemes?.bearerAuth as { description?: string } | undefined)?.description ?? ''
  t.match(authorize, /^\*\*Where a token comes from\.\*\*/, 'the Authorize dialog starts with where a token comes from')
  t.ok(authorize.includes('`TOKEN=$(npm run -s token -- --role admin)`'), 'the token command, quiet so only the token is captured')
  t.match(authorize, /start banner/, 'the admin token the embedded service prints when it starts')
  t.match(authorize, /`AUTH_JWKS_URL`[^.]*identity provider/, 'the organisation\'s identity provider when one is configured')
  t.same(contract.paths['/healthz']?.get?.security, [], '/healthz needs no token')
  t.same(contract.paths['/readyz']?.get?.security, [], '/readyz needs no token')
})

t.test('GET /openapi.json serves the contract without a token', async (t) => {
  const { app } = await build(t)
  // A query first: a database the test never used is not closed by knex (and would hold the process open).
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
  const response = await app.inject({ url: '/openapi.json' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^application\/json/)
  t.ok(response.headers['x-request-id'], 'carries x-request-id')
  const served = response.json()
  t.equal(served.openapi, '3.1.0')
  t.same(Object.keys(served.paths).sort(), Object.keys(app.swagger().paths ?? {}).sort(), 'every documented path')
  t.notOk('/openapi.json' in served.paths, 'the contract route itself is hidden')
  t.notOk('/metrics' in served.paths, 'the metrics route is hidden')
})

t.test('GET /docs serves the Swagger UI without a token, pointed at the contract', async (t) => {
  const { app } = await build(t)
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
  const page = await app.inject({ url: '/docs' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.body, /swagger-ui/i, 'the Swagger UI page')

  const json = await app.inject({ url: '/docs/json' })
  t.equal(json.statusCode, 200, '/docs/json without a token')
  t.equal(json.json().openapi, '3.1.0')
  t.same(Object.keys(json.json().paths).sort(), Object.keys(app.swagger().paths ?? {}).sort(), 'the same contract as /openapi.json')

  const initializer = await app.inject({ url: '/docs/static/swagger-initializer.js' })
  t.equal(initializer.statusCode, 200, 'the UI initializer is public')
  t.match(initializer.body, /resolveUrl\('\.\/json'\)/, 'the initializer loads the spec from ./json (/docs/json)')

  const guarded = await app.inject({ url: '/v1/units' })
  t.equal(guarded.statusCode, 401, 'while the API itself still needs a token')
})
