// Issue 14's "Done when", as one year of Cụm thi đua số 9 driven only through the generated client and Prism (see
// cluster-year.test.ts): the scheme copied from the year before, an advisory group founded with its decision
// printed, a criterion not applicable to the hospitals and the ranking rescaling their totals, evidence uploaded and
// cited, a scorecard returned and resubmitted, a review naming its reviewers, a late explanation refused under the
// default rule, finalization, the ranking and the criteria matrix in its four formats. The year is a list of steps
// sharing one state, run in order, then Prism's log is checked.
import { createHash } from 'node:crypto'
import ExcelJS from 'exceljs'
import t, { type Test } from 'tap'
import type { Schemas, ThiduaClient } from '../../client/index.js'
import { CLUSTER_9_UNITS } from '../helpers/clusters.js'
import { pdfBytes, PDF_TYPE } from '../helpers/files.js'
import { pdfText } from '../documents/pdf-text.js'
import { BONUS_DEDUCTION, expectAnswer, foundCluster9, GROUP_I, SCHEME_RULES, yearService, type YearService } from './year.js'

// Cục Y tế (head unit), Cục Công nghiệp an ninh and two hospitals of the Ministry.
const UNITS = ['Cục Y tế', 'Cục Công nghiệp an ninh', 'Bệnh viện 19.8', 'Bệnh viện 30/4'].map((name) => CLUSTER_9_UNITS.find((u) => u.name === name)!)

// 2024's scheme, copied for 2025: 100 points of base (III, supplies, does not apply to a hospital) and up to 10 bonus.
const SCHEME_2024: Schemas['NewScoringScheme'] = {
  year: 2024,
  period: 'annual',
  criteria: [
    GROUP_I,
    { code: 'II', name: 'Sáng kiến, đề tài được công nhận', maxPoints: 20, kind: 'per_occurrence', pointsEach: 5 },
    { code: 'III', name: 'Tỷ lệ hoàn thành kế hoạch bảo đảm trang bị, vật tư cho Công an các đơn vị, địa phương (%)', maxPoints: 20, kind: 'quantitative' },
    BONUS_DEDUCTION
  ],
  ...SCHEME_RULES
}

const DEADLINES: Schemas['SchemeDeadlines'] = { selfAssessmentDue: '2025-11-14', explanationDays: 5, secondReviewDue: '2025-12-05' }
const REASON = 'Tiêu chí II kê khai 3 sáng kiến nhưng chưa gửi quyết định công nhận; đề nghị đơn vị bổ sung minh chứng và gửi lại.'

/** What the steps of the year share. */
interface ReviewYear extends YearService {
  admin: ThiduaClient
  reader: ThiduaClient
  secretariat: ThiduaClient
  unit: (unitId: string) => ThiduaClient
  clusterId: string
  ids: string[]
  schemeId: string
  reviewerId: string
  fileId: string
}

type Step = [what: string, run: (t: Test, y: ReviewYear) => Promise<void>]

