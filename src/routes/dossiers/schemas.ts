import { Type } from 'typebox'
import { ROLES } from '../../auth/tokens.js'
import {
  ATTACHMENT_KINDS, DOSSIER_STATUSES, MAX_ATTACHMENTS, MAX_HISTORY, MAX_PROPOSALS, PROPOSAL_STATUSES, REASON_MAX_LENGTH
} from '../../domain/dossier.js'
import { INELIGIBILITY_REASONS } from '../../domain/election.js'
import { FILE_NAME_MAX_CHARS } from '../../domain/files.js'
import {
  Count, IdempotencyHeaders, IfMatchHeaders, Instant, INT32_MAX, Integer, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Subject, Text, TokenActor, Uuid, Version, Year
} from '../../http/shared-schemas.js'
import { EligibilityOverride, IdParam, TitleCode } from '../../http/common-schemas.js'
import { EXAMPLE_YEAR, withPageExample } from '../../http/examples.js'
import { dossierExample, dossierRecordExample, EXAMPLE_DOSSIER_ID, EXAMPLE_FILE_ID, EXAMPLE_PROPOSAL_ID, EXAMPLE_RETURN_REASON } from './examples.js'
import { EXAMPLE_IDS } from '../../http/examples.js'

export const TitleYear = Year({ description: 'The year the title honours (the year of the cluster\'s ranking and vote).' })
const Sha256 = Type.String({ maxLength: 64, pattern: '^[0-9a-f]{64}$' })
export const DossierStatus = Type.Enum([...DOSSIER_STATUSES], {
  description: '`draft` (the secretariat assembles it) → `submitted` (sent to the Ministry, content hash frozen) → `returned` ' +
    '(by the Ministry, with a reason: attachments may be added, then submitted again) → `accepted` (the Ministry accepted some ' +
    'of its proposals) → `decided` (an award decision awarded every accepted proposal).'
})
export const ProposalStatus = Type.Enum([...PROPOSAL_STATUSES], {
  description: '`proposed` until the Ministry decides on the dossier; then `accepted` or `not_accepted`; an accepted proposal ' +
    'becomes `decided` once an award decision awards it.'
})
const Reason = Text(REASON_MAX_LENGTH, `Why the dossier goes back to the cluster: visible text, at most ${REASON_MAX_LENGTH} characters (a paragraph); stored trimmed.`)
export const Ranking = Type.Object({
  rank: Integer(1, INT32_MAX),
  total: Type.Number({ minimum: -1_000_000, maximum: 1_000_000, description: 'The final total, exact to two decimals.' }),
  band: Type.String({ maxLength: 50, description: 'The band\'s code in the scheme.' }),
  bandName: Type.String({ maxLength: 200 })
}, { description: 'The unit\'s line of the cluster\'s finalized annual ranking of the year.' })

export const DossierProposal = Type.Object({
  proposalId: ref(Uuid, { description: 'The title proposal\'s id (GET /v1/clusters/{clusterId}/title-proposals).' }),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'The unit\'s current name.' }),
  status: ProposalStatus,
  electionId: ref(Uuid, { description: 'The title election whose vote proposed the unit.' }),
  round: Integer(1, 100, { description: 'The round that elected it.' }),
  votes: Count(),
  ballotsCast: Count(),
  electorate: Count({ description: 'Member units entitled to vote in that round.' }),
  decidedBy: Type.Enum(['votes', 'final_score', 'lots']),
  eligibilityOverride: Type.Union([ref(EligibilityOverride), Type.Null()], { description: 'The admin\'s eligibility override recorded on the vote, if any.' })
}, { $id: 'DossierProposal', description: 'A proposal the dossier carries, with the vote behind it and the Ministry\'s decision on it.' })

