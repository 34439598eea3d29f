import { Type } from 'typebox'
import {
  DECISION_NUMBER_MAX_LENGTH, ISSUER_MAX_LENGTH, MAX_SCOPE_BLOCKS, MAX_SCOPE_CLUSTERS, MAX_SCOPE_UNITS, MAX_TARGETS,
  OCCASION_MAX_LENGTH, RESULT_MAX_LENGTH, SLOGAN_MAX_LENGTH, TARGET_TEXT_MAX_LENGTH, TARGET_VALUE_MAX_LENGTH
} from '../../domain/campaign.js'
import { IdParam } from '../../http/common-schemas.js'
import { DateParam, withPageExample } from '../../http/examples.js'
import {
  CalendarDate, Instant, Integer, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, TokenActor, Uuid, Version
} from '../../http/shared-schemas.js'
import {
  campaignExample, campaignPatchExample, EXAMPLE_CAMPAIGN_ID, EXAMPLE_PARTICIPANT_ID, newCampaignExample, newParticipantExample,
  participantExample, participantReportExample
} from './examples.js'

const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description })
const OrNull = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

const SLOGAN = 'The action slogan (khẩu hiệu hành động), e.g. "Công an nhân dân vì nước quên thân, vì dân phục vụ".'
const ISSUER = 'Who launches it (phát động): e.g. Bộ trưởng Bộ Công an, Giám đốc Công an thành phố Hà Nội.'
const OCCASION = 'The occasion it greets, e.g. Kỷ niệm 80 năm Ngày truyền thống Công an nhân dân (19/8/1945 – 19/8/2025).'

export const CampaignDecision = Type.Object({
  number: Text(DECISION_NUMBER_MAX_LENGTH, 'The number and symbol of the plan or decision launching it, e.g. 2468/KH-BCA-X03.'),
  date: ref(CalendarDate, { description: 'Its date: no later than the campaign\'s last day (422 otherwise).' })
}, { $id: 'CampaignDecision', additionalProperties: false, description: 'The plan or decision (kế hoạch, quyết định) launching the campaign.' })

export const CampaignTarget = Type.Object({
  text: Type.String({ minLength: 1, maxLength: TARGET_TEXT_MAX_LENGTH, pattern: '\\S', description: 'What is aimed at (chỉ tiêu phấn đấu).' }),
  target: Type.Optional(Type.Union([Text(TARGET_VALUE_MAX_LENGTH, 'The figure aimed at, e.g. "ít nhất 5%".'), Type.Null()]))
}, { $id: 'CampaignTarget', additionalProperties: false, description: 'One target (chỉ tiêu), with its figure where it has one (null otherwise).' })

const scopeLists = (unique: boolean) => ({
  blockIds: Type.Array(ref(Uuid), { maxItems: MAX_SCOPE_BLOCKS, uniqueItems: unique, description: `Whole blocks (khối), at most ${MAX_SCOPE_BLOCKS}.` }),
  clusterIds: Type.Array(ref(Uuid), { maxItems: MAX_SCOPE_CLUSTERS, uniqueItems: unique, description: `Clusters (cụm), at most ${MAX_SCOPE_CLUSTERS}.` }),
  unitIds: Type.Array(ref(Uuid), { maxItems: MAX_SCOPE_UNITS, uniqueItems: unique, description: `Units named one by one, at most ${MAX_SCOPE_UNITS}.` })
})
const SCOPE = 'Who may take part: the blocks, clusters and units named (a unit also through a cluster or block it is a ' +
  'member of during the campaign); every list empty or absent: the whole ministry (toàn lực lượng).'

export const CampaignScopeInput = Type.Object({
  blockIds: Type.Optional(scopeLists(true).blockIds),
  clusterIds: Type.Optional(scopeLists(true).clusterIds),
  unitIds: Type.Optional(scopeLists(true).unitIds)
}, { $id: 'CampaignScopeInput', additionalProperties: false, description: `${SCOPE} Every id names a record (422 \`campaign_scope_unknown\` naming it).` })

export const CampaignScope = Type.Object(scopeLists(false), { $id: 'CampaignScope', description: SCOPE })

const content = {
  name: Name,
  slogan: Type.Optional(Type.Union([Text(SLOGAN_MAX_LENGTH, SLOGAN), Type.Null()])),
  issuer: Text(ISSUER_MAX_LENGTH, ISSUER),
  decision: Type.Optional(Type.Union([ref(CampaignDecision), Type.Null()])),
  occasion: Type.Optional(Type.Union([Text(OCCASION_MAX_LENGTH, OCCASION), Type.Null()])),
  from: ref(CalendarDate, { description: 'The first day.' }),
  until: ref(CalendarDate, { description: 'The last day (included): on or after `from`, at most five years on.' }),
  targets: Type.Optional(Type.Array(ref(CampaignTarget), { maxItems: MAX_TARGETS, description: `The targets in the plan's order, at most ${MAX_TARGETS}.` })),
  scope: ref(CampaignScopeInput)
}

