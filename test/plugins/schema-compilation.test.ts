// Schemas are compiled on first use, not when the app becomes ready (the start-up took a second longer), so a
// schema that cannot compile would only show on its route's first request: here every schema of the service is
// compiled at once, and a broken one is shown to be caught that way.
import Fastify from 'fastify'
import t from 'tap'
import { build, compiledSchemas } from '../helpers/build.js'
import { compileEverySchema, schemaController } from '../../src/plugins/validation.js'

t.test('every validator and serializer of the service compiles', async (t) => {
  const { app, admin } = await build(t)
  const routes = app.printRoutes({ commonPrefix: false }).split('\n').length
  const compiled = compileEverySchema(compiledSchemas)
  // Hundreds of routes share far fewer distinct schemas; none was compiled before it was asked for.
  t.ok(compiled > 100, `${compiled} schemas compiled for ${routes} route lines`)
  t.equal(compileEverySchema(compiledSchemas), 0, 'nothing is left to compile')
  // Compiled ahead or on first call alike, they serve requests.
  const response = await app.inject({ method: 'GET', url: '/v1/units', headers: { authorization: admin } })
  t.equal(response.statusCode, 200)
})

t.test('a schema is compiled on its first use, and a bad one fails there and in compileEverySchema', async (t) => {
  const controller = schemaController()
  const app = Fastify({ schemaController: controller })
  t.teardown(() => app.close())
  app.post('/good', {
    schema: { body: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }, response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } } }
  }, async (request) => request.body)
  app.get('/bad', { schema: { response: { 200: { type: 'no-such-type' } } } }, async () => ({}))
  await app.ready()
  t.equal((await app.inject({ method: 'POST', url: '/good', payload: { n: 'x' } })).statusCode, 400, 'a validator compiled on first call refuses bad input')
  const good = await app.inject({ method: 'POST', url: '/good', payload: { n: 2, extra: 1 } })
  t.same([good.statusCode, good.json()], [200, { n: 2 }], 'a serializer compiled on first call writes only its fields')
  t.equal((await app.inject({ method: 'GET', url: '/bad' })).statusCode, 500, 'a schema that does not compile fails its request')
  t.throws(() => compileEverySchema(controller), 'and compileEverySchema throws its compilation error')
})
