// Whole-document work on the generated contract (swagger.ts's transformObject): the headers every answer carries,
// referenced from `components`, and the repeated responses and parameters moved there once, so the contract stays
// small enough for generators and browsers (test/contract/size.test.ts) while documenting every header.
import { createHash } from 'node:crypto'
import { PROBLEM_CODES, problemCodes, type ProblemCode } from '../domain/problem-codes.js'
import { PROBLEM_CODES_EXTENSION, PROBLEM_MEDIA_TYPE, SUMMARIES as PROBLEM_SUMMARIES, PROBLEM_TITLES, exampleProblem } from '../http/problem-responses.js'
import { TitleCode } from '../http/common-schemas.js'
import { NextCursor, Version } from '../http/shared-schemas.js'
import { DossierStatus } from '../routes/dossiers/schemas.js'

type Json = Record<string, any>

/** Private marks the per-route transform leaves on an operation for this pass, removed here. */
export const MARKS = { etag: 'x-thidua-etag', location: 'x-thidua-location', limited: 'x-thidua-limited' } as const

const HEADER_REF = (name: string) => ({ $ref: `#/components/headers/${name}` })
const PARAMETER_REF = (name: string) => ({ $ref: `#/components/parameters/${name}` })
const RESPONSE_REF = (name: string) => ({ $ref: `#/components/responses/${name}` })

const bounded = (minimum: number, maximum: number) => ({ type: 'integer', format: 'int32', minimum, maximum })
const REQUEST_ID_SCHEMA = { type: 'string', maxLength: 128, pattern: '^[\\w.:-]+$' }

/** Every header the service sends, by the name it is documented under (components.headers). */
export const HEADERS: Record<string, Json> = {
  'X-Request-Id': {
    description: 'The request\'s id: the caller\'s x-request-id when it is 1 to 128 letters, digits or `_.:-`, else a ' +
      'new UUID. Problems repeat it as `requestId`; the logs know every request by it.',
    schema: REQUEST_ID_SCHEMA
  },
  ETag: {
    description: 'The representation\'s tag (RFC 9110), such as `"v3"` or `"v3.Qm9vdGhzdHJhcA"` (a version and a digest ' +
      'of what it derives from). Send it back as it is: in If-Match to change the resource (412 when stale), in ' +
      'If-None-Match to read it again (304 when unchanged). Never build one from `version`.',
    schema: { type: 'string', maxLength: 200 }
  },
  Location: {
    description: 'The path of the resource created, relative to the server: GET it for the current representation.',
    schema: { type: 'string', maxLength: 2000, format: 'uri-reference' }
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key and body: ' +
      'nothing was changed again.',
    schema: { type: 'string', enum: ['true'] }
  },
  'X-RateLimit-Limit': { description: 'Requests allowed per minute for this token (or address, without one).', schema: bounded(1, 1_000_000) },
  'X-RateLimit-Remaining': { description: 'Requests left in the current minute.', schema: bounded(0, 1_000_000) },
  'X-RateLimit-Reset': { description: 'Seconds until the budget is renewed.', schema: bounded(0, 60) },
  'Retry-After': {
    description: 'Seconds to wait before retrying: on a 429, until the budget is renewed; on a 503, only with ' +
      '`service_overloaded`.',
    schema: bounded(0, 60)
  },
  'WWW-Authenticate': {
    description: '`Bearer`, or `Bearer error="invalid_token"` when the token given was refused (RFC 6750).',
    schema: { type: 'string', maxLength: 100 }
  }
}

const RATE_LIMIT = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']

/** Request headers every operation takes, or that the transform adds (components.parameters). */
export const PARAMETERS: Record<string, Json> = {
  'X-Request-Id': {
    in: 'header',
    name: 'x-request-id',
    required: false,
    description: 'An id to follow this call by across systems (1 to 128 letters, digits or `_.:-`); answered back in ' +
      'the x-request-id header and in problems. Another value is replaced by a new UUID.',
    schema: REQUEST_ID_SCHEMA
  },
  'If-None-Match': {
    in: 'header',
    name: 'if-none-match',
    required: false,
    description: 'The ETag of the copy you hold (or several, comma-separated, or `*`): 304 with no body when it is still current.',
    schema: { type: 'string', maxLength: 2000 }
  }
}

/** The part of a response's status that names it in components.responses. */
const STATUS_NAMES: Record<string, string> = {
  304: 'NotModified',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  406: 'NotAcceptable',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'ContentTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable'
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

function operations (document: Json): Array<{ path: string, method: string, op: Json }> {
  return Object.entries<Json>(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, op: item[method] })))
}

