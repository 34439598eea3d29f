// Units: create, read, list with search, and change (admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etagOf } from '../../domain/versions.js'
import { readContext } from '../../http/context.js'
import { DeleteHeaders, IdempotencyHeaders, IfMatchHeaders, noContent, notModified, problems, ref } from '../../http/shared-schemas.js'
import { UnitParams } from '../../http/common-schemas.js'
import { changeUnit, createUnit, deleteUnit, listUnits, readUnit } from '../../services/units.js'
import { NewUnit, Unit, UnitListQuery, UnitPage, UnitPatch } from './schemas.js'

const tags = ['units']

const units: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/units', {
    config: { roles: ['admin'], etag: true, location: true },
    schema: {
      operationId: 'createUnit',
      summary: 'Create a unit',
      description: 'Records a unit (đơn vị), such as Công an tỉnh Lào Cai (code LCA). Its name and its code must differ ' +
        'from every other unit\'s whatever their case or Unicode form (409 `unit_name_taken`, `unit_code_taken`). A new ' +
        'unit belongs to no cluster yet: add it with addClusterMember. Audited and emitted as `unit.created`; the answer ' +
        'carries the unit\'s ETag, to send in If-Match when changing it.',
      tags,
      headers: IdempotencyHeaders,
      body: ref(NewUnit),
      response: { 201: ref(Unit, { description: 'The unit created.' }), ...problems({ 409: ['unit_code_taken', 'unit_name_taken'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const unit = await createUnit(ctx, request.body)
    return { statusCode: 201, body: unit, headers: { etag: etagOf(unit.version), location: `/v1/units/${unit.id}` } }
  })))

  app.get('/v1/units', {
    schema: {
      operationId: 'listUnits',
      summary: 'List units in Vietnamese order, optionally searching',
      description: 'Every unit, in Vietnamese alphabetical order of name (Ă after A, Đ after D), a page at a time: pass ' +
        'the answer\'s nextCursor as `cursor` for the next page. `q` keeps the units whose name, short name or code ' +
        'contains it, ignoring diacritics and case.',
      tags,
      querystring: UnitListQuery,
      response: { 200: ref(UnitPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'] }) }
    }
  }, async (request) => listUnits(readContext(request), request.query))

  app.get('/v1/units/:unitId', {
    schema: {
      operationId: 'getUnit',
      summary: 'Get a unit',
      description: 'One unit, with its ETag: send it in If-Match to change the unit, or in If-None-Match to read it ' +
        'again (304 while unchanged). Its memberships are listed by listUnitMemberships.',
      tags,
      params: UnitParams,
      response: { 200: ref(Unit), ...notModified, ...problems({ 404: ['unit_not_found'] }) }
    }
  }, async (request, reply) => {
    const unit = await readUnit(readContext(request), request.params)
    return reply.header('etag', etagOf(unit.version)).send(unit)
  })

  app.patch('/v1/units/:unitId', {
    config: { roles: ['admin'], etag: true },
    schema: {
      operationId: 'updateUnit',
      summary: 'Change a unit\'s name, code or short name',
      description: 'Changes the fields given; `null` removes the code or the short name. Send the ETag last read in ' +
        'If-Match (412 when someone changed the unit since). The new name and code must still be unique (409). ' +
        'Records that name the unit keep its id, so they show the new name. Audited (before and after) and emitted as ' +
        '`unit.updated`.',
      tags,
      params: UnitParams,
      headers: IfMatchHeaders,
      body: ref(UnitPatch),
      response: { 200: ref(Unit), ...problems({ 404: ['unit_not_found'], 409: ['unit_code_taken', 'unit_name_taken'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeUnit(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))

  app.delete('/v1/units/:unitId', {
    config: { roles: ['admin'] },
    schema: {
      operationId: 'deleteUnit',
      summary: 'Delete a unit created by mistake (nothing may refer to it)',
      description: 'Removes a unit that nothing refers to: no membership (past or present), term, pledge signature or ' +
        'registered title, conference chaired or attended, target, scorecard, discipline record, candidacy, vote or title ' +
        'proposal. Otherwise 409 `unit_in_use`, whose detail says what refers to it ("Công an tỉnh Lào Cai has been a ' +
        'member of Cụm thi đua số 1 (2024) and has 1 signature of a pledge…") and whose `references` lists each kind ' +
        'with its count. If-Match is optional (412 when stale). A retry with the same Idempotency-Key replays the 204. The audit trail keeps the record as it was, and the feed emits `unit.deleted` with it.',
      tags,
      params: UnitParams,
      headers: DeleteHeaders,
      response: { ...noContent('The unit is deleted.'), ...problems({ 404: ['unit_not_found'], 409: ['unit_in_use'], 412: ['precondition_failed'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    await deleteUnit(ctx, { ...request.params, ifMatch: request.headers['if-match'] })
    return { statusCode: 204, body: null }
  })))
}

export default units