export const DossierAttachment = Type.Object({
  id: ref(Uuid),
  fileId: ref(Uuid, { description: 'The stored file (GET /v1/files/{fileId}).' }),
  fileName: Type.String({ maxLength: FILE_NAME_MAX_CHARS }),
  mediaType: Type.String({ maxLength: 100 }),
  sha256: { ...Sha256, description: 'The SHA-256 of the file\'s bytes: what the dossier\'s content hash covers.' },
  kind: Type.Enum([...ATTACHMENT_KINDS], { description: '`achievement_report` (báo cáo thành tích of a proposed unit) or `other`.' }),
  unitId: Type.Union([ref(Uuid), Type.Null()], { description: 'The proposed unit it concerns; always set on an achievement report.' }),
  addedBy: TokenActor({ description: 'Who attached it.' }),
  createdAt: ref(Instant)
}, { $id: 'DossierAttachment', description: 'A stored file attached to the dossier.' })

export const DossierHistoryEntry = Type.Object({
  from: DossierStatus,
  to: DossierStatus,
  at: ref(Instant, { description: 'When the status changed.' }),
  by: Subject({ description: 'The subject of the token that took the step.' }),
  role: Type.Unsafe<string>(Type.Enum([...ROLES], { description: 'Its role.' })),
  reason: Type.Optional(Reason),
  contentHash: Type.Optional({ ...Sha256, description: 'A submission\'s content hash.' })
}, { $id: 'DossierHistoryEntry', additionalProperties: false, description: 'One status change of a dossier; a return carries its reason, a submission its content hash.' })

const recordProperties = {
  id: ref(Uuid),
  clusterId: ref(Uuid),
  year: TitleYear,
  titleCode: TitleCode,
  status: DossierStatus,
  contentHash: Type.Union([Sha256, Type.Null()], {
    description: 'Set by a submission and kept from then on (null while draft or returned): SHA-256 (hex) of the canonical JSON ' +
      '(keys sorted, no white space) of {clusterId, year, titleCode, proposals: [{proposalId, unitId, round, votes, ballotsCast, ' +
      'electorate}], attachments: [{fileId, sha256, kind, unitId}]} in the order shown. The checklist is not hashed: it is judged ' +
      'from the records.'
  }),
  returnReason: Type.Union([Reason, Type.Null()], { description: 'While returned: the reason of the return.' }),
  submittedAt: Type.Union([ref(Instant), Type.Null()], { description: 'The last submission.' }),
  proposals: Type.Array(ref(DossierProposal), {
    minItems: 1,
    maxItems: MAX_PROPOSALS,
    description: `In the order of the finalized ranking. A cluster has about 20 member units; ${MAX_PROPOSALS} go in one dossier at most.`
  }),
  attachments: Type.Array(ref(DossierAttachment), {
    maxItems: MAX_ATTACHMENTS,
    description: `In the order attached; at most ${MAX_ATTACHMENTS} (an achievement report and another document for each of 50 units).`
  }),
  history: Type.Array(ref(DossierHistoryEntry), {
    maxItems: MAX_HISTORY,
    description: `Every status change, oldest first; a dossier is returned at most 20 times, so at most ${MAX_HISTORY}.`
  }),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}

export const DossierRecord = Type.Object(recordProperties, {
  $id: 'DossierRecord',
  description: 'An award dossier as recorded (what the lists, the events and the audit records carry; read the dossier for its checklist).',
  examples: [dossierRecordExample]
})

