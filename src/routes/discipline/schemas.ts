import { Type } from 'typebox'
import { DISCIPLINE_STATUSES } from '../../domain/discipline.js'
import { CalendarDate, Instant, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'
import { IdParam } from '../../http/common-schemas.js'
import { EXAMPLE_IDS } from '../../http/examples.js'
import { disciplineRecordExample, disciplineRecordPatchExample, newDisciplineRecordExample } from './examples.js'

const Status = Type.Enum([...DISCIPLINE_STATUSES], {
  description: '`pending`: awaiting a discipline decision; `in_force`: disciplined. Either bars the unit from titles.'
})
const NOTE_MAX_LENGTH = 2000
const Note = Type.String({ minLength: 1, maxLength: NOTE_MAX_LENGTH, pattern: '\\S', examples: ['Quyết định kỷ luật số 12/QĐ-BCA'] })

export const DisciplineRecord = Type.Object({
  id: ref(Uuid),
  unitId: ref(Uuid),
  from: ref(CalendarDate, { description: 'The first day the record applies.' }),
  until: Type.Union([ref(CalendarDate), Type.Null()], { description: 'The first day it no longer applies (the period is [from, until)); null while open.' }),
  status: Status,
  note: Type.String({ maxLength: NOTE_MAX_LENGTH }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, { $id: 'DisciplineRecord', description: 'A unit under discipline, or awaiting a discipline decision, over a period.', examples: [disciplineRecordExample] })

export const DisciplineRecordPage = Object.assign(pageOf(DisciplineRecord, 'DisciplineRecordPage'), {
  examples: [{ items: [disciplineRecordExample], nextCursor: null }]
})

export const NewDisciplineRecord = Type.Object({
  from: ref(CalendarDate),
  until: Type.Optional(Type.Union([ref(CalendarDate), Type.Null()], { description: 'After from; open-ended when absent.' })),
  status: Status,
  note: Note
}, { $id: 'NewDisciplineRecord', additionalProperties: false, examples: [newDisciplineRecordExample] })

export const DisciplineRecordPatch = Type.Object({
  status: Type.Optional(Status),
  until: Type.Optional(Type.Union([ref(CalendarDate), Type.Null()], { description: 'After from; null reopens the period.' })),
  note: Type.Optional(Note)
}, {
  $id: 'DisciplineRecordPatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'Changes the status, the end or the note.',
  examples: [disciplineRecordPatchExample]
})

export const DisciplineParams = Type.Object({ recordId: IdParam('The discipline record\'s id (kỷ luật).', EXAMPLE_IDS.disciplineRecord) })

export const DisciplineListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const disciplineSchemas = [DisciplineRecord, DisciplineRecordPage, NewDisciplineRecord, DisciplineRecordPatch]
