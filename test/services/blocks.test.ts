import t from 'tap'
import { etagOf } from '../../src/domain/versions.js'
import { createBlock, deleteBlock, listBlocks, readBlock } from '../../src/services/blocks.js'
import { createCluster } from '../../src/services/clusters.js'
import { assertDeleted } from '../helpers/deletion.js'
import { services } from '../helpers/services.js'

t.test('createBlock stores a block that readBlock and listBlocks return, and journals it', async (t) => {
  const s = await services(t)
  const block = await s.write((ctx) => createBlock(ctx, { name: 'Khối các đơn vị trực thuộc Bộ trưởng' }))
  t.match(block, { name: 'Khối các đơn vị trực thuộc Bộ trưởng', version: 1 })
  t.same(await readBlock(s.read(), { blockId: block.id }), block)
  await s.write((ctx) => createBlock(ctx, { name: 'Khối Công an các tỉnh' }))
  t.same((await listBlocks(s.read(), { q: 'truc thuoc' })).items.map((b) => b.id), [block.id], 'a search ignores diacritics')
  t.same((await listBlocks(s.read(), { limit: 1 })).items.length, 1)
  t.same(await s.db('events').where({ resource_id: block.id }).pluck('type'), ['block.created'])
})

t.test('createBlock refuses a name already taken whatever its case, and adds nothing', async (t) => {
  const s = await services(t)
  await s.write((ctx) => createBlock(ctx, { name: 'Khối Công an các tỉnh' }))
  await t.rejects(s.write((ctx) => createBlock(ctx, { name: 'khối công an các tỉnh' })), { code: '23505', constraint: 'blocks_name_unique' })
  t.equal((await listBlocks(s.read(), {})).items.length, 1)
  t.equal((await s.db('events').pluck('type')).length, 1, 'no event from a refusal')
})

t.test('readBlock refuses an unknown block', async (t) => {
  const s = await services(t)
  await t.rejects(readBlock(s.read(), { blockId: '00000000-0000-4000-8000-000000000000' }), { name: 'DomainError', code: 'block_not_found' })
})

t.test('deleteBlock removes a block without clusters and journals it as it was; the block is then unknown', async (t) => {
  const s = await services(t)
  const block = await s.write((ctx) => createBlock(ctx, { name: 'Khối các đơn vị Công an địa phương' }))
  await s.write((ctx) => deleteBlock(ctx, { blockId: block.id, ifMatch: etagOf(block.version) }))
  await assertDeleted(t, s, { table: 'blocks', id: block.id, action: 'block.deleted', before: block })
  await t.rejects(readBlock(s.read(), { blockId: block.id }), { code: 'block_not_found' })
  await t.rejects(s.write((ctx) => deleteBlock(ctx, { blockId: block.id })), { code: 'block_not_found' })
})

t.test('deleteBlock refuses a block holding a cluster, naming it, and refuses a stale tag; the block stays', async (t) => {
  const s = await services(t)
  const block = await s.write((ctx) => createBlock(ctx, { name: 'Khối các đơn vị Công an địa phương' }))
  await s.write((ctx) => createCluster(ctx, { number: 1, name: 'Cụm thi đua số 1', blockId: block.id }))
  await t.rejects(s.write((ctx) => deleteBlock(ctx, { blockId: block.id })), {
    code: 'block_in_use',
    message: 'Khối các đơn vị Công an địa phương holds Cụm thi đua số 1, so it cannot be deleted: only a block nothing refers to can be.',
    details: { references: [{ kind: 'cluster', count: 1 }] }
  })
  await t.rejects(s.write((ctx) => deleteBlock(ctx, { blockId: block.id, ifMatch: '"v2"' })), { code: 'precondition_failed' })
  t.same(await readBlock(s.read(), { blockId: block.id }), block)
  t.equal((await s.db('events').where({ type: 'block.deleted' })).length, 0)
})