/** The headers each answer of the operation carries, by status. */
function headersOf (method: string, status: string, op: Json): string[] {
  const code = Number(status)
  const limited = op[MARKS.limited] === true
  const names = ['X-Request-Id']
  const success = code >= 200 && code < 300
  const conditional = method === 'get' && op.responses?.['304'] !== undefined
  if ((conditional && (status === '200' || status === '304')) || (op[MARKS.etag] === true && success)) names.push('ETag')
  if (status === '201' && op[MARKS.location] === true) names.push('Location')
  // Whatever takes an Idempotency-Key (a POST, a DELETE: plugins/unit-of-work.ts) may answer a replay.
  const replayable = (op.parameters ?? []).some((p: Json) => p.in === 'header' && p.name === 'idempotency-key')
  if (replayable && success) names.push('Idempotent-Replayed')
  if (limited && code >= 200 && code < 500) names.push(...RATE_LIMIT)
  if ((limited && code === 429) || code === 503) names.push('Retry-After')
  if (code === 401) names.push('WWW-Authenticate')
  return names
}

/** The codes a route's problem answer lists (problem-responses.ts keeps them on its media type), if it is one. */
function problemCodesOf (response: Json): ProblemCode[] | undefined {
  const codes = response.content?.[PROBLEM_MEDIA_TYPE]?.[PROBLEM_CODES_EXTENSION]
  return Array.isArray(codes) ? codes : undefined
}

/**
 * The answer every operation documenting `status` shares: the codes all of them list (named in its description and
 * its `x-problem-codes`; their meaning is in Problem.code), the headers, the Problem schema and one realistic example.
 * What an operation adds is in its own `x-problem-codes` map and its reference's description.
 */
function sharedProblem (status: number, headers: Json, response: Json, shared: ProblemCode[]): Json {
  const shown = shared[0] ?? problemCodes.find((code) => PROBLEM_CODES[code].status === status)
  const summary = PROBLEM_SUMMARIES[status] ?? PROBLEM_TITLES[status] ?? 'A problem.'
  const { [PROBLEM_CODES_EXTENSION]: _codes, example: _example, ...media } = response.content[PROBLEM_MEDIA_TYPE]
  return {
    description: shared.length > 0
      ? `${summary} \`code\` is one the operation lists for this status (its \`x-problem-codes\`) or a shared one (every operation answering this status can send it): ${shared.map((code) => `\`${code}\``).join(', ')}.`
      : `${summary} \`code\` is one the operation lists for this status (its \`x-problem-codes\`).`,
    headers,
    content: { [PROBLEM_MEDIA_TYPE]: { ...media, ...(shown ? { example: exampleProblem(shown) } : {}) } },
    ...(shared.length > 0 ? { [PROBLEM_CODES_EXTENSION]: shared } : {})
  }
}

/** What tells a variant apart in its name: the problem codes it lists when they are few, else a digest. */
function distinction (value: Json): string {
  const codes: string[] = value[PROBLEM_CODES_EXTENSION] ?? []
  const joined = codes.join('_')
  return codes.length > 0 && joined.length <= 60 && /^[\w]+$/.test(joined) ? joined : digest(value)
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 6)

/**
 * Moves objects that occur `least` times or more into `components[section]` and replaces each occurrence by a `$ref`. The
 * most common variant of a name gets the plain name, the others the name and a digest of their content: names do not
 * depend on the order routes are registered in, and the same document always comes out the same.
 */
function hoist (found: Array<{ name: string, value: Json, replace: (ref: Json) => void }>, into: Json, ref: (name: string) => Json, least = 2): void {
  const byKey = new Map<string, { name: string, value: Json, sites: Array<(ref: Json) => void> }>()
  for (const { name, value, replace } of found) {
    const key = `${name}\u0000${JSON.stringify(value)}`
    const entry = byKey.get(key) ?? { name, value, sites: [] }
    entry.sites.push(replace)
    byKey.set(key, entry)
  }
  const shared = [...byKey.values()].filter((entry) => entry.sites.length >= least)
  const byName = new Map<string, typeof shared>()
  for (const entry of shared) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry])
  for (const [name, variants] of [...byName.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    variants.sort((a, b) => b.sites.length - a.sites.length || JSON.stringify(a.value).localeCompare(JSON.stringify(b.value)))
    variants.forEach((variant, i) => {
      const named = i === 0 ? name : `${name}_${distinction(variant.value)}`
      const key = named in into || (i > 0 && variants.some((v, j) => j !== i && `${name}_${distinction(v.value)}` === named)) ? `${name}_${digest(variant.value)}` : named
      into[key] = variant.value
      for (const replace of variant.sites) replace(ref(key))
    })
  }
}

