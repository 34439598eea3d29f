// The examples of the discipline records' contract (see http/examples.ts): Công an tỉnh Yên Bái awaiting a
// discipline decision from March 2024, then disciplined.
import { EXAMPLE_CREATED_AT, EXAMPLE_IDS } from '../../http/examples.js'

export const EXAMPLE_DISCIPLINE_RECORD_ID = '3c9e7a14-52b8-4d6f-8e0a-1b2c3d4e5f60'

export const newDisciplineRecordExample = {
  from: '2024-03-15',
  status: 'pending',
  note: 'Chờ quyết định xử lý kỷ luật của Bộ Công an theo kết luận thanh tra số 45/KL-X03'
}

export const disciplineRecordExample = {
  id: EXAMPLE_DISCIPLINE_RECORD_ID,
  unitId: EXAMPLE_IDS.otherUnit,
  ...newDisciplineRecordExample,
  until: null,
  version: 1,
  createdAt: EXAMPLE_CREATED_AT,
  updatedAt: EXAMPLE_CREATED_AT
}

export const disciplineRecordPatchExample = {
  status: 'in_force',
  until: '2025-03-15',
  note: 'Quyết định kỷ luật số 12/QĐ-BCA ngày 02/04/2024, khiển trách'
}
