// "Try it out" in Swagger UI with the default values, on a fresh service, in the order a year is run: each create
// operation's default body (its example, from the generated contract) and default path parameters either create
// what the example describes (201) or are refused with a 4xx whose detail names the id to fill in; nothing else
// is created. The first two create the example unit and block: real records, not junk.
import t from 'tap'
import { EXAMPLE_BLOCK_NAME, EXAMPLE_UNIT } from '../../src/http/examples.js'
import { build } from '../helpers/build.js'

type Json = Record<string, any>

// A year on a fresh start: the unit and its block and cluster, members and the year's head and deputy, the scoring
// scheme and its targets, the pledge signed at the pledge-signing conference, the scorecards, discipline, and the
// elections of the annual review.
const YEAR_ORDER = [
  'createUnit', 'createBlock', 'createCluster', 'addClusterMember', 'appointTerm',
  'createScoringScheme', 'createScoringSchemeVersion', 'setScoringTargets',
  'createPledge', 'createPledgeVersion', 'signPledge', 'createConference',
  'saveScorecard', 'createDisciplineRecord', 'createElection', 'castBallot'
]
// Operations whose examples this test holds to the rule now; others' are checked as soon as they have one.
const OWNED = new Set(['createUnit', 'createBlock', 'createCluster', 'addClusterMember', 'appointTerm', 'createPledge',
  'createPledgeVersion', 'signPledge', 'createConference'])
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

interface Create { method: string, path: string, op: Json }

t.test('each create operation\'s default example, run in year order on a fresh service, answers 201 or names the id to fill in', async (t) => {
  const { app, admin } = await build(t)
  const document = app.swagger() as Json
  const deref = (node: Json | undefined): Json | undefined => {
    let current = node
    for (let hops = 0; typeof current?.$ref === 'string' && hops < 10; hops++) {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(current.$ref) ?? []
      current = document.components?.[section]?.[name]
    }
    return current
  }
  /** The value Swagger UI starts from: the media type's or parameter's example, else its schema's. */
  const defaultOf = (holder: Json | undefined): unknown => {
    if (!holder) return undefined
    if ('example' in holder) return holder.example
    if (holder.examples && !Array.isArray(holder.examples)) return deref(Object.values<Json>(holder.examples)[0])?.value
    const schema = deref(holder.schema) ?? {}
    return schema.examples?.[0] ?? schema.example ?? schema.default
  }

  // An upload (a body of file bytes, POST /v1/files) has no default to try: Swagger UI asks for the file itself.
  const uploadsAFile = (op: Json) => op.requestBody !== undefined && op.requestBody.content?.['application/json'] === undefined
  const creates: Create[] = Object.entries<Json>(document.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item).filter(([, op]) => op?.responses?.['201'] && !uploadsAFile(op)).map(([method, op]) => ({ method: method.toUpperCase(), path, op })))
  const rank = (c: Create) => { const i = YEAR_ORDER.indexOf(c.op.operationId); return i === -1 ? YEAR_ORDER.length : i }
  creates.sort((a, b) => rank(a) - rank(b))
  t.ok(YEAR_ORDER.every((id) => creates.some((c) => c.op.operationId === id)), 'every operation of the year is in the contract')

  const answers: Record<string, number> = {}
  for (const { method, path, op } of creates) {
    const parameters = (op.parameters ?? []).map(deref).filter((p: Json) => p.in === 'path')
    const values = Object.fromEntries(parameters.map((p: Json) => [p.name, defaultOf(p)]))
    const media = op.requestBody?.content?.['application/json']
    const body = media ? defaultOf(media) : undefined
    const gaps = [
      ...Object.entries(values).filter(([, v]) => v === undefined).map(([name]) => `path parameter ${name}`),
      ...(media && body === undefined ? ['request body'] : [])
    ]
    const todo = !OWNED.has(op.operationId) && gaps.length > 0 ? `${op.operationId} has no default ${gaps.join(', ')} yet` : false
    await t.test(`${op.operationId}: ${method} ${path}`, { todo }, async (t) => {
      t.same(gaps, [], 'Swagger UI has a default for every path parameter and the body')
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])))
      const response = await app.inject({
        method: method as 'POST' | 'PUT',
        url,
        headers: { authorization: admin },
        ...(body === undefined ? {} : { payload: body as object })
      })
      answers[op.operationId] = response.statusCode
      if (response.statusCode === 201) return
      const problem = response.json()
      const sent = new Set([...url.matchAll(UUID), ...JSON.stringify(body ?? null).matchAll(UUID)].map(([id]) => id.toLowerCase()))
      const named = [...String(problem.detail).matchAll(UUID)].map(([id]) => id.toLowerCase()).filter((id) => sent.has(id))
      t.ok(response.statusCode >= 400 && response.statusCode < 500 && response.statusCode !== 400,
        `a refusal is a 4xx other than 400 (the example is valid): ${response.statusCode} ${problem.detail}`)
      t.not(named.length, 0, `the detail names an id of the request: ${problem.detail}`)
    })
  }

  t.equal(answers.createUnit, 201, 'the example unit is created')
  t.equal(answers.createBlock, 201, 'the example block is created')
  const units = (await app.inject({ url: '/v1/units', headers: { authorization: admin } })).json()
  t.same(units.items.map((u: Json) => ({ name: u.name, code: u.code, shortName: u.shortName })), [EXAMPLE_UNIT],
    'the only unit is the example\'s, with its Vietnamese name, code and short name')
  const blocks = (await app.inject({ url: '/v1/blocks', headers: { authorization: admin } })).json()
  t.same(blocks.items.map((b: Json) => b.name), [EXAMPLE_BLOCK_NAME], 'the only block is the example\'s')
  const clusters = (await app.inject({ url: '/v1/clusters', headers: { authorization: admin } })).json()
  t.same(clusters.items, [], 'no cluster: its example names a block that does not exist')
})
