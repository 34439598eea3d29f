import { Type } from 'typebox'
import { MAX_REVIEWERS_PER_ENTRY } from '../../domain/advisory-group.js'
import { SCORECARD_STATUSES } from '../../domain/scoring/scorecard-lifecycle.js'
import { PERIODS } from '../../domain/scoring/scheme-lifecycle.js'
import { MAX_DEPTH, type CriterionScore as Score } from '../../domain/scoring/index.js'
import { deadlineFields } from './deadline-fields.js'
import { explanationBodyExample, finalizationExample, rankingExample, reviewBodyExample, scorecardBodyExample, scorecardExample } from './examples.js'
import {
  IdempotencyHeaders, IfMatchHeaders, Instant, INT32_MAX, INT32_MIN, Integer, NAME_MAX_LENGTH, ref, Subject, Uuid, Version
} from '../../http/shared-schemas.js'
import { History, historySchemas } from './history-schemas.js'
import { ScoreExplanation } from './score-explanation.js'
import { CsvDecimalQuery } from '../../http/common-schemas.js'

const Code = Type.String({ minLength: 1, maxLength: 100, description: 'A leaf criterion\'s code.', examples: ['I.1'] })
const Comment = Type.String({ maxLength: 2000 })
// As many as a scheme has leaves (criteria.maxItems × children.maxItems allows more than any real scheme).
const MAX_ENTRIES = 500
// The bounds the scheme's rules check (422 invalid_entries, listed with every other problem) are in the description.
const Count = (description: string) => Integer(INT32_MIN, INT32_MAX, { description: `${description} From 0 to 1,000,000.` })

export const ScorecardEntry = Type.Object({
  code: Code,
  actual: Type.Optional(Type.Number({ description: '`quantitative`: the achieved value (from 0, at most four decimals).' })),
  achieved: Type.Optional(Type.Boolean({ description: '`qualitative`: achieved or not.' })),
  count: Type.Optional(Count('`per_occurrence`: the number of occurrences.')),
  bonusCount: Type.Optional(Count('`bonus_deduction`: the number of bonus events.')),
  deductionCount: Type.Optional(Count('`bonus_deduction`: the number of deduction events.')),
  evidence: Type.Optional(Type.Array(Type.Union([
    Type.String({ format: 'uri', maxLength: 2000, description: 'A link (the earlier form of `{url}`).' }),
    Type.Object({ url: Type.String({ format: 'uri', maxLength: 2000 }) }, { additionalProperties: false, description: 'A link to a document kept elsewhere.' }),
    Type.Object({
      fileId: Type.String({ format: 'uuid', maxLength: 36, description: 'A file stored with POST /v1/files by the caller\'s unit (an admin: any file); else 422 `evidence_file_not_found`.' }),
      sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', maxLength: 64, description: 'Set by the service when the entry is saved: the cited bytes\' SHA-256, also in the audit record.' }))
    }, { additionalProperties: false, description: 'A stored evidence file.' })
  ]), { maxItems: 50, description: 'The documents behind the entry: links (`{url}`) or stored files (`{fileId}`).' })),
  comment: Type.Optional(Comment)
}, {
  $id: 'ScorecardEntry',
  additionalProperties: false,
  // Not a oneOf by kind: an entry names its leaf by `code` and carries no kind; the scheme gives the kind, and the
  // scheme's rules (422 `invalid_entries`) refuse a field the leaf's kind does not take.
  description: 'The unit\'s own entry for one leaf criterion (tự chấm). One shape for every kind: the entry names its leaf by ' +
    '`code` only, and the leaf\'s kind in the scheme says which field counts (`actual` for quantitative, `achieved` for ' +
    'qualitative, `count` for per_occurrence, `bonusCount`/`deductionCount` for bonus_deduction); a field of another kind ' +
    'is refused with 422 `invalid_entries`.'
})

export const ReviewEntry = Type.Object({
  code: Code,
  points: Type.Number({ description: 'The reviewed points of the leaf (two decimals at most), replacing the self score.' }),
  comment: Type.Optional(Comment),
  reviewerIds: Type.Optional(Type.Array(ref(Uuid), {
    uniqueItems: true,
    maxItems: MAX_REVIEWERS_PER_ENTRY,
    description: `The advisory group members (Tổ tư vấn) who reviewed the leaf, by their ids in the group: each a member of the cluster's group for the scheme's year (422 \`reviewer_not_in_advisory_group\` otherwise), at most ${MAX_REVIEWERS_PER_ENTRY}, none twice.`
  }))
}, { $id: 'ReviewEntry', additionalProperties: false, description: 'The reviewer\'s points for one leaf (thẩm định). It cites no evidence: only the unit\'s self-assessment entries do (`ScorecardEntry.evidence`).' })

