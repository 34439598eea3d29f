import { Type, type TSchema } from 'typebox'
import { CalendarDate, Instant, Integer, Name, NAME_MAX_LENGTH, pageOf, PageQuery, ref, Uuid, Version } from '../../http/shared-schemas.js'
import { IdParam, Threshold } from '../../http/common-schemas.js'
import { EXAMPLE_BLOCK_NAME, EXAMPLE_CLUSTER_NAME, EXAMPLE_IDS, exampleStamps, withPageExample } from '../../http/examples.js'
import { DEFAULT_RULES } from '../../domain/cluster-rules.js'

// Every rule of a cluster. Rules added later get a default, so stored clusters always read complete.
const ruleProperties = {
  quorum: ref(Threshold, { description: 'Member units present for a conference to be valid. Default: at least 2/3.' }),
  voteThreshold: ref(Threshold, { description: 'Share of the threshold base a candidate needs to win. Default: more than 1/2.' }),
  voteThresholdBase: Type.Enum(['ballots_cast', 'members'], {
    description: 'What `voteThreshold` is a share of: the ballots cast in the round (blank ones included) or the ' +
      'round\'s electorate (the member units entitled to vote). Default `ballots_cast`.'
  }),
  voteQuorum: ref(Threshold, {
    description: 'Share of the round\'s electorate that must cast a ballot for the round to count. Default: at least 2/3.'
  }),
  tieBreak: Type.Enum(['new_round'], { description: 'How a tie is decided. Default `new_round`: a new round among the tied candidates.' }),
  votingRoundsBeforeTieBreak: Integer(1, 10, {
    description: 'A tie still standing in this round is decided by the higher final score in the year\'s finalized ' +
      'ranking, then by a drawing of lots recorded with its seed. Default 3.'
  }),
  disciplinedUnitMayRankFirst: Type.Boolean({
    description: 'Whether a unit under discipline, or awaiting a discipline decision, may be ranked first. Default false.'
  }),
  outgoingHeadMayBeReelected: Type.Boolean({ description: 'Whether the year\'s head unit may be elected head again. Default true.' }),
  selfVoteAllowed: Type.Boolean({ description: 'Whether a unit may vote for itself. Default true.' }),
  titleSeats: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,49}$' }), Integer(1, 100), {
    additionalProperties: false,
    description: 'Seats the cluster fixes per title code (e.g. `{"ministry_flag": 1}`); a title not listed takes the ' +
      'seats its election states. Default `{}`.'
  }),
  membersReadDraftScorecards: Type.Boolean({
    description: 'Whether member units read each other\'s scorecards, and the ranking, before the scores are finalized. ' +
      'Default false: a unit reads its own scorecard, and the others\' once finalized.'
  }),
  membersReadDisciplineRecords: Type.Boolean({
    description: 'Whether member units read the discipline records of other members from the days both were members. ' +
      'Default false: a unit reads its own only.'
  }),
  rescaleNotApplicable: Type.Boolean({
    description: 'Whether a unit\'s base is rescaled to the scheme\'s maximum when criteria do not apply to it (its targets\' ' +
      '`notApplicable`): base × schemeMax / applicableMax, half-up to two places, bonus and deductions added after. ' +
      'False: the total is the plain sum of what applies. Default true.'
  }),
  lateSteps: Type.Enum(['refuse', 'mark_late'], {
    description: 'What becomes of a scorecard step taken after its deadline (the scoring scheme\'s `deadlines`, calendar ' +
      'dates in Asia/Ho_Chi_Minh): `refuse` (409 `deadline_passed`, naming the step and its due date) or `mark_late` ' +
      '(accepted, and the scorecard shows `late: true` from then on). A step on its due date is on time. Default `refuse`.'
  })
}

export const ClusterRules = Type.Object(ruleProperties, {
  $id: 'ClusterRules',
  description: 'The cluster\'s parameters (its operating rules). A rule never set reads as its default.'
})

