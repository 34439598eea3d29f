// Kinds are in the contract, not in prose: the criteria tree is one recursive CriterionNode (a oneOf told apart by
// `kind`, a group's children CriterionNodes again) and so are a scorecard's points; a new election is a oneOf by
// `kind`. Walks the contract the app serves, then generates types from it with openapi-typescript into a temporary
// directory and type-checks a small program: a leadership election without its office must not compile.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { build } from '../helpers/build.js'
import { engine } from '../helpers/database.js'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const OPENAPI_TS = path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js')
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc')

// As for the other generated clients (test/client/hey-api.test.ts): the types do not depend on the database engine,
// so they are generated and checked once per CI run, in the PostgreSQL pass.
const typesSkip = engine !== 'postgres' ? 'generated types are checked in the PostgreSQL pass (TEST_DATABASE_URL)' : false

type Schema = Record<string, any>
const component = (name: string) => `#/components/schemas/${name}`

/** Every `$ref` under a value. */
function refsIn (value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found)
  else if (value !== null && typeof value === 'object') {
    for (const [key, sub] of Object.entries(value)) {
      if (key === '$ref' && typeof sub === 'string') found.push(sub)
      else refsIn(sub, found)
    }
  }
  return found
}

/** The components a component reaches through its `$ref`s, itself included when it reaches itself. */
function reached (schemas: Record<string, Schema>, from: string): Set<string> {
  const seen = new Set<string>()
  const queue = refsIn(schemas[from])
  while (queue.length > 0) {
    const name = queue.pop()!.replace('#/components/schemas/', '')
    if (seen.has(name) || schemas[name] === undefined) continue
    seen.add(name)
    queue.push(...refsIn(schemas[name]))
  }
  return seen
}

// What an integrator writes against the generated types; the lines marked @ts-expect-error must not compile.
const USAGE = `import type { components } from './schema.js'
type NewElection = components['schemas']['NewElection']
type CriterionNode = components['schemas']['CriterionNode']

export const head: NewElection = { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: ['2fed04aa-3747-461e-9ed6-51eca2c47956'] }
export const flag: NewElection = { kind: 'title', titleCode: 'ministry_flag', termYear: 2024, candidateUnitIds: ['2fed04aa-3747-461e-9ed6-51eca2c47956'] }
// @ts-expect-error a leadership election names its office
export const noOffice: NewElection = { kind: 'leadership', termYear: 2025, candidateUnitIds: ['2fed04aa-3747-461e-9ed6-51eca2c47956'] }
// @ts-expect-error a title election names its title
export const noTitle: NewElection = { kind: 'title', termYear: 2024, candidateUnitIds: ['2fed04aa-3747-461e-9ed6-51eca2c47956'] }

export const tree: CriterionNode = {
  code: 'I', name: 'Công tác xây dựng lực lượng', maxPoints: 40, kind: 'group', children: [
    { code: 'I.1', name: 'Tỷ lệ CBCS hoàn thành xuất sắc nhiệm vụ (%)', maxPoints: 20, kind: 'quantitative', direction: 'higher_is_better' },
    { code: 'I.2', name: 'Sáng kiến', maxPoints: 10, kind: 'per_occurrence', pointsEach: 2.5 }
  ]
}
// @ts-expect-error a per_occurrence criterion names its points per occurrence
export const noPoints: CriterionNode = { code: 'I.3', name: 'Sáng kiến', maxPoints: 10, kind: 'per_occurrence' }
`

const TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] },
  include: ['*.ts']
}

t.test('kinds in the contract', async (t) => {
  const { app } = await build(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const schemas: Record<string, Schema> = document.components.schemas

  t.test('the criteria tree is one recursive CriterionNode, a oneOf by kind', async (t) => {
    t.same(Object.keys(schemas).filter((name) => /Level\d/.test(name)), [], 'no type per nesting level')
    const node = schemas.CriterionNode
    const kinds = ['CriterionGroup', 'QuantitativeCriterion', 'QualitativeCriterion', 'PerOccurrenceCriterion', 'BonusDeductionCriterion']
    t.same(node.oneOf, kinds.map((name) => ({ $ref: component(name) })))
    t.same(node.discriminator, {
      propertyName: 'kind',
      mapping: { group: component('CriterionGroup'), quantitative: component('QuantitativeCriterion'), qualitative: component('QualitativeCriterion'), per_occurrence: component('PerOccurrenceCriterion'), bonus_deduction: component('BonusDeductionCriterion') }
    })
    for (const [tag, ref] of Object.entries(node.discriminator.mapping as Record<string, string>)) {
      const branch = schemas[ref.replace('#/components/schemas/', '')]
      // @fastify/swagger writes a `const` as a one-value `enum`.
      t.same(branch.properties.kind.enum ?? [branch.properties.kind.const], [tag], `${tag}: its branch says its kind`)
      t.ok(branch.required.includes('kind'), `${tag}: its kind is required`)
    }
    t.same(schemas.CriterionGroup.properties.children.items, { $ref: component('CriterionNode') }, 'a group\'s children are CriterionNodes')
    t.ok(reached(schemas, 'CriterionNode').has('CriterionNode'), 'CriterionNode reaches itself')
    t.same(schemas.PerOccurrenceCriterion.required.sort(), ['code', 'kind', 'maxPoints', 'name', 'pointsEach'])
    for (const body of ['NewScoringScheme', 'ScoringScheme']) t.same(schemas[body].properties.criteria.items, { $ref: component('CriterionNode') }, body)
    t.same(schemas.CriterionScore.properties.children.items, { $ref: component('CriterionScore') }, 'a scorecard\'s points are one recursive CriterionScore')
    t.match(schemas.ScorecardEntry.description, /kind/, 'why entries are one shape is said')
  })

  t.test('a new election is a oneOf by kind', async (t) => {
    t.same(schemas.NewElection.oneOf, [{ $ref: component('NewLeadershipElection') }, { $ref: component('NewTitleElection') }])
    t.same(schemas.NewElection.discriminator, { propertyName: 'kind', mapping: { leadership: component('NewLeadershipElection'), title: component('NewTitleElection') } })
    t.ok(schemas.NewLeadershipElection.required.includes('office'), 'a leadership election names its office')
    t.notOk('titleCode' in schemas.NewLeadershipElection.properties, 'and has no title')
    t.ok(schemas.NewTitleElection.required.includes('titleCode'), 'a title election names its title')
    t.notOk('office' in schemas.NewTitleElection.properties, 'and has no office')
  })

  t.test('every $ref of the contract names a component', async (t) => {
    const dangling = refsIn(document).filter((ref) => ref.startsWith('#/components/schemas/') && schemas[ref.replace('#/components/schemas/', '')] === undefined)
    t.same([...new Set(dangling)], [])
  })

  t.test('types generated by openapi-typescript refuse what the kinds refuse', { skip: typesSkip }, async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-kinds-'))
    t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
    fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document))
    await run(process.execPath, [OPENAPI_TS, path.join(dir, 'openapi.json'), '-o', path.join(dir, 'schema.d.ts')], { cwd: dir })
    fs.writeFileSync(path.join(dir, 'usage.ts'), USAGE)
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG))
    const checked = await run(process.execPath, [TSC, '-p', dir], { cwd: dir }).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number, stdout?: string, stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` })
    )
    t.equal(checked.output, '', 'tsc --strict: the valid bodies compile and every refused one is refused')
    t.equal(checked.code, 0)
  })
})
