import { Type } from 'typebox'
import { DIRECTIONS, MAX_DEPTH, type CriterionNode as Node } from '../../domain/scoring/index.js'
import { PERIODS, SCHEME_STATUSES } from '../../domain/scoring/scheme-lifecycle.js'
import { discriminated } from '../../http/discriminated.js'
import { IdempotencyHeaders, IfMatchHeaders, Instant, INT32_MAX, Integer, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'
import { deadlinesOrNull, SchemeDeadlines } from './deadline-schemas.js'
import { copyFields, NotApplicableCodes } from './reuse-schemas.js'
import { copySchemeExample, newSchemeExample, schemeExample, schemePatchExample, targetsBodyExample, unitTargetsExample } from './examples.js'

const Year = Integer(1945, 2100, { description: 'The calendar year the scheme scores.', examples: [2024] })
const Period = Type.Enum([...PERIODS], { description: '`annual` (tổng kết năm) or `mid_year` (sơ kết 6 tháng).' })
const Points = (description: string) => Type.Number({ description })
const Code = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Unique within the scheme.' })
/** A criterion code as a map key: a key schema's own limits are lost in `patternProperties`, so the pattern bounds it. */
const CodeKey = Type.String({ pattern: '^[\\s\\S]{1,100}$' })

/**
 * One recursive schema for the criteria tree: `CriterionNode` is a `oneOf` of one shape per `kind` (the
 * discriminator), and a group's `children` are `CriterionNode`s again. JSON Schema cannot bound the recursion, so
 * the depth is the domain's rule (MAX_DEPTH levels: 422 `invalid_scheme` naming the `children` too deep), and a
 * body nested deeper than any real tree is refused before the validator walks it (size-bounds.ts), which keeps the
 * validator's work in proportion to the body.
 */

const nodeFields = {
  code: Code,
  name: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', examples: ['Công tác xây dựng Đảng'] }),
  maxPoints: Points('The criterion\'s maximum, at most two decimals.')
}
/** A reference to the recursive node, typed as the domain's node. */
const NodeRef = Type.Unsafe<Node>(Type.Ref('CriterionNode'))

export const CriterionGroup = Type.Object({
  ...nodeFields,
  kind: Type.Literal('group'),
  children: Type.Optional(Type.Array(NodeRef, {
    maxItems: 200,
    description: `The sub-criteria (at least one); the group scores their sum, capped at its maxPoints. Trees nest at most ${MAX_DEPTH} levels.`
  }))
}, { $id: 'CriterionGroup', additionalProperties: false, description: 'A group of sub-criteria (nhóm tiêu chí).' })

export const QuantitativeCriterion = Type.Object({
  ...nodeFields,
  kind: Type.Literal('quantitative'),
  direction: Type.Optional(Type.Enum([...DIRECTIONS], { description: '`higher_is_better` by default.' })),
  defaultTarget: Type.Optional(Type.Number({ description: 'The target of a unit without its own (at most four decimals).' }))
}, { $id: 'QuantitativeCriterion', additionalProperties: false, description: 'A leaf scored by the achieved value against the unit\'s target (chỉ tiêu).' })

export const QualitativeCriterion = Type.Object({
  ...nodeFields,
  kind: Type.Literal('qualitative')
}, { $id: 'QualitativeCriterion', additionalProperties: false, description: 'A leaf scoring maxPoints when achieved, else 0.' })

export const PerOccurrenceCriterion = Type.Object({
  ...nodeFields,
  kind: Type.Literal('per_occurrence'),
  pointsEach: Points('Points per occurrence (more than 0), capped at maxPoints.')
}, { $id: 'PerOccurrenceCriterion', additionalProperties: false, description: 'A leaf scoring per occurrence.' })

export const BonusDeductionCriterion = Type.Object({
  ...nodeFields,
  kind: Type.Literal('bonus_deduction'),
  bonusEach: Type.Optional(Points('Points added per bonus event.')),
  deductionEach: Type.Optional(Points('Points taken per deduction event.')),
  minPoints: Type.Optional(Points('The floor of the net (≤ 0, default 0); maxPoints is the ceiling.'))
}, {
  $id: 'BonusDeductionCriterion',
  additionalProperties: false,
  description: 'A top-level leaf of bonus (điểm thưởng) and deduction (điểm trừ) events; it needs bonusEach or deductionEach.'
})

const criterionKinds = [CriterionGroup, QuantitativeCriterion, QualitativeCriterion, PerOccurrenceCriterion, BonusDeductionCriterion]

export const CriterionNode = discriminated<typeof criterionKinds, Node>('CriterionNode', 'kind', criterionKinds, {
  description: `A criterion (tiêu chí): a \`group\` of sub-criteria or a scored leaf, told apart by \`kind\`. Trees nest at most ${MAX_DEPTH} levels.`
})

export const Band = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', examples: ['excellent'] }),
  name: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', examples: ['Xuất sắc'] }),
  minTotal: Points('The lowest total in the band; the lowest band starts at 0.')
}, { $id: 'Band', additionalProperties: false, description: 'A classification band: a unit is in the band with the highest minTotal not above its total.' })

const TieBreak = Type.String({
  maxLength: 200,
  pattern: '^(group:\\S.*|fewer_deductions|more_bonus)$',
  description: '`group:<code>` (higher score of that criterion first), `fewer_deductions` or `more_bonus`.',
  examples: ['group:I', 'fewer_deductions']
})