export const ExplanationEntry = Type.Object({
  code: Code,
  comment: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' })
}, { $id: 'ExplanationEntry', additionalProperties: false, description: 'The unit\'s explanation about one leaf (giải trình), in words: it cites no evidence, only the self-assessment entries do (`ScorecardEntry.evidence`).' })

export const ScorecardBody = Type.Object({
  entries: Type.Array(ref(ScorecardEntry), { maxItems: MAX_ENTRIES })
}, {
  $id: 'ScorecardBody',
  additionalProperties: false,
  description: 'Replaces the unit\'s self-assessment entries; a leaf without one scores 0.',
  examples: [scorecardBodyExample]
})

export const ReviewBody = Type.Object({
  entries: Type.Array(ref(ReviewEntry), { maxItems: MAX_ENTRIES })
}, {
  $id: 'ReviewBody',
  additionalProperties: false,
  description: 'Reviewed points per leaf; leaves not listed keep the score computed from the unit\'s entries.',
  examples: [reviewBodyExample]
})

export const ExplanationBody = Type.Object({
  entries: Type.Array(ref(ExplanationEntry), { minItems: 1, maxItems: MAX_ENTRIES })
}, {
  $id: 'ExplanationBody',
  additionalProperties: false,
  description: 'The unit\'s explanation of the reviewed points, per leaf.',
  examples: [explanationBodyExample]
})

/**
 * The points of the criteria tree, one recursive schema like the criteria themselves: a group's children are
 * CriterionScores again, as deep as the scheme's tree (at most MAX_DEPTH levels, the domain's rule).
 */
export const CriterionScore = Type.Unsafe<Score>(Type.Object({
  code: Type.String({ maxLength: 100 }),
  points: Type.Number({ description: 'The criterion\'s final points: reviewed points when given, else the computed score; groups capped.' }),
  selfPoints: Type.Optional(Type.Number({ description: 'Leaves: the score computed from the unit\'s own entry.' })),
  reviewed: Type.Optional(Type.Boolean({ description: 'Leaves: whether reviewed points replaced the computed score.' })),
  notApplicable: Type.Optional(Type.Literal(true, {
    description: 'Present when the criterion does not apply to the unit (marked in its targets, or a group whose every ' +
      'criterion is): it scores nothing and leaves the unit\'s maximum.'
  })),
  explanation: Type.Optional(ref(ScoreExplanation)),
  children: Type.Optional(Type.Array(Type.Unsafe<Score>(Type.Ref('CriterionScore')), { maxItems: 200, description: `Groups: the points of each sub-criterion, in the scheme's order (at most ${MAX_DEPTH} levels).` }))
}, { $id: 'CriterionScore', description: 'The points of one criterion of the tree.' }))

const Stamp = (description: string) => Type.Union([ref(Instant), Type.Null()], { description })