export const ClusterRulesPatch = Type.Partial(Type.Object(ruleProperties), {
  $id: 'ClusterRulesPatch',
  additionalProperties: false,
  description: 'Rules to set; the rules not given keep their current value (their default on creation). A rule given ' +
    'replaces that rule whole.'
})

export const FoundingDecision = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', examples: ['1234/QĐ-BCA'] }),
  date: ref(CalendarDate),
  issuer: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', examples: ['Bộ Công an'] })
}, { $id: 'FoundingDecision', additionalProperties: false, description: 'The decision that founded the cluster.' })

const nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description })

/** Founded on the day the seeds' Cụm thi đua số 9 was (04-10-2018); a founding decision is optional. */
const EXAMPLE_NEW_CLUSTER = { number: 1, name: EXAMPLE_CLUSTER_NAME, blockId: EXAMPLE_IDS.block, foundedOn: '2018-10-04' }

export const Cluster = Type.Object({
  id: ref(Uuid),
  number: Integer(1, 9999, { description: 'The cluster\'s number in its block (Cụm thi đua số 1).' }),
  name: Type.String({ maxLength: NAME_MAX_LENGTH }),
  blockId: ref(Uuid),
  foundedOn: nullable(ref(CalendarDate), 'The founding date, when known.'),
  foundingDecision: nullable(ref(FoundingDecision), 'The founding decision, when known.'),
  rules: ref(ClusterRules),
  version: Version,
  createdAt: ref(Instant),
  updatedAt: ref(Instant)
}, {
  $id: 'Cluster',
  description: `An emulation cluster (cụm thi đua số N) of a block, e.g. ${EXAMPLE_CLUSTER_NAME} of ${EXAMPLE_BLOCK_NAME}.`,
  examples: [{
    id: EXAMPLE_IDS.cluster,
    ...EXAMPLE_NEW_CLUSTER,
    foundingDecision: null,
    rules: DEFAULT_RULES,
    ...exampleStamps
  }]
})

export const ClusterPage = withPageExample(pageOf(Cluster, 'ClusterPage'), Cluster)

const ClusterNumber = Integer(1, 9999, { description: 'Unique within the block.' })

export const NewCluster = Type.Object({
  number: ClusterNumber,
  name: Name,
  blockId: ref(Uuid, { description: 'The block; it never changes afterwards.' }),
  foundedOn: Type.Optional(nullable(ref(CalendarDate), 'The founding date.')),
  foundingDecision: Type.Optional(nullable(ref(FoundingDecision), 'The founding decision.')),
  rules: Type.Optional(ref(ClusterRulesPatch))
}, {
  $id: 'NewCluster',
  additionalProperties: false,
  description: 'A cluster: its number and name are unique within its block. Rules left out take their defaults.',
  examples: [EXAMPLE_NEW_CLUSTER]
})

export const ClusterPatch = Type.Object({
  number: Type.Optional(ClusterNumber),
  name: Type.Optional(Name),
  foundedOn: Type.Optional(nullable(ref(CalendarDate), 'null removes the date.')),
  foundingDecision: Type.Optional(nullable(ref(FoundingDecision), 'null removes the decision.')),
  rules: Type.Optional(ref(ClusterRulesPatch))
}, {
  $id: 'ClusterPatch',
  additionalProperties: false,
  minProperties: 1,
  description: 'The fields to change. `blockId` cannot change (memberships are per block). A secretariat may send ' +
    '`rules` only, and only for its own cluster.',
  examples: [{ rules: { membersReadDraftScorecards: true } }]
})

export const ClusterListQuery = Type.Object({
  ...PageQuery.properties,
  blockId: Type.Optional(IdParam('Only the clusters of this block.')),
  q: Type.Optional(Type.String({
    maxLength: 200,
    description: 'Only the clusters whose name contains this text, ignoring diacritics and case ("so 1" finds Cụm thi đua số 1).'
  }))
}, { additionalProperties: false })

export const clusterSchemas = [Threshold, ClusterRules, ClusterRulesPatch, FoundingDecision, Cluster, ClusterPage, NewCluster, ClusterPatch]
