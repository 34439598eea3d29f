import t from 'tap'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import { etagOf } from '../../src/domain/versions.js'
import { createBlock } from '../../src/services/blocks.js'
import { changeCluster, createCluster, deleteCluster, listClusters, readCluster } from '../../src/services/clusters.js'
import { draftPledge } from '../../src/services/pledges.js'
import { createWebhook, removeWebhook } from '../../src/services/webhooks.js'
import { assertDeleted } from '../helpers/deletion.js'
import { ADMIN, secretariatOf, seedCluster, services, type Services } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

async function seed (s: Services) {
  const block = await s.write((ctx) => createBlock(ctx, { name: 'Khối các đơn vị trực thuộc Bộ trưởng' }))
  const cluster9 = await s.write((ctx) => createCluster(ctx, {
    number: 9, name: 'Cụm thi đua số 9', blockId: block.id, rules: { selfVoteAllowed: false }
  }))
  const cluster8 = await s.write((ctx) => createCluster(ctx, { number: 8, name: 'Cụm thi đua số 8', blockId: block.id }))
  return { block, cluster9, cluster8 }
}

t.test('createCluster takes the rules given over the defaults; readCluster and listClusters return it', async (t) => {
  const s = await services(t)
  const { block, cluster9, cluster8 } = await seed(s)
  t.match(cluster9, { number: 9, blockId: block.id, foundedOn: null, foundingDecision: null, version: 1 })
  t.same(cluster9.rules, { ...DEFAULT_RULES, selfVoteAllowed: false })
  t.same(cluster8.rules, DEFAULT_RULES, 'rules not given take their defaults')
  t.same(await readCluster(s.read(), { clusterId: cluster9.id }), cluster9)
  t.same((await listClusters(s.read(), { blockId: block.id })).items.map((c) => c.number), [8, 9], 'by number')
  t.same((await listClusters(s.read(), { q: 'so 9' })).items.map((c) => c.id), [cluster9.id])
  t.same(await s.db('events').where({ resource_type: 'cluster' }).pluck('type'), ['cluster.created', 'cluster.created'])
})

t.test('createCluster refuses an unknown block, a number taken in the block and an impossible threshold', async (t) => {
  const s = await services(t)
  const { block } = await seed(s)
  await t.rejects(s.write((ctx) => createCluster(ctx, { number: 1, name: 'Cụm 1', blockId: UNKNOWN })), refusal('block_not_found'))
  await t.rejects(s.write((ctx) => createCluster(ctx, { number: 9, name: 'Cụm khác', blockId: block.id })),
    { code: '23505', constraint: 'clusters_number_unique' })
  await t.rejects(s.write((ctx) => createCluster(ctx, {
    number: 1, name: 'Cụm 1', blockId: block.id, rules: { quorum: { numerator: 3, denominator: 2, comparison: 'at_least' } }
  })), refusal('invalid_threshold'))
  t.equal((await listClusters(s.read(), {})).items.length, 2, 'no cluster added')
})

t.test('changeCluster replaces the rules given and keeps the others; a secretariat may change its own cluster\'s rules', async (t) => {
  const s = await services(t)
  const { cluster9 } = await seed(s)
  const quorum = { numerator: 1, denominator: 2, comparison: 'more_than' } as const
  const byAdmin = await s.write((ctx) => changeCluster(ctx, {
    clusterId: cluster9.id, name: 'Cụm thi đua số 9 (mới)', rules: { quorum }, ifMatch: etagOf(cluster9.version)
  }))
  t.match(byAdmin, { name: 'Cụm thi đua số 9 (mới)', version: 2 })
  t.same(byAdmin.rules, { ...DEFAULT_RULES, selfVoteAllowed: false, quorum }, 'the earlier rule patch is kept')
  const bySecretariat = await s.write((ctx) => changeCluster(ctx, { clusterId: cluster9.id, rules: { votingRoundsBeforeTieBreak: 2 } }),
    secretariatOf(cluster9.id))
  t.same(bySecretariat.rules, { ...byAdmin.rules, votingRoundsBeforeTieBreak: 2 })
  const audit = await s.db('audit_events').where({ action: 'cluster.updated' }).orderBy('id').select('actor_role', 'before', 'after')
  t.match(audit, [{ actor_role: 'admin', before: { version: 1 }, after: { version: 2 } }, { actor_role: 'secretariat', after: { version: 3 } }])
})

