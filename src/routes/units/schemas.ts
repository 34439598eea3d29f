import { Type } from 'typebox'
import { Instant, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'

const Nullable = (maxLength: number, description: string) =>
  Type.Union([Type.String({ minLength: 1, maxLength, pattern: '\\S' }), Type.Null()], { description })

export const Unit = Type.Object({
  id: ref(Uuid),
  name: Type.String({ maxLength: NAME_MAX_LENGTH, examples: ['Cục Y tế'] }),
  code: Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { description: 'Short code such as H06.' }),
  shortName: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, { $id: 'Unit', description: 'A unit (đơn vị): a department, institute, hospital or police office.' })

export const UnitPage = pageOf(Unit, 'UnitPage')

export const NewUnit = Type.Object({
  name: Name,
  code: Type.Optional(Nullable(20, 'Short code such as H06, unique whatever the case.')),
  shortName: Type.Optional(Nullable(100, 'A shorter name for tables.'))
}, { $id: 'NewUnit', additionalProperties: false })

export const UnitPatch = Type.Object({
  name: Type.Optional(Name),
  code: Type.Optional(Nullable(20, 'null removes the code.')),
  shortName: Type.Optional(Nullable(100, 'null removes the short name.'))
}, { $id: 'UnitPatch', additionalProperties: false, minProperties: 1 })

export const UnitListQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches name, short name or code, ignoring diacritics and case.' }))
}, { additionalProperties: false })

export const unitSchemas = [Unit, UnitPage, NewUnit, UnitPatch]
