// Calendar dates are plain `YYYY-MM-DD` strings in Asia/Ho_Chi_Minh; instants are UTC.
import { invalid } from './errors.js'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date (2019-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1
}

/** Refuses a string that is shaped like a date but names no day. */
export function assertCalendarDate(field: string, value: string): string {
  if (!isCalendarDate(value)) throw invalid('invalid_date', `${field} must be a real calendar date (YYYY-MM-DD), not ${value}.`, { field })
  return value
}

/** The calendar date in Việt Nam (UTC+7, no daylight saving) at an instant. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
}

/** The year a date falls in. */
export const yearOf = (date: string) => Number(date.slice(0, 4))
