// What every response must satisfy, whatever was sent: no 5xx; a status the operation documents; a content type
// documented for that status; a body valid against the documented schema; problems with type/title/status/
// detail/code, and a code the operation lists for that status. Returns what is wrong, or nothing.
import type { Contract, Operation } from './contract.js'

export interface Received {
  statusCode: number
  headers: Record<string, unknown>
  body: string
}

export interface Violation {
  kind: 'server_error' | 'undocumented_status' | 'undocumented_content_type' | 'schema' | 'problem_shape' | 'not_json' | 'undocumented_code'
  message: string
}

const PROBLEM_FIELDS = ['type', 'title', 'status', 'detail', 'code'] as const

export function check (contract: Contract, op: Operation, response: Received): Violation | undefined {
  const status = String(response.statusCode)
  if (response.statusCode >= 500) return { kind: 'server_error', message: `answered ${status}` }
  const documented = op.responses[status] ?? op.responses.default
  if (!documented) {
    return { kind: 'undocumented_status', message: `answered ${status}; documented: ${Object.keys(op.responses).join(', ')}` }
  }
  const header = response.headers['content-type']
  const contentType = typeof header === 'string' ? header.split(';')[0].trim().toLowerCase() : undefined
  const types = Object.keys(documented)
  // No body (a 304 keeps the 200's Content-Type header, which then describes nothing): fine where none is documented.
  if (response.body === '') {
    return types.length === 0 ? undefined : { kind: 'schema', message: `answered ${status} with no body; documented: ${types.join(', ')}` }
  }
  if (types.length === 0) return { kind: 'undocumented_content_type', message: `answered ${status} with a body; documented: no body` }
  if (!contentType || !types.includes(contentType)) {
    return { kind: 'undocumented_content_type', message: `answered ${status} as ${contentType ?? 'no content type'}; documented: ${types.join(', ') || 'no body'}` }
  }
  let body: unknown = response.body
  if (contentType.endsWith('json')) {
    try {
      body = JSON.parse(response.body)
    } catch {
      return { kind: 'not_json', message: `answered ${status} ${contentType} that is not JSON` }
    }
  }
  const validate = contract.validator(op, op.responses[status] ? status : 'default', contentType)
  if (!validate(body)) {
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')
    return { kind: 'schema', message: `the ${status} ${contentType} body breaks its schema: ${errors}` }
  }
  if (contentType === 'application/problem+json') {
    const problem = body as Record<string, unknown>
    const missing = PROBLEM_FIELDS.filter((f) => f === 'status' ? typeof problem?.[f] !== 'number' : typeof problem?.[f] !== 'string')
    if (missing.length) return { kind: 'problem_shape', message: `the problem lacks ${missing.join(', ')}` }
    if (problem.status !== response.statusCode) return { kind: 'problem_shape', message: `problem.status ${String(problem.status)} on a ${status}` }
    const listed = op.problemCodes?.[op.responses[status] ? status : 'default']
    if (listed && !listed.includes(problem.code as string)) {
      return { kind: 'undocumented_code', message: `answered ${status} ${String(problem.code)}; documented for ${status}: ${listed.join(', ')}` }
    }
  }
  return undefined
}
