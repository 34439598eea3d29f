import t from 'tap'
import fc from 'fast-check'
import {
  assertMayAnswer, assertMayComment, assertMayFinalize, assertMayOpen, assertMayRevise, assertSections, MAX_COMMENTS, normalizeSections,
  REPORT_STATUSES, reportHash, reportView, visibleStatuses, type ReportSection, type ReportStatus
} from '../../src/domain/report.js'
import { outcome } from '../helpers/outcome.js'

const CLUSTER = '5dd2c280-701b-42a3-9e8f-23498ab8a5a9'
const OTHER = '35198435-d1f3-4b44-abcd-bc8c29b30ed8'
const UNIT = 'f9e05390-232a-4263-ac98-75069d235b45'
const SECTIONS: ReportSection[] = [
  { code: 'I', title: 'Kết quả thực hiện phong trào thi đua', text: 'Các đơn vị trong Cụm đã hoàn thành xuất sắc nhiệm vụ.' },
  { code: 'II', title: 'Tồn tại, hạn chế', text: 'Việc chấm điểm còn chậm.' },
  { code: 'III', title: 'Phương hướng năm 2025', text: 'Tiếp tục đẩy mạnh phong trào thi đua "Vì an ninh Tổ quốc".' }
]
const MEMBER_2024 = [{ from: '2023-01-01', until: null }]

t.test('normalizeSections: one stored form, the order kept', async (t) => {
  t.same(normalizeSections([{ code: ' II ', title: 'Tồn tại,  hạn chế'.normalize('NFD'), text: ' Dòng một\nDòng hai \n' }, { code: 'I', title: 'A', text: 'B' }]),
    [{ code: 'II', title: 'Tồn tại, hạn chế', text: 'Dòng một\nDòng hai' }, { code: 'I', title: 'A', text: 'B' }])
})

t.test('assertSections: each code once', async (t) => {
  t.equal(outcome(() => assertSections(SECTIONS)), 'ok')
  t.equal(outcome(() => assertSections([...SECTIONS, { code: 'II', title: 'Lặp', text: 'x' }])), 'rule:report_section_code_repeated')
})

t.test('who may do what in which state', async (t) => {
  const table: Array<[string, () => void, string]> = [
    ['revise a draft', () => assertMayRevise('draft', SECTIONS), 'ok'],
    ['revise while open', () => assertMayRevise('open_for_comments', SECTIONS, ['II']), 'ok'],
    ['revise a final report', () => assertMayRevise('final', SECTIONS), 'conflict:report_final'],
    ['remove a commented section', () => assertMayRevise('open_for_comments', SECTIONS.slice(0, 1), ['II']), 'rule:report_section_has_comments'],
    ['open a draft', () => assertMayOpen({ status: 'draft', sections: SECTIONS }), 'ok'],
    ['open an empty draft', () => assertMayOpen({ status: 'draft', sections: [] }), 'rule:report_without_sections'],
    ['open twice', () => assertMayOpen({ status: 'open_for_comments', sections: SECTIONS }), 'conflict:report_not_draft'],
    ['comment while open', () => assertMayComment({ status: 'open_for_comments', year: 2024, sections: SECTIONS }, { unitId: UNIT, sectionCode: 'II' }, MEMBER_2024, 0), 'ok'],
    ['comment on a draft', () => assertMayComment({ status: 'draft', year: 2024, sections: SECTIONS }, { unitId: UNIT, sectionCode: 'II' }, MEMBER_2024, 0), 'conflict:report_not_open'],
    ['comment on a final report', () => assertMayComment({ status: 'final', year: 2024, sections: SECTIONS }, { unitId: UNIT, sectionCode: 'II' }, MEMBER_2024, 0), 'conflict:report_not_open'],
    ['comment on no such section', () => assertMayComment({ status: 'open_for_comments', year: 2024, sections: SECTIONS }, { unitId: UNIT, sectionCode: 'IV' }, MEMBER_2024, 0), 'rule:report_section_unknown'],
    ['comment from a unit that left before the year', () => assertMayComment({ status: 'open_for_comments', year: 2024, sections: SECTIONS }, { unitId: UNIT, sectionCode: 'I' }, [{ from: '2020-01-01', until: '2023-12-31' }], 0), 'rule:report_unit_not_member'],
    ['comment from a unit that joined in December', () => assertMayComment({ status: 'open_for_comments', year: 2024, sections: SECTIONS }, { unitId: UNIT, sectionCode: 'I' }, [{ from: '2024-12-01', until: null }], 0), 'ok'],
    ['the 2,001st comment', () => assertMayComment({ status: 'open_for_comments', year: 2024, sections: SECTIONS }, { unitId: UNIT, sectionCode: 'I' }, MEMBER_2024, MAX_COMMENTS), 'rule:report_comments_limit'],
    ['answer while open', () => assertMayAnswer('open_for_comments'), 'ok'],
    ['answer once final', () => assertMayAnswer('final'), 'conflict:report_final'],
    ['finalize', () => assertMayFinalize({ status: 'open_for_comments', clusterId: CLUSTER }, 0, { id: UNIT, clusterId: CLUSTER, status: 'draft' }), 'ok'],
    ['finalize a draft', () => assertMayFinalize({ status: 'draft', clusterId: CLUSTER }, 0, { id: UNIT, clusterId: CLUSTER, status: 'draft' }), 'conflict:report_not_open'],
    ['finalize twice', () => assertMayFinalize({ status: 'final', clusterId: CLUSTER }, 0, { id: UNIT, clusterId: CLUSTER, status: 'draft' }), 'conflict:report_not_open'],
    ['finalize with comments waiting', () => assertMayFinalize({ status: 'open_for_comments', clusterId: CLUSTER }, 3, { id: UNIT, clusterId: CLUSTER, status: 'draft' }), 'conflict:report_comments_waiting'],
    ['finalize at a conference whose minutes are finalized', () => assertMayFinalize({ status: 'open_for_comments', clusterId: CLUSTER }, 0, { id: UNIT, clusterId: CLUSTER, status: 'finalized' }), 'conflict:conference_finalized'],
    ['finalize at another cluster\'s conference', () => assertMayFinalize({ status: 'open_for_comments', clusterId: CLUSTER }, 0, { id: UNIT, clusterId: OTHER, status: 'draft' }), 'rule:report_conference_not_in_cluster']
  ]
  for (const [name, fn, expected] of table) t.equal(outcome(fn), expected, name)
})

