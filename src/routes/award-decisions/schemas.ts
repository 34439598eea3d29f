import { Type } from 'typebox'
import {
  AWARD_LEVELS, AWARD_RECIPIENTS, DECISION_NUMBER_MAX_LENGTH, ISSUER_MAX_LENGTH, MAX_AWARDS_PER_DECISION,
  MAX_REVOCATIONS_PER_DECISION, PERSON_NAME_MAX_LENGTH, POSITION_MAX_LENGTH, RANK_MAX_LENGTH, REVOCATION_REASON_MAX_LENGTH
} from '../../domain/award.js'
import { IdParam, titleCodeOf } from '../../http/common-schemas.js'
import { withPageExample } from '../../http/examples.js'
import { CalendarDate, IdempotencyHeaders, IfMatchHeaders, Instant, Integer, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Text, TokenActor, Uuid, Year } from '../../http/shared-schemas.js'
import {
  awardDecisionExample, awardDecisionSummaryExample, awardExample, EXAMPLE_AWARD_ID, EXAMPLE_DECISION_ID, newAwardDecisionExample,
  revokeAwardExample
} from './examples.js'

const NUMBER = 'The number and symbol (số, ký hiệu), e.g. "1234/QĐ-BCA-X03".'
const ISSUER = 'Who issued it (cơ quan ban hành), e.g. "Bộ Công an", "Thủ tướng Chính phủ".'
export const Level = Type.Unsafe<typeof AWARD_LEVELS[number]>(Type.String({ enum: [...AWARD_LEVELS], description: 'The title\'s level: Government, Ministry or unit.' }))
export const Recipient = Type.Unsafe<typeof AWARD_RECIPIENTS[number]>(Type.String({
  enum: [...AWARD_RECIPIENTS], description: '`collective` (tập thể: a unit) or `individual` (cá nhân: a person of a unit).'
}))

export const DecisionRef = Type.Object({
  number: Text(DECISION_NUMBER_MAX_LENGTH, NUMBER),
  date: ref(CalendarDate, { description: 'The date it was signed.' }),
  issuer: Text(ISSUER_MAX_LENGTH, ISSUER)
}, { $id: 'AwardDecisionRef', additionalProperties: false, description: 'A decision as cited: number and symbol, date, issuer.' })

export const Signer = Type.Object({
  name: Text(PERSON_NAME_MAX_LENGTH, 'Who signed, with the rank as printed, e.g. "Thượng tướng Lê Quốc Hùng".'),
  position: Text(POSITION_MAX_LENGTH, 'The signer\'s position (chức vụ), e.g. "Thứ trưởng" (signing for the Minister: KT. Bộ trưởng).')
}, { $id: 'AwardDecisionSigner', additionalProperties: false, description: 'Who signed the decision.' })

const personFields = {
  name: Text(PERSON_NAME_MAX_LENGTH, 'Full name, e.g. "Nguyễn Văn An".'),
  rank: Type.Optional(Type.Union([Text(RANK_MAX_LENGTH, 'Rank (cấp bậc), e.g. "Đại tá".'), Type.Null()])),
  position: Type.Optional(Type.Union([Text(POSITION_MAX_LENGTH, 'Position (chức vụ), e.g. "Phó Giám đốc".'), Type.Null()]))
}

export const AwardPersonInput = Type.Object({
  ...personFields,
  unitId: ref(Uuid, { description: 'The person\'s unit: the award counts in that unit\'s cluster.' })
}, { $id: 'AwardPersonInput', additionalProperties: false, description: 'A person awarded an individual title.' })

export const AwardPerson = Type.Object({
  name: Type.String({ maxLength: PERSON_NAME_MAX_LENGTH }),
  rank: Type.Union([Type.String({ maxLength: RANK_MAX_LENGTH }), Type.Null()]),
  position: Type.Union([Type.String({ maxLength: POSITION_MAX_LENGTH }), Type.Null()])
}, { $id: 'AwardPerson', description: 'The person awarded (their unit is the award\'s `unitId`).' })

