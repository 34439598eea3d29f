import { Type } from 'typebox'
import { Instant, pageOf, PageQuery, ref, Uuid } from '../shared-schemas.js'

// The same rule as a unit's name (routes/units/schemas.ts): something visible once trimmed; stored NFC.
export const Name = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', description: 'Stored NFC and trimmed.' })

/** `?q=`: part of a name, matched ignoring diacritics and case ("cuc y te" finds "Cục Y tế"). */
export const SearchQuery = Type.Optional(Type.String({ maxLength: 200, description: 'Matches the name ignoring diacritics and case.' }))

export const Block = Type.Object({
  id: ref(Uuid),
  name: Type.String({ examples: ['Khối các đơn vị trực thuộc Bộ trưởng'] }),
  version: Type.Integer({ description: 'Increases with every change; the ETag is "v<version>".' }),
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