t.test('the waiting count is named', async (t) => {
  t.throws(() => assertMayFinalize({ status: 'open_for_comments', clusterId: CLUSTER }, 3, { id: UNIT, clusterId: CLUSTER, status: 'draft' }), { message: /^3 comments wait/, details: { waiting: 3 } })
  t.throws(() => assertMayFinalize({ status: 'open_for_comments', clusterId: CLUSTER }, 1, { id: UNIT, clusterId: CLUSTER, status: 'draft' }), { message: /^1 comment waits/ })
})

t.test('properties', async (t) => {
  const section = fc.record({ code: fc.string({ minLength: 1, maxLength: 5 }), title: fc.string({ maxLength: 20 }), text: fc.string({ maxLength: 50 }) })
  // Normalising is idempotent: the stored form is its own stored form, so it hashes the same when read back.
  fc.assert(fc.property(fc.array(section, { maxLength: 8 }), (sections) => {
    const once = normalizeSections(sections)
    t.same(normalizeSections(once), once)
  }))
  // Only a final report is frozen, whatever sections a revision brings that keep the commented ones.
  fc.assert(fc.property(fc.constantFrom(...REPORT_STATUSES), (status: ReportStatus) => {
    t.equal(outcome(() => assertMayRevise(status, SECTIONS, ['I'])), status === 'final' ? 'conflict:report_final' : 'ok')
  }))
  // The hash changes with any section text and not with the order of the object's keys.
  fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), (extra) => {
    const base = { clusterId: CLUSTER, period: 'annual' as const, year: 2024, sections: SECTIONS, conferenceId: UNIT }
    const changed = { ...base, sections: [{ ...SECTIONS[0], text: SECTIONS[0].text + extra }, ...SECTIONS.slice(1)] }
    t.not(reportHash(changed), reportHash(base))
    t.equal(reportHash({ conferenceId: UNIT, sections: SECTIONS, year: 2024, period: 'annual', clusterId: CLUSTER }), reportHash(base))
  }), { numRuns: 50 })
  t.match(reportHash({ clusterId: CLUSTER, period: 'annual', year: 2024, sections: SECTIONS, conferenceId: UNIT }), /^[0-9a-f]{64}$/)
})

t.test('reportView: who sees drafts and whose comments', async (t) => {
  const table: Array<[{ role: string, clusterId?: string }, string, string[]]> = [
    [{ role: 'admin' }, 'all', ['draft', 'open_for_comments', 'final']],
    [{ role: 'reader' }, 'all', ['draft', 'open_for_comments', 'final']],
    [{ role: 'secretariat', clusterId: CLUSTER }, 'all', ['draft', 'open_for_comments', 'final']],
    [{ role: 'secretariat', clusterId: OTHER }, 'published', ['open_for_comments', 'final']],
    [{ role: 'unit' }, 'own_comments', ['open_for_comments', 'final']]
  ]
  for (const [viewer, view, statuses] of table) {
    t.equal(reportView(viewer, CLUSTER), view, JSON.stringify(viewer))
    t.same(visibleStatuses(reportView(viewer, CLUSTER)), statuses)
  }
})
