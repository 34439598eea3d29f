// What the minutes (biên bản) of a conference state beyond its record: the place written before the date, and the
// roll of member units present and absent.
import { placeOf } from './advisory-group.js'
import { normalizeName } from './text.js'

/**
 * The issuing place a location implies: its last comma-separated part, the province or city an address ends with
 * ("Hội trường Công an Thành phố, 268 Trần Hưng Đạo, Quận 1, Thành phố Hồ Chí Minh" → "Thành phố Hồ Chí Minh").
 * Decree 30/2020 writes a province without "tỉnh" ("Lào Cai") and a city in full, so a leading "tỉnh" is dropped
 * and "TP." spelled out. Null without a location.
 */
export function placeFromLocation (location: string | null | undefined): string | null {
  if (location == null) return null
  const parts = normalizeName(location).split(',').map((part) => part.trim()).filter((part) => part !== '')
  if (parts.length === 0) return null
  const last = parts[parts.length - 1]
    .replace(/^tỉnh\s+/iu, '')
    .replace(/^tp\.?\s*/iu, 'Thành phố ')
  return last === '' ? null : last
}

/**
 * The place a conference record keeps after a change: the one given (null: back to the location's); else, when the
 * stored place was the one the old location implied, the one the new location implies; else the stored one.
 */
export function placeAfterChange (
  before: { place: string | null, location: string | null },
  change: { place?: string | null, location?: string | null }
): string | null {
  const location = change.location === undefined ? before.location : change.location
  if (change.place !== undefined) return change.place === null ? placeFromLocation(location) : normalizeName(change.place)
  return before.place === placeFromLocation(before.location) ? placeFromLocation(location) : before.place
}

/**
 * The place printed before the date: the record's own, else the one its location implies, else the seat of the
 * issuing body (a provincial police writes its province, any other body Hà Nội, where the Ministry sits).
 */
export const printedPlace = (place: string | null, location: string | null, issuer: string) =>
  place ?? placeFromLocation(location) ?? placeOf(issuer)

/**
 * The member units present and absent: present are the members among the attending units and the chair's unit
 * (the chair's first, as it leads the meeting), absent the other members, in the order given.
 */
export function attendanceRoll (
  memberUnitIds: readonly string[], attendingUnitIds: readonly string[], chairUnitId: string | null
): { present: string[], absent: string[] } {
  const members = new Set(memberUnitIds)
  const present = [...new Set([...(chairUnitId ? [chairUnitId] : []), ...attendingUnitIds])].filter((id) => members.has(id))
  const here = new Set(present)
  return { present, absent: [...members].filter((id) => !here.has(id)) }
}
