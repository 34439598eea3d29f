// The one cluster every example of the contract describes, so Swagger UI's default bodies tell one story: the
// units "Công an tỉnh Lào Cai" and "Công an tỉnh Yên Bái" of "Cụm thi đua số 1" in "Khối các đơn vị Công an địa
// phương", in 2024. The ids are fixed and name nothing on a fresh service: "Try it out" with a body that refers to
// one is refused with a 404 or 422 naming that id, which tells the caller which id to fill in (test/routes/
// openapi-examples.test.ts posts every default body to check it).
import { Type } from 'typebox'

/** Ids of the example records: stable, so the contract does not change from one generation to the next. */
export const EXAMPLE_IDS = {
  block: '92066177-a2d9-4674-93c8-dcc1d0e1f61d',
  cluster: '4ac87535-ea82-4a93-8289-78300a962a32',
  /** Công an tỉnh Lào Cai: the head unit (Cụm trưởng) of the example year. */
  unit: 'f7b4f430-ed11-47e5-98af-ddb93805d400',
  /** Công an tỉnh Yên Bái: the deputy unit (Cụm phó). */
  otherUnit: '2fed04aa-3747-461e-9ed6-51eca2c47956',
  membership: 'e45c15c7-828c-479e-9e20-7ed414e99a14',
  pledge: 'fa7522f6-ae10-4c2a-8ad5-2c60f7634b2f',
  signature: '2fab3a46-d2cd-46fc-8bcb-a4c649e940e2',
  conference: 'd966b8da-5d15-41cc-8561-1dfa74d45fc2',
  /** The example year's scoring scheme (quy định chấm điểm). */
  scheme: '6b1f3c52-8d0e-4f7a-9c21-5e4d3a2b1c0f',
  /** Công an tỉnh Yên Bái's discipline record (kỷ luật): the change the audit trail's and the feed's examples show. */
  disciplineRecord: '3c9e7a14-52b8-4d6f-8e0a-1b2c3d4e5f60',
  /**
   * The members of Công an tỉnh Lào Cai's advisory group (Tổ tư vấn) of the example year, in the group's order: the
   * advisory groups' examples answer them, and the review's example names the first in `reviewerIds`.
   */
  advisoryMembers: ['8d3f1b6a-2c4e-4f7a-9b1d-5e6f7a8b9c0d', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a']
} as const

export const EXAMPLE_BLOCK_NAME = 'Khối các đơn vị Công an địa phương'
export const EXAMPLE_CLUSTER_NAME = 'Cụm thi đua số 1'
export const EXAMPLE_UNIT = { name: 'Công an tỉnh Lào Cai', code: 'LCA', shortName: 'CA Lào Cai' } as const
export const EXAMPLE_OTHER_UNIT = { name: 'Công an tỉnh Yên Bái', code: 'YBA', shortName: 'CA Yên Bái' } as const
export const EXAMPLE_YEAR = 2024

/** When the example records were written (UTC): early January of the example year. */
export const EXAMPLE_CREATED_AT = '2024-01-08T02:30:00.000Z'

/** The fields every versioned example record ends with: first version, unchanged since it was written. */
export const exampleStamps = { version: 1, createdAt: EXAMPLE_CREATED_AT, updatedAt: EXAMPLE_CREATED_AT } as const

/**
 * A calendar date in a query string, described: the CalendarDate schema spelled out, since @fastify/swagger drops a
 * description beside a `$ref` (see common-schemas IdParam). No example: Swagger UI would fill it in on every call.
 */
export const DateParam = (description: string) =>
  Type.String({ format: 'date', maxLength: 10, description: `${description} A date like 2024-07-30 (YYYY-MM-DD).` })

/**
 * The page's example: the item's example alone on the last page (`nextCursor` null). Swagger UI shows it for the
 * list operations; written once per page component, never per operation.
 */
export function withPageExample<T extends object> (page: T, item: object): T {
  const [first] = ((item as { examples?: unknown[] }).examples) ?? []
  if (first === undefined) throw new Error('withPageExample needs an item schema with an example')
  return Object.assign(page, { examples: [{ items: [first], nextCursor: null }] })
}

/** Công an tỉnh Yên Bái awaiting a discipline decision from March 2024, as recorded. */
export const newDisciplineRecordExample = {
  from: '2024-03-15',
  status: 'pending',
  note: 'Chờ quyết định xử lý kỷ luật của Bộ Công an theo kết luận thanh tra số 45/KL-X03'
}

/** The discipline record as stored: the discipline area's example, and the record the audit and feed examples show created. */
export const disciplineRecordExample = {
  id: EXAMPLE_IDS.disciplineRecord,
  unitId: EXAMPLE_IDS.otherUnit,
  ...newDisciplineRecordExample,
  until: null,
  ...exampleStamps
}

/** The creation of `disciplineRecordExample` as the audit trail and the event feed both describe it. */
export const exampleChange = {
  resourceType: 'discipline_record',
  resourceId: EXAMPLE_IDS.disciplineRecord,
  occurredAt: disciplineRecordExample.createdAt,
  requestId: 'b7e3a1c9-4f2d-4e8a-9b6c-0d1e2f3a4b5c'
}
