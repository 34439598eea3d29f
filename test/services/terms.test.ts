import t from 'tap'
import { appointTerm, listClusterTerms, readTerm, termTag } from '../../src/services/terms.js'
import { seedCluster, services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })

t.test('appointTerm creates a year\'s term, replaces it, and journals both', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)

  const first = await s.write((ctx) => appointTerm(ctx, { clusterId, year: 2019, headUnitId: yte, deputyUnitId: haucan }))
  t.equal(first.created, true)
  t.match(first.term, { clusterId, year: 2019, headUnitId: yte, deputyUnitId: haucan, chosenBy: 'appointment', flagHandover: null, version: 1 })

  const replaced = await s.write((ctx) => appointTerm(ctx, {
    clusterId, year: 2019, headUnitId: yte, deputyUnitId: cnan, ifMatch: termTag(first.term), note: 'Điều chỉnh'
  }))
  t.equal(replaced.created, false)
  t.match(replaced.term, { deputyUnitId: cnan, note: 'Điều chỉnh', version: 2 })
  t.same(await readTerm(s.read(), { clusterId, year: 2019 }), replaced.term)

  const actions = await s.db('audit_events').where({ resource_type: 'term' }).orderBy('id').pluck('action')
  t.same(actions, ['term.appointed', 'term.appointed'], 'one audit record per appointment')
})

t.test('a new head takes the rotating flag, recorded with the term', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [yte, haucan, cnan] = Object.values(units)
  await s.write((ctx) => appointTerm(ctx, { clusterId, year: 2019, headUnitId: yte, deputyUnitId: haucan }))
  const { term } = await s.write((ctx) => appointTerm(ctx, { clusterId, year: 2020, headUnitId: haucan, deputyUnitId: cnan }))
  t.same(term.flagHandover, { fromUnitId: yte, toUnitId: haucan, year: 2020 })
  t.same(await s.db('events').where({ type: 'flag.handed_over' }).pluck('resource_id'), [`${clusterId}/2020`])
  const page = await listClusterTerms(s.read(), { clusterId })
  t.same(page.items.map((item) => item.year), [2020, 2019], 'the latest year first')
})

t.test('appointTerm refuses, and changes nothing', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s, '2021-01-01')
  const [yte, haucan] = Object.values(units)
  await t.rejects(s.write((ctx) => appointTerm(ctx, { clusterId, year: 2022, headUnitId: yte, deputyUnitId: yte })),
    refusal('head_and_deputy_must_differ'))
  await t.rejects(s.write((ctx) => appointTerm(ctx, { clusterId, year: 2020, headUnitId: yte, deputyUnitId: haucan })),
    refusal('term_unit_not_member'), 'members only from 2021')
  await t.rejects(s.write((ctx) => appointTerm(ctx, { clusterId, year: 2022, headUnitId: yte, deputyUnitId: haucan, ifMatch: '"v1"' })),
    refusal('precondition_failed'), 'no term yet to match')
  t.equal((await listClusterTerms(s.read(), { clusterId })).items.length, 0)
  t.equal(Number((await s.db('events').count({ n: '*' }).first())!.n), 0, 'no event from a refusal')
})
