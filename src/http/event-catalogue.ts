// The schema of every event type's `data` and of its audit record's `before` and `after`, keyed by the list of
// types in domain/event-types.ts (a type missing here does not compile). Shared by the event feed and the audit
// trail (routes/events, routes/audit-events), hence here and not in either route folder. Most events carry the resource after the
// change, as its own GET answers it (a `$ref` to its schema); the few that carry something else say what.
import { Type, type TSchema } from 'typebox'
import { EVENT_TYPE_NAMES, type EventType } from '../domain/event-types.js'
import { Integer, INT32_MAX, ref, Uuid } from './shared-schemas.js'
import { AdvisoryGroup } from '../routes/advisory-groups/schemas.js'
import { Award, AwardDecision } from '../routes/award-decisions/schemas.js'
import { Block } from '../routes/blocks/schemas.js'
import { Campaign, Participant as CampaignParticipant } from '../routes/campaigns/schemas.js'
import { ClusterDocument } from '../routes/cluster-documents/schemas.js'
import { Cluster } from '../routes/clusters/schemas.js'
import { Conference } from '../routes/conferences/schemas.js'
import { DisciplineRecord } from '../routes/discipline/schemas.js'
import { DossierRecord } from '../routes/dossiers/schemas.js'
import { Election } from '../routes/elections/schemas.js'
import { EvidenceFile } from '../routes/files/schemas.js'
import { RoundResult, TitleProposal } from '../routes/elections/result-schemas.js'
import { Membership } from '../routes/memberships/schemas.js'
import { Pledge, PledgeSignature } from '../routes/pledges/schemas.js'
import { Report, ReportComment } from '../routes/reports/schemas.js'
import { Scorecard } from '../routes/scorecards/schemas.js'
import { ScoringScheme, UnitTargets } from '../routes/scoring-schemes/schemas.js'
import { FlagHandover, Term } from '../routes/terms/schemas.js'
import { Title } from '../routes/titles/schemas.js'
import { Unit } from '../routes/units/schemas.js'
import { Webhook, WebhookDelivery } from '../routes/webhooks/schemas.js'

export interface CatalogueEntry {
  /** What happened, for the contract. */
  summary: string
  /** The event's `data`. */
  data: TSchema
  /** The audit record's `before` (null when the resource did not exist) and `after`. */
  before: TSchema
  after: TSchema
}

const orNull = (schema: TSchema) => Type.Union([schema, Type.Null()])
const Null = Type.Null()

/** A resource created: data and `after` are the resource, `before` is null. */
const creation = (resource: TSchema & { $id?: string }, summary: string): CatalogueEntry =>
  ({ summary, data: ref(resource), before: Null, after: ref(resource) })

/** A resource changed: data and `after` are the resource after the change, `before` the resource before it. */
const change = (resource: TSchema & { $id?: string }, summary: string, before: TSchema = ref(resource)): CatalogueEntry =>
  ({ summary, data: ref(resource), before, after: ref(resource) })

/** A draft or unreferenced resource removed: data and `before` are the resource as it was, `after` is null. */
const removal = (resource: TSchema & { $id?: string }, summary: string): CatalogueEntry =>
  ({ summary, data: ref(resource), before: ref(resource), after: Null })

/** The resource with what the event adds to it (the audit `after` keeps the resource alone). */
const withExtra = (resource: TSchema & { $id?: string }, extra: Record<string, TSchema>) =>
  Type.Intersect([ref(resource), Type.Object(extra)])

// The scorecard and the election as the change stored them. A scorecard's points are computed when it is read
// (they depend on the scheme and its targets), an election's turnout is counted from its ballots: neither is part
// of the record, so events and audit records carry the rest.
export const ScorecardRecord = Type.Omit(Scorecard, ['total', 'breakdown', 'dueOn', 'late'], {
  $id: 'ScorecardRecord',
  description: 'A scorecard as recorded: its entries and steps, without the points (`total`, `breakdown`) the engine ' +
    'computes when the scorecard is read, nor `dueOn` and `late`, which depend on the day it is read.'
})

