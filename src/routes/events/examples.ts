// The example of the event feed (see http/examples.ts): the discipline record of the example year as it was created.
import { disciplineRecordExample, exampleChange } from '../../http/examples.js'

export const feedPageExample = {
  items: [{
    position: '42',
    id: 'a4c2e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e81',
    ...exampleChange,
    type: 'discipline_record.created',
    data: disciplineRecordExample
  }],
  nextCursor: null,
  lastPosition: '42'
}
