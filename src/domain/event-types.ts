// Every event type of the feed, which is also the action of its audit record, with the kind of resource it is
// about. services/context.ts types `Change.action` by this list, so a change cannot be recorded under a type the
// contract does not document; http/event-catalogue.ts gives each type the schema of its data.
export const EVENT_TYPES = {
  'block.created': 'block',
  'block.deleted': 'block',
  'unit.created': 'unit',
  'unit.updated': 'unit',
  'unit.deleted': 'unit',
  'cluster.created': 'cluster',
  'cluster.updated': 'cluster',
  'cluster.deleted': 'cluster',
  'membership.started': 'membership',
  'membership.ended': 'membership',
  'term.appointed': 'term',
  'term.elected': 'term',
  'flag.handed_over': 'flag_handover',
  'advisory_group.created': 'advisory_group',
  'advisory_group.updated': 'advisory_group',
  'pledge.created': 'pledge',
  'pledge.updated': 'pledge',
  'pledge.opened': 'pledge',
  'pledge.version_created': 'pledge',
  'pledge.superseded': 'pledge',
  'pledge.in_force': 'pledge',
  'pledge.deleted': 'pledge',
  'pledge.signed': 'pledge_signature',
  'report.created': 'report',
  'report.updated': 'report',
  'report.opened': 'report',
  'report.finalized': 'report',
  'report_comment.created': 'report_comment',
  'report_comment.answered': 'report_comment',
  'conference.created': 'conference',
  'conference.updated': 'conference',
  'conference.finalized': 'conference',
  'conference.deleted': 'conference',
  'scoring_scheme.created': 'scoring_scheme',
  'scoring_scheme.updated': 'scoring_scheme',
  'scoring_scheme.published': 'scoring_scheme',
  'scoring_scheme.superseded': 'scoring_scheme',
  'scoring_scheme.deleted': 'scoring_scheme',
  'scoring_targets.set': 'scoring_targets',
  'scorecard.saved': 'scorecard',
  'scorecard.submitted': 'scorecard',
  'scorecard.reviewed': 'scorecard',
  'scorecard.explained': 'scorecard',
  'scorecard.returned': 'scorecard',
  'scorecard.finalized': 'scorecard',
  'discipline_record.created': 'discipline_record',
  'discipline_record.updated': 'discipline_record',
  'file.uploaded': 'file',
  'file.deleted': 'file',
  'election.created': 'election',
  'election.opened': 'election',
  'ballot.cast': 'election',
  'election.closed': 'election',
  'election.cancelled': 'election',
  'election.deleted': 'election',
  'title.proposed': 'title_proposal'
} as const satisfies Record<string, string>

export type EventType = keyof typeof EVENT_TYPES

/** The resource type an event type is about. */
export type ResourceTypeOf<T extends EventType> = typeof EVENT_TYPES[T]

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[]
