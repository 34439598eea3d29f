// Calendar dates are plain `YYYY-MM-DD` strings in Asia/Ho_Chi_Minh (their shape and reality, 2019-02-30 being
// refused, are checked by the request schemas' `date` format); instants are UTC.
/** The calendar date in Việt Nam (UTC+7, no daylight saving) at an instant. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
}

/** The year a date falls in. */
export const yearOf = (date: string) => Number(date.slice(0, 4))
