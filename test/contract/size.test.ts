// The contract stays small enough for generators and for Swagger UI in a browser: what repeats is shared through
// components (plugins/contract-document.ts). It grows with every operation, so the guard is per operation: with a
// description, roles, problem codes and an example on every operation, parameter and problem, 75 operations measured
// 5,187 characters each (389 KB minified, 52 KB gzipped), 86 measure 5,302 (456 KB) and 136 measured 5,419 (737 KB),
// then 5,161 (702 KB, 100 KB gzipped) once the schemas the routes spell out in place were named once and the read
// forms written as their records plus what they add. The 250 KB aim of the issue that asked for sharing is not met:
// the descriptions, examples and problem codes it asks for already take more than that (see its note). This fails when
// an operation brings copies instead of references.
import t from 'tap'
import { generateContract } from '../../src/cli/openapi.js'

const PER_OPERATION = 5_300

const operationsOf = (document: { paths: Record<string, Record<string, unknown>> }) =>
  Object.values(document.paths).flatMap((item) => Object.values(item)).filter((op) => typeof op === 'object' && op !== null && 'operationId' in op).length

t.test(`the minified contract is at most ${PER_OPERATION} characters per operation`, async (t) => {
  const document = JSON.parse(await generateContract())
  const minified = JSON.stringify(document).length
  const operations = operationsOf(document)
  const sizes = Object.fromEntries(Object.entries<Record<string, unknown>>(document.components).map(([name, part]) => [name, JSON.stringify(part).length]))
  t.ok(operations > 80, `${operations} operations`)
  t.ok(minified <= PER_OPERATION * operations,
    `${minified} characters for ${operations} operations (${Math.round(minified / operations)} each, limit ${PER_OPERATION}); ` +
    `paths ${JSON.stringify(document.paths).length}, components ${JSON.stringify(sizes)}`)
})

t.test('no response object, parameter or header is written out twice', async (t) => {
  const document = JSON.parse(await generateContract())
  const seen = new Map<string, string>()
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [method, op] of Object.entries<Record<string, any>>(item)) {
      const parts: Array<[string, unknown]> = [
        ...Object.entries<unknown>(op.responses ?? {}).filter(([status]) => Number(status) >= 300).map(([status, r]): [string, unknown] => [`${status}`, r]),
        ...(op.parameters ?? []).map((p: unknown, i: number): [string, unknown] => [`parameter ${i}`, p])
      ]
      for (const [where, part] of parts) {
        if ((part as { $ref?: string }).$ref !== undefined) continue
        const key = JSON.stringify(part)
        t.notOk(seen.has(key), `${method.toUpperCase()} ${path} ${where} is not a copy of ${seen.get(key) ?? 'another'}`)
        seen.set(key, `${method.toUpperCase()} ${path} ${where}`)
      }
      for (const [status, response] of Object.entries<Record<string, any>>(op.responses ?? {})) {
        for (const [name, header] of Object.entries<Record<string, unknown>>(response.headers ?? {})) {
          t.type(header.$ref, 'string', `${method.toUpperCase()} ${path} ${status}: ${name} refers to components.headers`)
        }
      }
    }
  }
})
