import { Type } from 'typebox'
import {
  DECISION_ISSUER_MAX_LENGTH, DECISION_NUMBER_MAX_LENGTH, MAX_ADVISORY_MEMBERS, POSITION_MAX_LENGTH, RANK_MAX_LENGTH
} from '../../domain/advisory-group.js'
import { IdParam } from '../../http/common-schemas.js'
import { EXAMPLE_IDS, EXAMPLE_YEAR, exampleStamps, withPageExample } from '../../http/examples.js'
import {
  CalendarDate, Instant, Integer, INT32_MAX, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, TokenActor, Uuid, versionOf
} from '../../http/shared-schemas.js'
import { EXAMPLE_BODY, EXAMPLE_MEMBERS } from './examples.js'

const Year = Integer(1945, 2100, { description: 'The calendar year the advisory group works for.', examples: [EXAMPLE_YEAR] })

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', description })

export const AdvisoryDecision = Type.Object({
  number: Text(DECISION_NUMBER_MAX_LENGTH, 'The decision\'s number and symbol (số, ký hiệu), e.g. 125/QĐ-CAT-PV01.'),
  date: ref(CalendarDate, { description: 'The decision\'s date: in the group\'s year or the year before (422 otherwise).' }),
  issuer: Text(DECISION_ISSUER_MAX_LENGTH, 'Who issues it: usually the head unit (đơn vị Cụm trưởng), e.g. Công an tỉnh Lào Cai.')
}, {
  $id: 'AdvisoryDecision',
  additionalProperties: false,
  description: 'The decision founding the advisory group (Quyết định thành lập Tổ tư vấn). Text is stored NFC with single spaces.',
  examples: [EXAMPLE_BODY.decision]
})

const memberProperties = {
  name: Name,
  position: Text(POSITION_MAX_LENGTH, 'The member\'s position, e.g. Phó Trưởng phòng Tham mưu.'),
  unitId: ref(Uuid, { description: 'The member\'s unit: any unit (usually the head unit; experts of other units may join).' })
}

export const AdvisoryMember = Type.Object({
  id: ref(Uuid, { description: 'Kept from version to version while the member stays: a scorecard review names it in `reviewerIds`.' }),
  name: Type.String({ maxLength: NAME_MAX_LENGTH }),
  rank: Type.Union([Type.String({ maxLength: RANK_MAX_LENGTH }), Type.Null()], { description: 'The member\'s rank (cấp bậc), e.g. Thượng tá; null when none.' }),
  position: Type.String({ maxLength: POSITION_MAX_LENGTH }),
  unitId: ref(Uuid)
}, { $id: 'AdvisoryMember', description: 'A member of the advisory group.', examples: [EXAMPLE_MEMBERS[0]] })

export const AdvisoryMemberInput = Type.Object({
  id: Type.Optional(ref(Uuid, { description: 'A current member\'s id, to keep it (422 `advisory_member_unknown` when it is none); left out, the member is new and gets an id.' })),
  ...memberProperties,
  rank: Type.Optional(Type.Union([Text(RANK_MAX_LENGTH, 'The member\'s rank (cấp bậc).'), Type.Null()]))
}, { $id: 'AdvisoryMemberInput', additionalProperties: false, description: 'A member as sent: with its id to keep one, without to add one.' })

export const AdvisoryGroupChanges = Type.Object({
  decisionChanged: Type.Boolean({ description: 'Whether the decision\'s number, date or issuer changed (true in version 1).' }),
  addedMemberIds: Type.Array(ref(Uuid), { maxItems: MAX_ADVISORY_MEMBERS, description: 'Members new in this version (every member in version 1).' }),
  removedMemberIds: Type.Array(ref(Uuid), { maxItems: MAX_ADVISORY_MEMBERS, description: 'Members of the version before that this one no longer lists.' }),
  updatedMemberIds: Type.Array(ref(Uuid), { maxItems: MAX_ADVISORY_MEMBERS, description: 'Members whose name, rank, position or unit changed.' })
}, { $id: 'AdvisoryGroupChanges', description: 'What a version changed from the version before it.' })

export const AdvisoryGroup = Type.Object({
  clusterId: ref(Uuid),
  year: Year,
  decision: ref(AdvisoryDecision),
  members: Type.Array(ref(AdvisoryMember), { maxItems: MAX_ADVISORY_MEMBERS, description: 'In the decision\'s order (Điều 1).' }),
  version: versionOf('The group\'s version in its year: 1 when founded, one more with every replacement (every version is kept: listAdvisoryGroupVersions).'),
  changes: ref(AdvisoryGroupChanges),
  writtenBy: TokenActor({ description: 'Who wrote this version.' }),
  createdAt: ref(Instant, { description: 'When version 1 was written.' }),
  updatedAt: ref(Instant, { description: 'When this version was written.' })
}, {
  $id: 'AdvisoryGroup',
  description: 'One version of a cluster\'s advisory group (Tổ tư vấn) for a year: its founding decision and members, ' +
    'what the version changed from the one before, and who wrote it when.',
  examples: [{
    clusterId: EXAMPLE_IDS.cluster,
    year: EXAMPLE_YEAR,
    ...EXAMPLE_BODY,
    members: EXAMPLE_MEMBERS,
    changes: { decisionChanged: true, addedMemberIds: EXAMPLE_MEMBERS.map((m) => m.id), removedMemberIds: [], updatedMemberIds: [] },
    writtenBy: { sub: 'secretariat-cum-1', role: 'secretariat' },
    ...exampleStamps
  }]
})

export const AdvisoryGroupPage = withPageExample(pageOf(AdvisoryGroup, 'AdvisoryGroupPage'), AdvisoryGroup)

export const AdvisoryGroupBody = Type.Object({
  decision: ref(AdvisoryDecision),
  members: Type.Array(ref(AdvisoryMemberInput), {
    minItems: 1,
    maxItems: MAX_ADVISORY_MEMBERS,
    description: `The whole group, in the decision's order: 1 to ${MAX_ADVISORY_MEMBERS} members (a group of the head unit's staff has a handful).`
  })
}, {
  $id: 'AdvisoryGroupBody',
  additionalProperties: false,
  description: 'The founding decision and every member: replaces the group whole (a new version).',
  examples: [EXAMPLE_BODY]
})

export const AdvisoryGroupParams = Type.Object({ clusterId: IdParam('The cluster\'s id (cụm thi đua).', EXAMPLE_IDS.cluster), year: Year })

export const AdvisoryGroupVersionsQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const DecisionDocumentQuery = Type.Object({
  version: Type.Optional(Integer(1, INT32_MAX, { description: 'Print this version instead of the current one.' }))
}, { additionalProperties: false })

export const advisoryGroupSchemas = [
  AdvisoryDecision, AdvisoryMember, AdvisoryMemberInput, AdvisoryGroupChanges, AdvisoryGroup, AdvisoryGroupPage, AdvisoryGroupBody
]
