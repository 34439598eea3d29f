// Ajv's errors in words a person reads: each bad field as a JSON pointer into the request (`/body/code`,
// `/query/limit`), a plain message ("must be a date like 2024-07-30", "must not be blank") and the raw keyword.
// A value that fits none of an `anyOf`/`oneOf`'s branches gets one message, not one per branch plus Ajv's
// "must match a schema in anyOf": the branch its type chose when there is one, else the types it may have.

import { pointerSegment } from '../domain/errors.js'

export { pointerSegment }

export interface AjvError {
  instancePath: string
  schemaPath: string
  keyword: string
  params?: Record<string, unknown>
  message?: string
}

export interface FieldError { path: string, message: string, keyword: string }

/** The request part Fastify names (`validationContext`) as the first segment of a pointer. */
const PARTS: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' }


const TYPE_WORDS: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', null: 'null', object: 'an object', array: 'a list'
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date like 2024-07-30',
  'date-time': 'a date and time like 2024-07-30T09:00:00+07:00',
  time: 'a time like 09:00:00+07:00',
  uuid: 'a UUID',
  email: 'an email address',
  uri: 'an absolute URI',
  'uri-reference': 'a URI'
}

/** "a, b or c". */
const orList = (words: readonly string[]) =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`

const typesOf = (params: Record<string, unknown> | undefined) =>
  [params?.type].flat().flatMap((t) => String(t).split(',')).map((t) => TYPE_WORDS[t] ?? t)

const plural = (n: unknown, one: string, many = `${one}s`) => `${String(n)} ${Number(n) === 1 ? one : many}`

const quote = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

/** How much of a message the allowed values of an enum may take: a problem's `message` holds 1000 characters. */
const LISTED_VALUES_LENGTH = 800

/** "must be one of: a, b, c", naming as many values as fit and counting the rest (the event types are many). */
function oneOf (values: readonly string[]): string {
  let length = 0
  const listed = values.filter((value) => (length += value.length + 2) <= LISTED_VALUES_LENGTH)
  const more = values.length - listed.length
  return `must be one of: ${listed.join(', ')}${more > 0 ? ` … and ${more} more (the contract lists them all)` : ''}`
}

/** The plain message of one Ajv error (not an anyOf/oneOf: see collapse). */
export function plainMessage (error: AjvError): string {
  const p = error.params ?? {}
  switch (error.keyword) {
    case 'required': return 'is required'
    case 'additionalProperties': return 'is not a known field'
    case 'type': return `must be ${orList(typesOf(p))}`
    case 'format': return `must be ${FORMAT_WORDS[String(p.format)] ?? `in the format ${String(p.format)}`}`
    case 'pattern': return /^\\S$|^\[\^\\s\]$/.test(String(p.pattern)) ? 'must not be blank' : `must match the pattern ${String(p.pattern)}`
    case 'minLength': return Number(p.limit) === 1 ? 'must not be empty' : `must be at least ${plural(p.limit, 'character')}`
    case 'maxLength': return `must be at most ${plural(p.limit, 'character')}`
    case 'minimum': return `must be at least ${String(p.limit)}`
    case 'maximum': return `must be at most ${String(p.limit)}`
    case 'exclusiveMinimum': return `must be more than ${String(p.limit)}`
    case 'exclusiveMaximum': return `must be less than ${String(p.limit)}`
    case 'multipleOf': return `must be a multiple of ${String(p.multipleOf)}`
    case 'minItems': return Number(p.limit) === 1 ? 'must not be empty' : `must have at least ${plural(p.limit, 'item')}`
    case 'maxItems': return `must have at most ${plural(p.limit, 'item')}`
    case 'minProperties': return `must have at least ${plural(p.limit, 'field')}`
    case 'maxProperties': return `must have at most ${plural(p.limit, 'field')}`
    case 'uniqueItems': return `must not repeat an item (items ${String(p.j)} and ${String(p.i)} are the same)`
    case 'enum': return oneOf((p.allowedValues as unknown[] | undefined ?? []).map(quote))
    case 'const': return `must be ${quote(p.allowedValue)}`
    case 'discriminator': return p.error === 'mapping' ? `has a ${String(p.tag)} this operation does not know` : `needs a ${String(p.tag)} that is a string`
    case 'anyOf': case 'oneOf':
      return p.passingSchemas ? 'matches more than one of the allowed forms' : 'does not match any allowed form'
    default: return error.message ?? 'is not valid'
  }
}

/** The pointer segment(s) an error adds below its instancePath: the missing or unknown field, or the tag. */
function leaf (error: AjvError): string {
  const p = error.params ?? {}
  if (error.keyword === 'required' && typeof p.missingProperty === 'string') return `/${pointerSegment(p.missingProperty)}`
  if (error.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') return `/${pointerSegment(p.additionalProperty)}`
  if (error.keyword === 'discriminator' && typeof p.tag === 'string') return `/${pointerSegment(p.tag)}`
  return ''
}

interface Located { error: AjvError, path: string, message: string }

/** What a value of a branch must be, when the branch refused it for its kind only (type, const, enum). */
function kindWords (e: Located, at: string): string[] | undefined {
  if (e.error.instancePath !== at) return undefined
  const p = e.error.params ?? {}
  if (e.error.keyword === 'type') return typesOf(p)
  if (e.error.keyword === 'const') return [quote(p.allowedValue)]
  if (e.error.keyword === 'enum') return (p.allowedValues as unknown[] | undefined ?? []).map(quote)
  return undefined
}

/**
 * Replaces each anyOf/oneOf error and the errors of its branches by what helps: when some branch failed on more than
 * its kind (the value had that branch's type), that branch's errors; else one "must be a string or null". Ajv lists a
 * choice's branch errors right before the choice's own error, so one pass from the start finds them on the stack.
 */
function collapse (errors: readonly Located[]): Located[] {
  const out: Located[] = []
  for (const item of errors) {
    const { keyword, schemaPath, instancePath, params } = item.error
    if ((keyword !== 'anyOf' && keyword !== 'oneOf') || params?.passingSchemas) {
      out.push(item)
      continue
    }
    const prefix = `${schemaPath}/`
    let start = out.length
    while (start > 0 && out[start - 1].error.schemaPath.startsWith(prefix)) start--
    const branchErrors = out.splice(start)
    if (branchErrors.length === 0) {
      out.push(item)
      continue
    }
    const byBranch = new Map<string, Located[]>()
    for (const e of branchErrors) {
      const branch = e.error.schemaPath.slice(prefix.length).split('/')[0]
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e])
    }
    const chosen = [...byBranch.values()].find((found) => found.some((e) => kindWords(e, instancePath) === undefined))
    if (chosen) out.push(...chosen)
    else out.push({ ...item, message: `must be ${orList([...new Set(branchErrors.flatMap((e) => kindWords(e, instancePath) ?? []))])}` })
  }
  return out
}

/** Ajv's errors of one request part (`body`, `querystring`, `params`, `headers`) as plain field errors, in order. */
export function fieldErrors (errors: readonly AjvError[], context = 'body'): FieldError[] {
  const root = `/${PARTS[context] ?? context}`
  const located = errors.map((error) => ({ error, path: `${root}${error.instancePath}${leaf(error)}`, message: plainMessage(error) }))
  const seen = new Set<string>()
  return collapse(located)
    .map(({ error, path, message }) => ({ path, message, keyword: error.keyword }))
    // Two branches may say the same of one field: say it once.
    .filter((e) => {
      const key = `${e.path} ${e.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}
