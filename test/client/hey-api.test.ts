// A second, independent generator trusts the contract: @hey-api/openapi-ts generates a fetch client from the
// committed openapi/openapi.json into a temporary directory, and the generated code, with a small program calling
// createUnit and listUnits through it, type-checks with `tsc --strict`. The program also holds calls the contract
// forbids (marked @ts-expect-error), so types that degrade to `any` or `unknown` fail the check as well. The client
// does not depend on the database engine: it runs once per CI run, in the PostgreSQL pass.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { engine } from '../helpers/database.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// As the README's command names it, from the project's folder: 0.95 reads a path without `./` as a Hey API registry
// name (`organization/project`) and fails, so the test runs the form an integrator copies.
const CONTRACT = './openapi/openapi.json'
const OPENAPI_TS = path.join(ROOT, 'node_modules/@hey-api/openapi-ts/bin/run.js')
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc')

const skip = engine !== 'postgres'
  ? 'the generated client does not depend on the database engine: it is checked in the PostgreSQL pass (TEST_DATABASE_URL)'
  : false
if (skip) console.log(`# skipping the @hey-api/openapi-ts client check: ${skip}`)

// What an integrator writes first: make a unit of Cụm thi đua số 1, then find it again. Every name below comes from
// the generated code (sdk.gen.ts, types.gen.ts); a renamed operation, parameter or field breaks the check.
const USAGE = `import { createClient } from './client/index.js'
import { createUnit, listUnits, type NewUnit, type Unit } from './index.js'

const client = createClient({ baseUrl: 'http://127.0.0.1:3000', auth: () => process.env.THIDUA_TOKEN ?? '' })

export async function makeAndFind (): Promise<Unit | undefined> {
  const body: NewUnit = { name: 'Công an tỉnh Lào Cai', code: 'LCA', shortName: null }
  const created = await createUnit({ client, body })
  if (created.error !== undefined) return undefined
  const unit: Unit = created.data
  const etag: string | null = created.response.headers.get('etag')
  console.log(unit.id, unit.version, etag)

  const page = await listUnits({ client, query: { q: 'Lào Cai', limit: 10 } })
  if (page.error !== undefined) return undefined
  const name: string = page.data.items[0].name
  console.log(name, page.data.nextCursor)
  return page.data.items.find((item) => item.id === unit.id)
}

export async function refused (): Promise<void> {
  // @ts-expect-error a unit needs a name
  await createUnit({ client, body: { code: 'LCA' } })
  // @ts-expect-error limit is a number
  await listUnits({ client, query: { limit: 'ten' } })
  // @ts-expect-error a unit has no field the contract does not name
  await createUnit({ client, body: { name: 'Công an tỉnh Lào Cai', province: 'Lào Cai' } })
}
`

// Only what the generated code needs: no @types (fetch, Request and Headers come from the DOM library), so the check
// sees the generated client alone. noUncheckedIndexedAccess stays off, as most integrators have it.
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    strict: true,
    noEmit: true,
    types: []
  },
  include: ['**/*.ts']
}

t.test('@hey-api/openapi-ts generates a client from the committed contract that type-checks with strict', { skip }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-hey-api-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const out = path.join(dir, 'client')

  await run(process.execPath, [OPENAPI_TS, '--input', CONTRACT, '--output', out, '--client', '@hey-api/client-fetch',
    '--silent', '--no-log-file'], { cwd: ROOT })
  const sdk = fs.readFileSync(path.join(out, 'sdk.gen.ts'), 'utf8')
  t.match(sdk, /export const createUnit\b/, 'createUnit is generated')
  t.match(sdk, /export const listUnits\b/, 'listUnits is generated')

  // process.env in the usage program: declared here rather than through @types/node.
  fs.writeFileSync(path.join(out, 'usage.ts'), USAGE)
  fs.writeFileSync(path.join(out, 'env.d.ts'), 'declare const process: { env: Record<string, string | undefined> }\n')
  fs.writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))

  const checked = await run(process.execPath, [TSC, '-p', out], { cwd: out }).then(
    () => ({ code: 0, output: '' }),
    (error: { code?: number, stdout?: string, stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` })
  )
  t.equal(checked.output, '', 'tsc --strict reports nothing on the generated client and its use')
  t.equal(checked.code, 0, 'tsc --strict passes')
})
