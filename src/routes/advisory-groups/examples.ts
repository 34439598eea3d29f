// The examples of the advisory groups' contract (see http/examples.ts): Công an tỉnh Lào Cai, head of the example
// cluster in 2024, founds its advisory group in early January with three officers of its own staff.
import { EXAMPLE_IDS } from '../../http/examples.js'

const decision = { number: '15/QĐ-CAT-PV01', date: '2024-01-05', issuer: 'Công an tỉnh Lào Cai' }

const people = [
  { name: 'Nguyễn Văn Hùng', rank: 'Thượng tá', position: 'Trưởng phòng Tham mưu' },
  { name: 'Trần Thị Mai', rank: 'Trung tá', position: 'Phó Trưởng phòng Tham mưu' },
  { name: 'Lê Đức Thành', rank: 'Thiếu tá', position: 'Đội trưởng Đội Thi đua, khen thưởng' }
]

const ids = ['8d3f1b6a-2c4e-4f7a-9b1d-5e6f7a8b9c0d', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a']

/** The body of the founding PUT: no member ids yet. */
export const EXAMPLE_BODY = { decision, members: people.map((p) => ({ ...p, unitId: EXAMPLE_IDS.unit })) }

/** The members as answered, each with its id. */
export const EXAMPLE_MEMBERS = people.map((p, i) => ({ id: ids[i], ...p, unitId: EXAMPLE_IDS.unit }))

/** The first member's id: what a review's `reviewerIds` names. */
export const EXAMPLE_REVIEWER_ID = ids[0]
