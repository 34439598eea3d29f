// What every deletion leaves behind: the row gone, and one audit record and one event carrying the record as it was.
import type { Test } from 'tap'
import type { Services } from './services.js'

export async function assertDeleted (
  t: Test, s: Services, { table, id, action, before }: { table: string, id: string, action: string, before: object }
): Promise<void> {
  t.equal(await s.db(table).where({ id }).first(), undefined, `the ${table} row is gone`)
  const audits = await s.db('audit_events').where({ action, resource_id: id })
  t.equal(audits.length, 1, `one ${action} audit record`)
  t.same(audits[0]?.before, before, 'the audit keeps the record as it was')
  t.equal(audits[0]?.after, null, 'and nothing after')
  const events = await s.db('events').where({ type: action, resource_id: id })
  t.equal(events.length, 1, `one ${action} event`)
  t.same(events[0]?.data, before, 'the event carries the record as it was')
}
