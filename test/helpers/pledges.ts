// Cụm thi đua số 5 (seed 004) and its 2022 pledge, created through the API for the pledge tests.
import type { App } from '../../src/app.js'
import { created } from './http.js'
import { createUnit } from './units.js'

export const SLOGAN_2022 = 'Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả'

/** The six units of Cụm 5 in the order the seed names them; the first is the head unit. */
export const CLUSTER_5_UNITS = [
  'Viện Khoa học hình sự',
  'Cục Cảnh sát Quản lý hành chính về trật tự xã hội',
  'Cục Cảnh sát Phòng cháy, chữa cháy và cứu nạn, cứu hộ',
  'Cục Cảnh sát giao thông',
  'Cục Cảnh sát quản lý trại giam, cơ sở giáo dục bắt buộc, trường giáo dưỡng',
  'Cục Cảnh sát quản lý tạm giữ, tạm giam và thi hành án hình sự tại cộng đồng'
]

export interface Cluster5 {
  cluster5: Record<string, any>
  /** Unit ids in CLUSTER_5_UNITS order. */
  unitIds: string[]
}

/** Cụm thi đua số 5 in the block, its six units members from `members` (2021-01-01 by default). */
export async function seedCluster5 (app: App, admin: string, blockId: string, options: { members?: string } = {}): Promise<Cluster5> {
  const cluster5 = await created(app, admin, '/v1/clusters', { number: 5, name: 'Cụm thi đua số 5', blockId })
  const unitIds: string[] = []
  for (const name of CLUSTER_5_UNITS) {
    const unit = await createUnit(app, admin, { name })
    await created(app, admin, `/v1/clusters/${cluster5.id}/members`, { unitId: unit.id, from: options.members ?? '2021-01-01' })
    unitIds.push(unit.id)
  }
  return { cluster5, unitIds }
}

/** The 2022 pledge body of Cụm 5: the head unit registers for the Government flag, the others the Ministry flag. */
export function pledge2022 (unitIds: string[]) {
  return {
    year: 2022,
    title: 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2022',
    slogan: SLOGAN_2022,
    commitments: [
      { text: 'Hoàn thành xuất sắc nhiệm vụ chính trị được giao, vượt mức các chỉ tiêu thi đua.' },
      {
        text: 'Tiếp nhận, phân loại, xử lý tin báo, tố giác về tội phạm.',
        target: { value: 100, unit: '%', description: 'tin báo, tố giác được tiếp nhận, xử lý' }
      },
      { text: 'Giảm số vụ tai nạn giao thông so với năm 2021.', target: { value: 5, unit: '%', direction: 'lower_is_better' } }
    ],
    registeredTitles: unitIds.map((unitId, i) => ({ unitId, titleCode: i === 0 ? 'government_flag' : 'ministry_flag' }))
  }
}

export const signer = (i: number) => i === 0
  ? { signerName: 'Trần Việt Kiều', signerPosition: 'Viện trưởng' }
  : { signerName: `Lãnh đạo đơn vị ${i + 1}`, signerPosition: 'Cục trưởng' }
