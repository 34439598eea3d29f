// Every example the generated contract shows is valid against the schema it illustrates: the `examples` and
// `example` of every schema (components and inline, nested ones included), of every parameter and of every media
// type. Swagger UI offers them as default bodies and generators copy them into docs, so an invalid one is a bug.
// The operations of units, blocks, clusters (members, terms), pledges and conferences must also show one on their
// request body and on every 2xx JSON answer.
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats'
import t from 'tap'
import { generateContract } from '../../src/cli/openapi.js'

type Json = Record<string, any>

const DOCUMENT_ID = 'https://thidua.invalid/openapi.json'
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default
// Keys whose value maps names to schemas: a child named `examples` there is a property, not the keyword.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas'])

interface Sample { where: string, value: unknown, schemaPointer: string }

const pointer = (segments: string[]) =>
  '/' + segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')

/** Every example in the document, with the pointer of the schema it must satisfy. */
function samples (document: Json): Sample[] {
  const found: Sample[] = []
  const components: Json = document.components?.examples ?? {}
  const visit = (node: unknown, path: string[], inMap: boolean) => {
    if (Array.isArray(node)) { node.forEach((child, i) => visit(child, [...path, String(i)], false)); return }
    if (node === null || typeof node !== 'object') return
    if (inMap) { for (const [key, child] of Object.entries(node)) visit(child, [...path, key], false); return }
    const object = node as Json
    const where = path.join('/')
    const hasSchema = object.schema !== undefined && typeof object.schema === 'object'
    // A media type or parameter: `example`, or `examples` as a map of Example objects, illustrate its `schema`.
    if (hasSchema && 'example' in object) found.push({ where: `${where} example`, value: object.example, schemaPointer: pointer([...path, 'schema']) })
    if (hasSchema && object.examples && !Array.isArray(object.examples)) {
      for (const [name, example] of Object.entries<Json>(object.examples)) {
        const resolved = typeof example.$ref === 'string' ? components[example.$ref.split('/').pop()!] : example
        found.push({ where: `${where} examples.${name}`, value: resolved?.value, schemaPointer: pointer([...path, 'schema']) })
      }
    }
    // A schema: `examples` is an array of instances of itself (and a 3.0-style `example`, one instance).
    if (!hasSchema && Array.isArray(object.examples)) {
      object.examples.forEach((value: unknown, i: number) => found.push({ where: `${where} examples[${i}]`, value, schemaPointer: pointer(path) }))
    }
    if (!hasSchema && 'example' in object && path.length > 0) found.push({ where: `${where} example`, value: object.example, schemaPointer: pointer(path) })
    for (const [key, child] of Object.entries(object)) {
      if (key === 'examples' || key === 'example') continue
      visit(child, [...path, key], SCHEMA_MAPS.has(key) || (path.length === 1 && path[0] === 'components'))
    }
  }
  visit(document, [], false)
  return found
}

const document: Json = JSON.parse(await generateContract())
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false })
addFormats(ajv)
ajv.addSchema({ ...document, $id: DOCUMENT_ID })

t.test('every example in the contract is valid against the schema it illustrates', async (t) => {
  const all = samples(document)
  t.ok(all.length > 50, `the contract shows examples (${all.length} found)`)
  const invalid = all.flatMap(({ where, value, schemaPointer }) => {
    const validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${schemaPointer}` })
    return validate(value) ? [] : [`${where}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`]
  })
  t.same(invalid, [], 'no example breaks its schema')
})

t.test('the finder sees an invalid example (so the test above can fail)', async (t) => {
  const broken = {
    paths: {},
    components: {
      schemas: {
        Year: { type: 'integer', minimum: 1945, examples: [2024, 1800] },
        Holder: { type: 'object', properties: { examples: { type: 'string', examples: ['một'] } } }
      }
    }
  }
  const found = samples(broken)
  t.same(found.map((s) => s.where), ['components/schemas/Year examples[0]', 'components/schemas/Year examples[1]',
    'components/schemas/Holder/properties/examples examples[0]'])
  const local = new Ajv2020({ strict: false, logger: false })
  local.addSchema({ ...broken, $id: DOCUMENT_ID })
  const verdicts = found.map((s) => local.compile({ $ref: `${DOCUMENT_ID}#${s.schemaPointer}` })(s.value))
  t.same(verdicts, [true, false, true], '1800 is refused by minimum 1945')
})

// The operations of this part of the contract (issue 13): each shows a realistic body and answer in Swagger UI.
const EXAMPLED = [
  'createUnit', 'listUnits', 'getUnit', 'updateUnit',
  'createBlock', 'listBlocks', 'getBlock',
  'createCluster', 'listClusters', 'getCluster', 'updateCluster',
  'addClusterMember', 'listClusterMembers', 'endClusterMembership', 'listUnitMemberships',
  'listTerms', 'getTerm', 'appointTerm',
  'createPledge', 'listPledges', 'getPledge', 'updatePledge', 'openPledge', 'createPledgeVersion', 'signPledge', 'listPledgeSignatures',
  'createConference', 'listClusterConferences', 'listUnitConferences', 'getConference', 'updateConference', 'finalizeConference'
]

/** The example Swagger UI would show for a schema: the media type's own, else the (referenced) schema's. */
function exampleOf (media: Json | undefined): unknown {
  if (!media) return undefined
  if ('example' in media) return media.example
  if (media.examples && typeof media.examples === 'object') return Object.values<Json>(media.examples)[0]?.value
  let schema: Json = media.schema ?? {}
  for (let hops = 0; typeof schema.$ref === 'string' && hops < 10; hops++) schema = document.components.schemas[schema.$ref.split('/').pop()!]
  return schema.examples?.[0] ?? schema.example
}

t.test('the bodies and 2xx answers of units, blocks, clusters, pledges and conferences show an example', async (t) => {
  const missing: string[] = []
  const seen = new Set<string>()
  for (const item of Object.values<Json>(document.paths)) {
    for (const op of Object.values<Json>(item)) {
      if (!EXAMPLED.includes(op.operationId)) continue
      seen.add(op.operationId)
      const body = op.requestBody?.content?.['application/json']
      if (body && exampleOf(body) === undefined) missing.push(`${op.operationId} request body`)
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        const json = response.content?.['application/json']
        if (/^2/.test(status) && json && exampleOf(json) === undefined) missing.push(`${op.operationId} ${status}`)
      }
    }
  }
  t.same([...seen].sort(), [...EXAMPLED].sort(), 'every operation listed is in the contract')
  t.same(missing, [], 'each shows an example')
})
