// Scoring schemes (quy định chấm điểm): an admin or the cluster's secretariat drafts a scheme for a year and
// period, edits it while a draft, sets each member unit's targets, and publishes it (frozen from then on;
// publishing supersedes the version published before). A new version starts as a draft copy. Every role reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Knex } from 'knex'
import { assertClusterScope } from '../../auth/access.js'
import { getCluster } from '../../db/clusters-repository.js'
import { copyTargets, findTargets, getScheme, getTargets, insertScheme, listSchemes, listTargets, listVersions, saveTargets, schemeBody, setSchemeStatus, targetsByUnit, updateSchemeBody, type ScoringScheme } from '../../db/scoring-schemes-repository.js'
import { findFinalization } from '../../db/scorecards-repository.js'
import { getUnit } from '../../db/units-repository.js'
import { conflict, ruleBroken } from '../../domain/errors.js'
import { validateScheme, validateTargets, type Problem, type Scheme } from '../../domain/scoring/index.js'
import { assertIfMatch, etagOf } from '../../domain/versions.js'
import { IdempotencyHeaders, IfMatchHeaders, problems, ref, notModified } from '../../http/shared-schemas.js'
import { ClusterParams, SchemeParams, SchemeUnitParams } from '../../http/common-schemas.js'
import { compiledScheme } from '../../services/compiled-scheme.js'
import {
  NewScoringScheme, PublishHeaders, SchemeListQuery, ScoringScheme as SchemeSchema, ScoringSchemePage, ScoringSchemePatch, TargetListQuery, TargetsBody, UnitTargets, UnitTargetsPage
} from './schemas.js'
import { memberUnitIdsDuring } from '../../db/memberships-repository.js'
import { yearPeriod } from '../../domain/membership.js'

const tags = ['scoring']
const ROLES = ['admin', 'secretariat'] as const

