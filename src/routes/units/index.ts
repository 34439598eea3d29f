// Units: create, read, list with search, and change (admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { UnitParams } from '../../http/common-schemas.js'
import { changeUnit, createUnit, listUnits, readUnit } from '../../services/units.js'
import { NewUnit, Unit, UnitListQuery, UnitPage, UnitPatch } from './schemas.js'

const tags = ['units']

const units: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/units', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'createUnit',
      summary: 'Create a unit',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewUnit),
      response: { 201: ref(Unit, { description: 'The unit created.' }), ...problems(400, 403, 409, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const unit = await createUnit(ctx, request.body)
    return { statusCode: 201, body: unit, headers: { etag: etagOf(unit.version), location: `/v1/units/${unit.id}` } }
  })))

  app.get('/v1/units', {
    schema: {
      operationId: 'listUnits',
      summary: 'List units in Vietnamese order, optionally searching',
      tags,
      querystring: UnitListQuery,
      response: { 200: ref(UnitPage), ...problems(400, 403) }
    }
  }, async (request) => listUnits(readContext(request), request.query))

  app.get('/v1/units/:unitId', {
    schema: {
      operationId: 'getUnit',
      summary: 'Get a unit',
      tags,
      params: UnitParams,
      response: { 200: ref(Unit), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const unit = await readUnit(readContext(request), request.params)
    return reply.header('etag', etagOf(unit.version)).send(unit)
  })

  app.patch('/v1/units/:unitId', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'updateUnit',
      summary: 'Change a unit\'s name, code or short name',
      tags,
      params: UnitParams,
      headers: IfMatchHeaders,
      body: ref(UnitPatch),
      response: { 200: ref(Unit), ...problems(400, 403, 404, 409, 412) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeUnit(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))
}

export default units
