// npm run bench:scoring — the scoring engine on 1,000 clusters × 10 units × 100 criteria (1,000,000 criterion
// results), generated from a fixed seed so every run scores the same data. Each cluster gets its own scheme,
// compiled (and so validated) inside the timed part, then ranked through the public domain API.
import { compileScheme, rankCluster, type ClusterUnit, type CriterionNode, type Entry, type ReviewedPoints, type Scheme } from '../src/domain/scoring/index.js'

const CLUSTERS = 1_000
const UNITS = 10
const GROUPS = 7
const LEAVES_PER_GROUP = 14 // 7 × 14 = 98 leaves in groups + 2 top-level bonus/deduction leaves = 100 criteria
const RUNS = 3

/** mulberry32: a small, fast, seeded PRNG. */
function prng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function makeScheme (c: number): Scheme {
  const groups: CriterionNode[] = []
  for (let g = 0; g < GROUPS; g++) {
    const children: CriterionNode[] = []
    for (let l = 0; l < LEAVES_PER_GROUP; l++) {
      const code = `c${c}.g${g}.l${l}`
      const maxPoints = l % 2 === 0 ? 1.25 : 0.75 // pairs add up to 2, so a group of 14 holds 14 points
      const name = `Tiêu chí ${g + 1}.${l + 1}`
      const kind = l % 4
      if (kind <= 1) {
        children.push({ code, name, maxPoints, kind: 'quantitative', direction: kind === 0 ? 'higher_is_better' : 'lower_is_better', defaultTarget: 50 })
      } else if (kind === 2) {
        children.push({ code, name, maxPoints, kind: 'qualitative' })
      } else {
        children.push({ code, name, maxPoints, kind: 'per_occurrence', pointsEach: 0.25 })
      }
    }
    groups.push({ code: `c${c}.g${g}`, name: `Nhóm ${g + 1}`, maxPoints: 14, kind: 'group', children })
  }
  return {
    criteria: [
      ...groups,
      { code: `c${c}.bonus`, name: 'Điểm thưởng', maxPoints: 5, kind: 'bonus_deduction', bonusEach: 0.5 },
      { code: `c${c}.deduction`, name: 'Điểm trừ', maxPoints: 0, minPoints: -5, kind: 'bonus_deduction', deductionEach: 1 }
    ],
    bonusCap: 3,
    deductionCap: 4,
    bands: [
      { code: 'excellent', name: 'Xuất sắc', minTotal: 90 },
      { code: 'good', name: 'Tốt', minTotal: 75 },
      { code: 'fair', name: 'Khá', minTotal: 50 },
      { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }
    ],
    tieBreak: [`group:c${c}.g0`, 'fewer_deductions', 'more_bonus'],
    ministryFlagBand: 'excellent'
  }
}

function makeUnits (scheme: Scheme, c: number, random: () => number): ClusterUnit[] {
  const leaves = scheme.criteria.flatMap((n) => n.children ?? [n])
  const units: ClusterUnit[] = []
  for (let u = 0; u < UNITS; u++) {
    const entries: Entry[] = []
    const targets: Record<string, number> = {}
    const reviewed: ReviewedPoints[] = []
    for (const leaf of leaves) {
      const value = Math.round(random() * 10_000) / 100 // 0.00 … 100.00
      if (leaf.kind === 'quantitative') {
        entries.push({ code: leaf.code, actual: value })
        if (u % 3 !== 0) targets[leaf.code] = Math.round(1_000 + random() * 8_000) / 100 // others use defaultTarget
      } else if (leaf.kind === 'qualitative') {
        entries.push({ code: leaf.code, achieved: value > 20 })
      } else if (leaf.kind === 'per_occurrence') {
        entries.push({ code: leaf.code, count: Math.floor(value / 15) })
      } else {
        entries.push({ code: leaf.code, bonusCount: Math.floor(value / 12), deductionCount: Math.floor(value / 30) })
      }
      if (random() < 0.1 && leaf.kind !== 'bonus_deduction') reviewed.push({ code: leaf.code, points: Math.round(random() * leaf.maxPoints * 100) / 100 })
    }
    units.push({ unitId: `c${c}-u${String(u).padStart(2, '0')}`, entries, targets, reviewed, underDiscipline: random() < 0.05 })
  }
  return units
}

const random = prng(20_240_101)
const clusters = Array.from({ length: CLUSTERS }, (_, c) => {
  const scheme = makeScheme(c)
  return { scheme, units: makeUnits(scheme, c, random) }
})
const results = CLUSTERS * UNITS * (GROUPS * LEAVES_PER_GROUP + 2)

const timings: number[] = []
let checksum = 0
for (let run = 0; run < RUNS; run++) {
  checksum = 0
  const start = performance.now()
  for (const { scheme, units } of clusters) {
    const ranking = rankCluster(compileScheme(scheme), units)
    checksum += ranking[0].total + ranking[0].rank
  }
  timings.push(performance.now() - start)
}

const format = (ms: number) => `${ms.toFixed(0)} ms (${Math.round(results / (ms / 1000)).toLocaleString('en-US')} results/s)`
console.log(`scoring: ${CLUSTERS} clusters × ${UNITS} units × ${GROUPS * LEAVES_PER_GROUP + 2} criteria = ${results.toLocaleString('en-US')} criterion results`)
timings.forEach((ms, i) => console.log(`run ${i + 1}${i === 0 ? ' (cold)' : ''}: ${format(ms)}`))
console.log(`best: ${format(Math.min(...timings))}; checksum ${checksum.toFixed(2)}`)
