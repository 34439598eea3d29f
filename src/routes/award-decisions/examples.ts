// The examples of the awards' contract (see http/examples.ts): the Ministry's decision honouring 2024 in the
// example cluster: Công an tỉnh Lào Cai receives the Ministry's emulation flag on its cluster's proposal, and a
// deputy director of Công an tỉnh Yên Bái the title Chiến sĩ thi đua Công an nhân dân.
import { EXAMPLE_IDS } from '../../http/examples.js'

export const EXAMPLE_DECISION_ID = '4c6e8a0b-2d4f-4a6c-8e0a-1b3d5f7a9c1e'
export const EXAMPLE_AWARD_ID = '6e8a0c2d-4f6a-4b8c-9e1a-3c5e7a9b1d3f'
const EXAMPLE_OTHER_AWARD_ID = '7f9b1d3e-5a7c-4e9d-8f1b-2c4e6a8c0e2a'
const EXAMPLE_PROPOSAL_ID = '8a0c2e4f-6b8d-4a0c-9e2b-5d7f9b1c3e5a'
const RECORDED_AT = '2025-01-22T03:00:00.000Z'

const decisionRef = { number: '1234/QĐ-BCA-X03', date: '2025-01-20', issuer: 'Bộ Công an' }
const signer = { name: 'Thượng tướng Lê Quốc Hùng', position: 'Thứ trưởng' }
const person = { name: 'Nguyễn Văn An', rank: 'Đại tá', position: 'Phó Giám đốc' }

export const newAwardDecisionExample = {
  ...decisionRef,
  signer,
  year: 2024,
  awards: [
    { titleCode: 'ministry_flag', unitId: EXAMPLE_IDS.unit },
    { titleCode: 'cand_emulation_fighter', person: { ...person, unitId: EXAMPLE_IDS.otherUnit } }
  ]
}

export const awardExample = {
  id: EXAMPLE_AWARD_ID,
  decisionId: EXAMPLE_DECISION_ID,
  decision: decisionRef,
  year: 2024,
  titleCode: 'ministry_flag',
  titleName: 'Cờ thi đua của Bộ Công an',
  level: 'ministry',
  recipient: 'collective',
  unitId: EXAMPLE_IDS.unit,
  unitName: 'Công an tỉnh Lào Cai',
  person: null,
  clusterId: EXAMPLE_IDS.cluster,
  proposalId: EXAMPLE_PROPOSAL_ID,
  revokedAt: null,
  revocation: null,
  createdAt: RECORDED_AT
}

const individualAwardExample = {
  ...awardExample,
  id: EXAMPLE_OTHER_AWARD_ID,
  titleCode: 'cand_emulation_fighter',
  titleName: 'Chiến sĩ thi đua Công an nhân dân',
  recipient: 'individual',
  unitId: EXAMPLE_IDS.otherUnit,
  unitName: 'Công an tỉnh Yên Bái',
  person,
  proposalId: null
}

const summary = {
  id: EXAMPLE_DECISION_ID,
  ...decisionRef,
  signer,
  year: 2024,
  collectives: 1,
  individuals: 1,
  awardCount: 2,
  revokedAwardIds: [],
  createdBy: { sub: 'vu-thi-dua-khen-thuong', role: 'ministry' },
  createdAt: RECORDED_AT
}

export const awardDecisionSummaryExample = summary
export const awardDecisionExample = { ...summary, awards: [awardExample, individualAwardExample] }

export const revokeAwardExample = {
  reason: 'Đơn vị kê khai không trung thực thành tích năm 2024 (kết luận thanh tra số 56/KL-BCA-V03).',
  decision: { number: '567/QĐ-BCA-X03', date: '2025-06-10', issuer: 'Bộ Công an' }
}

export const revokedAwardExample = {
  ...awardExample,
  revokedAt: '2025-06-11T02:00:00.000Z',
  revocation: { ...revokeAwardExample, decisionId: null, revokedAt: '2025-06-11T02:00:00.000Z' }
}

export const awardTallyExample = {
  clusterId: EXAMPLE_IDS.cluster,
  clusterName: 'Cụm thi đua số 1',
  year: 2024,
  collectives: 3,
  individuals: 2,
  total: 5,
  revoked: 0,
  byTitle: [
    { titleCode: 'government_flag', titleName: 'Cờ thi đua của Chính phủ', level: 'government', recipient: 'collective', count: 1 },
    { titleCode: 'ministry_flag', titleName: 'Cờ thi đua của Bộ Công an', level: 'ministry', recipient: 'collective', count: 2 },
    { titleCode: 'cand_emulation_fighter', titleName: 'Chiến sĩ thi đua Công an nhân dân', level: 'ministry', recipient: 'individual', count: 1 },
    { titleCode: 'emulation_fighter', titleName: 'Chiến sĩ thi đua cơ sở', level: 'unit', recipient: 'individual', count: 1 }
  ],
  byLevel: [
    { level: 'government', collectives: 1, individuals: 0 },
    { level: 'ministry', collectives: 2, individuals: 1 },
    { level: 'unit', collectives: 0, individuals: 1 }
  ]
}
