import { Type } from 'typebox'
import { IdParam } from '../../http/common-schemas.js'
import { CHOSEN_BY } from '../../domain/term.js'
import { EXAMPLE_IDS, EXAMPLE_YEAR, exampleStamps, withPageExample } from '../../http/examples.js'
import { CalendarDate, Instant, Integer, pageOf, PageQuery, ref, Uuid, versionOf } from '../../http/shared-schemas.js'

const Year = Integer(1945, 2100, { description: 'The calendar year of the term.', examples: [EXAMPLE_YEAR] })

/** Lào Cai heads the example cluster in 2024, Yên Bái is its deputy, appointed in early January. */
const EXAMPLE_APPOINTMENT = { headUnitId: EXAMPLE_IDS.unit, deputyUnitId: EXAMPLE_IDS.otherUnit, decidedOn: '2024-01-05' }

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
  chosenBy: Type.Enum([...CHOSEN_BY], { description: 'How they were chosen: by `election` (bầu), `rotation` (luân phiên) or `appointment`.' }),
  decidedOn: Type.Union([ref(CalendarDate), Type.Null()], { description: 'When the choice was made; for an election, the day of the vote (the date of the conference it was held at, if any).' }),
  note: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: 'A remark, such as the decision\'s reference.' }),
  flagHandover: Type.Union([ref(FlagHandover), Type.Null()], {
    description: 'Derived: set when the previous year\'s term exists and its head unit is another unit; else null.'
  }),
  version: versionOf('Increases with every change of the term. Its ETag also changes when the flag handover it ' +
    'derives from the year before does, so it is not "v<version>".'),
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Term',
  description: 'A cluster\'s head and deputy units for one year.',
  examples: [{
    clusterId: EXAMPLE_IDS.cluster,
    year: EXAMPLE_YEAR,
    ...EXAMPLE_APPOINTMENT,
    chosenBy: 'appointment',
    note: null,
    flagHandover: null,
    ...exampleStamps
  }]
})

export const TermPage = withPageExample(pageOf(Term, 'TermPage'), Term)

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
    'Replaces the whole term.',
  examples: [EXAMPLE_APPOINTMENT]
})

export const TermParams = Type.Object({ clusterId: IdParam('The cluster\'s id.', EXAMPLE_IDS.cluster), year: Year })

export const TermListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const termSchemas = [FlagHandover, Term, TermPage, TermAppointment]
