import { Type } from 'typebox'
import { Instant, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, SearchQuery, Uuid, Version } from '../../http/shared-schemas.js'

export const Block = Type.Object({
  id: ref(Uuid),
  name: Type.String({ maxLength: NAME_MAX_LENGTH, examples: ['Khối các đơn vị trực thuộc Bộ trưởng'] }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, { $id: 'Block', description: 'An emulation block (khối thi đua): a group of clusters.' })

export const BlockPage = pageOf(Block, 'BlockPage')

export const NewBlock = Type.Object({
  name: Name
}, { $id: 'NewBlock', additionalProperties: false, description: 'A name that differs from every other block\'s whatever its Unicode form or case.' })

export const BlockParams = Type.Object({ blockId: ref(Uuid) })

export const BlockListQuery = Type.Object({
  ...PageQuery.properties,
  q: SearchQuery
}, { additionalProperties: false })

export const blockSchemas = [Block, BlockPage, NewBlock]
