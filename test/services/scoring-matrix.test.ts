// The scoring matrix through the service (issue 14 part 7), on a real database: Cụm 9's three members at three
// different points of the year's scoring, the final points against the ranking's, and who may read it.
import t from 'tap'
import { readMatrix } from '../../src/services/scoring-matrix.js'
import {
  explainScorecard, finalizeScores, readRanking, reviewScorecard, saveScorecard, submitScorecard
} from '../../src/services/scorecards.js'
import type { CriterionScore } from '../../src/domain/scoring/index.js'
import { CLUSTER_9_ENTRIES } from '../helpers/scorecards.js'
import { READER, secretariatOf, seedCluster, seedPublishedScheme, services, unitActor } from '../helpers/services.js'

const refusal = (code: string) => ({ name: 'DomainError', code })
const flat = (nodes: CriterionScore[]): CriterionScore[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])])

t.test('readMatrix: every criterion × every member × the four stages, final as the ranking counts it', async (t) => {
  const s = await services(t)
  const { clusterId, units } = await seedCluster(s)
  const { 'Cục Y tế': yte, 'Cục Hậu cần': haucan, 'Cục Công nghiệp an ninh': cnan } = units
  const draftId = await seedPublishedScheme(s, clusterId, [yte, haucan, cnan], 2023, { publish: false })
  await t.rejects(readMatrix(s.read(READER), { schemeId: draftId }), refusal('scheme_not_published'))
  const schemeId = await seedPublishedScheme(s, clusterId, [yte, haucan, cnan])
  // I.2 does not apply to Cục Hậu cần.
  await s.db('scoring_targets').where({ scheme_id: schemeId, unit_id: haucan }).update({ not_applicable: JSON.stringify(['I.2']) })
  const secretariat = secretariatOf(clusterId)

  // Cục Y tế: self-assessed, reviewed (I.3 down to 5), explained, reviewed again (I.3 to 7.5).
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: yte, entries: CLUSTER_9_ENTRIES[0] as any }), unitActor(yte))
  await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: yte }), unitActor(yte))
  await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', points: 5 }] }), secretariat)
  await s.write((ctx) => explainScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', comment: 'Ba sáng kiến được công nhận' }] }), unitActor(yte))
  await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: yte, entries: [{ code: 'I.3', points: 7.5 }] }), secretariat)
  // Cục Hậu cần: a draft. Cục Công nghiệp an ninh: no scorecard.
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: haucan, entries: CLUSTER_9_ENTRIES[2] as any }), unitActor(haucan))

  const matrix = await readMatrix(s.read(READER), { schemeId })
  t.match(matrix, { clusterName: 'Cụm thi đua số 9', final: false, finalizedAt: null, issuer: ['Bộ Công an', 'Cụm thi đua số 9'] })
  t.same(matrix.units.map((u) => [u.name, u.status]), [['Cục Công nghiệp an ninh', null], ['Cục Hậu cần', 'draft'], ['Cục Y tế', 'second_reviewed']],
    'in Vietnamese alphabetical order, with their scorecards\' status')
  const rows = [...matrix.rows()]
  t.same(rows.map((r) => [r.code, r.depth, r.kind]), [
    ['I', 1, 'group'], ['I.1', 2, 'quantitative'], ['I.2', 2, 'qualitative'], ['I.3', 2, 'per_occurrence'],
    ['II', 1, 'group'], ['II.1', 2, 'quantitative'], ['II.2', 2, 'quantitative'], ['BD', 1, 'bonus_deduction']
  ])
  const cell = (code: string, u: number) => {
    const { unitId, notApplicable, ...stages } = rows.find((r) => r.code === code)!.cells[u]
    t.equal(unitId, matrix.units[u].unitId)
    return notApplicable ? 'not applicable' : Object.values(stages)
  }
  t.same(cell('I.3', 2), [7.5, 5, 7.5, 7.5], 'Cục Y tế\'s I.3: 3 initiatives self-assessed, 5 at review, 7.5 after its explanation')
  t.same(cell('I', 2), [37.5, 35, 37.5, 37.5], 'and its group')
  t.same(cell('I.3', 1), [5, null, null, 5], 'a draft: its self score counts')
  t.same(cell('I.2', 1), 'not applicable')
  const [i1] = cell('I.1', 1) as number[]
  t.same(cell('I', 1), [i1 + 5, null, null, i1 + 5], 'the group without it: I.1 + I.3')
  t.same(cell('I', 0), [null, null, null, 0], 'no scorecard: no stage, 0 counted')

  const ranking = await readRanking(s.read(READER), { schemeId, breakdown: true })
  for (const line of ranking.items()) {
    const u = matrix.units.findIndex((m) => m.unitId === line.unitId)
    t.same(flat(line.breakdown!).map((b) => b.notApplicable ? null : b.points), rows.map((r) => r.cells[u].final), `${line.unitName}: final as the ranking's breakdown`)
  }

  await t.rejects(readMatrix(s.read(unitActor(yte)), { schemeId }), refusal('forbidden'), 'a member reads it once final')
  await t.rejects(readMatrix(s.read(secretariatOf('another-cluster')), { schemeId }), refusal('forbidden'))
  await t.rejects(readMatrix(s.read(READER), { schemeId: '00000000-0000-4000-8000-000000000000' }), refusal('scoring_scheme_not_found'))
  t.equal((await readMatrix(s.read(secretariat), { schemeId })).units.length, 3, 'the cluster\'s secretariat reads it')

  // Finalised: the members read it, dated by the finalisation.
  await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: haucan }), unitActor(haucan))
  await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: haucan, entries: [] }), secretariat)
  await s.write((ctx) => saveScorecard(ctx, { schemeId, unitId: cnan, entries: CLUSTER_9_ENTRIES[1] as any }), unitActor(cnan))
  await s.write((ctx) => submitScorecard(ctx, { schemeId, unitId: cnan }), unitActor(cnan))
  await s.write((ctx) => reviewScorecard(ctx, { schemeId, unitId: cnan, entries: [] }), secretariat)
  const { finalizedAt } = await s.write((ctx) => finalizeScores(ctx, { schemeId }), secretariat)
  const final = await readMatrix(s.read(unitActor(haucan)), { schemeId })
  t.match(final, { final: true, finalizedAt })
  t.same(final.units.map((u) => u.status), ['finalized', 'finalized', 'finalized'])
  t.same([...final.rows()].find((r) => r.code === 'I.3')!.cells[1], { unitId: haucan, self: 5, reviewed: 5, secondReview: null, final: 5, notApplicable: false })
})
