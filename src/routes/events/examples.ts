// The examples of the audit trail and the event feed (see http/examples.ts): the discipline record of
// discipline/examples.ts as it was created, once as an audit record and once as a feed event.
import { disciplineRecordExample, EXAMPLE_DISCIPLINE_RECORD_ID } from '../discipline/examples.js'

const change = {
  resourceType: 'discipline_record',
  resourceId: EXAMPLE_DISCIPLINE_RECORD_ID,
  occurredAt: disciplineRecordExample.createdAt,
  requestId: 'b7e3a1c9-4f2d-4e8a-9b6c-0d1e2f3a4b5c'
}

export const auditEventPageExample = {
  items: [{
    id: '42',
    ...change,
    actor: { sub: 'admin', role: 'admin' },
    action: 'discipline_record.created',
    before: null,
    after: disciplineRecordExample
  }],
  nextCursor: null
}

export const feedPageExample = {
  items: [{
    position: '42',
    id: 'a4c2e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e81',
    ...change,
    type: 'discipline_record.created',
    data: disciplineRecordExample
  }],
  nextCursor: null,
  lastPosition: '42'
}