t.test('changeCluster refuses, and changes nothing', async (t) => {
  const s = await services(t)
  const { cluster9, cluster8 } = await seed(s)
  await t.rejects(s.write((ctx) => changeCluster(ctx, { clusterId: cluster9.id, name: 'Cụm X' }), secretariatOf(cluster9.id)),
    refusal('forbidden'), 'a secretariat changes rules only')
  await t.rejects(s.write((ctx) => changeCluster(ctx, { clusterId: cluster8.id, rules: { selfVoteAllowed: false } }), secretariatOf(cluster9.id)),
    refusal('forbidden'), 'a secretariat acts for its own cluster only')
  await t.rejects(s.write((ctx) => changeCluster(ctx, { clusterId: cluster9.id, number: 10, ifMatch: '"v2"' })), refusal('precondition_failed'))
  await t.rejects(s.write((ctx) => changeCluster(ctx, {
    clusterId: cluster9.id, rules: { voteThreshold: { numerator: 1, denominator: 1, comparison: 'more_than' } }
  })), refusal('invalid_threshold'))
  await t.rejects(s.write((ctx) => changeCluster(ctx, { clusterId: cluster9.id, number: 8 })), { code: '23505', constraint: 'clusters_number_unique' })
  await t.rejects(s.write((ctx) => changeCluster(ctx, { clusterId: UNKNOWN, number: 3 })), refusal('cluster_not_found'))
  t.same(await readCluster(s.read(), { clusterId: cluster9.id }), cluster9)
  t.same(await readCluster(s.read(), { clusterId: cluster8.id }), cluster8)
  t.equal((await s.db('audit_events').where({ action: 'cluster.updated' }).pluck('id')).length, 0)
})

t.test('deleteCluster removes a cluster nothing refers to and journals it as it was; the cluster is then unknown', async (t) => {
  const s = await services(t)
  const { cluster8 } = await seed(s)
  await s.write((ctx) => deleteCluster(ctx, { clusterId: cluster8.id, ifMatch: etagOf(cluster8.version) }))
  await assertDeleted(t, s, { table: 'clusters', id: cluster8.id, action: 'cluster.deleted', before: cluster8 })
  await t.rejects(readCluster(s.read(), { clusterId: cluster8.id }), refusal('cluster_not_found'))
  await t.rejects(s.write((ctx) => deleteCluster(ctx, { clusterId: cluster8.id })), refusal('cluster_not_found'))
})

t.test('deleteCluster refuses a cluster with members and a draft pledge, naming both, and a stale tag; the cluster stays', async (t) => {
  const s = await services(t)
  const { clusterId } = await seedCluster(s)
  await s.write((ctx) => draftPledge(ctx, { clusterId, year: 2024, title: 'Giao ước thi đua năm 2024', slogan: 'Vì an ninh Tổ quốc' }))
  await t.rejects(s.write((ctx) => deleteCluster(ctx, { clusterId })), {
    code: 'cluster_in_use',
    message: 'Cụm thi đua số 9 has 3 memberships and has 1 pledge, so it cannot be deleted: only a cluster nothing refers to can be.',
    details: { references: [{ kind: 'membership', count: 3 }, { kind: 'pledge', count: 1 }] }
  })
  await t.rejects(s.write((ctx) => deleteCluster(ctx, { clusterId, ifMatch: '"v9"' })), refusal('precondition_failed'))
  t.ok(await readCluster(s.read(), { clusterId }), 'the cluster stays')
  t.equal((await s.db('events').where({ type: 'cluster.deleted' })).length, 0)
})

t.test('deleteCluster refuses a cluster its secretariat subscribed webhooks for, naming them; an admin\'s subscription holds no cluster; a token\'s unknown cluster subscribes nothing', async (t) => {
  const s = await services(t)
  const { cluster8, cluster9 } = await seed(s)
  const targets = { allowHttp: false, allowHosts: [] }
  const subscribe = (actor = secretariatOf(cluster8.id)) => s.write((ctx) => createWebhook(ctx, { url: 'https://hooks.cum8.example.vn/thidua', eventTypes: ['cluster.updated'], targets }), actor)
  const { webhook: first } = await subscribe()
  const { webhook: second } = await subscribe()
  await subscribe(ADMIN)
  await t.rejects(subscribe(secretariatOf(UNKNOWN)), refusal('cluster_not_found'), 'a token naming no cluster subscribes nothing')
  await t.rejects(s.write((ctx) => deleteCluster(ctx, { clusterId: cluster8.id })), {
    code: 'cluster_in_use',
    message: 'Cụm thi đua số 8 has 2 webhook subscriptions, so it cannot be deleted: only a cluster nothing refers to can be.',
    details: { references: [{ kind: 'webhook', count: 2 }] }
  })
  t.ok(await readCluster(s.read(), { clusterId: cluster8.id }), 'the cluster stays')
  await s.write((ctx) => deleteCluster(ctx, { clusterId: cluster9.id }))
  t.pass('a cluster without subscriptions goes, the admin\'s subscription notwithstanding')
  for (const webhook of [first, second]) await s.write((ctx) => removeWebhook(ctx, { webhookId: webhook.id }), secretariatOf(cluster8.id))
  await s.write((ctx) => deleteCluster(ctx, { clusterId: cluster8.id }))
  t.equal((await s.db('events').where({ type: 'cluster.deleted' })).length, 2, 'once they are unsubscribed, it goes too')
  t.equal((await s.db('webhooks').whereNull('cluster_id')).length, 1, 'the admin\'s subscription stays')
})
