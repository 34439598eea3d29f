// The problem codes of the contract are the registry's (src/domain/problem-codes.ts): every code an operation lists
// is registered, every registered code is listed by some operation (or is refused before any route), the Problem
// schema's `code` enum is the registry, and a real refusal carries a code its operation lists.
import t from 'tap'
import { PROBLEM_CODES, problemCodes } from '../../src/domain/problem-codes.js'
import { problemResponse, problems } from '../../src/http/problem-responses.js'
import { build } from '../helpers/build.js'
import { createUnit } from '../helpers/units.js'

type Json = Record<string, any>
const METHODS = ['get', 'put', 'post', 'patch', 'delete']

/** Per operation id and status, the codes the contract lists (the operation's map, and the `$ref`ed shared response's). */
function listedCodes (document: Json): Map<string, Record<string, string[]>> {
  const listed = new Map<string, Record<string, string[]>>()
  for (const item of Object.values<Json>(document.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method]
      const byStatus: Record<string, string[]> = {}
      for (const [status, answer] of Object.entries<Json>(op.responses)) {
        const response = answer.$ref ? document.components.responses[answer.$ref.split('/').pop()] : answer
        // The operation's own codes (its `x-problem-codes` map) and the platform's (the shared response's).
        if (response.content?.['application/problem+json'] !== undefined) {
          byStatus[status] = [...(op['x-problem-codes']?.[status] ?? []), ...(response['x-problem-codes'] ?? [])]
        }
      }
      listed.set(op.operationId ?? `${method} ${op.path}`, byStatus)
    }
  }
  return listed
}

t.test('the contract lists registered codes only, and every registered code somewhere', async (t) => {
  const { app } = await build(t)
  const document = app.swagger() as unknown as Json
  const listed = listedCodes(document)
  const documented = new Set<string>()
  for (const [op, byStatus] of listed) {
    for (const [status, codes] of Object.entries(byStatus)) {
      for (const code of codes) {
        documented.add(code)
        t.ok(code in PROBLEM_CODES, `${op} ${status}: ${code} is registered`)
        if (code in PROBLEM_CODES) t.equal(String(PROBLEM_CODES[code as keyof typeof PROBLEM_CODES].status), status, `${op}: ${code} under its own status`)
      }
    }
  }
  const unlisted = problemCodes.filter((code) => !documented.has(code) && !('reach' in PROBLEM_CODES[code] && PROBLEM_CODES[code].reach === 'connection'))
  t.same(unlisted, [], 'every registered code is listed by at least one operation')
  t.same(document.components.schemas.Problem.properties.code.enum, problemCodes, 'Problem.code is the registry')
  t.ok([...listed.values()].every((byStatus) => byStatus['401']?.includes('invalid_token') || byStatus['401'] === undefined),
    'the platform\'s codes come with every operation')
})

t.test('a known refusal carries a code its operation lists', async (t) => {
  const { app, admin } = await build(t)
  await createUnit(app, admin, { name: 'Công an tỉnh Lào Cai', code: 'LCA' })
  const twice = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name: 'Công an tỉnh Lào Cai (2)', code: 'LCA' } })
  t.equal(twice.statusCode, 409)
  t.equal(twice.json().code, 'unit_code_taken')
  const document = app.swagger() as unknown as Json
  const listed = listedCodes(document).get('createUnit')
  t.ok(listed?.['409']?.includes('unit_code_taken'), 'createUnit lists unit_code_taken for 409')
  const operation = document.paths['/v1/units'].post
  t.same(operation['x-problem-codes']['409'].filter((code: string) => code.startsWith('unit_')), ['unit_code_taken', 'unit_name_taken'],
    'in the operation\'s own x-problem-codes map')
  t.match(operation.responses['409'], { $ref: '#/components/responses/Conflict', description: /`unit_code_taken`, `unit_name_taken`/ },
    'its 409 refers to the shared Conflict answer and names its codes')
  t.same(Object.keys(operation.responses['409']).sort(), ['$ref', 'description'], 'a Reference Object carries only $ref and description')
  t.same(document.components.responses.Unauthorized['x-problem-codes'], ['invalid_token', 'unauthenticated'], 'the shared 401 lists the platform\'s codes')
  t.match(document.components.schemas.Problem.properties.code.description, /- `unit_code_taken` \(409\): Another unit has this code; `existingUnitId` is that unit's id\./,
    'each code\'s meaning is written once, in Problem.code')
})

t.test('problems() lists each status\'s codes, with the platform\'s, and refuses a code of another status', async (t) => {
  const documented = problems({ 404: ['unit_not_found'], 409: ['unit_code_taken'] })
  t.same(Object.keys(documented), ['400', '401', '403', '404', '409', '429', '500', '503'])
  const conflict = documented[409].content['application/problem+json']
  t.same(conflict['x-problem-codes'], ['unit_code_taken'])
  t.match(documented[409].description, /- `unit_code_taken`: Another unit has this code; `existingUnitId` is that unit's id\./)
  t.match(conflict.example, { code: 'unit_code_taken', status: 409, title: 'Conflict' })
  t.same(documented[404].content['application/problem+json']['x-problem-codes'], ['route_not_found', 'unit_not_found'])
  t.ok(documented[400].content['application/problem+json']['x-problem-codes'].includes('validation_failed'))
  t.throws(() => problemResponse(409, ['unit_not_found']), /unit_not_found answers 404, not 409/)
  t.same(problemResponse(409, ['unit_name_taken', 'unit_code_taken']), problemResponse(409, ['unit_code_taken', 'unit_name_taken']),
    'the same codes in another order make the same answer, so the contract shares it')
})

t.test('every registered code has a status, a meaning and an example', async (t) => {
  for (const code of problemCodes) {
    const entry = PROBLEM_CODES[code]
    t.match(code, /^[a-z][a-z0-9_]*$/)
    t.ok(entry.status >= 400 && entry.status < 600, `${code} has an error status`)
    t.ok(entry.meaning.length > 0 && entry.example.length > 0, `${code} says what it means, with an example`)
  }
})
