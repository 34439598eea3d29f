import t from 'tap'
import { insertUnit } from '../../src/db/units-repository.js'
import {
  createScheme, deleteScheme, listClusterSchemes, listSchemeTargets, newSchemeVersion, publishScheme, readScheme, readTargets, schemeTag, setTargets,
  updateScheme, type NewScheme
} from '../../src/services/scoring-schemes.js'
import { insertMembership } from '../../src/db/memberships-repository.js'
import { CLUSTER_9_SCHEME, targetsFor } from '../helpers/scoring.js'
import { assertDeleted } from '../helpers/deletion.js'
import { secretariatOf, seedCluster, services, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const NIL = '00000000-0000-4000-8000-000000000000'

const draft = (clusterId: string) => ({ ...structuredClone(CLUSTER_9_SCHEME), clusterId } as NewScheme)
const count = async (s: Services, table: string) => Number((await s.db(table).count({ n: '*' }).first())!.n)

/** A cluster of three members from 2019 and the 2024 scheme drafted for it. */
async function seedDraft (t: Parameters<typeof services>[0]) {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const scheme = await s.write((ctx) => createScheme(ctx, draft(clusterId)))
  return { s, clusterId, unitIds: Object.values(units), scheme }
}

/** Every member's targets set, then the scheme published. */
async function publishWithTargets (s: Services, schemeId: string, unitIds: string[]) {
  for (const [i, unitId] of unitIds.entries()) await s.write((ctx) => setTargets(ctx, { schemeId, unitId, targets: targetsFor(i) }))
  return await s.write((ctx) => publishScheme(ctx, { schemeId }))
}

const finalize = (s: Services, schemeId: string) =>
  s.db('scorecard_finalizations').insert({ scheme_id: schemeId, finalized_by: 'test-admin', member_unit_ids: JSON.stringify([]) })

t.test('createScheme drafts version 1 as sent and journals it; every reader lists and reads it', async (t) => {
  const { s, clusterId, scheme } = await seedDraft(t)
  t.match(scheme, { clusterId, year: 2024, period: 'annual', version: 1, status: 'draft', revision: 1, bonusCap: 10, ministryFlagBand: 'excellent' })
  t.same(scheme.criteria, CLUSTER_9_SCHEME.criteria, 'the tree is kept as sent')
  t.equal(schemeTag(scheme), '"v1"')
  t.same(await readScheme(s.read(), { schemeId: scheme.id }), scheme)
  t.same(await listClusterSchemes(s.read(), { clusterId, year: 2024 }), { items: [scheme], nextCursor: null })
  t.same((await listClusterSchemes(s.read(), { clusterId, period: 'mid_year' })).items, [])
  t.same(await s.db('audit_events').where({ resource_type: 'scoring_scheme' }).pluck('action'), ['scoring_scheme.created'])
})

t.test('createScheme refuses a scheme that breaks the rules, listing every problem by its body path, and an unknown cluster', async (t) => {
  const s = await services(t)
  const { clusterId } = await seedCluster(s)
  const bad = draft(clusterId)
  bad.criteria[0].maxPoints = 30 // its children add up to 40
  bad.bands[3].minTotal = 10 // no band from 0
  const error = await s.write((ctx) => createScheme(ctx, bad)).catch((e: unknown) => e)
  t.match(error, { code: 'invalid_scheme', message: /^The scoring scheme has 2 problems: \/body\// })
  t.ok((error as { details: { errors: Array<{ path: string }> } }).details.errors.every((e) => e.path.startsWith('/body/')))
  await t.rejects(s.write((ctx) => createScheme(ctx, { ...draft(clusterId), clusterId: NIL })), refusal('cluster_not_found'))
  t.equal(await count(s, 'scoring_schemes'), 0, 'nothing stored')
  t.equal(await count(s, 'events'), 0, 'no event from a refusal')
})

t.test('updateScheme replaces the given fields of a draft (null clears a cap) and bumps its revision', async (t) => {
  const { s, clusterId, scheme } = await seedDraft(t)
  const after = await s.write((ctx) => updateScheme(ctx, { schemeId: scheme.id, ifMatch: '"v1"', bonusCap: null, tieBreak: ['more_bonus'] }),
    secretariatOf(clusterId))
  t.match(after, { revision: 2, bonusCap: null, deductionCap: 10, tieBreak: ['more_bonus'], ministryFlagBand: 'excellent' })
  t.same(after.criteria, scheme.criteria, 'fields not given are kept')
  t.same(await s.db('audit_events').where({ resource_type: 'scoring_scheme' }).orderBy('id').pluck('action'),
    ['scoring_scheme.created', 'scoring_scheme.updated'])
})

t.test('updateScheme refuses a stale tag, another cluster\'s secretariat, a broken result and a published scheme, changing nothing', async (t) => {
  const { s, unitIds, scheme } = await seedDraft(t)
  const schemeId = scheme.id
  await t.rejects(s.write((ctx) => updateScheme(ctx, { schemeId, ifMatch: '"v9"', bonusCap: 5 })), refusal('precondition_failed'))
  await t.rejects(s.write((ctx) => updateScheme(ctx, { schemeId, bonusCap: 5 }), secretariatOf(NIL)), refusal('forbidden'))
  await t.rejects(s.write((ctx) => updateScheme(ctx, { schemeId, bands: [] })), refusal('invalid_scheme'))
  t.same(await readScheme(s.read(), { schemeId }), scheme, 'the draft is unchanged')
  const published = await publishWithTargets(s, schemeId, unitIds)
  await t.rejects(s.write((ctx) => updateScheme(ctx, { schemeId, bonusCap: 5 })), refusal('scheme_published'))
  t.same(await readScheme(s.read(), { schemeId }), published, 'the published scheme is unchanged')
})

t.test('setTargets sets a member\'s targets, then replaces them; every reader reads and lists them', async (t) => {
  const { s, unitIds: [yte], scheme } = await seedDraft(t)
  const schemeId = scheme.id
  const first = await s.write((ctx) => setTargets(ctx, { schemeId, unitId: yte, targets: targetsFor(0) }))
  t.equal(first.created, true)
  t.match(first.targets, { schemeId, unitId: yte, targets: targetsFor(0), version: 1 })
  const replaced = await s.write((ctx) => setTargets(ctx, { schemeId, unitId: yte, targets: { 'I.1': 80 }, ifMatch: '"v1"' }))
  t.equal(replaced.created, false)
  t.match(replaced.targets, { targets: { 'I.1': 80 }, version: 2 })
  t.same(await readTargets(s.read(), { schemeId, unitId: yte }), replaced.targets)
  t.same(await listSchemeTargets(s.read(), { schemeId }), { items: [replaced.targets], nextCursor: null })
  t.same(await s.db('audit_events').where({ resource_type: 'scoring_targets' }).pluck('resource_id'), [`${schemeId}/${yte}`, `${schemeId}/${yte}`])
})

t.test('setTargets refuses a non-member, unknown codes or bad values (by body path) and a stale tag, changing nothing', async (t) => {
  const { s, unitIds: [yte], scheme } = await seedDraft(t)
  const schemeId = scheme.id
  const outsider = await s.write(({ trx }) => insertUnit(trx, { name: 'Cục Đối ngoại' }))
  await t.rejects(s.write((ctx) => setTargets(ctx, { schemeId, unitId: outsider.id, targets: targetsFor(0) })), refusal('unit_not_member'))
  const error = await s.write((ctx) => setTargets(ctx, { schemeId, unitId: yte, targets: { 'I.2': 1, 'I.1': -1 } })).catch((e: unknown) => e)
  t.match(error, { code: 'invalid_targets', message: /^The targets have 2 problems: \/body\/targets\// })
  t.match((error as { details: unknown }).details, { errors: [{ path: /^\/body\/targets\/I\./ }, { path: /^\/body\/targets\/I\./ }] })
  await t.rejects(s.write((ctx) => setTargets(ctx, { schemeId, unitId: yte, targets: targetsFor(0), ifMatch: '"v1"' })),
    refusal('precondition_failed'), 'no targets yet to match')
  t.equal(await count(s, 'scoring_targets'), 0)
  t.equal(await count(s, 'events'), 1, 'only the scheme\'s creation')
})

t.test('publishScheme needs every member\'s targets, then freezes them but for a late member\'s first ones until the scores are final', async (t) => {
  const { s, clusterId, unitIds, scheme } = await seedDraft(t)
  const schemeId = scheme.id
  await s.write((ctx) => setTargets(ctx, { schemeId, unitId: unitIds[0], targets: targetsFor(0) }))
  const missing = await s.write((ctx) => publishScheme(ctx, { schemeId })).catch((e: unknown) => e)
  t.match(missing, { code: 'invalid_targets', message: /^4 targets are missing or invalid for the cluster's members in 2024: \/targets\// })
  t.equal((await readScheme(s.read(), { schemeId })).status, 'draft', 'still a draft')
  await t.rejects(s.write((ctx) => publishScheme(ctx, { schemeId, ifMatch: '"v2"' })), refusal('precondition_failed'))

  const published = await publishWithTargets(s, schemeId, unitIds)
  t.match(published, { status: 'published', revision: 2, publishedAt: String })
  await t.rejects(s.write((ctx) => publishScheme(ctx, { schemeId })), refusal('scheme_published'))
  await t.rejects(s.write((ctx) => setTargets(ctx, { schemeId, unitId: unitIds[0], targets: targetsFor(5) })),
    refusal('scheme_published'), 'a member\'s targets are frozen')

  const [late, later] = await s.write(async ({ trx }) => {
    const units = [await insertUnit(trx, { name: 'Bệnh viện 199' }), await insertUnit(trx, { name: 'Bệnh viện 30/4' })]
    const { block_id: blockId } = await trx('clusters').where({ id: clusterId }).first()
    for (const unit of units) await insertMembership(trx, { clusterId, blockId, unitId: unit.id, from: '2024-06-01' })
    return units.map((u) => u.id)
  })
  const first = await s.write((ctx) => setTargets(ctx, { schemeId, unitId: late, targets: targetsFor(3) }))
  t.equal(first.created, true, 'a unit that joined after publication gets its first targets')
  await finalize(s, schemeId)
  await t.rejects(s.write((ctx) => setTargets(ctx, { schemeId, unitId: later, targets: targetsFor(4) })), refusal('scores_finalized'))
  t.equal(await count(s, 'scoring_targets'), 4)
})

t.test('a new version copies its source with the targets; publishing it supersedes the one in force, unless a later one is or the scores are final', async (t) => {
  const { s, unitIds, scheme: v1 } = await seedDraft(t)
  await publishWithTargets(s, v1.id, unitIds)
  const v2 = await s.write((ctx) => newSchemeVersion(ctx, { schemeId: v1.id }))
  t.match(v2, { version: 2, status: 'draft', revision: 1 })
  t.same(v2.criteria, v1.criteria)
  t.equal((await listSchemeTargets(s.read(), { schemeId: v2.id })).items.length, 3, 'the targets are copied')
  const v3 = await s.write((ctx) => newSchemeVersion(ctx, { schemeId: v1.id }))
  t.equal(v3.version, 3, 'numbered after the latest, drafts included')

  const published = await s.write((ctx) => publishScheme(ctx, { schemeId: v3.id }))
  t.equal(published.status, 'published')
  t.match(await readScheme(s.read(), { schemeId: v1.id }), { status: 'superseded', supersededAt: String })
  await t.rejects(s.write((ctx) => publishScheme(ctx, { schemeId: v2.id })), refusal('scheme_has_newer_version'))

  await finalize(s, v3.id)
  const v4 = await s.write((ctx) => newSchemeVersion(ctx, { schemeId: v3.id }))
  await t.rejects(s.write((ctx) => publishScheme(ctx, { schemeId: v4.id })), { code: 'scores_finalized', details: { schemeId: v3.id } })
  t.same((await listClusterSchemes(s.read(), { clusterId: v1.clusterId })).items.map((v) => [v.version, v.status]),
    [[4, 'draft'], [3, 'published'], [2, 'draft'], [1, 'superseded']], 'the finalised version stays the year\'s')
  const created = await s.db('events').where({ type: 'scoring_scheme.created' }).orderBy('position').pluck('data')
  t.match(created.slice(1), [{ copiedFrom: v1.id }, { copiedFrom: v1.id }, { copiedFrom: v3.id }], 'a new version\'s event names its source')
})

t.test('deleteScheme removes a draft with the targets set on it and journals it as it was', async (t) => {
  const { s, clusterId, unitIds, scheme } = await seedDraft(t)
  await s.write((ctx) => setTargets(ctx, { schemeId: scheme.id, unitId: unitIds[0], targets: targetsFor(0) }))
  await s.write((ctx) => deleteScheme(ctx, { schemeId: scheme.id, ifMatch: schemeTag(scheme) }), secretariatOf(clusterId))
  await assertDeleted(t, s, { table: 'scoring_schemes', id: scheme.id, action: 'scoring_scheme.deleted', before: scheme })
  t.equal(await count(s, 'scoring_targets'), 0, 'its targets are gone')
  await t.rejects(readScheme(s.read(), { schemeId: scheme.id }), refusal('scoring_scheme_not_found'))
  await t.rejects(s.write((ctx) => deleteScheme(ctx, { schemeId: scheme.id })), refusal('scoring_scheme_not_found'))
})

t.test('deleteScheme refuses a published version, another cluster\'s secretariat and a stale tag, deleting nothing', async (t) => {
  const { s, unitIds, scheme } = await seedDraft(t)
  const published = await publishWithTargets(s, scheme.id, unitIds)
  await t.rejects(s.write((ctx) => deleteScheme(ctx, { schemeId: scheme.id })), { code: 'scheme_not_draft', details: { schemeStatus: 'published' } })
  const next = await s.write((ctx) => newSchemeVersion(ctx, { schemeId: published.id }))
  await t.rejects(s.write((ctx) => deleteScheme(ctx, { schemeId: next.id }), secretariatOf(NIL)), refusal('forbidden'))
  await t.rejects(s.write((ctx) => deleteScheme(ctx, { schemeId: next.id, ifMatch: '"v9"' })), refusal('precondition_failed'))
  t.equal(await count(s, 'scoring_schemes'), 2)
  t.equal(await count(s, 'scoring_targets'), 2 * unitIds.length, 'the targets of both versions stay')
  t.equal((await s.db('events').where({ type: 'scoring_scheme.deleted' })).length, 0)
})