/** 422 `invalid_scheme` listing every problem of the scheme, paths from the request body. */
function assertValidScheme (scheme: Scheme): void {
  const found = validateScheme(scheme)
  if (found.length === 0) return
  const errors = found.map((p) => ({ path: `body.${p.path}`, message: p.message }))
  throw ruleBroken('invalid_scheme',
    `The scoring scheme has ${errors.length} problem${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
    { errors })
}

function assertDraft (scheme: ScoringScheme): void {
  if (scheme.status !== 'draft') {
    throw conflict('scheme_published', `Scheme ${scheme.id} is ${scheme.status} and can no longer change; create a new version.`)
  }
}

/**
 * Targets change while the scheme is a draft; publication freezes them, except a unit's first targets. Publication
 * checked every member of that day, so a member without targets joined the cluster later: until it has targets the
 * cluster cannot be ranked, and a new version would start the year's scorecards over. Its first targets may be set
 * on the published scheme until the scores are finalised.
 */
async function assertTargetsOpen (trx: Knex, scheme: ScoringScheme, existing: Awaited<ReturnType<typeof findTargets>>): Promise<void> {
  if (scheme.status === 'published' && existing === undefined) {
    if (await findFinalization(trx, scheme.id)) {
      throw conflict('scores_finalized', `The scores of scheme ${scheme.id} are finalised and can no longer change.`)
    }
    return
  }
  assertDraft(scheme)
}

/**
 * Finalized scores stay final: publishing a new version would supersede the finalized one, and with it the year's
 * ranking, the title eligibility and the votes that relied on them. Refused, so the finalized version stays the year's.
 */
async function assertNotFinalized (trx: Knex, published: ScoringScheme | undefined): Promise<void> {
  if (published && await findFinalization(trx, published.id)) {
    throw conflict('scores_finalized',
      `The scores of ${published.year} are finalized on version ${published.version} of this scheme (${published.id}); ` +
      'finalized scores stay final, so no new version can be published for that year and period.',
      { schemeId: published.id })
  }
}

/** The scheme, locked, with the caller's scope checked against its cluster. */
async function schemeInScope (trx: Knex, actor: Parameters<typeof assertClusterScope>[0], schemeId: string) {
  const scheme = await getScheme(trx, schemeId, { forUpdate: true })
  assertClusterScope(actor, scheme.clusterId)
  return scheme
}

const scoringSchemes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/v1/clusters/:clusterId/scoring-schemes', {
    config: { roles: [...ROLES] },
    schema: {
      operationId: 'createScoringScheme',
      summary: 'Draft the first version of a cluster\'s scoring scheme for a year and period',
      tags,
      params: ClusterParams,
      headers: IdempotencyHeaders,
      body: ref(NewScoringScheme),
      response: { 201: ref(SchemeSchema, { description: 'The draft created.' }), ...problems(400, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const { clusterId } = request.params
    assertClusterScope(request.actor, clusterId)
    return reply.sendResult(await request.write(async ({ trx, record }) => {
      const { year, period, criteria, bonusCap = null, deductionCap = null, bands, tieBreak, ministryFlagBand = null } = request.body
      await getCluster(trx, clusterId)
      const body = schemeBody({ criteria, bonusCap, deductionCap, bands, tieBreak, ministryFlagBand } as Parameters<typeof schemeBody>[0])
      assertValidScheme(body)
      const scheme = await insertScheme(trx, { clusterId, year, period, version: 1, body })
      record({ action: 'scoring_scheme.created', resourceType: 'scoring_scheme', resourceId: scheme.id, after: scheme })
      return { statusCode: 201, body: scheme, headers: { etag: etagOf(scheme.revision), location: `/v1/scoring-schemes/${scheme.id}` } }
    }))
  })

  app.get('/v1/clusters/:clusterId/scoring-schemes', {
    schema: {
      operationId: 'listScoringSchemes',
      summary: 'A cluster\'s scoring schemes: the latest year first, then by period, the latest version first',
      tags,
      params: ClusterParams,
      querystring: SchemeListQuery,
      response: { 200: ref(ScoringSchemePage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    const { clusterId } = request.params
    const { year, period, status, limit, cursor } = request.query
    await getCluster(app.db, clusterId)
    return listSchemes(app.db, clusterId, { year, period, status }, { limit, cursor })
  })

  app.get('/v1/scoring-schemes/:schemeId', {
    schema: {
      operationId: 'getScoringScheme',
      summary: 'One version of a scoring scheme',
      tags,
      params: SchemeParams,
      response: { 200: ref(SchemeSchema), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const scheme = await getScheme(app.db, request.params.schemeId)
    return reply.header('etag', etagOf(scheme.revision)).send(scheme)
  })

  app.patch('/v1/scoring-schemes/:schemeId', {
    config: { roles: [...ROLES] },
    schema: {
      operationId: 'updateScoringScheme',
      summary: 'Change a draft scheme (409 once published)',
      tags,
      params: SchemeParams,
      headers: IfMatchHeaders,
      body: ref(ScoringSchemePatch),
      response: { 200: ref(SchemeSchema, { description: 'The draft changed.' }), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const before = await schemeInScope(trx, request.actor, request.params.schemeId)
    assertIfMatch(request.headers['if-match'], before.revision)
    assertDraft(before)
    const patch = request.body
    const merged = {
      criteria: patch.criteria ?? before.criteria,
      bonusCap: patch.bonusCap === undefined ? before.bonusCap : patch.bonusCap,
      deductionCap: patch.deductionCap === undefined ? before.deductionCap : patch.deductionCap,
      bands: patch.bands ?? before.bands,
      tieBreak: patch.tieBreak ?? before.tieBreak,
      ministryFlagBand: patch.ministryFlagBand === undefined ? before.ministryFlagBand : patch.ministryFlagBand
    } as Parameters<typeof schemeBody>[0]
    const body = schemeBody(merged)
    assertValidScheme(body)
    const after = await updateSchemeBody(trx, before, body)
    record({ action: 'scoring_scheme.updated', resourceType: 'scoring_scheme', resourceId: after.id, before, after })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.revision) } }
  })))

  app.post('/v1/scoring-schemes/:schemeId/publish', {
    config: { roles: [...ROLES] },
    schema: {
      operationId: 'publishScoringScheme',
      summary: 'Publish a draft: freeze it, after checking every member unit has its targets',
      description: 'Every unit that is a member of the cluster on some day of the scheme\'s year needs a target (or the ' +
        'criterion a defaultTarget) for every quantitative criterion: 422 `invalid_targets` lists what is missing ' +
        '(paths `targets.<unitId>.<code>`). The version published before for the same cluster, year and period ' +
        'becomes `superseded`. 409 `scheme_published` when not a draft, `scheme_has_newer_version` when a later ' +
        'version was already published, `scores_finalized` when the scores of the published version are finalized ' +
        '(finalized scores stay final: that version stays the year\'s).',
      tags,
      params: SchemeParams,
      headers: PublishHeaders,
      response: { 200: ref(SchemeSchema, { description: 'The scheme, published.' }), ...problems(400, 403, 404, 409, 412, 422) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const scheme = await schemeInScope(trx, request.actor, request.params.schemeId)
    // Locking the cluster serialises publications of its schemes: one published version at a time.
    await getCluster(trx, scheme.clusterId, { forUpdate: true })
    assertIfMatch(request.headers['if-match'], scheme.revision)
    assertDraft(scheme)
    const versions = await listVersions(trx, scheme.clusterId, scheme.year, scheme.period)
    const current = versions.find((v) => v.status === 'published')
    await assertNotFinalized(trx, current)
    const compiled = compiledScheme(scheme)
    const { from, until } = yearPeriod(scheme.year)
    const members = await memberUnitIdsDuring(trx, scheme.clusterId, from, until)
    const missing: Problem[] = validateTargets(compiled, members, await targetsByUnit(trx, scheme.id))
    if (missing.length > 0) {
      throw ruleBroken('invalid_targets',
        `${missing.length} target${missing.length > 1 ? 's are' : ' is'} missing or invalid for the cluster's members in ${scheme.year}: ` +
        `${missing.map((p) => `${p.path} ${p.message}`).join('; ')}.`, { errors: missing })
    }
    const newer = versions.find((v) => v.version > scheme.version && v.status !== 'draft')
    if (newer) {
      throw conflict('scheme_has_newer_version', `Version ${newer.version} of this scheme was already published; publish a newer version instead.`)
    }
    if (current) {
      const superseded = await setSchemeStatus(trx, current, 'superseded')
      record({ action: 'scoring_scheme.superseded', resourceType: 'scoring_scheme', resourceId: current.id, before: current, after: superseded })
    }
    const after = await setSchemeStatus(trx, scheme, 'published')
    record({ action: 'scoring_scheme.published', resourceType: 'scoring_scheme', resourceId: after.id, before: scheme, after })
    return { statusCode: 200, body: after, headers: { etag: etagOf(after.revision) } }
  })))

  app.post('/v1/scoring-schemes/:schemeId/versions', {
    config: { roles: [...ROLES] },
    schema: {
      operationId: 'createScoringSchemeVersion',
      summary: 'Start a new version of a scheme: a draft copy of this one (with its targets), numbered after the latest',
      tags,
      params: SchemeParams,
      headers: IdempotencyHeaders,
      response: { 201: ref(SchemeSchema, { description: 'The new draft.' }), ...problems(400, 403, 404, 409) }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const source = await schemeInScope(trx, request.actor, request.params.schemeId)
    await getCluster(trx, source.clusterId, { forUpdate: true })
    const versions = await listVersions(trx, source.clusterId, source.year, source.period)
    const scheme = await insertScheme(trx, {
      clusterId: source.clusterId, year: source.year, period: source.period, version: versions[0].version + 1, body: schemeBody(source)
    })
    await copyTargets(trx, source.id, scheme.id)
    record({
      action: 'scoring_scheme.created', resourceType: 'scoring_scheme', resourceId: scheme.id, after: scheme,
      eventData: { ...scheme, copiedFrom: source.id }
    })
    return { statusCode: 201, body: scheme, headers: { etag: etagOf(scheme.revision), location: `/v1/scoring-schemes/${scheme.id}` } }
  })))

  app.put('/v1/scoring-schemes/:schemeId/targets/:unitId', {
    config: { roles: [...ROLES] },
    schema: {
      operationId: 'setScoringTargets',
      summary: 'Set a member unit\'s targets (chỉ tiêu) in a draft scheme (replaces them all)',
      description: 'The unit must be a member of the cluster on some day of the scheme\'s year (422 `unit_not_member`); ' +
        'codes must name quantitative criteria and values be numbers from 0 with at most four decimals ' +
        '(422 `invalid_targets` with `errors`). 409 `scheme_published` once the scheme is published, with one exception: ' +
        'a unit that joined the cluster after publication, and so has no targets, gets its first ones on the published ' +
        'scheme (201), until the scores are finalised (409 `scores_finalized`); the ranking needs them.',
      tags,
      params: SchemeUnitParams,
      headers: IfMatchHeaders,
      body: ref(TargetsBody),
      response: {
        200: ref(UnitTargets, { description: 'The targets replaced.' }),
        201: ref(UnitTargets, { description: 'The targets set for the first time.' }),
        ...problems(400, 403, 404, 409, 412, 422)
      }
    }
  }, async (request, reply) => reply.sendResult(await request.write(async ({ trx, record }) => {
    const { schemeId, unitId } = request.params
    const scheme = await schemeInScope(trx, request.actor, schemeId)
    await getUnit(trx, unitId)
    const before = await findTargets(trx, schemeId, unitId)
    assertIfMatch(request.headers['if-match'], before?.version)
    await assertTargetsOpen(trx, scheme, before)
    const { from, until } = yearPeriod(scheme.year)
    if (!(await memberUnitIdsDuring(trx, scheme.clusterId, from, until)).includes(unitId)) {
      throw ruleBroken('unit_not_member', `Unit ${unitId} is not a member of the scheme's cluster in ${scheme.year}.`)
    }
    const { targets } = request.body
    const found = validateTargets(compiledScheme(scheme), [unitId], { [unitId]: targets }, false)
    if (found.length > 0) {
      const errors = found.map((p) => ({ path: `body.targets${p.path.slice(`targets.${unitId}`.length)}`, message: p.message }))
      throw ruleBroken('invalid_targets', `The targets have ${errors.length} problem${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, { errors })
    }
    const after = await saveTargets(trx, schemeId, unitId, before, targets)
    record({ action: 'scoring_targets.set', resourceType: 'scoring_targets', resourceId: `${schemeId}/${unitId}`, before: before ?? null, after })
    const headers: Record<string, string> = { etag: etagOf(after.version) }
    if (before) return { statusCode: 200, body: after, headers }
    return { statusCode: 201, body: after, headers: { ...headers, location: `/v1/scoring-schemes/${schemeId}/targets/${unitId}` } }
  })))

  app.get('/v1/scoring-schemes/:schemeId/targets/:unitId', {
    schema: {
      operationId: 'getScoringTargets',
      summary: 'A unit\'s targets in a scheme',
      tags,
      params: SchemeUnitParams,
      response: { 200: ref(UnitTargets), ...notModified, ...problems(400, 403, 404) }
    }
  }, async (request, reply) => {
    const { schemeId, unitId } = request.params
    await getScheme(app.db, schemeId)
    const targets = await getTargets(app.db, schemeId, unitId)
    return reply.header('etag', etagOf(targets.version)).send(targets)
  })

  app.get('/v1/scoring-schemes/:schemeId/targets', {
    schema: {
      operationId: 'listScoringTargets',
      summary: 'Every unit\'s targets in a scheme, by unit id',
      tags,
      params: SchemeParams,
      querystring: TargetListQuery,
      response: { 200: ref(UnitTargetsPage), ...problems(400, 403, 404) }
    }
  }, async (request) => {
    await getScheme(app.db, request.params.schemeId)
    return listTargets(app.db, request.params.schemeId, request.query)
  })
}

export default scoringSchemes