/** A parameter's component name: a header as its standard spells it (`If-Match`), a path parameter by its name
 * (`unitId`), a query parameter by its name and `Query` (`limitQuery`). */
const parameterName = (p: Json) => p.in === 'header'
  ? String(p.name).replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
  : `${p.name}${p.in === 'query' ? 'Query' : ''}`

/** Documents every header on every operation and shares what repeats; `tagOrder` orders the paths by their first tag. */
export function completeDocument (source: Json, tagOrder: string[]): Json {
  // A copy: the route schemas' own objects, which validation and the serializers use, stay as written.
  const document: Json = JSON.parse(JSON.stringify(source))
  const components = (document.components ??= {})
  components.headers = { ...HEADERS, ...components.headers }
  const parameters: Json = (components.parameters = { ...PARAMETERS, ...components.parameters })
  const responses: Json = (components.responses ??= {})
  const foundResponses: Parameters<typeof hoist>[0] = []
  const foundParameters: Parameters<typeof hoist>[0] = []
  const foundHeaders: Parameters<typeof hoist>[0] = []
  const foundProblems: Parameters<typeof hoist>[0] = []
  const pendingProblems: Array<{ op: Json, status: string, headers: Json, response: Json, listed: ProblemCode[] }> = []

  for (const { method, op } of operations(document)) {
    const conditional = method === 'get' && op.responses?.['304'] !== undefined
    const own: Json[] = op.parameters ?? []
    op.parameters = [...own, PARAMETER_REF('X-Request-Id'), ...(conditional ? [PARAMETER_REF('If-None-Match')] : [])]
    own.forEach((parameter, i) => {
      if (parameter.$ref === undefined) foundParameters.push({ name: parameterName(parameter), value: parameter, replace: (ref) => { op.parameters[i] = ref } })
    })
    for (const [status, response] of Object.entries<Json>(op.responses ?? {})) {
      if (response.$ref !== undefined) continue
      const documented = { ...response.headers }
      for (const name of headersOf(method, status, op)) documented[name] ??= HEADER_REF(name)
      const listed = problemCodesOf(response)
      if (listed !== undefined) {
        pendingProblems.push({ op, status, headers: documented, response, listed })
        continue
      }
      op.responses[status] = { description: response.description, headers: documented, ...withoutKeys(response, ['description', 'headers']) }
      // Answers that are problems (and the bodiless 304) are the same on many operations: shared. Successes keep
      // their bodies in place, where a reader of the operation looks for them.
      if (Number(status) >= 300) {
        foundResponses.push({ name: STATUS_NAMES[status] ?? `Status${status}`, value: op.responses[status], replace: (ref) => { op.responses[status] = ref } })
      }
      // A header a route declares itself (Vary on a negotiated answer) joins the shared ones too.
      for (const [name, header] of Object.entries<Json>(documented)) {
        if (header.$ref === undefined) foundHeaders.push({ name, value: header, replace: (ref) => { documented[name] = ref } })
      }
    }
    for (const mark of Object.values(MARKS)) delete op[mark]
  }
  // A problem answer: one shared response per status (and header set) with the codes every operation documenting
  // that status lists (the platform's); the operation's other codes in its `x-problem-codes` map, by status, and
  // named in the description of its reference.
  const common = new Map<string, ProblemCode[]>()
  for (const { status, listed } of pendingProblems) {
    common.set(status, (common.get(status) ?? listed).filter((code) => listed.includes(code)))
  }
  for (const { op, status, headers, response, listed } of pendingProblems) {
    const shared = common.get(status) ?? []
    const own = listed.filter((code) => !shared.includes(code))
    if (own.length > 0) (op[PROBLEM_CODES_EXTENSION] ??= {})[status] = own
    // The status's summary is the shared response's description: the reference names only the operation's codes.
    const description = `\`code\`: ${own.map((code) => `\`${code}\``).join(', ')}${shared.length > 0 ? ', or a shared one' : ''}.`
    op.responses[status] = sharedProblem(Number(status), headers, response, shared)
    foundProblems.push({
      name: STATUS_NAMES[status] ?? `Status${status}`,
      value: op.responses[status],
      replace: (ref) => { op.responses[status] = own.length > 0 ? { ...ref, description } : ref }
    })
  }
  hoist(foundResponses, responses, RESPONSE_REF)
  hoist(foundProblems, responses, RESPONSE_REF, 1)
  hoist(foundParameters, parameters, PARAMETER_REF)
  hoist(foundHeaders, components.headers, HEADER_REF, 1)
  document.paths = orderedPaths(document.paths ?? {}, tagOrder)
  nameRepeatedSchemas(document, NAMED_IN_CONTRACT)
  for (const [whole, record] of EXTENDED_RECORDS) extendRecord(document.components.schemas, whole, record)
  singleValuesAsConst(document)
  return document
}

/**
 * Schemas the routes spell out in place (no `$id`: a `$ref` would lose the description beside it, and the validators
 * would need them registered) that the contract would otherwise repeat a dozen times or more: named once in
 * components.schemas, referenced where they occur. The contract only; the routes' own schemas are unchanged.
 */
const NAMED_IN_CONTRACT: Record<string, object> = { Version, NextCursor, TitleCode, DossierStatus }

function nameRepeatedSchemas (document: Json, named: Record<string, object>): void {
  const schemas: Json = (document.components.schemas ??= {})
  const byText = new Map(Object.entries(named).map(([name, schema]) => [JSON.stringify(schema), name]))
  const used = new Set<string>()
  const visit = (node: Json): void => {
    for (const key of Object.keys(node)) {
      const child: unknown = node[key]
      if (key === 'example' || key === 'examples' || child === null || typeof child !== 'object') continue
      const name = Array.isArray(child) ? undefined : byText.get(JSON.stringify(child))
      if (name === undefined) { visit(child as Json); continue }
      node[key] = { $ref: `#/components/schemas/${name}` }
      used.add(name)
    }
  }
  visit(document.paths)
  visit(schemas)
  for (const name of [...used].sort()) {
    if (name in schemas) throw new Error(`components.schemas.${name} exists already`)
    schemas[name] = JSON.parse(JSON.stringify(named[name]))
  }
}

