// Criterion kinds in the contract: one recursive CriterionNode, a oneOf told apart by `kind`. What a kind does not
// take is a 400 naming the field; a tree of every kind, five levels deep, comes back as sent; a body nested deeper
// than the schema walks is refused before the validator, never a 500.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_9_SCHEME } from '../helpers/scoring.js'
import { MAX_BODY_NESTING } from '../../src/plugins/size-bounds.js'

/** A problem's field as a JSON pointer, whether it is written as one or dotted (`body.criteria.0`). */
const pointer = (path: string) => (path.startsWith('/') ? path : `/${path.replace(/\./g, '/')}`)
const names = (response: { json: () => any }, field: string) =>
  (response.json().errors as Array<{ path: string }>).some((e) => pointer(e.path) === field)

t.test('criterion kinds over HTTP', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)
  const { cluster9 } = await seedClusters(app, admin, { members: '2024-01-01' })
  const schemes = `/v1/clusters/${cluster9.id}/scoring-schemes`
  const scheme = (year: number, criteria: unknown[]) => ({ ...CLUSTER_9_SCHEME, year, criteria })

  t.test('what a kind does not take is a 400 naming the field', async (t) => {
    const leaf = { code: 'I.1', name: 'Tỷ lệ CBCS hoàn thành xuất sắc nhiệm vụ (%)', maxPoints: 20 }
    const group = (child: unknown) => ({ code: 'I', name: 'Công tác xây dựng lực lượng', maxPoints: 40, kind: 'group', children: [child] })
    const cases: Array<[string, unknown, string]> = [
      ['per_occurrence without pointsEach', { ...leaf, kind: 'per_occurrence' }, '/body/criteria/0/pointsEach'],
      ['qualitative with a direction', { ...leaf, kind: 'qualitative', direction: 'lower_is_better' }, '/body/criteria/0/direction'],
      ['quantitative with pointsEach, in a group', group({ ...leaf, kind: 'quantitative', pointsEach: 2 }), '/body/criteria/0/children/0/pointsEach'],
      ['a leaf with children', { ...leaf, kind: 'qualitative', children: [] }, '/body/criteria/0/children'],
      ['a group with bonusEach', { ...group({ ...leaf, kind: 'qualitative' }), bonusEach: 1 }, '/body/criteria/0/bonusEach'],
      ['an unknown kind, deep down', group(group({ ...leaf, kind: 'bonus' })), '/body/criteria/0/children/0/children/0/kind'],
      ['no kind', group({ ...leaf }), '/body/criteria/0/children/0/kind']
    ]
    for (const [name, node, field] of cases) {
      const refused = await as(admin).post(schemes, scheme(2030, [node]))
      t.equal(refused.statusCode, 400, name)
      t.equal(refused.json().code, 'validation_failed', name)
      t.ok(names(refused, field), `${name}: names ${field} (${refused.body})`)
    }
  })

  t.test('a tree of every kind, five levels deep, comes back as sent', async (t) => {
    const leaves = [
      { code: 'A.1.1.1.1', name: 'Tỷ lệ án được giải quyết đúng hạn (%)', maxPoints: 2, kind: 'quantitative', direction: 'higher_is_better', defaultTarget: 95.5 },
      { code: 'A.1.1.1.2', name: 'Không để xảy ra vụ việc phức tạp', maxPoints: 2, kind: 'qualitative' },
      { code: 'A.1.1.1.3', name: 'Sáng kiến được công nhận', maxPoints: 2, kind: 'per_occurrence', pointsEach: 0.5 }
    ]
    let node: Record<string, unknown> = { code: 'A.1.1.1', name: 'Mức 4', maxPoints: 6, kind: 'group', children: leaves }
    for (const code of ['A.1.1', 'A.1', 'A']) node = { code, name: `Nhóm ${code}`, maxPoints: 6, kind: 'group', children: [node] }
    const bonus = { code: 'BD', name: 'Điểm thưởng, điểm trừ', maxPoints: 10, kind: 'bonus_deduction', bonusEach: 1, deductionEach: 2, minPoints: -10 }
    const body = { ...scheme(2031, [node, bonus]), bands: [{ code: 'excellent', name: 'Xuất sắc', minTotal: 0 }], tieBreak: ['group:A', 'fewer_deductions'] }
    const made = await as(admin).post(schemes, body)
    t.equal(made.statusCode, 201, made.body)
    t.same(made.json().criteria, body.criteria, 'created as sent')
    const read = await as(admin).get(`/v1/scoring-schemes/${made.json().id}`)
    t.same(read.json().criteria, body.criteria, 'read back as sent')
    const listed = (await as(admin).get(`${schemes}?year=2031`)).json().items
    t.same(listed.map((s: { criteria: unknown }) => s.criteria), [body.criteria], 'listed as sent')
  })

  t.test('a body nested deeper than any tree is refused before it is walked, however deep', async (t) => {
    for (const depth of [MAX_BODY_NESTING, 12_000]) {
      // Written as text: JSON.stringify itself runs out of stack on the deeper tree (near 1 MB, the body limit).
      const group = (level: number) => `{"code":"G${level}","name":"Nhóm","maxPoints":1,"kind":"group","children":[`
      let tree = '{"code":"L","name":"Lá","maxPoints":1,"kind":"qualitative"}'
      tree = Array.from({ length: depth }, (_, level) => group(level)).join('') + tree + ']}'.repeat(depth)
      const text = JSON.stringify(scheme(2032, [])).replace('"criteria":[]', `"criteria":[${tree}]`)
      const refused = await app.inject({ method: 'POST', url: schemes, headers: { authorization: admin, 'content-type': 'application/json' }, payload: text })
      t.equal(refused.statusCode, 400, `${depth} levels`)
      t.equal(refused.json().code, 'validation_failed', `${depth} levels`)
      t.match(refused.json().errors, [{ message: new RegExp(`${MAX_BODY_NESTING} levels`) }], `${depth} levels: the nesting is what is wrong`)
    }
  })
})
