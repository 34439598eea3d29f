// Proactive content negotiation (RFC 9110 §12.5.1) for the few routes that answer more than JSON: the ranking
// (JSON, CSV, XLSX) and the printed documents (PDF). Fastify has none built in; this is the part of the Accept
// grammar those routes need, so no dependency (`negotiator` is only a dev-time transitive one here).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { problem, sendProblem } from '../plugins/errors.js'

export interface MediaRange {
  type: string
  subtype: string
  /** The weight, 0 to 1; 0 means "not acceptable". */
  q: number
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/

/** Splits on `sep` outside double-quoted strings (a parameter's quoted value may hold commas or semicolons). */
function splitOutsideQuotes (text: string, sep: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted && c === '\\' && i + 1 < text.length) {
      current += c + text[++i]
      continue
    }
    if (c === '"') quoted = !quoted
    if (c === sep && !quoted) {
      parts.push(current)
      current = ''
    } else {
      current += c
    }
  }
  parts.push(current)
  return parts
}

/**
 * The media ranges of an Accept header, in the order given, types lower-cased. A malformed range (no `/`, not a
 * token, an invalid q) is left out: it accepts nothing. Parameters other than `q` are not kept: the offered
 * types have none to match (the CSV is always UTF-8).
 */
export function parseAccept (header: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const element of splitOutsideQuotes(header, ',')) {
    const [range, ...params] = splitOutsideQuotes(element, ';').map((p) => p.trim())
    const slash = range.indexOf('/')
    if (slash < 0) continue
    const type = range.slice(0, slash).toLowerCase()
    const subtype = range.slice(slash + 1).toLowerCase()
    if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === '*' && subtype !== '*')) continue
    let q = 1
    let valid = true
    for (const param of params) {
      const eq = param.indexOf('=')
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue
      const value = param.slice(eq + 1).trim()
      if (QVALUE.test(value)) q = Number(value)
      else valid = false
      // Whatever follows q is an accept-extension, not a media type parameter.
      break
    }
    if (valid) ranges.push({ type, subtype, q })
  }
  return ranges
}

/** How specifically `range` names `type/subtype`: 2 exactly, 1 by `type/*`, 0 by `*\/*`, -1 not at all. */
function specificity (range: MediaRange, type: string, subtype: string): number {
  if (range.type === '*') return 0
  if (range.type !== type) return -1
  if (range.subtype === '*') return 1
  return range.subtype === subtype ? 2 : -1
}

/**
 * The offered media type the Accept header prefers, or undefined when it accepts none of them. No header (or an
 * empty one) accepts anything: the first offered. Each offered type takes the weight of the most specific range
 * naming it; the highest weight wins, then the most specific match, then the range the client listed first, then
 * the order offered (so `*\/*` gives the first offered).
 */
export function negotiate<T extends string> (header: string | undefined, offered: readonly T[]): T | undefined {
  if (header === undefined || header.trim() === '') return offered[0]
  const ranges = parseAccept(header)
  let best: { offer: T, q: number, specificity: number, position: number } | undefined
  for (const offer of offered) {
    const slash = offer.indexOf('/')
    const type = offer.slice(0, slash).toLowerCase()
    const subtype = offer.slice(slash + 1).toLowerCase()
    let match: { q: number, specificity: number, position: number } | undefined
    ranges.forEach((range, position) => {
      const s = specificity(range, type, subtype)
      if (s > (match?.specificity ?? -1)) match = { q: range.q, specificity: s, position }
    })
    if (!match || match.q === 0) continue
    const better = !best ||
      match.q > best.q ||
      (match.q === best.q && (match.specificity > best.specificity ||
        (match.specificity === best.specificity && match.position < best.position)))
    // Strictly better only: on a full tie the type offered first stays.
    if (better) best = { offer, ...match }
  }
  return best?.offer
}

/** Adds `header` to the response's Vary, keeping what is already listed. */
export function addVary (reply: FastifyReply, header: string): void {
  const current = reply.getHeader('vary')
  const listed = typeof current === 'string' ? current.split(',').map((h) => h.trim()).filter(Boolean) : []
  if (listed.some((h) => h === '*' || h.toLowerCase() === header.toLowerCase())) return
  reply.header('vary', [...listed, header].join(', '))
}

/**
 * The representation the request's Accept chooses among `offered` (marking the answer `Vary: Accept`), or
 * undefined once it has answered 406 `not_acceptable`, whose `offered` lists the media types to ask for instead.
 */
export function negotiated<T extends string> (request: FastifyRequest, reply: FastifyReply, offered: readonly T[]): T | undefined {
  addVary(reply, 'Accept')
  const accept = request.headers.accept
  const chosen = negotiate(accept, offered)
  if (chosen === undefined) {
    sendProblem(reply, problem(406, 'not_acceptable',
      `Accept: ${accept} names none of the media types this answers in: ${offered.join(', ')}.`, { offered: [...offered] }))
  }
  return chosen
}

/**
 * The media type of the answer: the one `?format=` names (a choice already made, by a link or a download button: it
 * wins, and the answer does not vary by Accept), else the one Accept prefers among `formats`, offered in their order
 * (the first is what no Accept or `*\/*` gets); undefined once it has answered 406 `not_acceptable`.
 */
export function chosenType<F extends string, T extends string> (
  request: FastifyRequest, reply: FastifyReply, format: F | undefined, formats: Readonly<Record<F, T>>
): T | undefined {
  return format ? formats[format] : negotiated(request, reply, Object.values<T>(formats))
}

/** The documentation of a response's `Vary: Accept`. */
export const VARY_ACCEPT = {
  Vary: { type: 'string', maxLength: 200, pattern: '\\bAccept\\b', description: '`Accept`: the media type of the answer depends on the Accept header.' }
} as const
