// Migration 025 on a database as 024 left it: a secretariat's subscription whose cluster was deleted meanwhile (024
// did not count subscriptions when deleting a cluster) is removed with its delivery log; an admin's (no cluster) and
// one whose cluster exists stay; afterwards the key refuses an unknown cluster and the deletion of a subscribed one.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { migrateToLatest, migrationState } from '../../src/db/migrate.js'
import { down } from '../../src/db/migrations/025_webhook_cluster_fk.js'
import { createBlock } from '../../src/services/blocks.js'
import { createCluster } from '../../src/services/clusters.js'
import { inUnitOfWork } from '../../src/services/unit-of-work.js'
import { createTestDatabase } from '../helpers/database.js'
import { ADMIN } from '../helpers/services.js'

t.test('025 removes the subscriptions of clusters deleted before it, keeps the others, and then keys cluster_id to clusters', async (t) => {
  const database = await createTestDatabase()
  // Its schema is changed and changed back: not handed to another test.
  t.teardown(() => database.destroy())
  const { db } = database
  await down(db)
  await db('knex_migrations').where({ name: '025_webhook_cluster_fk' }).delete()
  t.same((await migrationState(db)).pending, ['025_webhook_cluster_fk'], 'the database as 024 left it')

  const cluster = await inUnitOfWork(db, { actor: ADMIN, now: new Date(), requestId: 'test' }, async (ctx) => {
    const block = await createBlock(ctx, { name: 'Khối các đơn vị trực thuộc Bộ trưởng' })
    return createCluster(ctx, { number: 9, name: 'Cụm thi đua số 9', blockId: block.id })
  })
  const webhook = (clusterId: string | null) => ({
    id: randomUUID(), url: 'https://hooks.example.vn/thidua', event_types: ['cluster.updated'], cluster_id: clusterId, secret: 'whsec_x', created_by: 'test'
  })
  const admins = webhook(null)
  const kept = webhook(cluster.id)
  const orphan = webhook(randomUUID())
  await db('webhooks').insert([admins, kept, orphan])
  await db('webhook_deliveries').insert({
    webhook_id: orphan.id, event_position: 1, event_id: randomUUID(), event_type: 'cluster.updated', status: 'pending', next_attempt_at: new Date()
  })

  await migrateToLatest(db)
  t.same((await db('webhooks').orderBy('seq').pluck('id')), [admins.id, kept.id], 'the orphan is removed; the admin\'s and the live cluster\'s stay')
  t.same(await db('webhook_deliveries').where({ webhook_id: orphan.id }), [], 'with its delivery log')
  await t.rejects(db('webhooks').insert(webhook(randomUUID())), { code: '23503' }, 'a subscription names an existing cluster')
  await t.rejects(db('clusters').where({ id: cluster.id }).delete(), { code: '23503' }, 'a subscribed cluster is not deleted')
})
