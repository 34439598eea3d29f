import t from 'tap'
import { createBlock, listBlocks, readBlock } from '../../src/services/blocks.js'
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
