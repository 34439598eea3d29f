// Membership over time. A period is [from, until): `until` is the first day the unit is no longer a member,
// null while open. Dates are `YYYY-MM-DD` strings, so string order is date order.
import { conflict, ruleBroken } from './errors.js'

export interface Period {
  from: string
  until: string | null
}

/** A membership of the unit in some cluster of the block being joined. */
export interface BlockMembership extends Period {
  clusterId: string
}

/** Whether two periods share at least one day. */
export function overlaps (a: Period, b: Period): boolean {
  return (a.until === null || b.from < a.until) && (b.until === null || a.from < b.until)
}

/** Whether the period includes `date`. */
export function covers (period: Period, date: string): boolean {
  return period.from <= date && (period.until === null || date < period.until)
}

/**
 * Whether the periods together include every day of `period`: gaps are not bridged, and an open period (no end)
 * needs an open one among them. Periods of one unit in one cluster never overlap, but any order is accepted.
 */
export function coversThroughout (periods: readonly Period[], period: Period): boolean {
  let covered = period.from // every day of `period` before this one is covered
  for (const p of [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    if (p.from > covered) return false
    if (p.until === null) return true
    if (p.until > covered) covered = p.until
    if (period.until !== null && covered >= period.until) return true
  }
  return false
}

/** The calendar year as a period. */
export function yearPeriod (year: number): Period & { until: string } {
  const pad = (y: number) => String(y).padStart(4, '0')
  return { from: `${pad(year)}-01-01`, until: `${pad(year + 1)}-01-01` }
}

/**
 * Refuses a new open membership from `from` in a cluster when the unit is already, on some day from then on,
 * a member of a cluster of the same block (`sameBlock`), or when the cluster did not exist yet. The database's
 * exclusion constraint enforces the first rule again under concurrency; this check gives the clear message.
 */
export function assertMayJoin (
  join: { clusterId: string, from: string, clusterFoundedOn: string | null },
  sameBlock: BlockMembership[]
): void {
  if (join.clusterFoundedOn !== null && join.from < join.clusterFoundedOn) {
    throw ruleBroken('membership_before_founding',
      `The membership cannot start on ${join.from}, before the cluster was founded on ${join.clusterFoundedOn}.`)
  }
  const clash = sameBlock.find((m) => overlaps(m, { from: join.from, until: null }))
  if (clash) {
    const where = clash.clusterId === join.clusterId ? 'this cluster' : `cluster ${clash.clusterId} of the same block`
    throw conflict('unit_already_in_block_cluster',
      `The unit is a member of ${where} from ${clash.from}${clash.until ? ` until ${clash.until}` : ''}, which overlaps a membership from ${join.from}.`,
      { clusterId: clash.clusterId, from: clash.from, until: clash.until })
  }
}

/** Refuses to end a membership that is not open, or on a day that would leave it empty. */
export function assertMayEnd<P extends Period> (open: P | undefined, on: string): asserts open is P {
  if (!open) throw conflict('membership_not_open', 'The unit has no open membership in this cluster.')
  if (on <= open.from) {
    throw ruleBroken('membership_end_not_after_start',
      `The membership started on ${open.from}; it can end only on a later day, not on ${on}.`,
      { from: open.from })
  }
}
