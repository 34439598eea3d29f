// The real clusters of the seeds (Cụm thi đua số 9 and số 8 of the block of units under the Minister), created
// through the API for the tests of blocks, clusters, members and terms.
import type { App } from '../../src/app.js'
import { created } from './http.js'
import { createUnit } from './units.js'

export const BLOCK_NAME = 'Khối các đơn vị trực thuộc Bộ trưởng'

export const CLUSTER_9_UNITS = [
  { name: 'Cục Y tế', code: 'H06' },
  { name: 'Cục Công nghiệp an ninh', code: 'H08' },
  { name: 'Cục Hậu cần', code: 'H07' },
  { name: 'Bệnh viện 19.8' },
  { name: 'Bệnh viện 30/4' },
  { name: 'Bệnh viện 199' },
  { name: 'Bệnh viện Y học cổ truyền' }
]

export const CLUSTER_8_UNITS = [
  { name: 'Cục Viễn thông và cơ yếu' },
  { name: 'Cục Quản lý xây dựng và doanh trại' },
  { name: 'Cục Kế hoạch và tài chính' },
  { name: 'Cục Trang bị và kho vận' },
  { name: 'Cục Công nghệ thông tin' },
  { name: 'Viện Khoa học và công nghệ' }
]

export interface Seeded {
  blockId: string
  cluster9: Record<string, any>
  cluster8: Record<string, any>
  /** Unit ids by name. */
  units: Record<string, string>
}

/**
 * The block, clusters 9 (founded 2018-10-04) and 8, and their units; with `members`, every unit a member of its
 * cluster from `members` on.
 */
export async function seedClusters (app: App, admin: string, options: { members?: string } = {}): Promise<Seeded> {
  const block = await created(app, admin, '/v1/blocks', { name: BLOCK_NAME })
  const cluster9 = await created(app, admin, '/v1/clusters', {
    number: 9,
    name: 'Cụm thi đua số 9',
    blockId: block.id,
    foundedOn: '2018-10-04',
    foundingDecision: { number: '5678/QĐ-BCA', date: '2018-10-04', issuer: 'Bộ Công an' }
  })
  const cluster8 = await created(app, admin, '/v1/clusters', { number: 8, name: 'Cụm thi đua số 8', blockId: block.id })
  const units: Record<string, string> = {}
  for (const [cluster, list] of [[cluster9, CLUSTER_9_UNITS], [cluster8, CLUSTER_8_UNITS]] as const) {
    for (const unit of list) {
      units[unit.name] = (await createUnit(app, admin, unit)).id
      if (options.members) {
        await created(app, admin, `/v1/clusters/${cluster.id}/members`, { unitId: units[unit.name], from: options.members })
      }
    }
  }
  return { blockId: block.id, cluster9, cluster8, units }
}
