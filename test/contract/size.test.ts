// The contract stays small enough for generators and for Swagger UI in a browser: what repeats is shared through
// components (plugins/contract-document.ts). The aim is 250 KB minified; with a description and an example on every
// operation, parameter and problem it measures ~389 KB (52 KB gzipped), so this guards against growth past 400 KB
// until what is left repeated (event branches, $ref strings, per-status descriptions) is cut further.
import t from 'tap'
import { generateContract } from '../../src/cli/openapi.js'

const LIMIT = 400_000

t.test(`the minified contract is at most ${LIMIT} characters`, async (t) => {
  const document = JSON.parse(await generateContract())
  const minified = JSON.stringify(document).length
  const sizes = Object.fromEntries(Object.entries<Record<string, unknown>>(document.components).map(([name, part]) => [name, JSON.stringify(part).length]))
  t.ok(minified <= LIMIT, `${minified} characters (limit ${LIMIT}); paths ${JSON.stringify(document.paths).length}, components ${JSON.stringify(sizes)}`)
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
