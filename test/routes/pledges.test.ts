import t, { type Test } from 'tap'
import type { App } from '../../src/app.js'
import { build } from '../helpers/build.js'
import { caller, created, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { pledge2022, seedCluster5, signer, SLOGAN_2022 } from '../helpers/pledges.js'
import { createUnit } from '../helpers/units.js'
import { contentHash } from '../../src/domain/pledge.js'

// Chiều 29/3/2022 in Hà Nội: 15:00 there, 08:00 UTC.
const SIGNING_DAY = new Date('2022-03-29T08:00:00Z')

const PLEDGE_KEYS = ['clusterId', 'commitments', 'contentHash', 'createdAt', 'id', 'inForceAt', 'openedAt', 'place', 'previousVersionId',
  'registeredTitles', 'slogan', 'status', 'supersededAt', 'title', 'updatedAt', 'version', 'versionNumber', 'year']

async function setup (t: Test, clock: { now: Date } = { now: SIGNING_DAY }) {
  const built = await build(t, { clock: () => clock.now })
  const { app, admin, auth } = built
  const seeded = await seedClusters(app, admin, { members: '2019-01-01' })
  const { cluster5, unitIds } = await seedCluster5(app, admin, seeded.blockId)
  return {
    ...built,
    as: caller(app),
    seeded,
    cluster5,
    unitIds,
    clock,
    secretariat5: auth({ role: 'secretariat', clusterId: cluster5.id, sub: 'sec-5' }),
    secretariat9: auth({ role: 'secretariat', clusterId: seeded.cluster9.id, sub: 'sec-9' }),
    unitToken: (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` }),
    pledgesOf: (clusterId: string) => `/v1/clusters/${clusterId}/pledges`
  }
}

const eventsOf = async (app: App, type: string, resourceId?: string) =>
  app.db('events').where({ type, ...(resourceId ? { resource_id: resourceId } : {}) }).orderBy('position')

t.test('pledges: Cụm 5 drafts its 2022 pledge, opens it, and its six units sign it into force', async (t) => {
  const { app, admin, auth, as, cluster5, unitIds, secretariat5, unitToken, pledgesOf, clock } = await setup(t, { now: SIGNING_DAY })

  const draft = await as(secretariat5).post(pledgesOf(cluster5.id), pledge2022(unitIds))
  t.equal(draft.statusCode, 201, draft.body)
  const pledge = draft.json()
  t.same(Object.keys(pledge).sort(), PLEDGE_KEYS)
  t.match(pledge, {
    clusterId: cluster5.id, year: 2022, versionNumber: 1, previousVersionId: null, slogan: SLOGAN_2022, status: 'draft',
    contentHash: null, openedAt: null, inForceAt: null, supersededAt: null, version: 1
  })
  t.same(pledge.commitments[0], { text: 'Hoàn thành xuất sắc nhiệm vụ chính trị được giao, vượt mức các chỉ tiêu thi đua.', target: null })
  t.same(pledge.commitments[1].target, { value: 100, unit: '%', direction: 'higher_is_better', description: 'tin báo, tố giác được tiếp nhận, xử lý' })
  t.same(pledge.commitments[2].target, { value: 5, unit: '%', direction: 'lower_is_better', description: null })
  t.equal(pledge.registeredTitles.length, 6)
  t.same(pledge.registeredTitles.map((r: { unitId: string }) => r.unitId), [...unitIds].sort(), 'registered titles in unit id order')
  t.equal(draft.headers.etag, '"v1"')
  t.equal(draft.headers.location, `/v1/pledges/${pledge.id}`)
  const url = `/v1/pledges/${pledge.id}`

  t.test('every role reads it with its ETag; If-None-Match answers 304', async (t) => {
    for (const reader of [auth({ role: 'reader' }), unitToken(unitIds[3]), auth({ role: 'secretariat', clusterId: NIL })]) {
      const read = await as(reader).get(url)
      t.equal(read.statusCode, 200)
      t.same(read.json(), pledge)
      t.equal(read.headers.etag, '"v1"')
    }
    t.equal((await as(admin).get(url, { 'if-none-match': '"v1"' })).statusCode, 304)
  })

  t.test('the draft changes with If-Match; a stale one is a 412', async (t) => {
    const commitments = [...pledge2022(unitIds).commitments, { text: 'Không có cán bộ, chiến sĩ vi phạm kỷ luật.', target: { value: 0, unit: 'vụ', direction: 'lower_is_better' } }]
    const patched = await as(secretariat5).patch(url, { commitments }, { 'if-match': '"v1"' })
    t.equal(patched.statusCode, 200, patched.body)
    t.match(patched.json(), { version: 2, status: 'draft', slogan: SLOGAN_2022 })
    t.equal(patched.json().commitments.length, 4)
    t.equal(patched.headers.etag, '"v2"')
    const stale = await as(secretariat5).patch(url, { slogan: 'Khác' }, { 'if-match': '"v1"' })
    t.equal(stale.statusCode, 412)
    t.equal(stale.json().code, 'precondition_failed')
    const staleOpen = await as(secretariat5).post(`${url}/open`, undefined, { 'if-match': '"v1"' })
    t.equal(staleOpen.statusCode, 412, 'opening honours If-Match too')
    t.equal((await as(admin).get(url)).json().status, 'draft')
  })

  t.test('signing a draft is a 409', async (t) => {
    const early = await as(unitToken(unitIds[0])).post(`${url}/signatures`, { unitId: unitIds[0], ...signer(0) })
    t.equal(early.statusCode, 409)
    t.equal(early.json().code, 'pledge_not_open')
  })

  let hash = ''
  t.test('opening freezes the content and returns its hash', async (t) => {
    const opened = await as(secretariat5).post(`${url}/open`, undefined, { 'if-match': '"v2"' })
    t.equal(opened.statusCode, 200, opened.body)
    const body = opened.json()
    t.match(body, { status: 'open', version: 3, openedAt: SIGNING_DAY.toISOString() })
    t.match(body.contentHash, /^[0-9a-f]{64}$/)
    t.equal(body.contentHash, contentHash(body), 'the hash of the content as shown')
    t.equal(opened.headers.etag, '"v3"')
    hash = body.contentHash
    const again = await as(secretariat5).post(`${url}/open`, undefined)
    t.equal(again.statusCode, 409)
    t.equal(again.json().code, 'pledge_not_draft')
    const edit = await as(admin).patch(url, { slogan: 'Khác' })
    t.equal(edit.statusCode, 409)
    t.equal(edit.json().code, 'pledge_not_editable')
    t.equal((await as(admin).get(url)).json().contentHash, hash, 'unchanged')
  })

  t.test('the six units sign; the sixth signature brings it into force, once', async (t) => {
    const signatures = []
    // Viện Khoa học hình sự and two more sign with their own tokens; the secretariat and an admin sign for the rest.
    const who = [unitToken(unitIds[0]), unitToken(unitIds[1]), secretariat5, admin, unitToken(unitIds[4]), secretariat5]
    for (let i = 0; i < 6; i++) {
      const signed = await as(who[i]).post(`${url}/signatures`, { unitId: unitIds[i], ...signer(i) })
      t.equal(signed.statusCode, 201, signed.body)
      signatures.push(signed.json())
      t.equal((await as(admin).get(url)).json().status, i < 5 ? 'open' : 'in_force', `after signature ${i + 1}`)
    }
    t.same(Object.keys(signatures[0]).sort(),
      ['contentHash', 'id', 'onBehalf', 'pledgeId', 'signedAt', 'signedBy', 'signedOn', 'signerName', 'signerPosition', 'unitId', 'unitName'])
    t.match(signatures[0], {
      pledgeId: pledge.id, unitId: unitIds[0], unitName: 'Viện Khoa học hình sự', signerName: 'Trần Việt Kiều', signerPosition: 'Viện trưởng',
      contentHash: hash, signedOn: '2022-03-29', signedAt: SIGNING_DAY.toISOString(), onBehalf: false
    })
    t.same(signatures.map((s) => s.onBehalf), [false, false, true, true, false, true])
    t.same(signatures[2].signedBy, { sub: 'sec-5', role: 'secretariat' })
    const inForce = (await as(admin).get(url)).json()
    t.match(inForce, { status: 'in_force', inForceAt: SIGNING_DAY.toISOString(), contentHash: hash, version: 4 })
    t.equal((await eventsOf(app, 'pledge.in_force', pledge.id)).length, 1, 'one pledge.in_force event')

    const listed = (await as(auth({ role: 'reader' })).get(`${url}/signatures`)).json()
    t.same(listed.items, signatures, 'in signing order')
    const page1 = (await as(admin).get(`${url}/signatures?limit=4`)).json()
    const page2 = (await as(admin).get(`${url}/signatures?limit=4&cursor=${page1.nextCursor}`)).json()
    t.same([...page1.items, ...page2.items], signatures)
    t.equal(page2.nextCursor, null)
  })

  t.test('a unit signs a version once', async (t) => {
    const twice = await as(unitToken(unitIds[0])).post(`${url}/signatures`, { unitId: unitIds[0], ...signer(0) })
    t.equal(twice.statusCode, 409)
    t.equal(twice.json().code, 'pledge_already_signed')
  })

  t.test('a unit that joins later signs the version in force; it stays in force', async (t) => {
    const joiner = await createUnit(app, admin, { name: 'Cục Cảnh sát đường thủy' })
    await created(app, admin, `/v1/clusters/${cluster5.id}/members`, { unitId: joiner.id, from: '2022-04-01' })
    const early = await as(unitToken(joiner.id)).post(`${url}/signatures`, { unitId: joiner.id, signerName: 'Lãnh đạo', signerPosition: 'Cục trưởng' })
    t.equal(early.statusCode, 422, 'not a member yet on 29 March')
    t.equal(early.json().code, 'pledge_signer_not_member')
    t.equal(early.json().on, '2022-03-29')
    t.equal(early.json().detail, `Cục Cảnh sát đường thủy (${joiner.id}) is not a member of the cluster on 2022-03-29, the signing date.`)
    clock.now = new Date('2022-04-01T02:00:00Z')
    const late = await as(unitToken(joiner.id)).post(`${url}/signatures`, { unitId: joiner.id, signerName: 'Lãnh đạo', signerPosition: 'Cục trưởng' })
    t.equal(late.statusCode, 201, 'a member from 1 April signs on 1 April')
    t.match(late.json(), { signedOn: '2022-04-01', onBehalf: false, contentHash: hash })
    t.match((await as(admin).get(url)).json(), { status: 'in_force', inForceAt: SIGNING_DAY.toISOString(), version: 4 })
    t.equal((await eventsOf(app, 'pledge.in_force', pledge.id)).length, 1, 'still one pledge.in_force event')
  })

  t.test('lists the cluster\'s pledges, filtered by year and status', async (t) => {
    const all = (await as(auth({ role: 'reader' })).get(pledgesOf(cluster5.id))).json()
    t.equal(all.items.length, 1)
    t.equal(all.items[0].id, pledge.id)
    t.equal((await as(admin).get(`${pledgesOf(cluster5.id)}?year=2022&status=in_force`)).json().items.length, 1)
    t.same((await as(admin).get(`${pledgesOf(cluster5.id)}?year=2021`)).json(), { items: [], nextCursor: null })
    t.same((await as(admin).get(`${pledgesOf(cluster5.id)}?status=draft`)).json(), { items: [], nextCursor: null })
  })

  t.test('every step is audited and evented', async (t) => {
    const audit = await app.db('audit_events').where({ resource_type: 'pledge', resource_id: pledge.id }).orderBy('id')
    t.same(audit.map((a: { action: string }) => a.action), ['pledge.created', 'pledge.updated', 'pledge.opened', 'pledge.in_force'])
    t.equal(audit[0].actor_role, 'secretariat')
    t.equal(audit[2].after.contentHash, hash)
    const signed = await app.db('events').where({ type: 'pledge.signed' }).orderBy('position')
    t.equal(signed.length, 7, 'six on 29 March, one on 1 April')
    t.ok(signed.every((e: { data: { pledgeId: string, contentHash: string } }) => e.data.pledgeId === pledge.id && e.data.contentHash === hash))
    t.equal((await app.db('audit_events').where({ action: 'pledge.signed' })).length, 7)
  })
})

t.test('pledges: a new version copies the content, starts unsigned and supersedes the old one when opened', async (t) => {
  const { app, admin, as, cluster5, unitIds, secretariat5, secretariat9, unitToken, pledgesOf } = await setup(t)
  const v1 = await created(app, admin, pledgesOf(cluster5.id), pledge2022(unitIds))
  const v1url = `/v1/pledges/${v1.id}`

  const fromDraft = await as(secretariat5).post(`${v1url}/versions`, undefined)
  t.equal(fromDraft.statusCode, 409, 'a draft is edited, not re-versioned')
  t.equal(fromDraft.json().code, 'pledge_not_open')

  const opened = (await as(admin).post(`${v1url}/open`, undefined)).json()
  for (let i = 0; i < 2; i++) t.equal((await as(secretariat5).post(`${v1url}/signatures`, { unitId: unitIds[i], ...signer(i) })).statusCode, 201)

  t.equal((await as(secretariat9).post(`${v1url}/versions`, undefined)).statusCode, 403, 'another cluster\'s secretariat')
  const made = await as(secretariat5).post(`${v1url}/versions`, undefined)
  t.equal(made.statusCode, 201, made.body)
  const v2 = made.json()
  t.match(v2, { clusterId: cluster5.id, year: 2022, versionNumber: 2, previousVersionId: v1.id, status: 'draft', contentHash: null, version: 1 })
  t.same([v2.title, v2.slogan, v2.commitments, v2.registeredTitles], [opened.title, opened.slogan, opened.commitments, opened.registeredTitles], 'a copy')
  t.equal(made.headers.location, `/v1/pledges/${v2.id}`)
  const v2url = `/v1/pledges/${v2.id}`
  t.equal((await as(admin).get(v1url)).json().status, 'open', 'the previous version stays until the new one opens')

  const twice = await as(admin).post(`${v1url}/versions`, undefined)
  t.equal(twice.statusCode, 409)
  t.equal(twice.json().code, 'pledge_has_newer_version')
  t.equal((await as(admin).post(pledgesOf(cluster5.id), pledge2022(unitIds))).json().code, 'pledge_exists', 'one pledge per year')

  // Signatures may still complete the old version while the new one is drafted.
  t.equal((await as(admin).post(`${v1url}/signatures`, { unitId: unitIds[2], ...signer(2) })).statusCode, 201)

  const slogan = 'Kỷ cương, Trách nhiệm, Hiệu quả'
  t.equal((await as(secretariat5).patch(v2url, { slogan })).statusCode, 200)
  const v2opened = await as(secretariat5).post(`${v2url}/open`, undefined)
  t.equal(v2opened.statusCode, 200)
  t.not(v2opened.json().contentHash, opened.contentHash, 'the content changed, so did the hash')
  t.equal(v2opened.json().contentHash, contentHash(v2opened.json()))
  const v1after = (await as(admin).get(v1url)).json()
  t.match(v1after, { status: 'superseded', supersededAt: SIGNING_DAY.toISOString(), contentHash: opened.contentHash })

  t.same((await as(admin).get(`${v2url}/signatures`)).json(), { items: [], nextCursor: null }, 'the new version starts unsigned')
  const onOld = await as(unitToken(unitIds[3])).post(`${v1url}/signatures`, { unitId: unitIds[3], ...signer(3) })
  t.equal(onOld.statusCode, 409)
  t.equal(onOld.json().code, 'pledge_not_open')
  t.equal((await as(admin).post(`${v1url}/versions`, undefined)).json().code, 'pledge_has_newer_version', 'nor a version of a superseded one')
  // Unit 0 signed version 1; it signs version 2 again.
  const again = await as(unitToken(unitIds[0])).post(`${v2url}/signatures`, { unitId: unitIds[0], ...signer(0) })
  t.equal(again.statusCode, 201)
  t.equal(again.json().contentHash, v2opened.json().contentHash)

  const listed = (await as(admin).get(pledgesOf(cluster5.id))).json()
  t.same(listed.items.map((p: { versionNumber: number, status: string }) => [p.versionNumber, p.status]), [[2, 'open'], [1, 'superseded']])
  const page1 = (await as(admin).get(`${pledgesOf(cluster5.id)}?limit=1`)).json()
  const page2 = (await as(admin).get(`${pledgesOf(cluster5.id)}?limit=1&cursor=${page1.nextCursor}`)).json()
  t.same([...page1.items, ...page2.items], listed.items)

  const superseded = await eventsOf(app, 'pledge.superseded', v1.id)
  t.equal(superseded.length, 1)
  t.equal(superseded[0].data.supersededById, v2.id)
  t.equal((await eventsOf(app, 'pledge.version_created', v2.id)).length, 1)
  t.equal((await eventsOf(app, 'pledge.in_force')).length, 0, 'neither version came into force')
})

t.test('pledges: refusals', async (t) => {
  const { app, admin, auth, as, seeded, cluster5, unitIds, secretariat5, secretariat9, unitToken, pledgesOf } = await setup(t)
  const url = pledgesOf(cluster5.id)
  const draft = await created(app, admin, url, pledge2022(unitIds))
  const open = await created(app, admin, url, { ...pledge2022(unitIds), year: 2023 })
  t.equal((await as(admin).post(`/v1/pledges/${open.id}/open`, undefined)).statusCode, 200)
  const draftUrl = `/v1/pledges/${draft.id}`
  const openUrl = `/v1/pledges/${open.id}`
  const sign = (i: number) => ({ unitId: unitIds[i], ...signer(i) })

  t.test('bad input is a 400', async (t) => {
    const good = { ...pledge2022(unitIds), year: 2024 }
    const cases: Array<[string, 'post' | 'patch', string, unknown]> = [
      ['year out of range', 'post', url, { ...good, year: 1900 }],
      ['year a string', 'post', url, { ...good, year: '2024' }],
      ['missing title', 'post', url, { year: 2024, slogan: SLOGAN_2022 }],
      ['blank slogan', 'post', url, { ...good, slogan: '   ' }],
      ['extra field', 'post', url, { ...good, status: 'open' }],
      ['commitment without text', 'post', url, { ...good, commitments: [{ target: { value: 1, unit: 'vụ' } }] }],
      ['target without unit', 'post', url, { ...good, commitments: [{ text: 'A', target: { value: 1 } }] }],
      ['target value not a number', 'post', url, { ...good, commitments: [{ text: 'A', target: { value: '100', unit: '%' } }] }],
      ['unknown direction', 'post', url, { ...good, commitments: [{ text: 'A', target: { value: 1, unit: '%', direction: 'up' } }] }],
      ['bad title code', 'post', url, { ...good, registeredTitles: [{ unitId: unitIds[0], titleCode: 'Cờ thi đua' }] }],
      ['bad unit uuid', 'post', url, { ...good, registeredTitles: [{ unitId: 'VKHHS', titleCode: 'ministry_flag' }] }],
      ['bad cluster uuid', 'post', '/v1/clusters/5/pledges', good],
      ['empty patch', 'patch', draftUrl, {}],
      ['patching the year', 'patch', draftUrl, { year: 2025 }],
      ['bad pledge uuid', 'patch', '/v1/pledges/giao-uoc', { slogan: 'X' }],
      ['signature without signer', 'post', `${openUrl}/signatures`, { unitId: unitIds[0] }],
      ['signature with blank position', 'post', `${openUrl}/signatures`, { ...sign(0), signerPosition: ' ' }],
      ['signature extra field', 'post', `${openUrl}/signatures`, { ...sign(0), onBehalf: true }]
    ]
    for (const [name, method, target, payload] of cases) {
      const bad = await as(admin)[method](target, payload)
      t.equal(bad.statusCode, 400, name)
      t.equal(bad.json().code, 'validation_failed', name)
    }
    for (const target of [`${url}?year=abc`, `${url}?status=signed`, `${url}?cursor=xyz`, '/v1/pledges/1', `${openUrl}/signatures?limit=0`]) {
      t.equal((await as(admin).get(target)).statusCode, 400, target)
    }
    t.equal((await as(admin).post('/v1/pledges/1/open', undefined)).statusCode, 400)
  })

  t.test('no token is a 401', async (t) => {
    for (const [method, target, payload] of [
      ['post', url, pledge2022(unitIds)], ['get', url], ['get', draftUrl], ['patch', draftUrl, { slogan: 'X' }],
      ['post', `${draftUrl}/open`], ['post', `${openUrl}/versions`], ['post', `${openUrl}/signatures`, sign(0)], ['get', `${openUrl}/signatures`]
    ] as const) {
      const response = await (method === 'get' ? as().get(target) : as()[method](target, payload))
      t.equal(response.statusCode, 401, `${method} ${target}`)
    }
  })

  t.test('roles and scopes: 403, and nothing changes', async (t) => {
    const reader = auth({ role: 'reader' })
    const refusals: Array<[string, string, 'post' | 'patch', string, unknown]> = [
      ['reader creates', reader, 'post', url, { ...pledge2022(unitIds), year: 2025 }],
      ['a unit creates', unitToken(unitIds[0]), 'post', url, { ...pledge2022(unitIds), year: 2025 }],
      ['cluster 9\'s secretariat creates', secretariat9, 'post', url, { ...pledge2022(unitIds), year: 2025 }],
      ['cluster 9\'s secretariat edits', secretariat9, 'patch', draftUrl, { slogan: 'X' }],
      ['a unit edits', unitToken(unitIds[0]), 'patch', draftUrl, { slogan: 'X' }],
      ['cluster 9\'s secretariat opens', secretariat9, 'post', `${draftUrl}/open`, undefined],
      ['a unit opens', unitToken(unitIds[0]), 'post', `${draftUrl}/open`, undefined],
      ['a reader versions', reader, 'post', `${openUrl}/versions`, undefined],
      ['cluster 9\'s secretariat signs for a unit', secretariat9, 'post', `${openUrl}/signatures`, sign(1)],
      ['a unit signs for another unit', unitToken(unitIds[0]), 'post', `${openUrl}/signatures`, sign(1)],
      ['a reader signs', reader, 'post', `${openUrl}/signatures`, sign(1)]
    ]
    const audit = async () => Number((await app.db('audit_events').count({ n: '*' }))[0].n)
    const before = await audit()
    for (const [name, token, method, target, payload] of refusals) {
      const refused = await as(token)[method](target, payload)
      t.equal(refused.statusCode, 403, name)
      t.equal(refused.json().code, 'forbidden', name)
    }
    t.equal(await audit(), before, 'no change was recorded')
    t.equal((await as(unitToken(unitIds[1])).post(`${openUrl}/signatures`, sign(1))).statusCode, 201, 'the unit itself may')
  })

  t.test('unknown ids are a 404', async (t) => {
    const cases: Array<[string, 'get' | 'post' | 'patch', string, unknown, string]> = [
      ['create in an unknown cluster', 'post', pledgesOf(NIL), pledge2022(unitIds), 'cluster_not_found'],
      ['list an unknown cluster', 'get', pledgesOf(NIL), undefined, 'cluster_not_found'],
      ['get', 'get', `/v1/pledges/${NIL}`, undefined, 'pledge_not_found'],
      ['patch', 'patch', `/v1/pledges/${NIL}`, { slogan: 'X' }, 'pledge_not_found'],
      ['open', 'post', `/v1/pledges/${NIL}/open`, undefined, 'pledge_not_found'],
      ['version', 'post', `/v1/pledges/${NIL}/versions`, undefined, 'pledge_not_found'],
      ['sign', 'post', `/v1/pledges/${NIL}/signatures`, sign(0), 'pledge_not_found'],
      ['list signatures', 'get', `/v1/pledges/${NIL}/signatures`, undefined, 'pledge_not_found'],
      ['sign for an unknown unit', 'post', `${openUrl}/signatures`, { ...sign(0), unitId: NIL }, 'unit_not_found']
    ]
    for (const [name, method, target, payload, code] of cases) {
      const response = await (method === 'get' ? as(admin).get(target) : as(admin)[method](target, payload))
      t.equal(response.statusCode, 404, name)
      t.equal(response.json().code, code, name)
    }
  })

  t.test('domain rules are a 422', async (t) => {
    const outsider = seeded.units['Cục Y tế'] // a member of cluster 9, not 5
    const notMember = await as(secretariat5).post(url, { ...pledge2022(unitIds), year: 2024, registeredTitles: [{ unitId: outsider, titleCode: 'ministry_flag' }] })
    t.equal(notMember.statusCode, 422)
    t.equal(notMember.json().code, 'pledge_unit_not_member')
    t.same(notMember.json().unitIds, [outsider])
    t.equal(notMember.json().detail, `Cục Y tế (${outsider}) is not a member of the cluster in 2024; only members register titles.`, 'the unit by name and id')
    const beforeMembership = await as(secretariat5).post(url, { ...pledge2022(unitIds), year: 2020 })
    t.equal(beforeMembership.json().code, 'pledge_unit_not_member', 'Cụm 5\'s units are members from 2021')
    const twice = await as(secretariat5).patch(draftUrl, { registeredTitles: [{ unitId: unitIds[1], titleCode: 'ministry_flag' }, { unitId: unitIds[1], titleCode: 'ministry_flag' }] })
    t.equal(twice.statusCode, 422)
    t.equal(twice.json().code, 'pledge_title_registered_twice')
    t.match(twice.json().detail, new RegExp(`^[^(]+ \\(${unitIds[1]}\\) is registered for ministry_flag more than once\\.$`), 'the unit by name and id')
    t.equal((await as(secretariat5).patch(draftUrl, { registeredTitles: [{ unitId: outsider, titleCode: 'ministry_certificate' }] })).json().code, 'pledge_unit_not_member')

    const empty = await created(app, admin, url, { year: 2026, title: 'Giao ước thi đua năm 2026', slogan: SLOGAN_2022 })
    t.same([empty.commitments, empty.registeredTitles], [[], []], 'a draft may start empty')
    const emptyOpen = await as(admin).post(`/v1/pledges/${empty.id}/open`, undefined)
    t.equal(emptyOpen.statusCode, 422)
    t.equal(emptyOpen.json().code, 'pledge_without_commitments')

    const stranger = await as(admin).post(`${openUrl}/signatures`, { unitId: outsider, signerName: 'Lãnh đạo Cục Y tế', signerPosition: 'Cục trưởng' })
    t.equal(stranger.statusCode, 422)
    t.equal(stranger.json().code, 'pledge_signer_not_member')
    const ownToken = await as(unitToken(outsider)).post(`${openUrl}/signatures`, { unitId: outsider, signerName: 'Lãnh đạo Cục Y tế', signerPosition: 'Cục trưởng' })
    t.equal(ownToken.json().code, 'pledge_signer_not_member', 'even with its own token')

    // A unit registered in the draft leaves before the pledge opens: the frozen content would not hold.
    const leaving = await created(app, admin, url, { ...pledge2022(unitIds), year: 2027, registeredTitles: [{ unitId: unitIds[5], titleCode: 'ministry_flag' }] })
    t.equal((await as(admin).post(`/v1/clusters/${cluster5.id}/members/${unitIds[5]}/end`, { on: '2026-06-01' })).statusCode, 200)
    const stale = await as(admin).post(`/v1/pledges/${leaving.id}/open`, undefined)
    t.equal(stale.statusCode, 422)
    t.equal(stale.json().code, 'pledge_unit_not_member')
  })

  t.test('an Idempotency-Key retry of a signature replays it and signs once', async (t) => {
    const key = { 'idempotency-key': 'ky-giao-uoc-2023-don-vi-3' }
    const token = unitToken(unitIds[3])
    const first = await as(token).post(`${openUrl}/signatures`, sign(3), key)
    const retry = await as(token).post(`${openUrl}/signatures`, sign(3), key)
    t.equal(first.statusCode, 201)
    t.equal(retry.statusCode, 201)
    t.same(retry.json(), first.json())
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal((await app.db('pledge_signatures').where({ pledge_id: open.id, unit_id: unitIds[3] })).length, 1)
    t.equal((await app.db('audit_events').where({ action: 'pledge.signed', resource_id: first.json().id })).length, 1)
    const other = await as(token).post(`${openUrl}/signatures`, { ...sign(3), signerName: 'Người khác' }, key)
    t.equal(other.statusCode, 422)
    t.equal(other.json().code, 'idempotency_key_reused')
    const noKey = await as(token).post(`${openUrl}/signatures`, sign(3))
    t.equal(noKey.json().code, 'pledge_already_signed', 'without the key, a second signature is a conflict')
  })
})

t.test('pledges: the content hash is stable and follows the content', async (t) => {
  const { app, admin, as, cluster5, unitIds, pledgesOf } = await setup(t)
  const body = pledge2022(unitIds)
  // The same content in NFD, with extra spaces, and registered titles in another order.
  const messy = {
    ...body,
    year: 2023,
    title: `  ${body.title.normalize('NFD').replace(/ /g, '   ')} `,
    slogan: body.slogan.normalize('NFD'),
    commitments: body.commitments.map((c) => ({ ...c, text: ` ${c.text.normalize('NFD')}\n` })),
    registeredTitles: [...body.registeredTitles].reverse()
  }
  const tidy = await created(app, admin, pledgesOf(cluster5.id), { ...body, year: 2023 })
  const clean = (await as(admin).post(`/v1/pledges/${tidy.id}/open`, undefined)).json()
  t.same([clean.title, clean.slogan], [body.title, body.slogan])
  t.equal(clean.contentHash, contentHash({ ...clean }), 'recomputable from the resource')
  const expected = contentHash({ ...clean, title: clean.title, clusterId: cluster5.id, year: 2023, versionNumber: 1 })
  t.equal(clean.contentHash, expected)

  // Another cluster's pledge of the same content and year differs only by the cluster id.
  const other = await created(app, admin, '/v1/clusters', { number: 55, name: 'Cụm thử', blockId: cluster5.blockId })
  await created(app, admin, `/v1/clusters/${other.id}/members`, { unitId: (await createUnit(app, admin, { name: 'Đơn vị thử' })).id, from: '2021-01-01' })
  const elsewhere = await created(app, admin, pledgesOf(other.id), { ...messy, registeredTitles: [] })
  const opened = (await as(admin).post(`/v1/pledges/${elsewhere.id}/open`, undefined)).json()
  t.same([opened.title, opened.slogan, opened.commitments], [clean.title, clean.slogan, clean.commitments], 'stored in one normal form')
  t.equal(opened.contentHash, contentHash({ ...clean, clusterId: other.id, registeredTitles: [] }))
  t.not(opened.contentHash, clean.contentHash)

  // The messy body in cluster 5 for 2024 hashes as the tidy one would for 2024.
  const messy2024 = await created(app, admin, pledgesOf(cluster5.id), { ...messy, year: 2024 })
  t.same(messy2024.registeredTitles, clean.registeredTitles, 'registered titles in one order')
  const hashed = (await as(admin).post(`/v1/pledges/${messy2024.id}/open`, undefined)).json()
  t.equal(hashed.contentHash, contentHash({ ...clean, year: 2024 }))
  const changed = contentHash({ ...clean, year: 2024, commitments: [...clean.commitments.slice(0, 2), { ...clean.commitments[2], target: { ...clean.commitments[2].target, value: 6 } }] })
  t.not(hashed.contentHash, changed, 'one target value changes the hash')
})

t.test('pledges: the six members sign at the same moment; all are kept and the pledge comes into force once', async (t) => {
  const { app, admin, cluster5, unitIds, unitToken, pledgesOf } = await setup(t)
  for (let round = 0; round < 3; round++) {
    const pledge = await created(app, admin, pledgesOf(cluster5.id), { ...pledge2022(unitIds), year: 2022 + round })
    await app.inject({ method: 'POST', url: `/v1/pledges/${pledge.id}/open`, headers: { authorization: admin } })
    const responses = await Promise.all(unitIds.map((unitId, i) => app.inject({
      method: 'POST',
      url: `/v1/pledges/${pledge.id}/signatures`,
      headers: { authorization: unitToken(unitId) },
      payload: { unitId, ...signer(i) }
    })))
    t.same(responses.map((r) => r.statusCode), [201, 201, 201, 201, 201, 201], `round ${round}: every signature accepted`)
    t.equal((await app.db('pledge_signatures').where({ pledge_id: pledge.id })).length, 6)
    t.equal((await eventsOf(app, 'pledge.in_force', pledge.id)).length, 1, `round ${round}: exactly one pledge.in_force event`)
    t.equal((await app.db('pledges').where({ id: pledge.id }).first()).status, 'in_force')
  }

  // The same unit twice at once, and two new versions of one pledge at once: one wins each time.
  const pledge = await created(app, admin, pledgesOf(cluster5.id), { ...pledge2022(unitIds), year: 2030 })
  await app.inject({ method: 'POST', url: `/v1/pledges/${pledge.id}/open`, headers: { authorization: admin } })
  const same = await Promise.all([0, 1, 2].map(() => app.inject({
    method: 'POST', url: `/v1/pledges/${pledge.id}/signatures`, headers: { authorization: admin }, payload: { unitId: unitIds[0], ...signer(0) }
  })))
  t.same(same.map((r) => r.statusCode).sort(), [201, 409, 409])
  t.ok(same.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'pledge_already_signed'))
  const versions = await Promise.all([0, 1, 2].map(() => app.inject({ method: 'POST', url: `/v1/pledges/${pledge.id}/versions`, headers: { authorization: admin } })))
  t.same(versions.map((r) => r.statusCode).sort(), [201, 409, 409])
  t.ok(versions.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'pledge_has_newer_version'))
})

t.test('pledges: when the last unsigned member leaves the cluster, the version comes into force then', async (t) => {
  const { app, admin, as, cluster5, unitIds, unitToken, pledgesOf, clock } = await setup(t)
  const pledge = await created(app, admin, pledgesOf(cluster5.id), pledge2022(unitIds))
  const url = `/v1/pledges/${pledge.id}`
  await as(admin).post(`${url}/open`, {})
  // Another open version, of the next year, that nobody has signed: a member leaving does not complete it.
  const unsigned = await created(app, admin, pledgesOf(cluster5.id), { ...pledge2022(unitIds), year: 2023 })
  await as(admin).post(`/v1/pledges/${unsigned.id}/open`, {})
  for (const [i, unitId] of unitIds.slice(0, 4).entries()) {
    t.equal((await as(unitToken(unitId)).post(`${url}/signatures`, { unitId, ...signer(i) })).statusCode, 201)
  }
  const leave = (unitId: string) => as(admin).post(`/v1/clusters/${cluster5.id}/members/${unitId}/end`, { on: '2022-03-29' })
  t.equal((await leave(unitIds[4])).statusCode, 200)
  t.equal((await as(admin).get(url)).json().status, 'open', 'one unsigned member is left')
  t.equal((await eventsOf(app, 'pledge.in_force', pledge.id)).length, 0)

  clock.now = new Date('2022-03-30T02:00:00Z')
  const lastLeaves = await leave(unitIds[5])
  t.equal(lastLeaves.statusCode, 200, lastLeaves.body)
  t.match((await as(admin).get(url)).json(), { status: 'in_force', inForceAt: clock.now.toISOString() }, 'in force the moment it left')
  const events = await eventsOf(app, 'pledge.in_force', pledge.id)
  t.equal(events.length, 1)
  t.equal(events[0].request_id, (await eventsOf(app, 'membership.ended')).at(-1).request_id, 'recorded with the membership\'s end')
  t.equal((await as(admin).get(`/v1/pledges/${unsigned.id}`)).json().status, 'open', 'the unsigned version stays open')
})
