import { Type } from 'typebox'
import { EXAMPLE_IDS, EXAMPLE_UNIT, exampleStamps, withPageExample } from '../../http/examples.js'
import { Instant, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'

const Nullable = (maxLength: number, description: string) =>
  Type.Union([Type.String({ minLength: 1, maxLength, pattern: '\\S' }), Type.Null()], { description })

export const Unit = Type.Object({
  id: ref(Uuid),
  name: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'The full name, e.g. Công an tỉnh Lào Cai or Cục Y tế.' }),
  code: Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { description: 'Short code such as LCA or H06; null when it has none.' }),
  shortName: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: 'A shorter name for tables; null when it has none.' }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Unit',
  description: 'A unit (đơn vị): a department, institute or hospital of the Ministry, or a provincial police office.',
  examples: [{ id: EXAMPLE_IDS.unit, ...EXAMPLE_UNIT, ...exampleStamps }]
})

export const UnitPage = withPageExample(pageOf(Unit, 'UnitPage'), Unit)

export const NewUnit = Type.Object({
  name: Name,
  code: Type.Optional(Nullable(20, 'Short code such as H06, unique whatever the case.')),
  shortName: Type.Optional(Nullable(100, 'A shorter name for tables.'))
}, {
  $id: 'NewUnit',
  additionalProperties: false,
  description: 'A new unit. Its name and code must differ from every other unit\'s, whatever their Unicode form or case.',
  examples: [EXAMPLE_UNIT]
})

export const UnitPatch = Type.Object({
  name: Type.Optional(Name),
  code: Type.Optional(Nullable(20, 'null removes the code.')),
  shortName: Type.Optional(Nullable(100, 'null removes the short name.'))
}, {
  $id: 'UnitPatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change (at least one); the fields left out keep their value.',
  examples: [{ shortName: EXAMPLE_UNIT.shortName }]
})

export const UnitListQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({
    maxLength: 200,
    description: 'Only the units whose name, short name or code contains this text, ignoring diacritics and case ' +
      '("lao cai" finds Công an tỉnh Lào Cai).'
  }))
}, { additionalProperties: false })

export const unitSchemas = [Unit, UnitPage, NewUnit, UnitPatch]
