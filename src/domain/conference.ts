// Conferences (hội nghị): pledge signing, mid-year review, annual review. A conference is valid only with a
// quorum of the cluster's member units present on its date (the cluster's `rules.quorum`, by default at least
// 2/3). Its record is a draft until finalized; a finalized record is locked.
import { meetsThreshold, type Threshold } from './cluster-rules.js'
import { conflict, invalid, ruleBroken } from './errors.js'
import { vietnamDate, yearOf } from './dates.js'

export const CONFERENCE_KINDS = ['pledge_signing', 'mid_year_review', 'annual_review', 'other'] as const
export type ConferenceKind = typeof CONFERENCE_KINDS[number]

export const CONFERENCE_STATUSES = ['draft', 'finalized'] as const
export type ConferenceStatus = typeof CONFERENCE_STATUSES[number]

/** A finalized record is locked: its quorum is frozen and its minutes carry its hash. */
export const isFinalized = (status: ConferenceStatus) => status === 'finalized'

/** The Vietnamese date of an instant the schema accepted (it still refuses one Date cannot hold, such as :60). */
export function conferenceDate (heldAt: string): string {
  const instant = new Date(heldAt)
  if (Number.isNaN(instant.getTime())) throw invalid('invalid_instant', `heldAt ${heldAt} is not an instant this service can store.`, { field: 'heldAt' })
  return vietnamDate(instant)
}

export interface Quorum {
  /** The cluster's threshold the count is held against. */
  required: Threshold
  /** Member units of the cluster on the conference date. */
  members: number
  /** Member units present: the attending units and the chair's unit, when it is a member. */
  attending: number
  met: boolean
}

/** The units present: the attending units and the chair's unit, each once, in the order given. */
export function presentUnitIds (attendingUnitIds: readonly string[], chairUnitId: string | null | undefined): string[] {
  return [...new Set(chairUnitId ? [...attendingUnitIds, chairUnitId] : attendingUnitIds)]
}

/**
 * The quorum of a conference: how many of the cluster's members on its date are present, against the threshold.
 * A present unit that is not a member does not count (the chair's unit may be, say, the Ministry's leadership).
 */
export function assessQuorum (memberUnitIds: Iterable<string>, presentIds: readonly string[], required: Threshold): Quorum {
  const members = new Set(memberUnitIds)
  const attending = new Set(presentIds.filter((id) => members.has(id))).size
  return { required: { ...required }, members: members.size, attending, met: meetsThreshold(attending, members.size, required) }
}

/** Refuses attending units that are not members of the cluster on the conference date. */
export function assertAttendeesAreMembers (attendingUnitIds: readonly string[], memberUnitIds: Iterable<string>, heldOn: string): void {
  const members = new Set(memberUnitIds)
  const outsiders = [...new Set(attendingUnitIds.filter((id) => !members.has(id)))]
  if (outsiders.length > 0) {
    throw ruleBroken('attendee_not_member',
      `${outsiders.length > 1 ? 'Units' : 'Unit'} ${outsiders.join(', ')} ${outsiders.length > 1 ? 'are' : 'is'} not a member of the cluster on ${heldOn}, the conference date.`,
      { unitIds: outsiders, heldOn })
  }
}

/**
 * The emulation year a conference concerns is the year it is held in, or next to it: a pledge for 2025 may be
 * signed in December 2024, and the annual review of 2024 may be held in January 2025.
 */
export function assertConferenceYear (year: number, heldOn: string): void {
  const heldIn = yearOf(heldOn)
  if (Math.abs(year - heldIn) > 1) {
    throw ruleBroken('conference_year_mismatch',
      `A conference held on ${heldOn} cannot concern the emulation year ${year}: it must be ${heldIn - 1}, ${heldIn} or ${heldIn + 1}.`,
      { year, heldOn })
  }
}

/**
 * Refuses a change to a finalized record, and so anything recorded as done at the conference after its minutes were
 * finalized (`what`: a document adopted, a report finalized): the minutes print what the conference adopted, and a
 * finalized record, with its hash, no longer changes.
 */
export function assertEditable (status: ConferenceStatus, what?: string): void {
  if (isFinalized(status)) {
    throw conflict('conference_finalized', what === undefined
      ? 'The conference record is finalized and can no longer change.'
      : `The conference record is finalized, so ${what} at it can no longer be recorded: record it before the minutes are finalized.`)
  }
}

/** Refuses to finalize twice, or without a quorum. */
export function assertMayFinalize (status: ConferenceStatus, quorum: Quorum): void {
  assertEditable(status)
  if (!quorum.met) {
    const { numerator, denominator, comparison } = quorum.required
    throw ruleBroken('quorum_not_met',
      `${quorum.attending} of ${quorum.members} member units present does not meet the quorum of ${comparison === 'at_least' ? 'at least' : 'more than'} ${numerator}/${denominator}.`,
      { quorum })
  }
}