export const Campaign = Type.Object({
  id: ref(Uuid),
  name: Type.String({ maxLength: NAME_MAX_LENGTH }),
  slogan: OrNull(Type.String({ maxLength: SLOGAN_MAX_LENGTH, description: SLOGAN })),
  issuer: Type.String({ maxLength: ISSUER_MAX_LENGTH, description: ISSUER }),
  decision: Type.Union([ref(CampaignDecision), Type.Null()]),
  occasion: OrNull(Type.String({ maxLength: OCCASION_MAX_LENGTH, description: OCCASION })),
  from: ref(CalendarDate),
  until: ref(CalendarDate),
  targets: Type.Array(ref(CampaignTarget), { maxItems: MAX_TARGETS }),
  scope: ref(CampaignScope),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Campaign',
  description: 'An emulation campaign (phong trào, đợt thi đua): who launched it, for what occasion, its period, targets and scope.',
  examples: [campaignExample]
})

export const CampaignPage = withPageExample(pageOf(Campaign, 'CampaignPage'), Campaign)

export const NewCampaign = Type.Object(content, {
  $id: 'NewCampaign',
  additionalProperties: false,
  description: 'A campaign as launched. Text is stored NFC with single spaces (a target\'s text keeps its line breaks).',
  examples: [newCampaignExample]
})

export const CampaignPatch = Type.Object({
  name: Type.Optional(content.name),
  slogan: content.slogan,
  issuer: Type.Optional(content.issuer),
  decision: content.decision,
  occasion: content.occasion,
  from: Type.Optional(content.from),
  until: Type.Optional(content.until),
  targets: content.targets,
  scope: Type.Optional(content.scope)
}, {
  $id: 'CampaignPatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change: null removes slogan, decision or occasion; `targets` and `scope` are replaced whole.',
  examples: [campaignPatchExample]
})

export const CampaignParams = Type.Object({ campaignId: IdParam('The campaign\'s id (phong trào, đợt thi đua).', EXAMPLE_CAMPAIGN_ID) })

export const CampaignListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Integer(1945, 2100, { description: 'Only the campaigns running on some day of this year.' })),
  blockId: Type.Optional(IdParam('Only the campaigns reaching this block: ministry-wide, naming it, or naming one of its clusters.')),
  clusterId: Type.Optional(IdParam('Only the campaigns reaching this cluster: ministry-wide, naming its block, or naming it.')),
  activeOn: Type.Optional(DateParam('Only the campaigns running on this day.'))
}, { additionalProperties: false })

export const Participant = Type.Object({
  id: ref(Uuid),
  campaignId: ref(Uuid),
  unitId: Type.Union([ref(Uuid), Type.Null()], { description: 'The unit taking part; null when a cluster does.' }),
  clusterId: Type.Union([ref(Uuid), Type.Null()], { description: 'The cluster taking part; null when a unit does.' }),
  name: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'The unit\'s or the cluster\'s name.' }),
  result: Type.Union([Type.String({ maxLength: RESULT_MAX_LENGTH }), Type.Null()], { description: 'The result reported; null until then.' }),
  reportedAt: Type.Union([ref(Instant), Type.Null()], { description: 'When the result was last reported.' }),
  reportedBy: Type.Union([TokenActor(), Type.Null()], { description: 'Who last reported it.' }),
  registeredBy: TokenActor({ description: 'Who registered the participant.' }),
  version: Version,
  createdAt: ref(Instant, { description: 'When it registered.' }),
  updatedAt: ref(Instant)
}, { $id: 'CampaignParticipant', description: 'A unit or a cluster taking part in a campaign, and its result.', examples: [participantExample] })

export const ParticipantPage = withPageExample(pageOf(Participant, 'CampaignParticipantPage'), Participant)

export const NewParticipant = Type.Object({
  unitId: Type.Optional(ref(Uuid, { description: 'A unit registering.' })),
  clusterId: Type.Optional(ref(Uuid, { description: 'A cluster registering.' }))
}, {
  $id: 'NewCampaignParticipant',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  description: 'Exactly one of `unitId` and `clusterId`.',
  examples: [newParticipantExample]
})

export const ParticipantReport = Type.Object({
  result: Type.String({ minLength: 1, maxLength: RESULT_MAX_LENGTH, pattern: '\\S', description: 'The result against the targets; trimmed, line breaks kept.' })
}, { $id: 'CampaignParticipantReport', additionalProperties: false, examples: [participantReportExample] })

export const ParticipantParams = Type.Object({
  campaignId: CampaignParams.properties.campaignId,
  participantId: IdParam('The participant\'s id (listCampaignParticipants).', EXAMPLE_PARTICIPANT_ID)
})

export const ParticipantListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const campaignSchemas = [
  CampaignDecision, CampaignTarget, CampaignScopeInput, CampaignScope, Campaign, CampaignPage, NewCampaign, CampaignPatch,
  Participant, ParticipantPage, NewParticipant, ParticipantReport
]
