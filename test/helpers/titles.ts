// A title of the cluster's own added to the catalogue, as an admin does before a cluster votes for it.
import type { App } from '../../src/app.js'
import { created } from './http.js'

export async function addClusterTitle (app: App, admin: string, code: string, fields: Record<string, unknown> = {}) {
  return created(app, admin, '/v1/titles', {
    code,
    name: `Danh hiệu thử ${code}`,
    level: 'unit',
    recipient: 'collective',
    standard: { ranking: 'none', consecutiveYears: 1, description: 'Tập thể hoàn thành tốt nhiệm vụ.' },
    legalBasis: 'Quy chế hoạt động của Cụm thi đua, Điều 12.',
    ...fields
  })
}