/**
 * A resource as read and the record its events carry, which leaves out what is computed on reading
 * (http/event-catalogue.ts): the read form is written as the record and what it adds, instead of a second copy of it.
 */
const EXTENDED_RECORDS: Array<[whole: string, record: string]> = [
  ['Scorecard', 'ScorecardRecord'], ['Election', 'ElectionRecord'], ['RoundResult', 'RoundTally'], ['Dossier', 'DossierRecord']
]

function extendRecord (schemas: Json, whole: string, record: string): void {
  const { type, required = [], properties = {}, ...rest }: Json = schemas[whole] ?? {}
  const base: Json = schemas[record] ?? {}
  const shared = Object.keys(base.properties ?? {})
  const same = type === 'object' && base.type === 'object' && shared.length > 0 &&
    rest.additionalProperties === undefined && base.additionalProperties === undefined &&
    shared.every((key) => JSON.stringify(properties[key]) === JSON.stringify(base.properties[key])) &&
    (base.required ?? []).every((key: string) => required.includes(key))
  if (!same) throw new Error(`${whole} is no longer ${record} with more properties`)
  const added = Object.keys(properties).filter((key) => !shared.includes(key))
  schemas[whole] = {
    allOf: [
      { $ref: `#/components/schemas/${record}` },
      {
        type: 'object',
        required: required.filter((key: string) => added.includes(key)),
        properties: Object.fromEntries(added.map((key) => [key, properties[key]]))
      }
    ],
    ...rest
  }
}

/**
 * A one-value `enum` (a literal: an event's `type`, a branch's tag) written as the `const` it is: the same type for
 * generators and validators, in fewer characters over the few hundred literals of the event branches.
 */
function singleValuesAsConst (node: unknown): void {
  if (Array.isArray(node)) { node.forEach(singleValuesAsConst); return }
  if (node === null || typeof node !== 'object') return
  const schema = node as Json
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && !('const' in schema)) {
    const [value] = schema.enum
    delete schema.enum
    schema.const = value
    if (typeof schema.type === 'string' && schema.type === typeof value) delete schema.type
  }
  for (const [key, child] of Object.entries(schema)) {
    if (key !== 'example' && key !== 'examples') singleValuesAsConst(child)
  }
}

function withoutKeys (object: Json, keys: string[]): Json {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)))
}

/** Paths by the position of their first operation's tag in `tagOrder`, in registration order within a tag. */
function orderedPaths (paths: Json, tagOrder: string[]): Json {
  const rank = (item: Json) => {
    const tag = METHODS.map((m) => item[m]?.tags?.[0]).find((t) => t !== undefined)
    const at = tagOrder.indexOf(tag)
    return at === -1 ? tagOrder.length : at
  }
  const entries = Object.entries<Json>(paths).map((entry, i) => ({ entry, i, rank: rank(entry[1]) }))
  entries.sort((a, b) => a.rank - b.rank || a.i - b.i)
  return Object.fromEntries(entries.map(({ entry }) => entry))
}
