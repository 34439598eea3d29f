import { Type } from 'typebox'
import { CHOSEN_BY } from '../../domain/term.js'
import { CalendarDate, Instant, Integer, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'

const Year = Integer(1945, 2100, { description: 'The calendar year of the term.', examples: [2024] })

export const FlagHandover = Type.Object({
  fromUnitId: ref(Uuid, { description: 'The previous year\'s head unit, which hands the flag over.' }),
  toUnitId: ref(Uuid, { description: 'This year\'s head unit.' }),
  year: Integer(1945, 2100, { description: 'The term year the new head holds the flag for.' })
}, { $id: 'FlagHandover', description: 'The rotating flag (cờ luân lưu) passing to a new head unit.' })

export const Term = Type.Object({
  clusterId: ref(Uuid),
  year: Year,
  headUnitId: ref(Uuid, { description: 'The head unit (đơn vị Cụm trưởng).' }),
  deputyUnitId: ref(Uuid, { description: 'The deputy head unit (đơn vị Cụm phó).' }),
  chosenBy: Type.Enum([...CHOSEN_BY]),
  decidedOn: Type.Union([ref(CalendarDate), Type.Null()], { description: 'When the choice was made.' }),
  note: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  flagHandover: Type.Union([ref(FlagHandover), Type.Null()], {
    description: 'Derived: set when the previous year\'s term exists and its head unit is another unit; else null.'
  }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, { $id: 'Term', description: 'A cluster\'s head and deputy units for one year.' })

export const TermPage = pageOf(Term, 'TermPage')

export const TermAppointment = Type.Object({
  headUnitId: ref(Uuid),
  deputyUnitId: ref(Uuid, { description: 'Another unit than the head.' }),
  chosenBy: Type.Optional(Type.Enum([...CHOSEN_BY], { description: 'How they were chosen; `appointment` when left out.' })),
  decidedOn: Type.Optional(Type.Union([ref(CalendarDate), Type.Null()])),
  note: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }), Type.Null()]))
}, {
  $id: 'TermAppointment',
  additionalProperties: false,
  description: 'Head and deputy: two different units, each a member of the cluster on some day of the year. ' +
    'Replaces the whole term.'
})

export const TermParams = Type.Object({ clusterId: ref(Uuid), year: Year })

export const TermListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const termSchemas = [FlagHandover, Term, TermPage, TermAppointment]
