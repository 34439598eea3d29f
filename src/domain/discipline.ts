// Discipline records (kỷ luật) of units: a unit under discipline or awaiting a decision over a period [from, until)
// cannot be proposed for a title and, by default, cannot rank first.
//
// Statuses: `pending` (awaiting a discipline decision) and `in_force` (disciplined). Either bars the unit, so a
// record may move between them either way, and its end may be set, moved or removed (reopened) while its start stays.
import { forbidden, ruleBroken } from './errors.js'
import { coversThroughout, type Period } from './membership.js'
import { normalizeText } from './pledge.js'

export const DISCIPLINE_STATUSES = ['pending', 'in_force'] as const
export type DisciplineStatus = typeof DISCIPLINE_STATUSES[number]

/** The note as stored: NFC and trimmed, inner line breaks kept (like every long text). */
export const normalizeNote = normalizeText

/** A record's end, when it has one, comes after its start: 422 `discipline_period_invalid`. */
export function assertDisciplinePeriod ({ from, until }: Period): void {
  if (until !== null && until <= from) {
    throw ruleBroken('discipline_period_invalid', `The record's end ${until} must be after its start ${from}.`)
  }
}

/**
 * A secretariat records a unit's discipline only for days the unit is a member of its cluster (`clusterId`), every
 * day of the record's period (`memberships`: the unit's periods in that cluster), so that it never disciplines a unit
 * for days it belongs to other clusters only (their rankings would show it): 403 `discipline_outside_membership`.
 */
export function assertWithinMembership (clusterId: string | undefined, unitId: string, memberships: readonly Period[], period: Period): void {
  if (clusterId && coversThroughout(memberships, period)) return
  throw forbidden(`Unit ${unitId} is not a member of cluster ${clusterId} on every day from ${period.from} ` +
    `${period.until === null ? 'on, with no end' : `to before ${period.until}`}: a secretariat records discipline only ` +
    'within its cluster\'s membership; an admin records the rest.',
  'discipline_outside_membership', { unitId, clusterId, from: period.from, until: period.until })
}
