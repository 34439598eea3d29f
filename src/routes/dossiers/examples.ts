// The examples of the award dossiers' contract (see http/examples.ts): Cụm thi đua số 1 proposes Công an tỉnh Lào
// Cai for the Government flag of 2024, with its achievement report attached; the Ministry accepted it.
import { dossierHash } from '../../domain/dossier.js'
import { EXAMPLE_CLUSTER_NAME, EXAMPLE_IDS, EXAMPLE_UNIT, EXAMPLE_YEAR } from '../../http/examples.js'

export const EXAMPLE_DOSSIER_ID = '4a6c8e0b-2d4f-4a6b-8c0d-1e3f5a7b9c2d'
export const EXAMPLE_PROPOSAL_ID = '7d9f1b3c-5e7a-4c9b-8d1f-2a4c6e8b0d3f'
export const EXAMPLE_ELECTION_ID = '6b8d0f2a-4c6e-4a8b-9c1d-3e5f7a9b1c2d'
export const EXAMPLE_FILE_ID = '8c1e3a5b-7d9f-4b2c-a4e6-0f2b4d6e8a1c'
export const EXAMPLE_ATTACHMENT_ID = '2c4e6a8b-0d2f-4b4c-9e6a-8b0c2d4e6f8a'
const FILE_SHA256 = '3b7e1f0c9a2d4e6f8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a'

export const EXAMPLE_RETURN_REASON = 'Báo cáo thành tích chưa có xác nhận của cấp trình khen; đề nghị bổ sung và gửi lại.'

const vote = { round: 1, votes: 7, ballotsCast: 8, electorate: 8 }

const proposal = {
  proposalId: EXAMPLE_PROPOSAL_ID,
  unitId: EXAMPLE_IDS.unit,
  unitName: EXAMPLE_UNIT.name,
  status: 'accepted',
  electionId: EXAMPLE_ELECTION_ID,
  ...vote,
  decidedBy: 'votes'
} as const

const attachment = {
  id: EXAMPLE_ATTACHMENT_ID,
  fileId: EXAMPLE_FILE_ID,
  fileName: 'Báo cáo thành tích Công an tỉnh Lào Cai 2024.pdf',
  mediaType: 'application/pdf',
  sha256: FILE_SHA256,
  kind: 'achievement_report',
  unitId: EXAMPLE_IDS.unit,
  addedBy: { sub: 'ca-lao-cai-van-thu', role: 'unit' },
  createdAt: '2024-12-22T02:00:00.000Z'
} as const

const CONTENT_HASH = dossierHash({
  clusterId: EXAMPLE_IDS.cluster,
  year: EXAMPLE_YEAR,
  titleCode: 'government_flag',
  proposals: [proposal],
  attachments: [attachment]
})

export const dossierRecordExample = {
  id: EXAMPLE_DOSSIER_ID,
  clusterId: EXAMPLE_IDS.cluster,
  year: EXAMPLE_YEAR,
  titleCode: 'government_flag',
  status: 'accepted',
  contentHash: CONTENT_HASH,
  returnReason: null,
  submittedAt: '2024-12-23T03:00:00.000Z',
  proposals: [proposal],
  attachments: [attachment],
  history: [
    { from: 'draft', to: 'submitted', at: '2024-12-23T03:00:00.000Z', by: 'van-phong-cum-1', role: 'secretariat', contentHash: CONTENT_HASH },
    { from: 'submitted', to: 'accepted', at: '2025-01-10T02:00:00.000Z', by: 'phong-thi-dua-bo', role: 'ministry' }
  ],
  version: 4,
  createdAt: '2024-12-21T08:00:00.000Z',
  updatedAt: '2025-01-10T02:00:00.000Z'
}

export const dossierExample = {
  ...dossierRecordExample,
  titleName: 'Cờ thi đua của Chính phủ',
  checklist: [{
    proposalId: EXAMPLE_PROPOSAL_ID,
    unitId: EXAMPLE_IDS.unit,
    unitName: EXAMPLE_UNIT.name,
    ranking: { rank: 1, total: 96.5, band: 'excellent', bandName: 'Xuất sắc' },
    underDiscipline: false,
    vote: { electionId: EXAMPLE_ELECTION_ID, ...vote, decidedBy: 'votes' },
    standard: {
      description: 'Đơn vị dẫn đầu Cụm thi đua, đạt tiêu chuẩn Cờ thi đua của Bộ Công an (Thông tư 12/2019/TT-BCA, Điều 18).',
      met: true,
      reason: null,
      detail: null
    },
    achievementReport: true
  }]
}

export const awardRoundExample = {
  year: EXAMPLE_YEAR,
  clustersActive: 12,
  titles: [{
    titleCode: 'government_flag',
    titleName: 'Cờ thi đua của Chính phủ',
    quota: { basis: 'cluster_leading_units', limit: 2 },
    accepted: 1,
    waiting: 0,
    proposals: [{
      proposalId: EXAMPLE_PROPOSAL_ID,
      clusterId: EXAMPLE_IDS.cluster,
      clusterName: EXAMPLE_CLUSTER_NAME,
      unitId: EXAMPLE_IDS.unit,
      unitName: EXAMPLE_UNIT.name,
      vote,
      ranking: { rank: 1, total: 96.5, band: 'excellent', bandName: 'Xuất sắc', rankedUnits: 8 },
      dossier: { dossierId: EXAMPLE_DOSSIER_ID, status: 'accepted', proposalStatus: 'accepted' }
    }]
  }]
}
