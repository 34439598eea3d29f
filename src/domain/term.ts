// A term: the head unit (Cụm trưởng) and deputy unit (Cụm phó) of a cluster for one calendar year, and the
// rotating flag (cờ luân lưu) that passes when the head changes.
import { ruleBroken } from './errors.js'
import { overlaps, yearPeriod, type Period } from './membership.js'

export const CHOSEN_BY = ['election', 'rotation', 'appointment'] as const
export type ChosenBy = typeof CHOSEN_BY[number]

export interface Leadership {
  headUnitId: string
  deputyUnitId: string
}

export interface FlagHandover {
  fromUnitId: string
  toUnitId: string
  /** The term year the new head holds the flag for. */
  year: number
}

/** The flag passes when last year's head is known and is not this year's head. */
export function flagHandover (previousHeadUnitId: string | null | undefined, year: number, headUnitId: string): FlagHandover | null {
  if (!previousHeadUnitId || previousHeadUnitId === headUnitId) return null
  return { fromUnitId: previousHeadUnitId, toUnitId: headUnitId, year }
}

/**
 * Refuses a head who is also the deputy, and a head or deputy that is not a member of the cluster on any day of
 * the year (`memberships`: the cluster's memberships of those units).
 */
export function assertLeadership (year: number, leadership: Leadership, memberships: Array<Period & { unitId: string }>): void {
  const { headUnitId, deputyUnitId } = leadership
  if (headUnitId === deputyUnitId) {
    throw ruleBroken('head_and_deputy_must_differ', 'The head unit and the deputy unit must be two different units.')
  }
  const inYear = yearPeriod(year)
  const outsiders = [headUnitId, deputyUnitId]
    .filter((unitId) => !memberships.some((m) => m.unitId === unitId && overlaps(m, inYear)))
  if (outsiders.length > 0) {
    throw ruleBroken('term_unit_not_member',
      `${outsiders.length > 1 ? 'Units' : 'Unit'} ${outsiders.join(' and ')} ${outsiders.length > 1 ? 'are' : 'is'} not a member of the cluster on any day of ${year}.`,
      { unitIds: outsiders })
  }
}
