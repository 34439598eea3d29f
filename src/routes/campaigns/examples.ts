// The examples of the campaigns' contract (see http/examples.ts): the Ministry's peak campaign for the 80th
// anniversary of the People's Public Security (19/8/1945 – 19/8/2025) across the block of local police, which
// Công an tỉnh Lào Cai joins and reports on.
import { EXAMPLE_IDS } from '../../http/examples.js'

export const EXAMPLE_CAMPAIGN_ID = '5e7a9c1b-3d5f-4a7b-9c1d-2e4f6a8b0c2d'
export const EXAMPLE_PARTICIPANT_ID = '1d3f5b7a-9c2e-4b4d-8f6a-0b2c4d6e8f1a'

/** The day after the plan was signed (UTC). */
const LAUNCHED_AT = '2025-04-16T02:30:00.000Z'

export const newCampaignExample = {
  name: 'Đợt thi đua cao điểm 120 ngày đêm chào mừng kỷ niệm 80 năm Ngày truyền thống CAND',
  slogan: 'Công an nhân dân vì nước quên thân, vì dân phục vụ',
  issuer: 'Bộ trưởng Bộ Công an',
  decision: { number: '2468/KH-BCA-X03', date: '2025-04-15' },
  occasion: 'Kỷ niệm 80 năm Ngày truyền thống Công an nhân dân (19/8/1945 – 19/8/2025)',
  from: '2025-04-21',
  until: '2025-08-19',
  targets: [
    { text: 'Kéo giảm tội phạm về trật tự xã hội so với cùng kỳ năm 2024', target: 'ít nhất 5%' },
    { text: 'Tỷ lệ điều tra, khám phá các vụ án hình sự', target: 'trên 80%' },
    { text: 'Tổ chức các hoạt động tri ân, uống nước nhớ nguồn tại địa phương' }
  ],
  scope: { blockIds: [EXAMPLE_IDS.block] }
}

export const campaignExample = {
  id: EXAMPLE_CAMPAIGN_ID,
  ...newCampaignExample,
  targets: newCampaignExample.targets.map((t) => ({ target: null, ...t })),
  scope: { blockIds: [EXAMPLE_IDS.block], clusterIds: [], unitIds: [] },
  version: 1,
  createdAt: LAUNCHED_AT,
  updatedAt: LAUNCHED_AT
}

export const campaignPatchExample = { until: '2025-08-31' }

export const newParticipantExample = { unitId: EXAMPLE_IDS.unit }

export const participantReportExample = {
  result: 'Hoàn thành 3/3 chỉ tiêu: kéo giảm 7,2% tội phạm về trật tự xã hội, khám phá 86% số vụ án hình sự; ' +
    'tổ chức 14 hoạt động tri ân tại các xã biên giới.'
}

const actor = { sub: 'unit-lao-cai', role: 'unit' }

export const participantExample = {
  id: EXAMPLE_PARTICIPANT_ID,
  campaignId: EXAMPLE_CAMPAIGN_ID,
  unitId: EXAMPLE_IDS.unit,
  clusterId: null,
  name: 'Công an tỉnh Lào Cai',
  ...participantReportExample,
  reportedAt: '2025-08-25T03:00:00.000Z',
  reportedBy: actor,
  registeredBy: actor,
  version: 2,
  createdAt: '2025-04-22T01:30:00.000Z',
  updatedAt: '2025-08-25T03:00:00.000Z'
}
