// One policy for text: what a client sends must be Unicode text, or it is refused with a 400 naming the field.
// Left alone, a JSON body's invalid UTF-8 bytes were stored as U+FFFD and a lone surrogate (`"\ud800"`) reached
// some fields and not others; a query string's undecodable escape (`%FF`) was taken literally. Paths are refused
// by the router already (app.ts, frameworkErrors).
import { isUtf8 } from 'node:buffer'
import fp from 'fastify-plugin'
import { invalid } from '../domain/errors.js'
import { MAX_LISTED_ERRORS } from '../http/shared-schemas.js'
import { pointerSegment } from './validation-messages.js'

const REPLACEMENT = '\uFFFD'
// With the u flag a surrogate matches only when unpaired: a pair is one code point.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

interface BadText { path: string, message: string }

/**
 * The strings (values and keys) of a parsed JSON value that `isBad` flags, with their paths, the first few.
 * Iterative: a body may nest thousands deep (the idempotency check refuses that later, naming it).
 */
function badStrings (value: unknown, isBad: (text: string) => boolean, message: string): BadText[] {
  const found: BadText[] = []
  const pending: Array<[unknown, string]> = [[value, '/body']]
  while (pending.length > 0 && found.length < MAX_LISTED_ERRORS) {
    const [node, path] = pending.pop()!
    if (typeof node === 'string') {
      if (isBad(node)) found.push({ path, message })
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]
        if (!Array.isArray(node) && isBad(key)) found.push({ path: `${path}/${pointerSegment(key)}`, message: `has a name that ${message}` })
        pending.push([item, `${path}/${pointerSegment(key)}`])
      }
    }
  }
  return found.slice(0, MAX_LISTED_ERRORS)
}

const refusal = (errors: BadText[]) => invalid('invalid_text',
  `The request holds text that is not valid Unicode: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, { errors })

/** Refuses invalid UTF-8 and lone surrogates in a JSON body, naming the fields that hold them. */
export function unicodeProblems (raw: Buffer, parsed: unknown): Error | null {
  if (!isUtf8(raw)) {
    const found = badStrings(parsed, (text) => text.includes(REPLACEMENT), 'is not valid UTF-8')
    return refusal(found.length > 0 ? found : [{ path: '/body', message: 'is not valid UTF-8' }])
  }
  const found = badStrings(parsed, (text) => LONE_SURROGATE.test(text), 'holds a lone surrogate, which is not a character')
  return found.length > 0 ? refusal(found) : null
}

/** The query parameters whose name or value has a percent-escape that does not decode to UTF-8 text. */
export function undecodableQueryParameters (query: string): BadText[] {
  const found: BadText[] = []
  for (const pair of query.split('&')) {
    const name = pair.split('=', 1)[0]
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '))
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
    const found = undecodableQueryParameters(request.url.slice(at + 1))
    if (found.length > 0) throw refusal(found.slice(0, MAX_LISTED_ERRORS))
  })
}, { name: 'unicode-text', dependencies: ['errors'] })
