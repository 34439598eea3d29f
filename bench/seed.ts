// The benchmark's data, created through the running service's own API (so it is exactly what the service would
// have stored): one block, one cluster of UNITS member units, and a published annual scheme of GROUPS × LEAVES
// criteria plus a bonus/deduction leaf, with every unit's targets and a draft scorecard for each unit, so the
// ranking scores a real cluster.

export const UNITS = 50
const GROUPS = 6
const LEAVES = 8
export const YEAR = 2024

export interface Seeded {
  clusterId: string
  schemeId: string
  unitIds: string[]
  /** Self-assessment body of each unit (same index as unitIds); the save scenario cycles through them. */
  entries: Array<{ entries: Array<Record<string, unknown>> }>
}

export type Call = (method: string, path: string, body?: unknown) => Promise<any>

/** An HTTP caller with the admin token that fails loudly on any status but the expected ones. */
export function caller (base: string, authorization: string): Call {
  return async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await response.text()
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
    return text ? JSON.parse(text) : null
  }
}

const leafKind = (l: number) => ['quantitative', 'quantitative_lower', 'qualitative', 'per_occurrence'][l % 4]

export function scheme () {
  const criteria: Array<Record<string, unknown>> = []
  for (let g = 0; g < GROUPS; g++) {
    const children = []
    for (let l = 0; l < LEAVES; l++) {
      const code = `${g + 1}.${l + 1}`
      const name = `Tiêu chí ${code}`
      const kind = leafKind(l)
      if (kind === 'quantitative') children.push({ code, name, maxPoints: 2, kind })
      else if (kind === 'quantitative_lower') children.push({ code, name, maxPoints: 2, kind: 'quantitative', direction: 'lower_is_better', defaultTarget: 5 })
      else if (kind === 'qualitative') children.push({ code, name, maxPoints: 2, kind })
      else children.push({ code, name, maxPoints: 2, kind, pointsEach: 0.5 })
    }
    criteria.push({ code: `${g + 1}`, name: `Nhóm ${g + 1}`, maxPoints: 2 * LEAVES, kind: 'group', children })
  }
  criteria.push({ code: 'BD', name: 'Điểm thưởng, điểm trừ', maxPoints: 4, kind: 'bonus_deduction', bonusEach: 1, deductionEach: 2, minPoints: -10 })
  return {
    year: YEAR,
    period: 'annual',
    criteria,
    bonusCap: 4,
    deductionCap: 10,
    bands: [
      { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
      { code: 'good', name: 'Tốt', minTotal: 75 },
      { code: 'fair', name: 'Khá', minTotal: 50 },
      { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
    ],
    tieBreak: ['group:1', 'fewer_deductions', 'more_bonus'],
    ministryFlagBand: 'excellent'
  }
}

/** Targets of unit i for the quantitative leaves without a default. */
export function targets (i: number): Record<string, number> {
  const result: Record<string, number> = {}
  for (let g = 0; g < GROUPS; g++) {
    for (let l = 0; l < LEAVES; l++) if (leafKind(l) === 'quantitative') result[`${g + 1}.${l + 1}`] = 60 + (i % 20)
  }
  return result
}

/** Unit i's self-assessment: varied per unit so totals, bests and ties are real work. */
export function entriesOf (i: number) {
  const entries: Array<Record<string, unknown>> = []
  for (let g = 0; g < GROUPS; g++) {
    for (let l = 0; l < LEAVES; l++) {
      const code = `${g + 1}.${l + 1}`
      const kind = leafKind(l)
      const v = (i * 7 + g * 3 + l) % 23
      if (kind === 'quantitative') entries.push({ code, actual: 50 + v * 2.5 })
      else if (kind === 'quantitative_lower') entries.push({ code, actual: v % 9 })
      else if (kind === 'qualitative') entries.push({ code, achieved: v % 5 !== 0 })
      else entries.push({ code, count: v % 6, evidence: [`https://example.vn/don-vi-${i + 1}/${code}.pdf`] })
    }
  }
  entries.push({ code: 'BD', bonusCount: i % 4, deductionCount: i % 3 === 0 ? 1 : 0, comment: 'Khen thưởng trong năm' })
  return { entries }
}

export async function seed (call: Call): Promise<Seeded> {
  const block = await call('POST', '/v1/blocks', { name: 'Khối các đơn vị trực thuộc Bộ trưởng' })
  const cluster = await call('POST', '/v1/clusters', {
    number: 9, name: 'Cụm thi đua số 9', blockId: block.id, foundedOn: '2018-10-04'
  })
  const unitIds: string[] = []
  for (let i = 0; i < UNITS; i++) {
    const unit = await call('POST', '/v1/units', { name: `Phòng nghiệp vụ số ${i + 1}`, code: `PB${String(i + 1).padStart(2, '0')}` })
    await call('POST', `/v1/clusters/${cluster.id}/members`, { unitId: unit.id, from: `${YEAR}-01-01` })
    unitIds.push(unit.id)
  }
  const draft = await call('POST', `/v1/clusters/${cluster.id}/scoring-schemes`, scheme())
  for (const [i, unitId] of unitIds.entries()) {
    await call('PUT', `/v1/scoring-schemes/${draft.id}/targets/${unitId}`, { targets: targets(i) })
  }
  await call('POST', `/v1/scoring-schemes/${draft.id}/publish`, {})
  const entries = unitIds.map((_, i) => entriesOf(i))
  for (const [i, unitId] of unitIds.entries()) {
    await call('PUT', `/v1/scoring-schemes/${draft.id}/scorecards/${unitId}`, entries[i])
  }
  return { clusterId: cluster.id, schemeId: draft.id, unitIds, entries }
}
