import { Type } from 'typebox'
import { DISPOSITIONS, MAX_COMMENT_TEXT, MAX_SECTION_TEXT, MAX_SECTIONS, REPORT_PERIODS, REPORT_STATUSES } from '../../domain/report.js'
import { IdempotencyHeaders, IfMatchHeaders, Instant, Integer, NAME_MAX_LENGTH, pageOf, PageQuery, ref, TokenActor, Uuid, Version } from '../../http/shared-schemas.js'
import { IdParam } from '../../http/common-schemas.js'
import { EXAMPLE_IDS, EXAMPLE_YEAR, exampleStamps, withPageExample } from '../../http/examples.js'
import { commentExample, EXAMPLE_ANSWER, EXAMPLE_COMMENT, EXAMPLE_COMMENT_ID, EXAMPLE_REPORT_HASH, EXAMPLE_REPORT_ID, EXAMPLE_SECTIONS } from './examples.js'

const Year = Integer(1945, 2100, { description: 'The calendar year the report covers.' })
const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description })
const Period = Type.Enum([...REPORT_PERIODS], { description: '`mid_year` (sơ kết 6 tháng) or `annual` (tổng kết năm).' })

export const ReportSection = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S', description: 'How comments name the section, e.g. I, II, III.1; once per report.' }),
  title: Text(500, 'The section\'s heading, e.g. Tồn tại, hạn chế.'),
  text: Text(MAX_SECTION_TEXT, 'The section\'s text; a line break starts a paragraph. 50,000 characters is about 15 printed pages.')
}, { $id: 'ReportSection', additionalProperties: false, description: 'One part of the report.', examples: [EXAMPLE_SECTIONS[1]] })

const Sections = (options: { default?: [] } = {}) => Type.Array(ref(ReportSection), {
  maxItems: MAX_SECTIONS,
  description: 'In order. A report has a handful of parts; 50 leaves room for sub-sections.',
  ...options
})

export const Report = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  period: Period,
  year: Year,
  sections: Sections(),
  status: Type.Enum([...REPORT_STATUSES], {
    description: '`draft` (the secretariat writes) → `open_for_comments` (member units comment; the secretariat revises and ' +
      'answers) → `final` (adopted by a conference, frozen).'
  }),
  contentHash: Type.Union([Type.String({ maxLength: 64, pattern: '^[0-9a-f]{64}$' }), Type.Null()], {
    description: 'Set when final: SHA-256 (hex) of the canonical JSON (keys sorted, no white space) of {clusterId, period, ' +
      'year, sections, conferenceId} as this resource shows them.'
  }),
  conferenceId: Type.Union([ref(Uuid), Type.Null()], { description: 'The conference that adopted the final report.' }),
  openedAt: Type.Union([ref(Instant), Type.Null()]),
  finalizedAt: Type.Union([ref(Instant), Type.Null()]),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Report',
  description: 'A cluster\'s summary report (báo cáo sơ kết / tổng kết công tác thi đua) for a year.',
  examples: [{
    id: EXAMPLE_REPORT_ID,
    clusterId: EXAMPLE_IDS.cluster,
    period: 'annual',
    year: EXAMPLE_YEAR,
    sections: EXAMPLE_SECTIONS,
    status: 'final',
    contentHash: EXAMPLE_REPORT_HASH,
    conferenceId: EXAMPLE_IDS.conference,
    openedAt: '2024-12-10T02:00:00.000Z',
    finalizedAt: '2024-12-20T09:30:00.000Z',
    ...exampleStamps,
    version: 4,
    updatedAt: '2024-12-20T09:30:00.000Z'
  }]
})

export const ReportPage = withPageExample(pageOf(Report, 'ReportPage'), Report)

export const NewReport = Type.Object({
  period: Period,
  year: Year,
  sections: Type.Optional(Sections({ default: [] }))
}, {
  $id: 'NewReport',
  additionalProperties: false,
  description: 'A draft report for a period the cluster has none for yet; sections default to none.',
  examples: [{ period: 'annual', year: EXAMPLE_YEAR, sections: EXAMPLE_SECTIONS }]
})

export const ReportPatch = Type.Object({ sections: Sections() }, {
  $id: 'ReportPatch',
  additionalProperties: false,
  description: 'The revised sections, as a whole list.',
  examples: [{ sections: EXAMPLE_SECTIONS }]
})

export const FinalizeReport = Type.Object({
  conferenceId: ref(Uuid, { description: 'The conference of the report\'s cluster that adopted it.' })
}, { $id: 'FinalizeReport', additionalProperties: false, examples: [{ conferenceId: EXAMPLE_IDS.conference }] })

export const ReportComment = Type.Object({
  id: ref(Uuid),
  reportId: ref(Uuid),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'The unit\'s current name.' }),
  sectionCode: Type.String({ maxLength: 20 }),
  text: Type.String({ maxLength: MAX_COMMENT_TEXT }),
  onBehalf: Type.Boolean({ description: 'True when the secretariat or an admin recorded the comment for the unit.' }),
  createdBy: TokenActor({ description: 'Who recorded the comment.' }),
  disposition: Type.Union([Type.Enum([...DISPOSITIONS]), Type.Null()], { description: '`accepted` (tiếp thu) or `not_accepted`; null while it waits.' }),
  answer: Type.Union([Type.String({ maxLength: MAX_COMMENT_TEXT }), Type.Null()], { description: 'The secretariat\'s answer (giải trình).' }),
  answeredAt: Type.Union([ref(Instant), Type.Null()]),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, { $id: 'ReportComment', description: 'A member unit\'s comment (góp ý) on a section of a report, and its answer.', examples: [commentExample] })

export const ReportCommentPage = withPageExample(pageOf(ReportComment, 'ReportCommentPage'), ReportComment)

export const NewReportComment = Type.Object({
  unitId: ref(Uuid, { description: 'A member unit of the cluster in the report\'s year: the caller\'s own unit for a unit token.' }),
  sectionCode: Type.String({ minLength: 1, maxLength: 20, pattern: '\\S', description: 'The code of one of the report\'s sections.' }),
  text: Text(MAX_COMMENT_TEXT, 'The comment: a paragraph or a page (4,000 characters).')
}, { $id: 'NewReportComment', additionalProperties: false, examples: [EXAMPLE_COMMENT] })

export const CommentAnswer = Type.Object({
  disposition: Type.Enum([...DISPOSITIONS], { description: '`accepted` (tiếp thu) or `not_accepted` (không tiếp thu).' }),
  answer: Text(MAX_COMMENT_TEXT, 'Why, or what was changed: every disposition is answered.')
}, { $id: 'CommentAnswer', additionalProperties: false, examples: [EXAMPLE_ANSWER] })

export const ReportParams = Type.Object({ reportId: IdParam('The report\'s id.', EXAMPLE_REPORT_ID) })
export const CommentParams = Type.Object({
  reportId: IdParam('The report\'s id.', EXAMPLE_REPORT_ID),
  commentId: IdParam('The comment\'s id.', EXAMPLE_COMMENT_ID)
})

export const ReportListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Integer(1945, 2100, { description: 'Only the reports for this calendar year.' }))
}, { additionalProperties: false })

export const CommentListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

/** A lifecycle step is a POST that also honours If-Match: the report moved on is the one last read. */
export const StepHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const reportSchemas = [ReportSection, Report, ReportPage, NewReport, ReportPatch, FinalizeReport, ReportComment, ReportCommentPage, NewReportComment, CommentAnswer]