/** The clock in Hà Nội: `vn('2025-11-14 23:59')`. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`)
const card = (y: ReviewYear, unitId: string) => ({ params: { path: { schemeId: y.schemeId, unitId } } })

// The self-assessments, in UNITS order (the hospitals enter nothing for III).
const entriesOf = (y: ReviewYear): Array<Schemas['ScorecardEntry'][]> => [
  [{ code: 'I.1', actual: 98 }, { code: 'I.2', achieved: true }, { code: 'II', count: 3 }, { code: 'III', actual: 105 }, { code: 'BD', bonusCount: 2 }],
  [{ code: 'I.1', actual: 95 }, { code: 'I.2', achieved: true }, { code: 'II', count: 4 }, { code: 'III', actual: 100 }],
  [{ code: 'I.1', actual: 98, evidence: [{ fileId: y.fileId }] }, { code: 'I.2', achieved: true }, { code: 'II', count: 2 }, { code: 'BD', bonusCount: 1 }],
  [{ code: 'I.1', actual: 95 }, { code: 'I.2', achieved: false }, { code: 'II', count: 3 }, { code: 'BD', deductionCount: 1 }]
]

const STEPS: Step[] = [
  ['2024: the scheme is drafted with its targets and published', async (t, y) => {
    y.clock.now = vn('2024-01-15 09:00')
    const scheme = await expectAnswer(t, y.secretariat.POST('/v1/clusters/{clusterId}/scoring-schemes', {
      params: { path: { clusterId: y.clusterId } }, body: SCHEME_2024
    }), 201, 'the 2024 scheme is drafted')
    for (const unitId of y.ids) {
      await expectAnswer(t, y.secretariat.PUT('/v1/scoring-schemes/{schemeId}/targets/{unitId}', {
        params: { path: { schemeId: scheme.id, unitId } }, body: { targets: { 'I.1': 95, III: 100 } }
      }), 201, 'a unit\'s 2024 targets are set')
    }
    await expectAnswer(t, y.secretariat.POST('/v1/scoring-schemes/{schemeId}/publish', { params: { path: { schemeId: scheme.id } } }), 200, 'and published')
    y.schemeId = scheme.id
  }],

  ['January 2025: the scheme is copied from 2024 with its targets; III does not apply to the hospitals', async (t, y) => {
    y.clock.now = vn('2025-01-08 09:00')
    const copy = await expectAnswer(t, y.secretariat.POST('/v1/clusters/{clusterId}/scoring-schemes', {
      params: { path: { clusterId: y.clusterId } }, body: { year: 2025, period: 'annual', copyFrom: y.schemeId, copyTargets: true }
    }), 201, 'the 2025 scheme is copied from 2024')
    t.match(copy, { year: 2025, status: 'draft', bonusCap: 10, tieBreak: ['group:I', 'fewer_deductions'] })
    t.match(copy.criteria, SCHEME_2024.criteria, 'its criteria as in 2024')
    y.schemeId = copy.id
    const copied = await expectAnswer(t, y.reader.GET('/v1/scoring-schemes/{schemeId}/targets/{unitId}', card(y, y.ids[0])), 200, 'a copied target is read')
    t.same(copied.targets, { 'I.1': 95, III: 100 }, 'the targets came with it')
    for (const unitId of y.ids.slice(2)) {
      const marked = await expectAnswer(t, y.secretariat.PUT('/v1/scoring-schemes/{schemeId}/targets/{unitId}', {
        ...card(y, unitId), body: { targets: { 'I.1': 95 }, notApplicable: ['III'] }
      }), 200, 'a hospital: III does not apply')
      t.same(marked.notApplicable, ['III'])
    }
    const dated = await expectAnswer(t, y.secretariat.PATCH('/v1/scoring-schemes/{schemeId}', {
      params: { path: { schemeId: y.schemeId } }, body: { deadlines: DEADLINES }
    }), 200, 'the 2025 deadlines are set')
    t.same(dated.deadlines, DEADLINES)
    await expectAnswer(t, y.secretariat.POST('/v1/scoring-schemes/{schemeId}/publish', { params: { path: { schemeId: y.schemeId } } }), 200, 'the 2025 scheme is published')
  }],

  ['January 2025: the head unit founds its advisory group; the decision prints', async (t, y) => {
    const [yte] = y.ids
    const group = await expectAnswer(t, y.secretariat.PUT('/v1/clusters/{clusterId}/advisory-groups/{year}', {
      params: { path: { clusterId: y.clusterId, year: 2025 } },
      body: {
        decision: { number: '12/QĐ-H06-P1', date: '2025-01-10', issuer: 'Cục Y tế' },
        members: [
          { name: 'Nguyễn Văn Hùng', rank: 'Đại tá', position: 'Phó Cục trưởng Cục Y tế', unitId: yte },
          { name: 'Trần Thị Mai', rank: 'Thượng tá', position: 'Trưởng phòng Tham mưu', unitId: yte },
          { name: 'Lê Đức Thành', rank: 'Trung tá', position: 'Đội trưởng Đội Thi đua, khen thưởng', unitId: yte }
        ]
      }
    }), 201, 'the advisory group is founded')
    t.match(group, { clusterId: y.clusterId, year: 2025, version: 1, decision: { number: '12/QĐ-H06-P1' } })
    t.equal(group.members.length, 3)
    y.reviewerId = group.members[0].id
    const path = { path: { clusterId: y.clusterId, year: 2025 } }
    await expectAnswer(t, y.reader.GET('/v1/clusters/{clusterId}/advisory-groups/{year}/decision.pdf', { params: path, parseAs: 'arrayBuffer' }),
      200, 'the founding decision is printed')
    // Prism passes a non-JSON body on as text, which mangles a PDF's bytes: the file itself is read from the app.
    const pdf = await expectAnswer(t, y.directClientFor({ role: 'reader' }).GET('/v1/clusters/{clusterId}/advisory-groups/{year}/decision.pdf', {
      params: path, parseAs: 'arrayBuffer'
    }), 200, 'the decision is read from the app')
    const { text } = await pdfText(Buffer.from(pdf))
    for (const line of ['12/QĐ-H06-P1', 'Tổ tư vấn', 'Nguyễn Văn Hùng']) t.ok(text.includes(line), `the decision carries "${line}"`)
  }],

  ['November: Bệnh viện 19.8 uploads its evidence; every unit self-assesses, citing it, and submits on time', async (t, y) => {
    y.clock.now = vn('2025-11-10 09:00')
    const bv198 = y.ids[2]
    const bytes = await pdfBytes('Báo cáo kết quả kiểm tra điều lệnh năm 2025 - Bệnh viện 19.8')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    // The bytes go to the app itself: Prism forwards a non-JSON body as text, and a PDF's binary bytes arrive as
    // replacement characters (8 bytes more, another SHA-256), as the decision's PDF would come back from it.
    const stored = await expectAnswer(t, y.directClientFor({ role: 'unit', unitId: bv198, sub: 'unit-2' }).POST('/v1/files', {
      params: { header: { 'content-type': PDF_TYPE, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Báo cáo điều lệnh 2025.pdf')}` } },
      body: bytes as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit
    }), 201, 'the evidence PDF is stored')
    t.match(stored, { sha256, size: bytes.length, mediaType: PDF_TYPE, name: 'Báo cáo điều lệnh 2025.pdf' })
    y.fileId = stored.id
    const meta = await expectAnswer(t, y.unit(bv198).GET('/v1/files/{fileId}/meta', { params: { path: { fileId: y.fileId } } }), 200, 'its record is read')
    t.equal(meta.sha256, sha256)

    const entries = entriesOf(y)
    for (const [i, unitId] of y.ids.entries()) {
      const saved = await expectAnswer(t, y.unit(unitId).PUT('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}', { ...card(y, unitId), body: { entries: entries[i] } }),
        201, `${UNITS[i].name} self-assesses`)
      t.match(saved, { status: 'draft', dueOn: DEADLINES.selfAssessmentDue, late: false })
      if (i === 2) t.same(saved.entries[0].evidence, [{ fileId: y.fileId, sha256 }], 'the stored file is cited with its SHA-256')
      await expectAnswer(t, y.unit(unitId).POST('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}/submit', card(y, unitId)), 200, 'and submits')
    }
  }],

  ['20 November: Bệnh viện 30/4\'s card is returned with a reason, shown due, and resubmitted in time', async (t, y) => {
    const bv304 = y.ids[3]
    y.clock.now = vn('2025-11-20 10:00')
    const returned = await expectAnswer(t, y.secretariat.POST('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}/return', {
      ...card(y, bv304), body: { reason: REASON }
    }), 200, 'the secretariat returns the card')
    t.match(returned, { status: 'returned', returnedOn: '2025-11-20', dueOn: '2025-11-25', late: false })
    const due = await expectAnswer(t, y.unit(bv304).GET('/v1/clusters/{clusterId}/deadlines', { params: { path: { clusterId: y.clusterId } } }), 200, 'the unit reads what it is due')
    t.match(due.items, [{ unitId: bv304, step: 'submit', dueOn: '2025-11-25', late: false }])

    y.clock.now = vn('2025-11-24 15:00')
    const corrected = entriesOf(y)[3].map((e) => (e.code === 'II' ? { code: 'II', count: 1, comment: 'Một sáng kiến được công nhận (Quyết định số 45/QĐ-BV304)' } : e))
    const saved = await expectAnswer(t, y.unit(bv304).PUT('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}', { ...card(y, bv304), body: { entries: corrected } }),
      200, 'the unit corrects its entries')
    t.equal(saved.status, 'returned')
    const again = await expectAnswer(t, y.unit(bv304).POST('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}/submit', card(y, bv304)), 200, 'and submits again')
    t.match(again, { status: 'submitted', lateSteps: [], late: false })
    t.match(again.history, [
      { from: 'draft', to: 'submitted', role: 'unit' },
      { from: 'submitted', to: 'returned', role: 'secretariat', reason: REASON },
      { from: 'returned', to: 'submitted', role: 'unit' }
    ])
    t.equal(again.history.length, 3, 'every step in the history')
  }],

  ['27 November: the reviews, one naming its advisory-group reviewer', async (t, y) => {
    y.clock.now = vn('2025-11-27 09:00')
    const cnan = y.ids[1]
    for (const unitId of y.ids) {
      const entries = unitId === cnan ? [{ code: 'II', points: 15, comment: 'Ba sáng kiến được công nhận', reviewerIds: [y.reviewerId] }] : []
      const reviewed = await expectAnswer(t, y.secretariat.POST('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}/review', { ...card(y, unitId), body: { entries } }),
        200, 'the secretariat reviews a card')
      t.match(reviewed, { status: 'reviewed', reviewedOn: '2025-11-27', dueOn: '2025-12-02' })
      if (unitId === cnan) t.same(reviewed.review, entries, 'the review keeps its reviewer')
    }
  }],

  ['3 December: a late explanation is refused under the default rule', async (t, y) => {
    const cnan = y.ids[1]
    const cluster = await expectAnswer(t, y.reader.GET('/v1/clusters/{clusterId}', { params: { path: { clusterId: y.clusterId } } }), 200, 'the cluster is read')
    t.equal(cluster.rules.lateSteps, 'refuse', 'refusing late steps is the default')
    y.clock.now = vn('2025-12-03 08:00')
    const { error, response } = await y.unit(cnan).POST('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}/explain', {
      ...card(y, cnan), body: { entries: [{ code: 'II', comment: 'Sáng kiến thứ tư được công nhận theo Quyết định số 77/QĐ-H08' }] }
    })
    t.equal(response.status, 409, 'the explanation is refused')
    t.match(error, { code: 'deadline_passed', step: 'explain', dueOn: '2025-12-02' })
    const after = await expectAnswer(t, y.unit(cnan).GET('/v1/scoring-schemes/{schemeId}/scorecards/{unitId}', card(y, cnan)), 200, 'the card is read')
    t.match(after, { status: 'reviewed', explanation: null, dueOn: null, late: false })
  }],

  ['10 December: the scores are finalized; the ranking rescales the hospitals\' totals', async (t, y) => {
    y.clock.now = vn('2025-12-10 09:00')
    const [yte, cnan, bv198, bv304] = y.ids
    await expectAnswer(t, y.secretariat.POST('/v1/scoring-schemes/{schemeId}/finalize', { params: { path: { schemeId: y.schemeId } } }), 200, 'the scores are finalized')
    // Cục Y tế: I.1 the best (98 > 95) 40, I.2 20, II 3 × 5 = 15, III the best 20: 95, + 2 bonus = 97.
    // Cục Công nghiệp an ninh: I.1 at target 20, I.2 20, II reviewed 15, III at target 10: 65.
    // Bệnh viện 19.8 (III does not apply, 80 applicable): 40 + 20 + 10 = 70 × 100 / 80 = 87.5, + 1 bonus = 88.5.
    // Bệnh viện 30/4: 20 + 0 + 5 = 25 × 100 / 80 = 31.25, − 2 = 29.25.
    const ranking = await expectAnswer(t, y.reader.GET('/v1/scoring-schemes/{schemeId}/ranking', {
      params: { path: { schemeId: y.schemeId }, query: { breakdown: true } }
    }), 200, 'the ranking is read')
    t.match(ranking, { final: true, year: 2025 })
    t.match(ranking.items, [
      { unitId: yte, rank: 1, total: 97, base: 95, bonus: 2, applicableMax: 100, notApplicable: [], band: 'excellent' },
      { unitId: bv198, rank: 2, total: 88.5, base: 87.5, bonus: 1, applicableMax: 80, notApplicable: ['III'], band: 'good' },
      { unitId: cnan, rank: 3, total: 65, base: 65, applicableMax: 100, notApplicable: [], band: 'fair' },
      { unitId: bv304, rank: 4, total: 29.25, base: 31.25, deduction: 2, applicableMax: 80, notApplicable: ['III'], band: 'not_achieved' }
    ])
    const iii = (item: Schemas['RankingItem']) => item.breakdown?.find((c) => c.code === 'III')
    t.match(iii(ranking.items[1]), { points: 0, notApplicable: true }, 'the breakdown says III did not apply')
    t.notOk(iii(ranking.items[0])?.notApplicable, 'and applied to Cục Y tế')
  }],

  ['December 2025: the criteria matrix is exported as JSON, CSV, XLSX and PDF', async (t, y) => {
    const [yte, , bv198] = y.ids
    const params = (format: 'json' | 'csv' | 'xlsx' | 'pdf') => ({ params: { path: { schemeId: y.schemeId }, query: { format } } })
    const matrix = await expectAnswer(t, y.secretariat.GET('/v1/scoring-schemes/{schemeId}/matrix', params('json')), 200, 'the matrix as JSON')
    t.match(matrix, { schemeId: y.schemeId, year: 2025, final: true })
    t.equal(matrix.units.length, 4, 'one column per member')
    const cell = (code: string, unitId: string) => matrix.rows.find((r) => r.code === code)?.cells.find((c) => c.unitId === unitId)
    t.match(cell('III', bv198), { notApplicable: true, final: null }, 'III did not apply to Bệnh viện 19.8')
    t.match(cell('I', yte), { notApplicable: false }, 'a group row with its subtotals')
    const csv = await expectAnswer(t, y.secretariat.GET('/v1/scoring-schemes/{schemeId}/matrix', { ...params('csv'), parseAs: 'text' }), 200, 'the matrix as CSV')
    t.ok(csv.includes('Cụm thi đua số 9'), 'the CSV names the cluster')
    // Binary answers are read from the app: Prism passes them on as text (see the decision above).
    const direct = y.directClientFor({ role: 'secretariat', clusterId: y.clusterId })
    const xlsx = await expectAnswer(t, direct.GET('/v1/scoring-schemes/{schemeId}/matrix', { ...params('xlsx'), parseAs: 'arrayBuffer' }), 200, 'the matrix as XLSX')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx)
    t.equal(workbook.worksheets.length, 1, 'one sheet')
    const pdf = await expectAnswer(t, direct.GET('/v1/scoring-schemes/{schemeId}/matrix', { ...params('pdf'), parseAs: 'arrayBuffer' }), 200, 'the matrix as PDF')
    const { text } = await pdfText(Buffer.from(pdf))
    t.ok(text.includes('BẢNG TỔNG HỢP ĐIỂM THI ĐUA'), 'the PDF has its title')
  }]
]

t.test('issue 14\'s year of Cụm thi đua số 9 through the generated client: copy, advisory group, evidence, return, deadlines, not applicable', async (t) => {
  const service = await yearService(t, vn('2024-01-02 09:00'))
  const admin = service.clientFor({ role: 'admin', sub: 'review-year-admin' })
  const { cluster, units } = await foundCluster9(t, admin, UNITS, '2024-01-01')
  const clusterId = cluster.id
  const ids = units.map((u) => u.id)
  const y: ReviewYear = {
    ...service,
    admin,
    reader: service.clientFor({ role: 'reader', sub: 'review-year-reader' }),
    secretariat: service.clientFor({ role: 'secretariat', clusterId, sub: 'sec-9' }),
    unit: (unitId) => service.clientFor({ role: 'unit', unitId, sub: `unit-${ids.indexOf(unitId)}` }),
    clusterId,
    ids,
    schemeId: '',
    reviewerId: '',
    fileId: ''
  }
  for (const [what, run] of STEPS) {
    // A step that fails leaves the next ones nothing to build on: the year stops there.
    const ok = await t.test(what, (t) => run(t, y))
    if (!ok) break
  }
  t.same(service.prism.violations(), [], 'Prism reports no request or response off the contract')
})