export const ChecklistLine = Type.Object({
  proposalId: ref(Uuid),
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  ranking: Type.Union([Ranking, Type.Null()], { description: 'Null while the cluster\'s annual scores of the year are not finalized.' }),
  underDiscipline: Type.Boolean({ description: 'Under discipline (pending or in force) on some day of the year.' }),
  vote: Type.Object({
    electionId: ref(Uuid),
    round: Integer(1, 100),
    votes: Count(),
    ballotsCast: Count(),
    electorate: Count(),
    decidedBy: Type.Enum(['votes', 'final_score', 'lots'])
  }),
  standard: Type.Object({
    description: Type.String({ maxLength: 2000, description: 'The title\'s standard, from the catalogue.' }),
    met: Type.Boolean(),
    reason: Type.Union([Type.Enum([...INELIGIBILITY_REASONS, 'ranking_not_final']), Type.Null()], {
      description: 'Why not: `under_discipline`, `below_ministry_flag_band`, `not_leading_unit` (Government flag), `not_ranked`, or ' +
        '`ranking_not_final` (the year\'s scores are not finalized, so it cannot be judged).'
    }),
    detail: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])
  }),
  eligibilityOverride: Type.Union([ref(EligibilityOverride), Type.Null()], {
    description: 'An admin\'s eligibility override recorded on the vote: it carries into the dossier for the ranking standard ' +
      '(the line still says the standard is not met, and why), never for discipline, which bars every title.'
  }),
  achievementReport: Type.Boolean({ description: 'An achievement report of the unit is attached.' })
}, { $id: 'DossierChecklistLine', description: 'A proposed unit\'s line of the standards checklist, judged from the records as they are now.' })

export const Dossier = Type.Object({
  ...recordProperties,
  titleName: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'The title\'s name in the catalogue.' }),
  checklist: Type.Array(ref(ChecklistLine), { maxItems: MAX_PROPOSALS, description: 'One line per proposal, in their order.' })
}, {
  $id: 'Dossier',
  description: 'An award dossier (hồ sơ đề nghị khen thưởng) a cluster sends the Ministry for a title and year, with its standards checklist.',
  examples: [dossierExample]
})

export const DossierPage = withPageExample(pageOf(DossierRecord, 'DossierPage'), DossierRecord)

export const NewDossier = Type.Object({
  year: TitleYear,
  titleCode: TitleCode
}, {
  $id: 'NewDossier',
  additionalProperties: false,
  description: 'The title and year: the dossier takes the cluster\'s decided proposals of them that no dossier holds yet.',
  examples: [{ year: EXAMPLE_YEAR, titleCode: 'government_flag' }]
})

export const NewAttachment = Type.Object({
  fileId: ref(Uuid, { description: 'A file stored with POST /v1/files that the caller may read.' }),
  kind: Type.Enum([...ATTACHMENT_KINDS], { description: '`achievement_report` (names the proposed unit) or `other` (the minutes, evidence).' }),
  unitId: Type.Optional(ref(Uuid, { description: 'The proposed unit the file concerns; required for an achievement report, the caller\'s own for a unit token.' }))
}, {
  $id: 'NewDossierAttachment',
  additionalProperties: false,
  examples: [{ fileId: EXAMPLE_FILE_ID, kind: 'achievement_report', unitId: EXAMPLE_IDS.unit }]
})

export const ReturnDossier = Type.Object({ reason: Reason }, {
  $id: 'ReturnDossier', additionalProperties: false, description: 'Why the dossier goes back to the cluster.', examples: [{ reason: EXAMPLE_RETURN_REASON }]
})

export const AcceptDossier = Type.Object({
  proposalIds: Type.Array(ref(Uuid), {
    minItems: 1, maxItems: MAX_PROPOSALS, description: 'The proposals accepted (at least one: to accept none, return the dossier); the others are not accepted.'
  })
}, { $id: 'AcceptDossier', additionalProperties: false, examples: [{ proposalIds: [EXAMPLE_PROPOSAL_ID] }] })

export const DossierParams = Type.Object({ dossierId: IdParam('The dossier\'s id.', EXAMPLE_DOSSIER_ID) })

export const DossierListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Year({ description: 'Only the dossiers of this year.' }))
}, { additionalProperties: false })

/** A lifecycle step is a POST that also honours If-Match: the dossier moved on is the one last read. */
export const StepHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const dossierSchemas = [
  DossierProposal, DossierAttachment, DossierHistoryEntry, DossierRecord, ChecklistLine, Dossier, DossierPage, NewDossier, NewAttachment,
  ReturnDossier, AcceptDossier
]
