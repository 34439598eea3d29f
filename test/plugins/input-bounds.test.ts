// Numbers in the query string are plain decimals within their range, and a body's arrays are refused as soon as
// they are longer than their schema allows: no caller can lift a page limit or keep the validator busy.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { build, tokenFor } from '../helpers/build.js'
import { MAX_LISTED_ERRORS } from '../../src/http/shared-schemas.js'
import { MAX_PAGE_SIZE, pageSize } from '../../src/db/pagination.js'

interface Parameter { name: string, in: string, schema?: { type?: string, minimum?: number, maximum?: number } }
type Operations = Record<string, Record<string, { parameters?: Array<Parameter | { $ref: string }> }>>

/** Every GET of the contract with an integer query or path parameter, its path parameters filled in. */
function integerParameters (paths: Operations, shared: Record<string, Parameter>) {
  const found: Array<{ url: (value: string) => string, name: string, minimum: number, maximum: number }> = []
  for (const [path, operations] of Object.entries(paths)) {
    // Parameters several operations share are `$ref`s into components.parameters.
    const parameters = (operations.get?.parameters ?? []).map((p) => '$ref' in p ? shared[p.$ref.replace('#/components/parameters/', '')] : p)
    // Other path parameters get a valid value: an id, or an integer (a year) at its minimum.
    const valid = (name: string) => {
      const other = parameters.find((p) => p.in === 'path' && p.name === name)
      return other?.schema?.type === 'integer' ? String(other.schema.minimum ?? 1) : randomUUID()
    }
    for (const parameter of parameters) {
      if (parameter.schema?.type !== 'integer') continue
      const filled = (value: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => name === parameter.name && parameter.in === 'path' ? value : valid(name))
      found.push({
        name: `${parameter.in} ${parameter.name} of GET ${path}`,
        minimum: parameter.schema.minimum ?? 0,
        maximum: parameter.schema.maximum ?? Number.MAX_SAFE_INTEGER,
        url: parameter.in === 'query' ? (value) => `${filled('')}?${parameter.name}=${value}` : filled
      })
    }
  }
  return found
}

t.test('an integer parameter takes only a plain decimal integer within its range', async (t) => {
  const { app, admin } = await build(t)
  const contract = app.swagger() as unknown as { paths: Operations, components: { parameters: Record<string, Parameter> } }
  const parameters = integerParameters(contract.paths, contract.components.parameters)
  t.ok(parameters.some((p) => p.name === 'query limit of GET /v1/audit-events'), 'the audit page size is among them')
  t.ok(parameters.some((p) => p.name.startsWith('path year of')), 'a year in a path is among them')
  const refused = ['Infinity', '-Infinity', '1e309', 'NaN', '0x10', '+5', '1e2', '5.0', '%205', '5%20', '', '1' + '0'.repeat(400)]
  for (const parameter of parameters) {
    for (const value of [...refused, String(parameter.maximum + 1)]) {
      const res = await app.inject({ url: parameter.url(value), headers: { authorization: admin } })
      if (res.statusCode !== 400) t.fail(`${parameter.name} = ${JSON.stringify(value)} answered ${res.statusCode}`)
    }
    const plain = await app.inject({ url: parameter.url(String(parameter.minimum)), headers: { authorization: admin } })
    t.not(plain.statusCode, 400, `${parameter.name} takes its minimum, ${parameter.minimum}`)
  }
  const res = await app.inject({ url: '/v1/audit-events?limit=Infinity', headers: { authorization: tokenFor({ role: 'reader' }) } })
  t.match(res.json(), { status: 400, code: 'validation_failed', errors: [{ path: '/query/limit', message: 'must be a whole number', keyword: 'type' }] })
})

t.test('a boolean parameter takes only true or false', async (t) => {
  const { app, admin } = await build(t)
  const ranking = `/v1/scoring-schemes/${randomUUID()}/ranking?breakdown=`
  for (const value of ['1', 'yes', 'TRUE', ' true']) {
    t.equal((await app.inject({ url: ranking + value, headers: { authorization: admin } })).statusCode, 400, value)
  }
  t.equal((await app.inject({ url: ranking + 'true', headers: { authorization: admin } })).statusCode, 404, 'true is read')
})