const placement = {
  proposalId: Type.Optional(Type.Union([ref(Uuid), Type.Null()], {
    description: 'The title proposal (the cluster\'s vote, TitleProposal `id`) the award answers: same unit, title and year ' +
      '(422 `award_proposal_mismatch`); the award then counts in the proposal\'s cluster.'
  })),
  clusterId: Type.Optional(Type.Union([ref(Uuid), Type.Null()], {
    description: 'The cluster the award counts in, when its unit belonged to several during the year (clusters of two ' +
      'blocks, or a move: required then, 422 `award_cluster_ambiguous`); a cluster the unit belonged to that year.'
  }))
}

export const NewCollectiveAward = Type.Object({
  titleCode: titleCodeOf({ description: 'A collective title of the catalogue (GET /v1/titles), e.g. `ministry_flag`.' }),
  unitId: ref(Uuid, { description: 'The unit awarded.' }),
  ...placement
}, { $id: 'NewCollectiveAward', additionalProperties: false, description: 'A collective title (tập thể) to a unit.' })

export const NewIndividualAward = Type.Object({
  titleCode: titleCodeOf({ description: 'An individual title of the catalogue, e.g. `emulation_fighter`.' }),
  person: ref(AwardPersonInput),
  ...placement
}, { $id: 'NewIndividualAward', additionalProperties: false, description: 'An individual title (cá nhân) to a person of a unit.' })

export const Revocation = Type.Object({
  reason: Type.String({ maxLength: REVOCATION_REASON_MAX_LENGTH }),
  decision: ref(DecisionRef, { description: 'The decision that revoked it.' }),
  decisionId: Type.Union([ref(Uuid), Type.Null()], { description: 'That decision\'s id when it is a recorded award decision (a correction); null otherwise.' }),
  revokedAt: ref(Instant)
}, { $id: 'AwardRevocation', description: 'Why and by which decision an award was revoked.' })

export const Award = Type.Object({
  id: ref(Uuid),
  decisionId: ref(Uuid, { description: 'The decision that granted it.' }),
  decision: ref(DecisionRef),
  year: Year({ description: 'The year whose achievements it honours.' }),
  titleCode: titleCodeOf({ description: 'The title of the catalogue.' }),
  titleName: Type.String({ maxLength: NAME_MAX_LENGTH, description: 'Its Vietnamese name, e.g. "Cờ thi đua của Bộ Công an".' }),
  level: Level,
  recipient: Recipient,
  unitId: ref(Uuid, { description: 'The unit awarded, or the person\'s unit.' }),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  person: Type.Union([ref(AwardPerson), Type.Null()], { description: 'The person awarded; null for a collective award.' }),
  clusterId: Type.Union([ref(Uuid), Type.Null()], { description: 'The cluster whose tally counts it; null when its unit belonged to no cluster that year.' }),
  proposalId: Type.Union([ref(Uuid), Type.Null()], { description: 'The title proposal it answers, if any.' }),
  revokedAt: Type.Union([ref(Instant), Type.Null()], { description: 'When it was revoked; null while it stands.' }),
  revocation: Type.Union([ref(Revocation), Type.Null()]),
  createdAt: ref(Instant)
}, {
  $id: 'Award',
  description: 'A title given by a decision to a unit or to a person of a unit. A revoked award stays, with its revocation.',
  examples: [awardExample]
})

export const AwardPage = withPageExample(pageOf(Award, 'AwardPage'), Award)

const decisionFields = {
  id: ref(Uuid),
  number: Type.String({ maxLength: DECISION_NUMBER_MAX_LENGTH, description: NUMBER }),
  date: ref(CalendarDate),
  issuer: Type.String({ maxLength: ISSUER_MAX_LENGTH, description: ISSUER }),
  signer: ref(Signer),
  year: Year({ description: 'The year whose achievements it honours.' }),
  collectives: Integer(0, MAX_AWARDS_PER_DECISION, { description: 'Its awards to units.' }),
  individuals: Integer(0, MAX_AWARDS_PER_DECISION, { description: 'Its awards to persons.' }),
  awardCount: Integer(0, MAX_AWARDS_PER_DECISION),
  revokedAwardIds: Type.Array(ref(Uuid), { maxItems: MAX_REVOCATIONS_PER_DECISION, description: 'The awards of earlier decisions it revoked (a correction).' }),
  createdBy: TokenActor({ description: 'Who recorded it.' }),
  createdAt: ref(Instant)
}

