// A refusal about units, thrown inside a write, names each unit by name and id, read in the write's own
// transaction; a refusal after a failed statement, or any other error, leaves as it was thrown.
import t from 'tap'
import { DomainError, ruleBroken } from '../../src/domain/errors.js'
import { seedCluster, services } from '../helpers/services.js'

const UNKNOWN = '0f8e6b52-2c1d-4f4b-9a51-3d2b7c4e9a10'

t.test('a refusal thrown in a write names its units in one read, unknown ids staying ids', async (t) => {
  const s = await services(t)
  const { units } = await seedCluster(s)
  const yte = units['Cục Y tế']
  const haucan = units['Cục Hậu cần']
  const queries: string[] = []
  const count = (query: { sql: string }) => { if (/from "units"/.test(query.sql)) queries.push(query.sql) }
  s.db.on('query', count)
  t.teardown(() => { s.db.off('query', count) })
  const refused = await s.write(async () => {
    throw ruleBroken('candidate_not_member', `Units ${yte}, ${haucan}, ${UNKNOWN} are not a member of the cluster on 2024-12-20.`, { unitIds: [yte, haucan, UNKNOWN] })
  }).catch((error: unknown) => error)
  t.ok(refused instanceof DomainError, 'still the refusal')
  t.match(refused, {
    code: 'candidate_not_member',
    message: `Cục Y tế (${yte}), Cục Hậu cần (${haucan}), ${UNKNOWN} are not a member of the cluster on 2024-12-20.`,
    details: { unitIds: [yte, haucan, UNKNOWN] }
  })
  t.equal(queries.length, 1, 'the names in one query, however many units')
  t.equal((await s.db('audit_events').count({ n: '*' }))[0].n, 0, 'and nothing was recorded')
})

t.test('an error that is not a refusal, or a refusal without an id, is not touched', async (t) => {
  const s = await services(t)
  const { units } = await seedCluster(s)
  const crash = new Error(`boom ${units['Cục Y tế']}`)
  t.equal(await s.write(async () => { throw crash }).catch((error: unknown) => error), crash)
  const plain = ruleBroken('head_not_elected', 'The head unit for 2025 is not elected yet; the deputy is elected after the head.')
  t.equal(await s.write(async () => { throw plain }).catch((error: unknown) => error), plain)
})

t.test('a refusal after a failed statement keeps its ids: the names cannot be read in an aborted transaction', async (t) => {
  const s = await services(t)
  const { units } = await seedCluster(s)
  const yte = units['Cục Y tế']
  const refused = await s.write(async ({ trx }) => {
    await trx.raw('select 1/0').catch(() => undefined)
    throw ruleBroken('unit_not_member', `Unit ${yte} is not a member of the scheme's cluster in 2024.`)
  }).catch((error: unknown) => error)
  t.match(refused, { name: 'DomainError', code: 'unit_not_member' }, 'the refusal itself, not the database\'s complaint')
  t.match((refused as Error).message, new RegExp(`^(Unit ${yte}|Cục Y tế \\(${yte}\\)) is not a member`), 'named where the engine still reads')
})
