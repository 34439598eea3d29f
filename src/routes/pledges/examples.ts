// The examples of the pledges' contract (see http/examples.ts).
import { contentHash, normalizeContent } from '../../domain/pledge.js'
import { EXAMPLE_IDS, EXAMPLE_UNIT, EXAMPLE_YEAR } from '../../http/examples.js'

// The example cluster's pledge for 2024: one commitment with its target, and Lào Cai registering for the Ministry's
// emulation flag; the slogan is the one the seeds' clusters adopted ("Đổi mới, Chủ động, Kỷ cương, ...").
export const EXAMPLE_TARGET = { value: 100, unit: '%', description: 'tin báo, tố giác tội phạm được tiếp nhận, phân loại, xử lý' }
export const EXAMPLE_CONTENT = {
  title: `Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm ${EXAMPLE_YEAR}`,
  slogan: 'Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả',
  commitments: [{ text: 'Tiếp nhận, phân loại, xử lý kịp thời tin báo, tố giác tội phạm và kiến nghị khởi tố', target: EXAMPLE_TARGET }],
  registeredTitles: [{ unitId: EXAMPLE_IDS.unit, titleCode: 'ministry_flag' }]
}
/** The content as the service stores and answers it (a target's direction filled in), and its hash once opened. */
export const EXAMPLE_STORED = normalizeContent(EXAMPLE_CONTENT)
export const EXAMPLE_HASH = contentHash({ clusterId: EXAMPLE_IDS.cluster, year: EXAMPLE_YEAR, versionNumber: 1, ...EXAMPLE_STORED })
/** The head unit's director signs on the day of the pledge-signing conference (late March, as Cụm thi đua số 5 did). */
export const EXAMPLE_SIGNER = { signerName: 'Hoàng Văn Thắng', signerPosition: 'Giám đốc Công an tỉnh' }

/** Lào Cai's signature, recorded by the cluster's secretariat on its behalf. */
export const signatureExample = {
  id: EXAMPLE_IDS.signature,
  pledgeId: EXAMPLE_IDS.pledge,
  unitId: EXAMPLE_IDS.unit,
  unitName: EXAMPLE_UNIT.name,
  ...EXAMPLE_SIGNER,
  contentHash: EXAMPLE_HASH,
  signedOn: '2024-03-29',
  signedAt: '2024-03-29T07:45:00.000Z',
  onBehalf: true,
  signedBy: { sub: 'van-phong-cum-1', role: 'secretariat' }
}
