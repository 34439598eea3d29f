// Discipline records (kỷ luật) of units: a unit under discipline or awaiting a decision cannot be proposed for a
// title and, by default, cannot rank first. An admin records them for any unit; a secretariat only for units that
// are members of its cluster on every day of the record's period, so that it never disciplines a unit for days it
// belongs to other clusters only (their rankings would show it). Reading: admin and reader read every record; a
// secretariat those of its cluster's members' days; a unit its own, and others' only where a cluster they share
// publishes them (`membersReadDisciplineRecords`). A record hidden from the caller is a 404, like one that does not exist.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Knex } from 'knex'
import type { Actor } from '../../auth/tokens.js'
import { getCluster } from '../../db/clusters-repository.js'
import {
  getDisciplineRecord, insertDisciplineRecord, listDisciplineRecords, updateDisciplineRecord, type DisciplineView
} from '../../db/discipline-repository.js'
import { clusterIdsOf, membershipPeriods } from '../../db/memberships-repository.js'
import { getUnit } from '../../db/units-repository.js'
import { forbidden, ruleBroken } from '../../domain/errors.js'
import { coversThroughout, type Period } from '../../domain/membership.js'
import { assertIfMatch, etagOf } from '../../domain/versions.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { UnitParams } from '../../http/common-schemas.js'
import {
  DisciplineListQuery, DisciplineParams, DisciplineRecord, DisciplineRecordPage, DisciplineRecordPatch, NewDisciplineRecord
} from './schemas.js'

const tags = ['discipline']

/** Admin: any unit. Secretariat (the only other role the routes let in): a unit in its cluster on every day of the period. */
async function assertDisciplineScope (db: Knex, actor: Actor, unitId: string, period: Period): Promise<void> {
  if (actor.role === 'admin') return
  const clusterId = actor.clusterId
  if (clusterId && coversThroughout(await membershipPeriods(db, clusterId, [unitId]), period)) return
  throw forbidden(`Unit ${unitId} is not a member of cluster ${clusterId} on every day from ${period.from} ` +
    `${period.until === null ? 'on, with no end' : `to before ${period.until}`}: a secretariat records discipline only ` +
    'within its cluster\'s membership; an admin records the rest.',
  'discipline_outside_membership', { unitId, clusterId, from: period.from, until: period.until })
}

/** The records the caller reads; undefined: every record. */
async function viewOf (db: Knex, actor: Actor): Promise<DisciplineView | undefined> {
  if (actor.role === 'admin' || actor.role === 'reader') return undefined
  if (actor.role === 'secretariat' || !actor.unitId) return { clusterIds: actor.clusterId ? [actor.clusterId] : [] }
  const publishing: string[] = []
  for (const clusterId of await clusterIdsOf(db, actor.unitId)) {
    if ((await getCluster(db, clusterId)).rules.membersReadDisciplineRecords) publishing.push(clusterId)
  }
  return { ownUnitId: actor.unitId, clusterIds: publishing, fellowOf: actor.unitId }
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
      description: 'An admin, or the secretariat of a cluster the unit is a member of on every day of [from, until) ' +
        '(with no `until`, a membership with no end): else 403 `discipline_outside_membership`, naming the unit.',
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
    await assertDisciplineScope(trx, request.actor, unitId, { from, until })
    assertPeriod(from, until)
    const created = await insertDisciplineRecord(trx, unitId, { from, until, status, note: note.normalize('NFC').trim() })
    record({ action: 'discipline_record.created', resourceType: 'discipline_record', resourceId: created.id, after: created })
    return { statusCode: 201, body: created, headers: { etag: etagOf(created.version), location: `/v1/discipline-records/${created.id}` } }
  })))

  app.get('/v1/units/:unitId/discipline-records', {
    schema: {
      operationId: 'listDisciplineRecords',
      summary: 'A unit\'s discipline records, the latest start first',
      description: 'Those the caller reads: admin and reader all; a secretariat those overlapping the unit\'s membership ' +
        'of its cluster; a unit its own, and another member\'s where their cluster publishes them (`membersReadDisciplineRecords`).',
      tags,
      params: UnitParams,
      querystring: DisciplineListQuery,
      response: { 200: ref(DisciplineRecordPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    await getUnit(app.db, request.params.unitId)
    return listDisciplineRecords(app.db, request.params.unitId, request.query, await viewOf(app.db, request.actor))
  })

  app.get('/v1/discipline-records/:recordId', {
    schema: {
      operationId: 'getDisciplineRecord',
      summary: 'One discipline record',
      description: 'A record the caller does not read (see the list) is a 404, as if it did not exist.',
      tags,
      params: DisciplineParams,
      response: { 200: ref(DisciplineRecord), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const found = await getDisciplineRecord(app.db, request.params.recordId, { view: await viewOf(app.db, request.actor) })
    return reply.header('etag', etagOf(found.version)).send(found)
  })

  app.patch('/v1/discipline-records/:recordId', {
    config: { roles: ['admin', 'secretariat'] },
    schema: {
      operationId: 'updateDisciplineRecord',
      summary: 'Change a discipline record\'s status, end or note',
      description: 'The same scope as creating it, checked against the record\'s period before and after the change. ' +
        'A record the caller does not read is a 404.',
      tags,
      params: DisciplineParams,
      headers: IfMatchHeaders,
      body: ref(DisciplineRecordPatch),
      response: { 200: ref(DisciplineRecord, { description: 'The record changed.' }), ...problems(400, 403, 404, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await getDisciplineRecord(trx, request.params.recordId, { forUpdate: true, view: await viewOf(trx, request.actor) })
    const { status = before.status, until = before.until, note } = request.body
    await assertDisciplineScope(trx, request.actor, before.unitId, before)
    await assertDisciplineScope(trx, request.actor, before.unitId, { from: before.from, until })
    assertIfMatch(request.headers['if-match'], before.version)
    assertPeriod(before.from, until)
    const after = await updateDisciplineRecord(trx, before, {
      from: before.from, until, status, note: note === undefined ? before.note : note.normalize('NFC').trim()
    })
    record({ action: 'discipline_record.updated', resourceType: 'discipline_record', resourceId: after.id, before, after })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.version) } }
  })))
}

export default discipline
