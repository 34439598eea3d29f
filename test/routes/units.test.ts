import t from 'tap'
import { build } from '../helpers/build.js'

t.test('an admin creates a unit and reads it back with an ETag', async (t) => {
  const { app, admin } = await build(t)
  const created = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name: '  Cục  Y tế ', code: 'H06' } })
  t.equal(created.statusCode, 201)
  const unit = created.json()
  t.equal(unit.name, 'Cục Y tế')
  t.equal(created.headers.etag, '"v1"')
  const read = await app.inject({ url: `/v1/units/${unit.id}`, headers: { authorization: admin } })
  t.same(read.json(), unit)
})
