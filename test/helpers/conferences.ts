// The clusters of the conference seeds, created through the API: Cụm thi đua số 6 of the block of units under the
// Minister (seed 001) and Cụm thi đua số 4 of the Hà Nội city police (seed 002).
import type { App } from '../../src/app.js'
import { created } from './http.js'
import { BLOCK_NAME } from './clusters.js'
import { createUnit } from './units.js'

export const CLUSTER_6_HEAD = 'Cục Đối ngoại'
export const CLUSTER_6_UNITS = [
  CLUSTER_6_HEAD,
  'Văn phòng Bộ Công an',
  'Cục Khoa học, chiến lược và lịch sử Công an',
  'Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc',
  'Cục Hồ sơ nghiệp vụ',
  'Cục Pháp chế và cải cách hành chính, tư pháp'
]

// Three names come from the seed (the 2016 head, and the 2017 head and deputy); the other five are invented after
// the work the seed lists (personnel, training, computing, the press, medical care).
export const CLUSTER_4_UNITS = [
  'Phòng Công tác đảng và công tác quần chúng',
  'Phòng Công tác chính trị',
  'Phòng Hậu cần',
  'Phòng Tổ chức cán bộ',
  'Phòng Đào tạo',
  'Phòng Công nghệ thông tin',
  'Phòng Thông tin và báo chí',
  'Phòng Y tế'
]

export interface SeededCluster {
  blockId: string
  cluster: Record<string, any>
  /** Unit ids by name. */
  units: Record<string, string>
}

async function seedCluster (
  app: App, admin: string,
  cluster: { blockName: string, number: number, name: string, foundedOn?: string },
  unitNames: string[], memberFrom: string
): Promise<SeededCluster> {
  const block = await created(app, admin, '/v1/blocks', { name: cluster.blockName })
  const made = await created(app, admin, '/v1/clusters', {
    number: cluster.number, name: cluster.name, blockId: block.id, ...(cluster.foundedOn ? { foundedOn: cluster.foundedOn } : {})
  })
  const units: Record<string, string> = {}
  for (const name of unitNames) {
    units[name] = (await createUnit(app, admin, { name })).id
    await created(app, admin, `/v1/clusters/${made.id}/members`, { unitId: units[name], from: memberFrom })
  }
  return { blockId: block.id, cluster: made, units }
}

/** Cụm thi đua số 6 with its six units, members from `memberFrom` (2024-01-01 by default). */
export function seedCluster6 (app: App, admin: string, memberFrom = '2024-01-01') {
  return seedCluster(app, admin, { blockName: BLOCK_NAME, number: 6, name: 'Cụm thi đua số 6' }, CLUSTER_6_UNITS, memberFrom)
}

/** Cụm thi đua số 4 of Công an thành phố Hà Nội with its eight units, members from 2016-01-01. */
export function seedCluster4 (app: App, admin: string) {
  return seedCluster(app, admin, {
    blockName: 'Khối xây dựng lực lượng, hậu cần kỹ thuật – Công an thành phố Hà Nội', number: 4, name: 'Cụm thi đua số 4'
  }, CLUSTER_4_UNITS, '2016-01-01')
}

/** Seed 001: the mid-year review of Cụm 6 on the afternoon of 30 July 2024, chaired by the head of Cục Đối ngoại. */
export function midYearReview2024 (units: Record<string, string>, attending = CLUSTER_6_UNITS.slice(1)) {
  return {
    kind: 'mid_year_review',
    title: 'Hội nghị sơ kết phong trào thi đua “Vì an ninh Tổ quốc” 6 tháng đầu năm 2024',
    year: 2024,
    heldAt: '2024-07-30T14:00:00+07:00',
    location: 'Hà Nội',
    chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng Cục Đối ngoại', unitId: units[CLUSTER_6_HEAD] },
    attendingUnitIds: attending.map((name) => units[name]),
    agenda: [
      'Báo cáo kết quả phong trào thi đua 6 tháng đầu năm 2024',
      'Các đơn vị đánh giá ưu điểm, tồn tại, hạn chế',
      'Nhiệm vụ, giải pháp 6 tháng cuối năm 2024'
    ],
    minutes: 'Các đơn vị trong Cụm đã hoàn thành theo đúng chương trình công tác đề ra trong 6 tháng đầu năm 2024.',
    decisions: [
      'Tăng cường công tác giáo dục chính trị, tư tưởng; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến.',
      'Tổ chức thêm hoạt động giao lưu văn hóa, văn nghệ, thể thao giữa các đơn vị trong Cụm.'
    ]
  }
}

// A cluster of the Hồ Chí Minh City police with seven units (names after the departments such a police has).
export const CLUSTER_HCM_HEAD = 'Phòng Tham mưu'
export const CLUSTER_HCM_UNITS = [
  CLUSTER_HCM_HEAD,
  'Phòng Cảnh sát hình sự',
  'Phòng An ninh chính trị nội bộ',
  'Phòng Hậu cần',
  'Phòng Tổ chức cán bộ',
  'Phòng Công tác đảng và công tác chính trị',
  'Phòng Cảnh sát quản lý hành chính về trật tự xã hội'
]

/** Cụm thi đua số 3 of Công an Thành phố Hồ Chí Minh with its seven units, members from 2024-01-01. */
export function seedClusterHcm (app: App, admin: string) {
  return seedCluster(app, admin, {
    blockName: 'Khối các đơn vị tham mưu, hậu cần – Công an Thành phố Hồ Chí Minh', number: 3, name: 'Cụm thi đua số 3'
  }, CLUSTER_HCM_UNITS, '2024-01-01')
}
