import { Type } from 'typebox'
import { IdParam } from '../../http/common-schemas.js'
import { EXAMPLE_BLOCK_NAME, EXAMPLE_IDS, exampleStamps, withPageExample } from '../../http/examples.js'
import { Instant, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'

export const Block = Type.Object({
  id: ref(Uuid),
  name: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'E.g. Khối các đơn vị Công an địa phương, Khối các đơn vị trực thuộc Bộ trưởng.' }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Block',
  description: 'An emulation block (khối thi đua): a group of clusters. A unit is in at most one cluster of a block on any date.',
  examples: [{ id: EXAMPLE_IDS.block, name: EXAMPLE_BLOCK_NAME, ...exampleStamps }]
})

export const BlockPage = withPageExample(pageOf(Block, 'BlockPage'), Block)

export const NewBlock = Type.Object({
  name: Name
}, {
  $id: 'NewBlock',
  additionalProperties: false,
  description: 'A name that differs from every other block\'s whatever its Unicode form or case.',
  examples: [{ name: EXAMPLE_BLOCK_NAME }]
})

export const BlockParams = Type.Object({ blockId: IdParam('The block\'s id (GET /v1/blocks lists them).', EXAMPLE_IDS.block) })

export const BlockListQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({
    maxLength: 200,
    description: 'Only the blocks whose name contains this text, ignoring diacritics and case ("dia phuong" finds ' +
      'Khối các đơn vị Công an địa phương).'
  }))
}, { additionalProperties: false })

export const blockSchemas = [Block, BlockPage, NewBlock]
