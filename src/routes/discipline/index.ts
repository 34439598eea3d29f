// Discipline records (kỷ luật) of units: a unit under discipline or awaiting a decision cannot be proposed for a
// title and, by default, cannot rank first. An admin records them for any unit; a secretariat for units that are
// members of its cluster on some day of the record's period [from, until). Every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Knex } from 'knex'
import type { Actor } from '../../auth/tokens.js'
import {
  getDisciplineRecord, insertDisciplineRecord, listDisciplineRecords, memberDuring, updateDisciplineRecord
} from '../../db/discipline-repository.js'
import { getUnit } from '../../db/units-repository.js'
import { forbidden, ruleBroken } from '../../domain/errors.js'
import { assertIfMatch, etagOf } from '../../plugins/etag.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../shared-schemas.js'
import { UnitParams } from '../units/schemas.js'
import {
  DisciplineListQuery, DisciplineParams, DisciplineRecord, DisciplineRecordPage, DisciplineRecordPatch, NewDisciplineRecord
} from './schemas.js'

const tags = ['discipline']

/** Admin: any unit. Secretariat: a unit in its cluster on some day of [from, until). */
async function assertDisciplineScope (db: Knex, actor: Actor, unitId: string, from: string, until: string | null): Promise<void> {
  if (actor.role === 'admin') return
  if (actor.role === 'secretariat' && actor.clusterId && await memberDuring(db, actor.clusterId, unitId, from, until)) return
  throw forbidden(actor.role === 'secretariat'
    ? 'A secretariat may record discipline only for units of its own cluster during the record\'s period.'
    : `The ${actor.role} role may not do this.`)
}

function assertPeriod (from: string, until: string | null): void {
  if (until !== null && until <= from) {
    throw ruleBroken('discipline_period_invalid', `The record's end ${until} must be after its start ${from}.`)
  }
}

const discipline: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/units/:unitId/discipline-records', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'createDisciplineRecord',
      summary: 'Record that a unit is under discipline or awaiting a discipline decision',
      description: 'An admin, or the secretariat of a cluster the unit is a member of on some day of [from, until).',
      tags,
      params: UnitParams,
      headers: IdempotencyHeaders,
      body: ref(NewDisciplineRecord),
      response: { 201: ref(DisciplineRecord, { description: 'The record created.' }), ...problems(400, 403, 404, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const { unitId } = request.params
    const { from, until = null, status, note } = request.body
    await getUnit(trx, unitId)
    await assertDisciplineScope(trx, request.actor, unitId, from, until)
    assertPeriod(from, until)
    const created = await insertDisciplineRecord(trx, unitId, { from, until, status, note: note.normalize('NFC').trim() })
    record({ action: 'discipline_record.created', resourceType: 'discipline_record', resourceId: created.id, after: created })
    return { statusCode: 201, body: created, headers: { etag: etagOf(created.version), location: `/v1/discipline-records/${created.id}` } }
  })))

  app.get('/v1/units/:unitId/discipline-records', {
    schema: {
      operationId: 'listDisciplineRecords',
      summary: 'A unit\'s discipline records, the latest start first',
      tags,
      params: UnitParams,
      querystring: DisciplineListQuery,
      response: { 200: ref(DisciplineRecordPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    await getUnit(app.db, request.params.unitId)
    return listDisciplineRecords(app.db, request.params.unitId, request.query)
  })

  app.get('/v1/discipline-records/:recordId', {
    schema: {
      operationId: 'getDisciplineRecord',
      summary: 'One discipline record',
      tags,
      params: DisciplineParams,
      response: { 200: ref(DisciplineRecord), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const found = await getDisciplineRecord(app.db, request.params.recordId)
    return reply.header('etag', etagOf(found.version)).send(found)
  })

  app.patch('/v1/discipline-records/:recordId', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'updateDisciplineRecord',
      summary: 'Change a discipline record\'s status, end or note',
      description: 'The same scope as creating it, checked against the record\'s period after the change.',
      tags,
      params: DisciplineParams,
      headers: IfMatchHeaders,
      body: ref(DisciplineRecordPatch),
      response: { 200: ref(DisciplineRecord, { description: 'The record changed.' }), ...problems(400, 403, 404, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getDisciplineRecord(trx, request.params.recordId, { forUpdate: true })
    const { status = before.status, until = before.until, note } = request.body
    await assertDisciplineScope(trx, request.actor, before.unitId, before.from, before.until)
    await assertDisciplineScope(trx, request.actor, before.unitId, before.from, until)
    assertIfMatch(request, before.version)
    assertPeriod(before.from, until)
    const after = await updateDisciplineRecord(trx, before, {
      from: before.from, until, status, note: note === undefined ? before.note : note.normalize('NFC').trim()
    })
    record({ action: 'discipline_record.updated', resourceType: 'discipline_record', resourceId: after.id, before, after })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))
}

export default discipline
