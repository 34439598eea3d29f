// RFC 3339 has a year 0000; PostgreSQL has none. A date or instant in year 0 is refused where the request is read,
// naming the field in plain words, instead of by the database with a 400 that named nothing.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { build } from '../helpers/build.js'

t.test('a date or an instant in year 0 is a validation error naming the field; year 1 is read', async (t) => {
  const { app, admin } = await build(t)
  const get = (url: string) => app.inject({ url, headers: { authorization: admin } })
  const members = await get(`/v1/clusters/${randomUUID()}/members?on=0000-01-01`)
  t.equal(members.statusCode, 400)
  t.match(members.json(), { code: 'validation_failed', errors: [{ path: '/query/on', message: 'must be a date like 2024-07-30', keyword: 'format' }] })
  const audit = await get('/v1/audit-events?from=0000-12-31T23:00:00Z')
  t.equal(audit.statusCode, 400)
  t.match(audit.json(), { code: 'validation_failed', errors: [{ path: '/query/from', keyword: 'format' }] })
  t.equal((await get('/v1/audit-events?from=0001-01-01T00:00:00Z')).statusCode, 200, 'year 1 is a year PostgreSQL keeps')
  t.equal((await get(`/v1/clusters/${randomUUID()}/members?on=0001-01-01`)).statusCode, 404, 'year 1 is read: the unknown cluster answers')
})
