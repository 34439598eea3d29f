// client/schema.d.ts is what openapi-typescript generates from the committed contract, so the typed client never
// lags behind openapi/openapi.json (whose own drift test/contract/openapi.test.ts checks against the routes).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { CONTRACT_FILE, TYPES_FILE, generateTypes, main } from '../../client/generate.js'

const contract = fs.readFileSync(CONTRACT_FILE, 'utf8')

t.test('the committed client types are what the contract generates', async (t) => {
  const generated = await generateTypes(contract)
  t.ok(fs.existsSync(TYPES_FILE), 'client/schema.d.ts exists (run `npm run client`)')
  const committed = fs.existsSync(TYPES_FILE) ? fs.readFileSync(TYPES_FILE, 'utf8') : ''
  t.ok(committed === generated, 'client/schema.d.ts matches openapi/openapi.json; if not, run `npm run client` and commit it')
  // Every operation of the contract is typed, so a new resource (elections) cannot be left out.
  const parsed = JSON.parse(contract) as { paths: Record<string, Record<string, { operationId?: string }>> }
  for (const [route, item] of Object.entries(parsed.paths)) {
    t.ok(generated.includes(`    ${JSON.stringify(route)}: {`), `${route} is typed`)
    for (const operation of Object.values(item)) {
      if (operation.operationId) t.ok(generated.includes(`    ${operation.operationId}: {`), `${operation.operationId} is typed`)
    }
  }
})

t.test('npm run client: --check passes on the committed file, fails on a stale one, and writing fixes it', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-client-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const out = path.join(dir, 'schema.d.ts')
  const logs: string[] = []
  const errors: string[] = []
  t.intercept(console, 'log', { value: (line: string) => { logs.push(line) } })
  t.intercept(console, 'error', { value: (line: string) => { errors.push(line) } })

  t.equal(await main(['--check']), 0, 'the committed client/schema.d.ts is up to date')
  t.equal(await main(['--check', '--out', out]), 1, 'a missing file fails the check')
  t.match(errors.pop(), /is missing; run `npm run client`/)
  t.notOk(fs.existsSync(out), '--check writes nothing')

  t.equal(await main(['--out', out]), 0)
  t.match(logs.pop(), /wrote .*schema\.d\.ts/)
  t.equal(fs.readFileSync(out, 'utf8'), await generateTypes(contract), 'writes the generated types')

  // A contract with one more operation: the file written for the old one is now stale.
  const grown = JSON.parse(contract)
  grown.paths['/v1/client-drift-probe'] = {
    get: { operationId: 'clientDriftProbe', summary: 'probe', responses: { 200: { description: 'ok' } } }
  }
  const grownFile = path.join(dir, 'openapi.json')
  fs.writeFileSync(grownFile, JSON.stringify(grown))
  t.equal(await main(['--check', '--contract', grownFile, '--out', out]), 1, 'a new operation makes the types stale')
  t.match(errors.pop(), /differs from the contract/)
  t.equal(await main(['--contract', grownFile, '--out', out]), 0)
  t.match(fs.readFileSync(out, 'utf8'), /clientDriftProbe: \{/)
  t.equal(await main(['--contract', grownFile, '--out', out]), 0, 'an up-to-date file is left alone')
  t.match(logs.pop(), /is up to date/)
})
