// The example of the audit trail (see http/examples.ts): the discipline record of the example year as it was created.
import { disciplineRecordExample, exampleChange } from '../../http/examples.js'

export const auditEventPageExample = {
  items: [{
    id: '42',
    ...exampleChange,
    actor: { sub: 'admin', role: 'admin' },
    action: 'discipline_record.created',
    before: null,
    after: disciplineRecordExample
  }],
  nextCursor: null
}