export const AwardDecisionSummary = Type.Object(decisionFields, {
  $id: 'AwardDecisionSummary',
  description: 'An award decision without its awards (read the decision, or listAwards with `decisionId`, for them).',
  examples: [awardDecisionSummaryExample]
})

export const AwardDecision = Type.Object({
  ...decisionFields,
  awards: Type.Array(ref(Award), { maxItems: MAX_AWARDS_PER_DECISION, description: 'Its awards in the order it lists them.' })
}, {
  $id: 'AwardDecision',
  description: 'An award decision (quyết định khen thưởng) with its awards. Never edited nor deleted: a correction is a new decision.',
  examples: [awardDecisionExample]
})

export const AwardDecisionPage = withPageExample(pageOf(AwardDecisionSummary, 'AwardDecisionPage'), AwardDecisionSummary)

export const NewAwardDecision = Type.Object({
  number: Text(DECISION_NUMBER_MAX_LENGTH, NUMBER),
  date: ref(CalendarDate, { description: 'The date it was signed; its year is not before `year`.' }),
  issuer: Text(ISSUER_MAX_LENGTH, ISSUER),
  signer: ref(Signer),
  year: Year({ description: 'The year whose achievements it honours (e.g. 2024 for a decision of January 2025 on the 2024 review).' }),
  awards: Type.Array(Type.Union([ref(NewCollectiveAward), ref(NewIndividualAward)]), {
    maxItems: MAX_AWARDS_PER_DECISION,
    description: `Its awards, at most ${MAX_AWARDS_PER_DECISION} (seed 002: 120 collectives and 357 individuals in one cluster's year).`
  }),
  revokes: Type.Optional(Type.Array(Type.Object({
    awardId: ref(Uuid, { description: 'An award of an earlier decision.' }),
    reason: Text(REVOCATION_REASON_MAX_LENGTH, 'Why it is revoked.')
  }, { additionalProperties: false }), {
    maxItems: MAX_REVOCATIONS_PER_DECISION,
    description: 'A correcting decision: the awards it revokes (each once, not yet revoked), before it grants its own.'
  }))
}, {
  $id: 'NewAwardDecision',
  additionalProperties: false,
  description: 'A decision as signed. Text is stored NFC with single spaces.',
  examples: [newAwardDecisionExample]
})

export const RevokeAward = Type.Object({
  reason: Text(REVOCATION_REASON_MAX_LENGTH, 'Why it is revoked (e.g. the achievement was misdeclared); trimmed, line breaks kept.'),
  decision: ref(DecisionRef, { description: 'The decision revoking it: dated no earlier than the decision that granted it.' })
}, { $id: 'RevokeAward', additionalProperties: false, examples: [revokeAwardExample] })

export const DecisionParams = Type.Object({ decisionId: IdParam('The award decision\'s id.', EXAMPLE_DECISION_ID) })
export const AwardParams = Type.Object({ awardId: IdParam('The award\'s id.', EXAMPLE_AWARD_ID) })

/** A revocation is a state transition: like the others it honours If-Match (the award's ETag) besides an Idempotency-Key. */
export const RevokeHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const DecisionListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Year({ description: 'Only the decisions honouring this year.' })),
  clusterId: Type.Optional(IdParam('Only the decisions with an award counted in this cluster.'))
}, { additionalProperties: false })

export const AwardListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Year({ description: 'Only the awards honouring this year.' })),
  clusterId: Type.Optional(IdParam('Only the awards counted in this cluster.')),
  unitId: Type.Optional(IdParam('Only the awards to this unit or to its people.')),
  recipient: Type.Optional(Recipient),
  decisionId: Type.Optional(IdParam('Only the awards of this decision.'))
}, { additionalProperties: false })

export const awardSchemas = [
  DecisionRef, Signer, AwardPersonInput, AwardPerson, NewCollectiveAward, NewIndividualAward, Revocation, Award, AwardPage,
  AwardDecisionSummary, AwardDecision, AwardDecisionPage, NewAwardDecision, RevokeAward
]
