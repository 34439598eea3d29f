// Removing a record created by mistake. A unit, block or cluster goes only while nothing refers to it; a pledge,
// conference, scoring scheme or election only while a draft (what came after a draft is history, never removed).
// The audit trail and the event feed are history too: they keep the removed record and never hold it back.
import { conflict } from './errors.js'

/** The records that can hold back a deletion, each named as the 409's `references[].kind`. */
export const REFERENCE_KINDS = [
  'membership', 'term', 'pledge', 'pledge_version', 'pledge_signature', 'registered_title', 'conference', 'conference_chair',
  'conference_attendance', 'conference_link', 'scoring_scheme', 'scoring_target', 'scorecard', 'scores_finalization',
  'discipline_record', 'election', 'election_candidate', 'election_round', 'election_voter', 'title_proposal', 'advisory_group', 'advisory_member', 'cluster',
  'campaign_scope', 'campaign_participant',
  'report', 'report_comment', 'dossier', 'dossier_attachment', 'award', 'webhook'
] as const
export type ReferenceKind = typeof REFERENCE_KINDS[number]

/** How many records of a kind refer to the one to delete; `names` says which, where a few names say it better. */
export interface Reference {
  kind: ReferenceKind
  count: number
  names?: string[]
}

export type DeletableResource = 'unit' | 'block' | 'cluster' | 'pledge' | 'conference' | 'scoring_scheme' | 'election'

/** The prefix of a resource's codes (`scheme_published`, so `scheme_not_draft`) and of its status detail. */
// Typed per resource, so each code it makes is checked against the registry (problem-codes.ts).
const codePrefix = <R extends DeletableResource>(resource: R) =>
  (resource === 'scoring_scheme' ? 'scheme' : resource) as R extends 'scoring_scheme' ? 'scheme' : R

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

/** How each kind of reference reads after the record's name ("Công an tỉnh Lào Cai has signed 1 pledge"). */
const PHRASES: Record<ReferenceKind, (r: Reference) => string> = {
  membership: (r) => r.names?.length ? `has been a member of ${r.names.join(', ')}` : `has ${plural(r.count, 'membership')}`,
  term: (r) => `is named in ${plural(r.count, 'term')} of head and deputy units`,
  pledge: (r) => `has ${plural(r.count, 'pledge')}`,
  pledge_version: (r) => `is followed by ${plural(r.count, 'newer version')}`,
  pledge_signature: (r) => `has ${plural(r.count, 'signature')} of a pledge`,
  registered_title: (r) => `has titles registered in ${plural(r.count, 'pledge')}`,
  conference: (r) => `has ${plural(r.count, 'conference')}`,
  conference_chair: (r) => `chaired ${plural(r.count, 'conference')}`,
  conference_attendance: (r) => `attended ${plural(r.count, 'conference')}`,
  conference_link: (r) => `is linked from ${plural(r.count, 'conference')}`,
  scoring_scheme: (r) => `has ${plural(r.count, 'scoring scheme')}`,
  scoring_target: (r) => `has targets in ${plural(r.count, 'scoring scheme')}`,
  scorecard: (r) => `has ${plural(r.count, 'scorecard')}`,
  scores_finalization: () => 'has finalized scores',
  discipline_record: (r) => `has ${plural(r.count, 'discipline record')}`,
  election: (r) => `has ${plural(r.count, 'election')}`,
  election_candidate: (r) => `stands as a candidate in ${plural(r.count, 'election')}`,
  election_round: (r) => `has ${plural(r.count, 'round')} of voting`,
  election_voter: (r) => `voted in ${plural(r.count, 'election round')}`,
  title_proposal: (r) => `has ${plural(r.count, 'title proposal')}`,
  advisory_group: (r) => `has ${plural(r.count, 'version')} of an advisory group (Tổ tư vấn)`,
  advisory_member: (r) => `has advisory group members in ${plural(r.count, 'version')} of a group`,
  cluster: (r) => r.names?.length ? `holds ${r.names.join(', ')}` : `holds ${plural(r.count, 'cluster')}`,
  campaign_scope: (r) => `is named in the scope of ${plural(r.count, 'emulation campaign')}`,
  campaign_participant: (r) => `took part in ${plural(r.count, 'emulation campaign')}`,
  report: (r) => `has ${plural(r.count, 'summary report')}`,
  report_comment: (r) => `has ${plural(r.count, 'comment')} on summary reports`,
  dossier: (r) => `has ${plural(r.count, 'award dossier')}`,
  dossier_attachment: (r) => `has ${plural(r.count, 'attachment')} in award dossiers`,
  award: (r) => `is named in ${plural(r.count, 'award')} of award decisions`,
  webhook: (r) => `has ${plural(r.count, 'webhook subscription')}`
}

/** The references that hold a deletion back: the kinds counted at least once, in the order given. */
export function deletionBlockers (counts: readonly Reference[]): Reference[] {
  return counts.filter((r) => r.count > 0)
}

/** "a, b and c". */
function sentence (parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

/**
 * Refuses (409 `<resource>_in_use`) the deletion of `name` while anything refers to it; the detail says what, and
 * `references` lists each kind with its count.
 */
export function assertUnreferenced (resource: DeletableResource, name: string, counts: readonly Reference[]): void {
  const blockers = deletionBlockers(counts)
  if (blockers.length === 0) return
  const label = resource.replace(/_/g, ' ')
  throw conflict(`${codePrefix(resource)}_in_use`,
    `${name} ${sentence(blockers.map((r) => PHRASES[r.kind](r)))}, so it cannot be deleted: only ${/^[aeio]/.test(label) ? 'an' : 'a'} ${label} nothing refers to can be.`,
    { references: blockers.map(({ kind, count }) => ({ kind, count })) })
}

/** Only a draft is deleted (409 `<resource>_not_draft`): once opened, published or finalized it is history. */
export function assertDraftToDelete (resource: Exclude<DeletableResource, 'unit' | 'block' | 'cluster'>, id: string, status: string): void {
  if (status === 'draft') return
  const label = resource.replace(/_/g, ' ')
  throw conflict(`${codePrefix(resource)}_not_draft`,
    `The ${label} ${id} is ${status}: only a draft can be deleted.`, { [`${codePrefix(resource)}Status`]: status })
}
