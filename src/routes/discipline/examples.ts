// The examples of the discipline records' contract (see http/examples.ts): Công an tỉnh Yên Bái awaiting a
// discipline decision from March 2024 (the record itself is in http/examples.ts: the audit and feed examples show
// it created), then disciplined.
export { disciplineRecordExample, newDisciplineRecordExample } from '../../http/examples.js'

export const disciplineRecordPatchExample = {
  status: 'in_force',
  until: '2025-03-15',
  note: 'Quyết định kỷ luật số 12/QĐ-BCA ngày 02/04/2024, khiển trách'
}