export const Scorecard = Type.Object({
  schemeId: ref(Uuid),
  unitId: ref(Uuid),
  status: Type.Enum([...SCORECARD_STATUSES], {
    description: '`draft` → `submitted` → `reviewed` (→ `explained` → `second_reviewed`) → `finalized` (frozen); ' +
      '`returned` to the unit for revision from `submitted`, `reviewed` or `explained`, then submitted again.'
  }),
  entries: Type.Array(ref(ScorecardEntry), { maxItems: MAX_ENTRIES }),
  review: Type.Union([Type.Array(ref(ReviewEntry), { maxItems: MAX_ENTRIES }), Type.Null()], { description: 'The first review; null before it.' }),
  explanation: Type.Union([Type.Array(ref(ExplanationEntry), { maxItems: MAX_ENTRIES }), Type.Null()], { description: 'The unit\'s explanation; null without one.' }),
  secondReview: Type.Union([Type.Array(ref(ReviewEntry), { maxItems: MAX_ENTRIES }), Type.Null()], { description: 'The review after the explanation; its points replace the first review\'s for the leaves it lists.' }),
  total: Type.Number({ description: 'The total computed by the scoring engine from the whole cluster\'s inputs.' }),
  breakdown: Type.Array(ref(CriterionScore), { maxItems: 200, description: 'Points per criterion, in the scheme\'s order.' }),
  submittedAt: Stamp('When the unit submitted.'),
  reviewedAt: Stamp('When it was reviewed.'),
  explainedAt: Stamp('When the unit explained.'),
  secondReviewedAt: Stamp('When it was reviewed again.'),
  finalizedAt: Stamp('When the scheme\'s scores were finalised.'),
  ...deadlineFields,
  history: History,
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, { $id: 'Scorecard', description: 'A unit\'s scorecard (phiếu chấm điểm) in a scheme, with the points the engine computes.', examples: [scorecardExample] })

export const RankingItem = Type.Object({
  unitId: ref(Uuid),
  unitName: Type.String({ maxLength: NAME_MAX_LENGTH }),
  rank: Integer(1, INT32_MAX, { description: 'Units still equal after every tie-break share a rank (1, 1, 3).' }),
  total: Type.Number(),
  base: Type.Number({
    description: 'Sum of the criteria other than bonus/deduction; when criteria do not apply to the unit and the cluster ' +
      'rule `rescaleNotApplicable` is on (the default), rescaled to the scheme\'s maximum: sum × schemeMax / applicableMax, ' +
      'half-up to two decimals.'
  }),
  applicableMax: Type.Number({ description: 'The highest base the unit could reach: the scheme\'s, less the criteria that do not apply to it.' }),
  notApplicable: Type.Array(Type.String({ maxLength: 100 }), {
    maxItems: 200, description: 'Codes of the criteria marked not applicable to the unit in its targets; empty when every criterion applies.'
  }),
  bonus: Type.Number({ description: 'Bonus after the scheme\'s cap.' }),
  deduction: Type.Number({ description: 'Deduction (a positive amount) after the scheme\'s cap.' }),
  band: Type.String({ maxLength: 100, description: 'The band code.' }),
  bandName: Type.String({ maxLength: 300 }),
  status: Type.Union([Type.Enum([...SCORECARD_STATUSES]), Type.Null()], { description: 'The unit\'s scorecard status; null when it has none (every leaf scores 0).' }),
  underDiscipline: Type.Boolean({ description: 'A pending or in-force discipline record overlaps the scheme\'s year.' }),
  eligibleForTitles: Type.Boolean(),
  eligibleForMinistryFlag: Type.Boolean(),
  eligibleForGovernmentFlag: Type.Boolean(),
  breakdown: Type.Optional(Type.Array(ref(CriterionScore), { maxItems: 200, description: 'With `breakdown=true`: points per criterion, in the scheme\'s order; each quantitative leaf with its `explanation`.' }))
}, { $id: 'RankingItem', description: 'One member\'s line of the ranking.' })

export const Ranking = Type.Object({
  schemeId: ref(Uuid),
  clusterId: ref(Uuid),
  year: Integer(1945, 2100),
  period: Type.Enum([...PERIODS]),
  final: Type.Boolean({ description: 'Whether the scheme\'s scores are finalised (frozen).' }),
  // No cluster comes near 10,000 members (the Ministry has far fewer units).
  items: Type.Array(ref(RankingItem), { maxItems: 10_000, description: 'Every member of the cluster in the scheme\'s year, in rank order.' }),
  nextCursor: Type.Null({ description: 'Always null: the ranking is one page.' })
}, { $id: 'Ranking', description: 'The ranking of a cluster\'s members, computed by the scoring engine.', examples: [rankingExample] })

export const RankingQuery = Type.Object({
  breakdown: Type.Optional(Type.Boolean({
    default: false,
    description: 'Add each unit\'s points per criterion: `breakdown` in JSON, each quantitative leaf with its `explanation`; in CSV ' +
      'and XLSX one column per criterion (groups and leaves, in the scheme\'s order), headed by its code and name.'
  })),
  // No default: a format left out lets the Accept header choose.
  format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx'], {
    description: 'The representation, overriding the Accept header when both are given: `json` (application/json), ' +
      '`csv` (text/csv, UTF-8 with BOM) or `xlsx` (an Excel workbook of the same table). Without it, Accept chooses; ' +
      'JSON when Accept is absent or `*/*`.'
  })),
  decimal: Type.Optional(CsvDecimalQuery)
}, { additionalProperties: false })

export const Finalization = Type.Object({
  schemeId: ref(Uuid),
  finalizedAt: ref(Instant),
  finalizedBy: Subject({ description: 'The token subject that finalised.' }),
  scorecards: Integer(0, INT32_MAX, { description: 'How many scorecards were frozen.' })
}, { $id: 'ScoreFinalization', description: 'The finalisation of a scheme\'s scores.', examples: [finalizationExample] })

export const StepHeaders = Type.Object({ ...IdempotencyHeaders.properties, ...IfMatchHeaders.properties })

export const scorecardSchemas = [
  ...historySchemas, ScorecardEntry, ReviewEntry, ExplanationEntry, ScorecardBody, ReviewBody, ExplanationBody, ScoreExplanation, CriterionScore, Scorecard, RankingItem, Ranking, Finalization
]
