// The examples of the advisory groups' contract (see http/examples.ts): Công an tỉnh Lào Cai, head of the example
// cluster in 2024, founds its advisory group in early January with three officers of its own staff.
import { EXAMPLE_IDS } from '../../http/examples.js'

const decision = { number: '15/QĐ-CAT-PV01', date: '2024-01-05', issuer: 'Công an tỉnh Lào Cai' }

const people = [
  { name: 'Nguyễn Văn Hùng', rank: 'Thượng tá', position: 'Trưởng phòng Tham mưu' },
  { name: 'Trần Thị Mai', rank: 'Trung tá', position: 'Phó Trưởng phòng Tham mưu' },
  { name: 'Lê Đức Thành', rank: 'Thiếu tá', position: 'Đội trưởng Đội Thi đua, khen thưởng' }
]

/** The body of the founding PUT: no member ids yet. */
export const EXAMPLE_BODY = { decision, members: people.map((p) => ({ ...p, unitId: EXAMPLE_IDS.unit })) }

/** The members as answered, each with its id. */
export const EXAMPLE_MEMBERS = people.map((p, i) => ({ id: EXAMPLE_IDS.advisoryMembers[i], ...p, unitId: EXAMPLE_IDS.unit }))
