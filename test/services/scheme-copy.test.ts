// Reusing a scheme (issue 14 part 6): a draft copy of another scheme, of any cluster and year, with or without the
// targets of the new scheme's members.
import t, { type Test } from 'tap'
import { insertBlock } from '../../src/db/blocks-repository.js'
import { insertCluster } from '../../src/db/clusters-repository.js'
import { insertMembership } from '../../src/db/memberships-repository.js'
import { insertUnit } from '../../src/db/units-repository.js'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import {
  createOrCopyScheme, listSchemeTargets, publishScheme, setTargets, type NewScheme, type SchemeRequest
} from '../../src/services/scoring-schemes.js'
import { CLUSTER_9_SCHEME, targetsFor } from '../helpers/scoring.js'
import { seedCluster, services, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const NIL = '00000000-0000-4000-8000-000000000000'
const count = async (s: Services, table: string) => Number((await s.db(table).count({ n: '*' }).first())!.n)

/** Cụm 9's 2024 scheme, published with targets (II.2 not applicable to the first unit), and Cụm 8 with one member. */
async function seeded (t: Test) {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const [a, b, c] = Object.values(units)
  const source = await s.write((ctx) => createOrCopyScheme(ctx, { ...structuredClone(CLUSTER_9_SCHEME), clusterId } as NewScheme))
  await s.write((ctx) => setTargets(ctx, { schemeId: source.id, unitId: a, targets: { 'I.1': 70 }, notApplicable: ['II.2'] }))
  await s.write((ctx) => setTargets(ctx, { schemeId: source.id, unitId: b, targets: targetsFor(1) }))
  await s.write((ctx) => setTargets(ctx, { schemeId: source.id, unitId: c, targets: targetsFor(2) }))
  await s.write((ctx) => publishScheme(ctx, { schemeId: source.id }))
  const other = await s.write(async ({ trx }) => {
    const block = await insertBlock(trx, { name: 'Khối các Cục an ninh' })
    const cluster = await insertCluster(trx, { number: 8, name: 'Cụm thi đua số 8', blockId: block.id, foundedOn: '2018-01-01', foundingDecision: null, rules: DEFAULT_RULES })
    const unit = await insertUnit(trx, { name: 'Cục An ninh mạng' })
    await insertMembership(trx, { clusterId: cluster.id, blockId: block.id, unitId: unit.id, from: '2019-01-01' })
    return { clusterId: cluster.id, unitId: unit.id }
  })
  return { s, clusterId, a, b, c, source, other }
}

t.test('a copy for next year is a draft with the source\'s content and, on request, the members\' targets', async (t) => {
  const { s, clusterId, a, source } = await seeded(t)
  const copy = await s.write((ctx) => createOrCopyScheme(ctx, { clusterId, year: 2025, period: 'annual', copyFrom: source.id, copyTargets: true }))
  t.match(copy, { clusterId, year: 2025, period: 'annual', version: 1, status: 'draft', revision: 1 })
  for (const field of ['criteria', 'bonusCap', 'deductionCap', 'bands', 'tieBreak', 'ministryFlagBand'] as const) t.same(copy[field], source[field], field)
  const { items } = await listSchemeTargets(s.read(), { schemeId: copy.id })
  t.equal(items.length, 3, 'every member had targets in the source')
  t.match(items.find((i) => i.unitId === a), { targets: { 'I.1': 70 }, notApplicable: ['II.2'], version: 1 })
  const event = await s.db('events').where({ type: 'scoring_scheme.created' }).orderBy('position', 'desc').first()
  t.match(event.data, { id: copy.id, copiedFrom: source.id, status: 'draft' })
  t.equal((await s.db('audit_events').where({ action: 'scoring_scheme.created', resource_id: copy.id })).length, 1, 'audited as a creation')
})

t.test('without copyTargets the copy has no targets; another cluster\'s copy takes only its own members\'', async (t) => {
  const { s, clusterId, source, other } = await seeded(t)
  const bare = await s.write((ctx) => createOrCopyScheme(ctx, { clusterId, year: 2025, period: 'mid_year', copyFrom: source.id }))
  t.same((await listSchemeTargets(s.read(), { schemeId: bare.id })).items, [])
  // Cụm 8's only member has no targets in Cụm 9's scheme, and Cụm 9's members are not Cụm 8's: nothing is copied.
  const elsewhere = await s.write((ctx) => createOrCopyScheme(ctx, { clusterId: other.clusterId, year: 2024, period: 'annual', copyFrom: source.id, copyTargets: true }))
  t.match(elsewhere, { clusterId: other.clusterId, year: 2024, status: 'draft' })
  t.same(elsewhere.criteria, source.criteria)
  t.same((await listSchemeTargets(s.read(), { schemeId: elsewhere.id })).items, [])
})

t.test('refusals: unknown source, content alongside copyFrom, content missing without it', async (t) => {
  const { s, clusterId, source } = await seeded(t)
  const before = await count(s, 'scoring_schemes')
  await t.rejects(s.write((ctx) => createOrCopyScheme(ctx, { clusterId, year: 2025, period: 'annual', copyFrom: NIL })), refusal('scoring_scheme_not_found'))
  await t.rejects(s.write((ctx) => createOrCopyScheme(ctx, { clusterId: NIL, year: 2025, period: 'annual', copyFrom: source.id })), refusal('cluster_not_found'))
  const both = await s.write((ctx) => createOrCopyScheme(ctx, {
    clusterId, year: 2025, period: 'annual', copyFrom: source.id, criteria: CLUSTER_9_SCHEME.criteria, bonusCap: 5
  } as SchemeRequest)).catch((e: unknown) => e)
  t.match(both, { code: 'invalid_scheme', details: { errors: [{ path: '/body/criteria' }, { path: '/body/bonusCap' }] } })
  const none = await s.write((ctx) => createOrCopyScheme(ctx, { clusterId, year: 2025, period: 'annual', copyTargets: true })).catch((e: unknown) => e)
  t.match(none, {
    code: 'invalid_scheme',
    details: { errors: [{ path: '/body/criteria' }, { path: '/body/bands' }, { path: '/body/tieBreak' }, { path: '/body/copyTargets' }] }
  })
  t.equal(await count(s, 'scoring_schemes'), before, 'nothing stored')
})
