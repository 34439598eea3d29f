// Discipline records (kỷ luật) of units: a unit under discipline or awaiting a decision cannot be proposed for a
// title and, by default, cannot rank first. An admin records them for any unit; a secretariat only for units that
// are members of its cluster on every day of the record's period, so that it never disciplines a unit for days it
// belongs to other clusters only (their rankings would show it). Reading: admin and reader read every record; a
// secretariat those of its cluster's members' days; a unit its own, and others' only where a cluster they share
// publishes them (`membersReadDisciplineRecords`). A record hidden from the caller is a 404, like one that does not exist.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readContext } from '../../http/context.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { UnitParams } from '../../http/common-schemas.js'
import {
  changeDisciplineRecord, createDisciplineRecord, disciplineTag, listUnitDisciplineRecords, readDisciplineRecord
} from '../../services/discipline.js'
import {
  DisciplineListQuery, DisciplineParams, DisciplineRecord, DisciplineRecordPage, DisciplineRecordPatch, NewDisciplineRecord
} from './schemas.js'

const tags = ['discipline']

const discipline: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/units/:unitId/discipline-records', {
    config: { roles: ['admin', 'secretariat'], etag: true, location: true, scope: { secretariat: 'units of its own cluster, within their membership' } },
    schema: {
      operationId: 'createDisciplineRecord',
      summary: 'Record that a unit is under discipline or awaiting a discipline decision',
      description: 'An admin, or the secretariat of a cluster the unit is a member of on every day of [from, until) ' +
        '(with no `until`, a membership with no end): else 403 `discipline_outside_membership`, naming the unit. ' +
        'While `pending` or `in_force` over any day of a year, the unit cannot be proposed for a title that year and, ' +
        'unless the cluster allows it, cannot rank first. 422 `discipline_period_invalid` when `until` is not after ' +
        '`from`. Audited and emitted as `discipline_record.created`.',
      tags,
      params: UnitParams,
      headers: IdempotencyHeaders,
      body: ref(NewDisciplineRecord),
      response: { 201: ref(DisciplineRecord, { description: 'The record created.' }), ...problems({ 403: ['discipline_outside_membership'], 404: ['unit_not_found'], 422: ['discipline_period_invalid'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const created = await createDisciplineRecord(ctx, { ...request.params, ...request.body })
    return { statusCode: 201, body: created, headers: { etag: disciplineTag(created), location: `/v1/discipline-records/${created.id}` } }
  })))

  app.get('/v1/units/:unitId/discipline-records', {
    config: { scope: { secretariat: 'its own cluster\'s members, for their membership', unit: 'its own; fellow members\' where a shared cluster publishes them' } },
    schema: {
      operationId: 'listDisciplineRecords',
      summary: 'A unit\'s discipline records, the latest start first',
      description: 'Those the caller reads: admin and reader all; a secretariat those overlapping the unit\'s membership ' +
        'of its cluster; a unit its own, and another member\'s where their cluster publishes them (`membersReadDisciplineRecords`).',
      tags,
      params: UnitParams,
      querystring: DisciplineListQuery,
      response: { 200: ref(DisciplineRecordPage), ...problems({ 400: ['invalid_cursor', 'invalid_limit'], 404: ['cluster_not_found', 'unit_not_found'] }) }
    }
  }, async (request) => listUnitDisciplineRecords(readContext(request), { ...request.params, ...request.query }))

  app.get('/v1/discipline-records/:recordId', {
    config: { scope: { secretariat: 'its own cluster\'s members, for their membership', unit: 'its own; fellow members\' where a shared cluster publishes them' } },
    schema: {
      operationId: 'getDisciplineRecord',
      summary: 'One discipline record',
      description: 'A record the caller does not read (see the list) is a 404, as if it did not exist.',
      tags,
      params: DisciplineParams,
      response: { 200: ref(DisciplineRecord), ...notModified, ...problems({ 404: ['cluster_not_found', 'discipline_record_not_found'] }) }
    }
  }, async (request, reply) => {
    const found = await readDisciplineRecord(readContext(request), request.params)
    return reply.header('etag', disciplineTag(found)).send(found)
  })

  app.patch('/v1/discipline-records/:recordId', {
    config: { roles: ['admin', 'secretariat'], etag: true, scope: { secretariat: 'units of its own cluster, within their membership' } },
    schema: {
      operationId: 'updateDisciplineRecord',
      summary: 'Change a discipline record\'s status, end or note',
      description: 'The same scope as creating it, checked against the record\'s period before and after the change. ' +
        'A record the caller does not read is a 404. Send the record\'s ETag as If-Match (412 when stale). Audited and ' +
        'emitted as `discipline_record.updated`.',
      tags,
      params: DisciplineParams,
      headers: IfMatchHeaders,
      body: ref(DisciplineRecordPatch),
      response: { 200: ref(DisciplineRecord, { description: 'The record changed.' }), ...problems({ 403: ['discipline_outside_membership'], 404: ['cluster_not_found', 'discipline_record_not_found'], 412: ['precondition_failed'], 422: ['discipline_period_invalid'] }) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async (ctx) => {
    const after = await changeDisciplineRecord(ctx, { ...request.params, ...request.body, ifMatch: request.headers['if-match'] })
    return { statusCode: 200, body: after, headers: { etag: disciplineTag(after) } }
  })))
}

export default discipline
