// One policy for text: what a client sends must be Unicode text the records can keep, or it is refused with a 400
// naming the field. Left alone, a JSON body's invalid UTF-8 bytes were stored as U+FFFD and a lone surrogate
// (`"\ud800"`) reached some fields and not others; a query string's undecodable escape (`%FF`) was taken literally;
// a NUL character (`"\u0000"`, `%00`), which PostgreSQL text cannot hold, came back from the database as a 400 that
// named no field. Paths are refused by the router already (app.ts, frameworkErrors).
import { isUtf8 } from 'node:buffer'
import fp from 'fastify-plugin'
import { invalid } from '../domain/errors.js'
import { MAX_LISTED_ERRORS } from '../http/shared-schemas.js'
import { pointerSegment } from './validation-messages.js'

const REPLACEMENT = '\uFFFD'
// With the u flag a surrogate matches only when unpaired: a pair is one code point.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u
// In valid UTF-8 no surrogate is encoded, so a parsed body holds one only where the JSON escapes it (`\ud800`).
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/
// A JSON string holds U+0000 only escaped: the raw byte is not allowed inside one.
const NUL_ESCAPE = /\\u0000/
const NUL = '\u0000'
const NUL_MESSAGE = 'holds a NUL character (U+0000), which text cannot hold'
const SURROGATE_MESSAGE = 'holds a lone surrogate, which is not a character'

interface BadText { path: string, message: string }

/** A value still to visit, with the way to it: its path is spelled only if it is found bad. */
interface Visit { value: unknown, key: string | number, parent: Visit | undefined }

const pathOf = (visit: Visit): string => {
  const keys: string[] = []
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) keys.push(pointerSegment(at.key))
  return `/body${keys.reverse().map((key) => `/${key}`).join('')}`
}

/**
 * The strings (values and keys) of a parsed JSON value that `isBad` flags, with their paths, the first few.
 * Iterative: a body may nest thousands deep (the idempotency check refuses that later, naming it). A string is
 * checked where it is met and only containers wait their turn, so the cost is about that of parsing the body:
 * spelling every value's path, as this once did, took seconds of CPU (and as long a pause for every other
 * request) on a 1 MB body of 400,000 values.
 */
function badStrings (value: unknown, problemOf: (text: string) => string | undefined): BadText[] {
  const found: BadText[] = []
  const root: Visit = { value, key: '', parent: undefined }
  const pending: Visit[] = []
  const meet = (item: unknown, key: string | number, parent: Visit | undefined) => {
    if (typeof item === 'string') {
      const message = problemOf(item)
      if (message !== undefined) found.push({ path: pathOf({ value: item, key, parent }), message })
    } else if (item !== null && typeof item === 'object') {
      pending.push({ value: item, key, parent })
    }
  }
  if (typeof value === 'string') meet(value, '', undefined)
  else pending.push(root)
  while (pending.length > 0 && found.length < MAX_LISTED_ERRORS) {
    const visit = pending.pop()!
    const node = visit.value as Record<string, unknown> | unknown[]
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) meet(node[i], i, visit)
      continue
    }
    const keys = Object.keys(node)
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]
      const message = problemOf(key)
      if (message !== undefined) found.push({ path: pathOf({ value: key, key, parent: visit }), message: `has a name that ${message}` })
      meet(node[key], key, visit)
    }
  }
  return found.slice(0, MAX_LISTED_ERRORS)
}

const refusal = (errors: BadText[]) => invalid('invalid_text',
  `The request holds text that is not valid Unicode or that the records cannot keep: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, { errors })

/** Refuses invalid UTF-8, lone surrogates and NUL characters in a JSON body, naming the fields that hold them. */
export function unicodeProblems (raw: Buffer, parsed: unknown): Error | null {
  if (!isUtf8(raw)) {
    const found = badStrings(parsed, (text) => text.includes(REPLACEMENT) ? 'is not valid UTF-8' : undefined)
    return refusal(found.length > 0 ? found : [{ path: '/body', message: 'is not valid UTF-8' }])
  }
  // Only a body that escapes one of them is walked: the usual body costs two scans of its bytes.
  const text = raw.toString('latin1')
  const surrogates = SURROGATE_ESCAPE.test(text)
  const nuls = NUL_ESCAPE.test(text)
  if (!surrogates && !nuls) return null
  const found = badStrings(parsed, (value) =>
    surrogates && LONE_SURROGATE.test(value) ? SURROGATE_MESSAGE : nuls && value.includes(NUL) ? NUL_MESSAGE : undefined)
  return found.length > 0 ? refusal(found) : null
}

/** The query parameters whose name or value has a percent-escape that does not decode to UTF-8 text, or to a NUL. */
export function queryTextProblems (query: string): BadText[] {
  const found: BadText[] = []
  for (const pair of query.split('&')) {
    const name = pair.split('=', 1)[0]
    try {
      if (decodeURIComponent(pair.replace(/\+/g, ' ')).includes(NUL)) found.push({ path: `/query/${pointerSegment(name)}`, message: NUL_MESSAGE })
    } catch {
      found.push({ path: `/query/${pointerSegment(name)}`, message: 'has a percent-escape that is not UTF-8 text' })
    }
  }
  return found
}

export default fp(async (app) => {
  const parseJson = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? 'error', app.initialConfig.onConstructorPoisoning ?? 'error')
  app.removeContentTypeParser('application/json')
  // Every body this service takes is JSON: a text/plain one (which Fastify would otherwise read as a string, only for
  // the schema to refuse it as 400) is a 415 telling the caller which Content-Type to send (plugins/errors.ts).
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    const bytes = raw as Buffer
    parseJson(request, bytes.toString('utf8'), (error, parsed) => {
      if (error) return done(error, undefined)
      const problem = unicodeProblems(bytes, parsed)
      return problem ? done(problem, undefined) : done(null, parsed)
    })
  })
  // Only where the route reads its query string: elsewhere (health, unknown paths) a query is ignored whole.
  app.addHook('onRequest', async (request) => {
    const at = request.url.indexOf('?')
    if (at < 0 || request.routeOptions.schema?.querystring === undefined) return
    const found = queryTextProblems(request.url.slice(at + 1))
    if (found.length > 0) throw refusal(found.slice(0, MAX_LISTED_ERRORS))
  })
}, { name: 'unicode-text', dependencies: ['errors'] })