const contentFields = {
  criteria: Type.Array(ref(CriterionNode), { maxItems: 200, description: 'The criteria tree; bonus/deduction leaves at the top level.' }),
  bonusCap: Type.Optional(Type.Union([Points('Cap on the bonus total; none when absent or null.'), Type.Null()])),
  deductionCap: Type.Optional(Type.Union([Points('Cap on the deduction total; none when absent or null.'), Type.Null()])),
  bands: Type.Array(ref(Band), { maxItems: 50 }),
  tieBreak: Type.Array(TieBreak, { maxItems: 20, description: 'Orders units with equal totals, in turn.' }),
  ministryFlagBand: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], {
    description: 'The band whose minTotal is the Ministry-flag standard; the top band when absent or null.'
  })),
  deadlines: Type.Optional(deadlinesOrNull('The stage deadlines; none when absent or null (no step is then ever late).'))
}

export const ScoringScheme = Type.Object({
  id: ref(Uuid),
  clusterId: ref(Uuid),
  year: Year,
  period: Period,
  version: Integer(1, INT32_MAX, { description: 'The scheme\'s version for its cluster, year and period: 1, then one more per new version.' }),
  status: Type.Enum([...SCHEME_STATUSES], { description: '`draft` (editable) → `published` (frozen) → `superseded` by a later published version.' }),
  criteria: contentFields.criteria,
  bonusCap: Type.Union([Type.Number(), Type.Null()]),
  deductionCap: Type.Union([Type.Number(), Type.Null()]),
  bands: contentFields.bands,
  tieBreak: contentFields.tieBreak,
  ministryFlagBand: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]), deadlines: deadlinesOrNull('The stage deadlines; null when the scheme sets none.'),
  publishedAt: Type.Union([ref(Instant), Type.Null()]),
  supersededAt: Type.Union([ref(Instant), Type.Null()]),
  revision: Integer(1, INT32_MAX, { description: 'Increases with every change of this version; the ETag is "v<revision>".' }),
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'ScoringScheme',
  description: 'One version of a cluster\'s scoring scheme (quy định chấm điểm) for a year and period.',
  examples: [schemeExample]
})

export const ScoringSchemePage = Object.assign(pageOf(ScoringScheme, 'ScoringSchemePage'), { examples: [{ items: [schemeExample], nextCursor: null }] })

export const NewScoringScheme = Type.Object({
  year: Year,
  period: Period,
  ...contentFields,
  // Required unless the scheme is a copy (the service says which is missing, 422 `invalid_scheme`).
  criteria: Type.Optional(contentFields.criteria),
  bands: Type.Optional(contentFields.bands),
  tieBreak: Type.Optional(contentFields.tieBreak),
  ...copyFields
}, {
  $id: 'NewScoringScheme',
  additionalProperties: false,
  examples: [newSchemeExample, copySchemeExample],
  description: 'A scheme\'s first version, as a draft: its content (`criteria`, `bands` and `tieBreak` required), or ' +
    '`copyFrom` another scheme. Validated as a whole: 422 `invalid_scheme` lists every problem.'
})

export const ScoringSchemePatch = Type.Object({
  criteria: Type.Optional(contentFields.criteria),
  bonusCap: contentFields.bonusCap,
  deductionCap: contentFields.deductionCap,
  bands: Type.Optional(contentFields.bands),
  tieBreak: Type.Optional(contentFields.tieBreak),
  ministryFlagBand: contentFields.ministryFlagBand, deadlines: contentFields.deadlines
}, {
  $id: 'ScoringSchemePatch',
  additionalProperties: false,
  examples: [schemePatchExample],
  minProperties: 1,
  description: 'Replaces the given fields of a draft (null clears a cap, the Ministry-flag band or the deadlines); the result is validated as a whole.'
})

export const UnitTargets = Type.Object({
  schemeId: ref(Uuid),
  unitId: ref(Uuid),
  targets: Type.Record(CodeKey, Type.Number(), { maxProperties: 500, additionalProperties: false, description: 'Criterion code → the unit\'s target (chỉ tiêu).' }),
  notApplicable: NotApplicableCodes,
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, { $id: 'UnitTargets', description: 'A unit\'s targets for the quantitative criteria of a scheme.', examples: [unitTargetsExample] })

export const UnitTargetsPage = Object.assign(pageOf(UnitTargets, 'UnitTargetsPage'), { examples: [{ items: [unitTargetsExample], nextCursor: null }] })

export const TargetsBody = Type.Object({
  targets: Type.Record(CodeKey, Type.Number(), {
    maxProperties: 500,
    additionalProperties: false,
    description: 'Quantitative criterion code → target: a number from 0 with at most four decimals.'
  }),
  notApplicable: Type.Optional(NotApplicableCodes)
}, { $id: 'TargetsBody', additionalProperties: false, description: 'Replaces all of the unit\'s targets in the scheme.', examples: [targetsBodyExample] })

export const SchemeListQuery = Type.Object({
  ...PageQuery.properties,
  year: Type.Optional(Year),
  period: Type.Optional(Period),
  status: Type.Optional(Type.Enum([...SCHEME_STATUSES], { description: 'Only versions in this status: `draft`, `published` or `superseded`.' }))
}, { additionalProperties: false })

export const PublishHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const TargetListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false })

export const scoringSchemaList = [
  ...criterionKinds, CriterionNode, Band, SchemeDeadlines, ScoringScheme, ScoringSchemePage, NewScoringScheme, ScoringSchemePatch, UnitTargets, UnitTargetsPage, TargetsBody
]
