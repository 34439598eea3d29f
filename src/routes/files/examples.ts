// The examples of the evidence files' contract (see http/examples.ts): Công an tỉnh Lào Cai's report on its
// emulation movement, uploaded as evidence for its self-assessment of the example year.
import { EXAMPLE_IDS } from '../../http/examples.js'

export const EXAMPLE_FILE_ID = '8c1e3a5b-7d9f-4b2c-a4e6-0f2b4d6e8a1c'

export const fileExample = {
  id: EXAMPLE_FILE_ID,
  name: 'Báo cáo phong trào thi đua năm 2024.pdf',
  mediaType: 'application/pdf',
  size: 482_311,
  sha256: '5f2b8a9c0d1e3f4a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c',
  uploadedBy: { sub: 'ca-lao-cai-van-thu', role: 'unit', unitId: EXAMPLE_IDS.unit, clusterId: null },
  createdAt: '2024-12-02T03:15:00.000Z'
}