export const ElectionRecord = Type.Omit(Election, ['turnout'], {
  $id: 'ElectionRecord',
  description: 'An election as recorded, without the turnout counted from its ballots (read the election for it).'
})

export const RoundTally = Type.Omit(RoundResult, ['openedAt', 'closedAt'], {
  $id: 'RoundTally',
  description: 'The tally of the round just closed (the election\'s result adds when each round opened and closed).'
})

export const recordSchemas = [ScorecardRecord, ElectionRecord, RoundTally]

// A ballot's event and audit say who voted in which round, and never what: the choices are kept nowhere else.
const BallotCast = Type.Object({
  round: Integer(1, INT32_MAX, { description: 'The round the ballot was cast in.' }),
  voterUnitId: ref(Uuid, { description: 'The member unit that voted (its choices are secret and never published).' })
}, { additionalProperties: false, description: 'Who voted in which round; never the choices.' })

const FlagHandedOver = Type.Intersect([ref(FlagHandover), Type.Object({
  clusterId: ref(Uuid),
  chosenBy: Term.properties.chosenBy
})], { description: 'The handover with its cluster and how the new head was chosen.' })

const ElectionClosed = withExtra(ElectionRecord, { tally: ref(RoundTally) })

export const EVENT_CATALOGUE: { [T in EventType]: CatalogueEntry } = {
  'block.created': creation(Block, 'A block is created.'),
  'block.deleted': removal(Block, 'A block nothing refers to is deleted.'),
  'unit.created': creation(Unit, 'A unit is created.'),
  'unit.updated': change(Unit, 'A unit is changed.'),
  'unit.deleted': removal(Unit, 'A unit nothing refers to is deleted.'),
  'cluster.created': creation(Cluster, 'A cluster is created.'),
  'cluster.updated': change(Cluster, 'A cluster is changed (its rules included).'),
  'cluster.deleted': removal(Cluster, 'A cluster nothing refers to is deleted.'),
  'membership.started': creation(Membership, 'A unit joins a cluster.'),
  'membership.ended': change(Membership, 'A unit leaves a cluster.'),
  'term.appointed': change(Term, 'A year\'s head and deputy units are appointed (or the term is replaced).', orNull(ref(Term))),
  'term.elected': change(Term, 'The deputy election decided: the next year\'s term is written.', orNull(ref(Term))),
  'flag.handed_over': {
    summary: 'A term names a new head unit: the rotating flag passes from the previous year\'s head.',
    data: FlagHandedOver,
    before: orNull(ref(FlagHandover)),
    after: FlagHandedOver
  },
  'advisory_group.created': creation(AdvisoryGroup, 'A cluster\'s advisory group (Tổ tư vấn) for a year is founded: version 1 of its decision and members.'),
  'advisory_group.updated': change(AdvisoryGroup, 'A cluster\'s advisory group for a year is replaced: a new version (`changes` says what changed from the one before).'),
  'cluster_document.created': creation(ClusterDocument, 'A cluster document (regulations, action programme or scoring rules note) is drafted.'),
  'cluster_document.updated': change(ClusterDocument, 'A draft cluster document is changed.'),
  'cluster_document.adopted': change(ClusterDocument, 'A cluster document is adopted at a conference: its content frozen under a hash.'),
  'cluster_document.superseded': change(ClusterDocument, 'A later version of the same kind is adopted: this one is superseded (`supersededById` names it).'),
  'pledge.created': creation(Pledge, 'A pledge is drafted.'),
  'pledge.updated': change(Pledge, 'A draft pledge is changed.'),
  'pledge.opened': change(Pledge, 'A pledge is opened for signing (its content frozen under a hash).'),
  'pledge.version_created': creation(Pledge, 'A new draft version of a pledge is started.'),
  'pledge.superseded': {
    summary: 'A pledge version is superseded by the next version, opened.',
    data: withExtra(Pledge, { supersededById: ref(Uuid, { description: 'The version that supersedes it.' }) }),
    before: ref(Pledge),
    after: ref(Pledge)
  },
  'pledge.in_force': change(Pledge, 'Every member has signed: the pledge is in force.'),
  'pledge.deleted': removal(Pledge, 'A draft pledge is deleted.'),
  'pledge.signed': creation(PledgeSignature, 'A member unit signs a pledge.'),
  'report.created': creation(Report, 'A summary report is drafted.'),
  'report.updated': change(Report, 'A summary report\'s sections are revised.'),
  'report.opened': change(Report, 'A summary report is opened for the member units\' comments.'),
  'report.finalized': change(Report, 'A summary report is adopted by a conference and frozen under its content hash.'),
  'report_comment.created': creation(ReportComment, 'A member unit comments on a section of a summary report.'),
  'report_comment.answered': change(ReportComment, 'A comment on a summary report is marked accepted or not, with an answer.'),
  'conference.created': creation(Conference, 'A conference is recorded.'),
  'conference.updated': change(Conference, 'A draft conference is changed.'),
  'conference.finalized': change(Conference, 'A conference\'s record is finalized (locked).'),
  'conference.deleted': removal(Conference, 'A draft conference is deleted.'),
  'scoring_scheme.created': {
    summary: 'A scoring scheme is drafted, or a new version of one is started (then `copiedFrom` names its source).',
    data: withExtra(ScoringScheme, {
      copiedFrom: Type.Optional(ref(Uuid, { description: 'For a new version: the scheme it was copied from.' }))
    }),
    before: Null,
    after: ref(ScoringScheme)
  },
  'scoring_scheme.updated': change(ScoringScheme, 'A draft scheme is changed.'),
  'scoring_scheme.published': change(ScoringScheme, 'A scheme is published.'),
  'scoring_scheme.superseded': change(ScoringScheme, 'A published scheme is superseded by the next version, published.'),
  'scoring_scheme.deleted': removal(ScoringScheme, 'A draft scheme is deleted.'),
  'scoring_targets.set': change(UnitTargets, 'A unit\'s targets in a scheme are set.', orNull(ref(UnitTargets))),
  'scorecard.saved': change(ScorecardRecord, 'A unit saves its self-assessment.', orNull(ref(ScorecardRecord))),
  'scorecard.submitted': change(ScorecardRecord, 'A unit submits its scorecard for review.'),
  'scorecard.reviewed': change(ScorecardRecord, 'The secretariat reviews a scorecard (first or second review).'),
  'scorecard.explained': change(ScorecardRecord, 'A unit explains its reviewed scorecard.'),
  'scorecard.returned': change(ScorecardRecord, 'The secretariat returns a scorecard to the unit for revision, with a reason (the last `history` entry); the cycle\'s reviews and explanation are cleared (`before` keeps them).'),
  'scorecard.finalized': change(ScorecardRecord, 'The scheme\'s scores are finalized: the scorecard is frozen.', orNull(ref(ScorecardRecord))),
  'discipline_record.created': creation(DisciplineRecord, 'A discipline record is recorded.'),
  'discipline_record.updated': change(DisciplineRecord, 'A discipline record is changed.'),
  'file.uploaded': creation(EvidenceFile, 'An evidence file is uploaded (its bytes are not in the event; its sha256 is).'),
  'file.deleted': removal(EvidenceFile, 'An evidence file no finalized scorecard cites is deleted.'),
  'election.created': creation(Election, 'An election is drafted.'),
  'election.opened': change(Election, 'A round of an election opens (data: the election with the round\'s turnout).', ref(ElectionRecord)),
  'ballot.cast': { summary: 'A member unit casts its ballot.', data: BallotCast, before: Null, after: BallotCast },
  'election.closed': {
    summary: 'The open round closes and is tallied: the election with the round\'s `tally`.',
    data: ElectionClosed,
    before: ref(ElectionRecord),
    after: ElectionClosed
  },
  'election.cancelled': change(ElectionRecord, 'An election is cancelled.'),
  'election.deleted': removal(Election, 'A draft election is deleted.'),
  'title.proposed': creation(TitleProposal, 'A title election decided: the cluster proposes the unit for the title.'),
  'campaign.created': creation(Campaign, 'An emulation campaign is launched.'),
  'campaign.updated': change(Campaign, 'An emulation campaign is changed.'),
  'campaign_participant.registered': creation(CampaignParticipant, 'A unit or a cluster registers for a campaign.'),
  'campaign_participant.reported': change(CampaignParticipant, 'A participant\'s result is reported (or corrected).'),
  'title.created': creation(Title, 'A title is added to the catalogue.'),
  'title.updated': change(Title, 'A title\'s name, standard, quota or legal basis is corrected.'),
  'dossier.created': creation(DossierRecord, 'A cluster\'s award dossier is made from its decided proposals of a title and year.'),
  'dossier.attachment_added': change(DossierRecord, 'A file (an achievement report, the minutes, evidence) is attached to a dossier being assembled (the last of its `attachments`).'),
  'dossier.attachment_removed': change(DossierRecord, 'An attachment added by mistake is removed from a dossier being assembled (in `before`, not in `after`); its file is no longer held by the dossier.'),
  'dossier.submitted': change(DossierRecord, 'A dossier is sent to the Ministry; its content hash is frozen (the last `history` entry carries it).'),
  'dossier.returned': change(DossierRecord, 'The Ministry returns a dossier to its cluster with a reason (`returnReason`, and the last `history` entry).'),
  'dossier.accepted': change(DossierRecord, 'The Ministry accepts some or all of a dossier\'s proposals (each proposal\'s `status`: accepted or not_accepted).'),
  'dossier.proposals_decided': change(DossierRecord, 'An award decision awards some of a dossier\'s accepted proposals (now `decided`); others still wait.'),
  'dossier.decided': change(DossierRecord, 'An award decision awards the last accepted proposal of a dossier: the dossier is decided.'),
  'award_decision.created': creation(AwardDecision, 'An award decision (quyết định khen thưởng) is recorded, with all its awards (a correcting ' +
    'decision\'s revocations come first, each as its own `award.revoked`).'),
  'award.revoked': change(Award, 'An award is revoked, by a correcting decision or by a decision recorded by its number, date and issuer.'),
  'webhook.created': creation(Webhook, 'A webhook subscription is created (never with its secret).'),
  'webhook.updated': change(Webhook, 'A webhook subscription\'s URL, event types, description or active flag is changed.'),
  'webhook.deleted': removal(Webhook, 'A webhook subscription is deleted, with its delivery log.'),
  'webhook.secret_rotated': change(Webhook, 'A webhook subscription\'s signing secret is replaced (neither secret is in the event).'),
  'webhook.disabled': change(Webhook, 'The service disables a webhook subscription after a run of failed attempts (WEBHOOK_DISABLE_AFTER_FAILURES) or a 410 Gone; `disabledReason` says which.'),
  'webhook.replayed': {
    summary: 'A webhook subscription is set to deliver again from a feed position (`fromPosition`).',
    data: withExtra(Webhook, { fromPosition: Type.String({ maxLength: 19, pattern: '^[1-9][0-9]*$', description: 'Where the replay starts.' }) }),
    before: ref(Webhook),
    after: ref(Webhook)
  },
  'webhook_delivery.retried': change(WebhookDelivery, 'A webhook delivery is made due again by hand (a manual retry).')
}

/** `scoring_scheme.created` → `ScoringSchemeCreated`: the stem of the type's schema names. */
export const schemaStem = (type: EventType) =>
  type.split(/[._]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')

export const catalogued = EVENT_TYPE_NAMES.map((type) => ({ type, ...EVENT_CATALOGUE[type] }))

/**
 * The feed's (or the audit trail's) `oneOf`, one registered schema per type, with an OpenAPI discriminator whose
 * mapping names each type's schema. The branches are `allOf`s of the shared envelope and the typed part, so the
 * tag is given beside each (http/discriminated.ts reads it from a flat branch instead).
 */
export function eventUnion (propertyName: string, branches: Array<[tag: EventType, schema: TSchema & { $id?: string }]>) {
  const mapping: Record<string, string> = {}
  for (const [tag, { $id }] of branches) {
    if (!$id) throw new Error(`the ${tag} branch needs an $id`)
    mapping[tag] = `#/components/schemas/${$id}`
  }
  return {
    oneOf: branches.map(([, { $id }]) => ({ $ref: $id })),
    discriminator: { propertyName, mapping }
  }
}