t.test('no read serves more than the largest page, whatever limit reaches it', async (t) => {
  t.equal(pageSize(), 50)
  t.equal(pageSize(MAX_PAGE_SIZE), MAX_PAGE_SIZE)
  for (const limit of [Infinity, -Infinity, NaN, 0, MAX_PAGE_SIZE + 1, 2.5]) {
    t.throws(() => pageSize(limit), { code: 'invalid_limit' }, String(limit))
  }
})

t.test('an array longer than its schema allows is refused at once, with one error', async (t) => {
  const { app, admin } = await build(t)
  const patch = (body: unknown) => app.inject({
    method: 'PATCH',
    url: `/v1/pledges/${randomUUID()}`,
    headers: { authorization: admin, 'content-type': 'application/json' },
    payload: JSON.stringify(body)
  })
  const res = await patch({ commitments: new Array(20_000).fill(1) })
  t.equal(res.statusCode, 400)
  t.match(res.json(), {
    code: 'validation_failed',
    errorCount: 1,
    errors: [{ path: '/body/commitments', message: 'must have at most 200 items', keyword: 'maxItems' }]
  })

  const unitId = randomUUID()
  const scorecard = await app.inject({
    method: 'PUT',
    url: `/v1/scoring-schemes/${randomUUID()}/scorecards/${unitId}`,
    headers: { authorization: tokenFor({ role: 'unit', unitId }), 'content-type': 'application/json' },
    payload: JSON.stringify({ entries: new Array(100_000).fill({}) })
  })
  t.equal(scorecard.statusCode, 400)
  t.equal(scorecard.json().errorCount, 1, 'a unit\'s oversized scorecard is one error too')
  t.ok(scorecard.body.length < 2000, 'and a short answer')

  const nested = await patch({ commitments: [{ text: 'Hoàn thành nhiệm vụ', target: null }], registeredTitles: new Array(501).fill({}) })
  t.match(nested.json().errors, [{ path: '/body/registeredTitles', message: 'must have at most 500 items' }])
})

t.test('a problem lists at most the first errors and counts them all', async (t) => {
  const { app, admin } = await build(t)
  const extra = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`field${i}`, i]))
  const res = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name: 'Cục Y tế', ...extra } })
  t.equal(res.statusCode, 400)
  const body = res.json()
  t.equal(body.errors.length, MAX_LISTED_ERRORS)
  t.equal(body.errorCount, 150)
  t.match(body.detail, /; and 50 more\.$/)
  t.equal((await app.inject({ url: '/v1/units', headers: { authorization: admin } })).json().items.length, 0, 'nothing was created')
})

t.test('a map key is bounded like the text it stands for', async (t) => {
  const { app, admin } = await build(t)
  const put = (targets: Record<string, number>) => app.inject({
    method: 'PUT',
    url: `/v1/scoring-schemes/${randomUUID()}/targets/${randomUUID()}`,
    headers: { authorization: admin },
    payload: { targets }
  })
  const long = await put({ ['I.' + 'x'.repeat(99)]: 5 })
  t.equal(long.statusCode, 400, 'a criterion code of 101 characters')
  t.match(long.json().errors, [{ path: /^\/body\/targets\/I\.x+$/ }])
  t.equal((await put({ ['I.' + 'x'.repeat(98)]: 5 })).statusCode, 404, 'one of 100 is read (and the scheme is unknown)')
})

t.test('a body holding more values than can be listed is checked up to its first error, and says so', async (t) => {
  const { app, admin } = await build(t)
  const criteria = Array.from({ length: 200 }, () => ({ children: new Array(200).fill(1) }))
  const res = await app.inject({ method: 'PATCH', url: `/v1/scoring-schemes/${randomUUID()}`, headers: { authorization: admin }, payload: { criteria } })
  t.equal(res.statusCode, 400)
  const body = res.json()
  t.equal(body.errors.length, 1, 'one error listed')
  t.notOk('errorCount' in body, 'and no count, for the rest were not counted')
  t.match(body.detail, /holds more than 10000 values, so it was checked up to this first error only/)
})
