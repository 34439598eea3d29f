// PUT/GET /v1/clusters/{clusterId}/advisory-groups/{year}: Cụm thi đua số 9's head unit founds its advisory group
// (Tổ tư vấn) for 2024, replaces it (members keep their ids), and everyone reads it, its versions and its decision.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_9_ENTRIES, cluster9Ids, publishScheme } from '../helpers/scorecards.js'
import { pdfText } from '../documents/pdf-text.js'
import { checkPdfNegotiation } from '../helpers/pdf-negotiation.js'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

t.test('an advisory group: founded, replaced, versioned, refused, printed', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const own = seeded.cluster9.id as string
  const other = seeded.cluster8.id as string
  const yte = seeded.units['Cục Y tế']
  const haucan = seeded.units['Cục Hậu cần']
  const secretariat = auth({ role: 'secretariat', clusterId: own, sub: 'sec-9' })
  const reader = auth({ role: 'reader', sub: 'reader' })
  const url = `/v1/clusters/${own}/advisory-groups/2024`
  const body = {
    decision: { number: '15/QĐ-H06-PV01', date: '2024-01-05', issuer: 'Cục Y tế' },
    members: [
      { name: 'Nguyễn  Văn Hùng', rank: 'Thượng tá', position: 'Trưởng phòng Tham mưu', unitId: yte },
      { name: 'Trần Thị Mai', position: 'Chuyên viên', unitId: haucan }
    ]
  }

  t.test('404 before it exists', async (t) => {
    t.match((await as(reader).get(url)).json(), { status: 404, code: 'advisory_group_not_found' })
    t.match((await as(reader).get(`/v1/clusters/${NIL}/advisory-groups/2024`)).json(), { status: 404, code: 'cluster_not_found' })
    t.match((await as(admin).put(`/v1/clusters/${NIL}/advisory-groups/2024`, body)).json(), { status: 404, code: 'cluster_not_found' })
    t.match((await as(reader).get(`${url}/decision.pdf`)).json(), { status: 404, code: 'advisory_group_not_found' })
  })

  let first: any
  t.test('the secretariat founds it: 201, Location, ETag, ids, normalised text', async (t) => {
    const response = await as(secretariat).put(url, body)
    t.equal(response.statusCode, 201, response.body)
    t.equal(response.headers.location, url)
    t.equal(response.headers.etag, '"v1"')
    first = response.json()
    t.match(first, {
      clusterId: own, year: 2024, version: 1, decision: body.decision,
      members: [{ name: 'Nguyễn Văn Hùng', rank: 'Thượng tá', unitId: yte }, { name: 'Trần Thị Mai', rank: null, unitId: haucan }],
      writtenBy: { sub: 'sec-9', role: 'secretariat' }
    })
    t.equal(first.changes.decisionChanged, true)
    t.same(first.changes.addedMemberIds, first.members.map((m: any) => m.id))
    t.same((await as(reader).get(url)).json(), first, 'every role reads it')
  })

  t.test('replaced with If-Match: members sent back keep their id; 412 when stale; none also replaces', async (t) => {
    const [hung, mai] = first.members
    const next = {
      decision: { ...body.decision, number: '16/QĐ-H06-PV01' },
      members: [{ ...hung, position: 'Phó Cục trưởng' }, { name: 'Lê Đức Thành', rank: 'Thiếu tá', position: 'Đội trưởng', unitId: yte }]
    }
    const replaced = await as(admin).put(url, next, { 'if-match': '"v1"' })
    t.equal(replaced.statusCode, 200, replaced.body)
    t.equal(replaced.headers.etag, '"v2"')
    const group = replaced.json()
    t.equal(group.version, 2)
    t.equal(group.members[0].id, hung.id)
    t.not(group.members[1].id, mai.id)
    t.same(group.changes, { decisionChanged: true, addedMemberIds: [group.members[1].id], removedMemberIds: [mai.id], updatedMemberIds: [hung.id] })
    t.equal(group.createdAt, first.createdAt)

    const stale = await as(admin).put(url, next, { 'if-match': '"v1"' })
    t.match(stale.json(), { status: 412, code: 'precondition_failed' })
    const unconditional = await as(admin).put(url, { ...next, members: group.members })
    t.equal(unconditional.statusCode, 200, unconditional.body)
    t.equal(unconditional.json().version, 3)
    t.same(unconditional.json().changes, { decisionChanged: false, addedMemberIds: [], removedMemberIds: [], updatedMemberIds: [] })

    const versions = (await as(reader).get(`${url}/versions?limit=2`)).json()
    t.same(versions.items.map((v: any) => v.version), [3, 2])
    const rest = (await as(reader).get(`${url}/versions?cursor=${versions.nextCursor}`)).json()
    t.same(rest.items.map((v: any) => v.version), [1])
    t.same(rest.items[0].members.map((m: any) => m.id), first.members.map((m: any) => m.id), 'the first version keeps who was removed later')
  })

  t.test('validation: 400 for bad shapes, 422 for broken rules; nothing changes', async (t) => {
    const current = (await as(reader).get(url)).json()
    const refusals: Array<[object, number, string]> = [
      [{ ...body, members: [] }, 400, 'validation_failed'],
      [{ ...body, members: Array.from({ length: 51 }, (_, i) => ({ name: `Cán bộ ${i}`, position: 'Chuyên viên', unitId: yte })) }, 400, 'validation_failed'],
      [{ ...body, decision: { ...body.decision, date: '2024-02-30' } }, 400, 'validation_failed'],
      [{ ...body, decision: { ...body.decision, number: 'x'.repeat(51) } }, 400, 'validation_failed'],
      [{ ...body, decision: { ...body.decision, issuer: '   ' } }, 400, 'validation_failed'],
      [{ ...body, extra: 1 }, 400, 'validation_failed'],
      [{ ...body, decision: { ...body.decision, date: '2022-12-31' } }, 422, 'advisory_decision_date_outside_year'],
      [{ ...body, members: [{ ...body.members[0], id: NIL }] }, 422, 'advisory_member_unknown'],
      [{ ...body, members: [current.members[0], current.members[0]] }, 422, 'advisory_member_repeated'],
      [{ ...body, members: [{ ...body.members[0], unitId: NIL }] }, 422, 'advisory_member_unit_unknown']
    ]
    for (const [payload, status, code] of refusals) {
      const response = await as(admin).put(url, payload)
      t.match(response.json(), { status, code }, code)
    }
    t.ok((await as(admin).put(`/v1/clusters/${own}/advisory-groups/2025`, { ...body, decision: { ...body.decision, date: '2024-12-20' } })).statusCode === 201,
      'a decision of the year before founds next year\'s group')
    t.same((await as(reader).get(url)).json(), current, 'unchanged')
  })

  t.test('roles: admin any cluster, the secretariat its own; units and readers read only', async (t) => {
    const otherUrl = `/v1/clusters/${other}/advisory-groups/2024`
    t.match((await as(secretariat).put(otherUrl, body)).json(), { status: 403, code: 'forbidden' })
    t.match((await as(auth({ role: 'unit', unitId: yte })).put(url, body)).json(), { status: 403 })
    t.match((await as(reader).put(url, body)).json(), { status: 403 })
    t.equal((await as(admin).put(otherUrl, body)).statusCode, 201)
    t.equal((await as(auth({ role: 'unit', unitId: yte })).get(url)).statusCode, 200)
  })

  t.test('a group holds back the deletion of its cluster and of its members\' units', async (t) => {
    const unit = (await as(admin).post('/v1/units', { name: 'Phòng Tham mưu thử' })).json()
    const cluster = await as(admin).post('/v1/clusters', { number: 77, name: 'Cụm thi đua số 77', blockId: seeded.blockId })
    const clusterId = cluster.json().id
    await expectStatus(as(admin).put(`/v1/clusters/${clusterId}/advisory-groups/2024`, { ...body, members: [{ ...body.members[1], unitId: unit.id }] }), 201)
    const clusterRefused = (await app.inject({ method: 'DELETE', url: `/v1/clusters/${clusterId}`, headers: { authorization: admin } })).json()
    t.match(clusterRefused, { status: 409, references: [{ kind: 'advisory_group', count: 1 }] })
    const unitRefused = (await app.inject({ method: 'DELETE', url: `/v1/units/${unit.id}`, headers: { authorization: admin } })).json()
    t.match(unitRefused, { status: 409, references: [{ kind: 'advisory_member', count: 1 }] })
  })

  t.test('the decision prints as an official document', async (t) => {
    const response = await as(reader).get(`${url}/decision.pdf`)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/pdf')
    t.equal(response.headers['content-disposition'], 'inline; filename="quyet-dinh-to-tu-van-2024-v3.pdf"')
    const { pages, text } = await pdfText(response.rawPayload)
    for (const expected of ['BỘ CÔNG AN', 'CỤC Y TẾ', 'Số: 16/QĐ-H06-PV01', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 05 tháng 01 năm 2024', 'QUYẾT ĐỊNH', 'Về việc thành lập Tổ tư vấn cho đơn vị Cụm trưởng Cụm thi đua số 9 năm 2024',
      'Điều 1.', 'Đồng chí Thượng tá Nguyễn Văn Hùng, Phó Cục trưởng, Cục Y tế.', 'Đồng chí Thiếu tá Lê Đức Thành, Đội trưởng, Cục Y tế.',
      'Điều 2.', 'Điều 3.', 'Nơi nhận:', 'THỦ TRƯỞNG ĐƠN VỊ']) {
      t.ok(text.replace(/\s+/g, ' ').includes(expected), `has "${expected}"`)
    }
    for (const page of pages) t.ok(page.includes('phiên bản 3'), 'the footer names the version')
    const first = await pdfText((await as(reader).get(`${url}/decision.pdf?version=1`)).rawPayload)
    t.ok(first.text.includes('Trần Thị Mai'), 'an earlier version prints as it was')
    t.same((await as(reader).get(`${url}/decision.pdf`)).rawPayload, response.rawPayload, 'the same version gives the same bytes')
    await checkPdfNegotiation(t, app, reader, `${url}/decision.pdf`, '/v1/clusters/{clusterId}/advisory-groups/{year}/decision.pdf')
  })

  t.test('the decision as a .docx: the same words, in Word\'s document.xml', async (t) => {
    const response = await as(reader).get(`${url}/decision.docx`)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    t.equal(response.headers['content-disposition'], 'attachment; filename="quyet-dinh-to-tu-van-2024-v3.docx"')
    t.equal(response.rawPayload.subarray(0, 2).toString('latin1'), 'PK', 'a zip')
    const file = join(mkdtempSync(join(tmpdir(), 'decision-')), 'decision.docx')
    writeFileSync(file, response.rawPayload)
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8')
    const text = xml.replace(/<[^>]+>/g, '')
    for (const expected of ['BỘ CÔNG AN', 'CỤC Y TẾ', 'Số: 16/QĐ-H06-PV01', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 05 tháng 01 năm 2024', 'QUYẾT ĐỊNH', 'Về việc thành lập Tổ tư vấn cho đơn vị Cụm trưởng Cụm thi đua số 9 năm 2024',
      'Điều 1.', 'Đồng chí Thượng tá Nguyễn Văn Hùng, Phó Cục trưởng, Cục Y tế.', 'Điều 2.', 'Điều 3.', 'Nơi nhận:', 'THỦ TRƯỞNG ĐƠN VỊ']) {
      t.ok(text.includes(expected), `has "${expected}"`)
    }
    t.ok(execFileSync('unzip', ['-p', file, 'word/footer1.xml']).toString('utf8').includes('phiên bản 3'), 'the footer names the version')
    const first = (await as(reader).get(`${url}/decision.docx?version=1`)).rawPayload
    writeFileSync(file, first)
    t.ok(execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8').includes('Trần Thị Mai'), 'an earlier version as it was')
    const refused = await as(reader).get(`${url}/decision.docx`, { accept: 'application/pdf' })
    t.match(refused.json(), { status: 406, code: 'not_acceptable' })
    t.match((await as(reader).get(`/v1/clusters/${other}/advisory-groups/2030/decision.docx`)).json(), { status: 404, code: 'advisory_group_not_found' })
  })
})

t.test('a review names reviewers of the year\'s advisory group (reviewerIds)', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const [yte, cnan] = ids
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  for (const [i, unitId] of [yte, cnan].entries()) {
    const unit = auth({ role: 'unit', unitId, sub: `unit-${i}` })
    await expectStatus(as(unit).put(card(unitId), { entries: CLUSTER_9_ENTRIES[i] }), 201)
    await expectStatus(as(unit).post(`${card(unitId)}/submit`, {}), 200)
  }

  const noGroup = await as(sec9).post(`${card(yte)}/review`, { entries: [{ code: 'I.2', points: 8, reviewerIds: [NIL] }] })
  t.match(noGroup.json(), { status: 422, code: 'reviewer_not_in_advisory_group' }, 'no group for 2024 yet')
  t.match(noGroup.json().detail, /has no advisory group for 2024/)

  const group = await expectStatus(as(sec9).put(`/v1/clusters/${cluster9.id}/advisory-groups/2024`, {
    decision: { number: '15/QĐ-H06-PV01', date: '2024-01-05', issuer: 'Cục Y tế' },
    members: [
      { name: 'Nguyễn Văn Hùng', rank: 'Thượng tá', position: 'Trưởng phòng Tham mưu', unitId: yte },
      { name: 'Trần Thị Mai', rank: 'Trung tá', position: 'Phó Trưởng phòng', unitId: yte }
    ]
  }), 201)
  const [hung, mai] = group.members.map((m: any) => m.id)
  // A group of another year does not count.
  await expectStatus(as(sec9).put(`/v1/clusters/${cluster9.id}/advisory-groups/2025`, {
    decision: { number: '2/QĐ-H06-PV01', date: '2025-01-03', issuer: 'Cục Y tế' },
    members: [{ name: 'Lê Văn Nam', position: 'Chuyên viên', unitId: yte }]
  }), 201)
  const nextYear = (await as(sec9).get(`/v1/clusters/${cluster9.id}/advisory-groups/2025`)).json().members[0].id

  const refusals: Array<[object, number, string]> = [
    [{ entries: [{ code: 'I.2', points: 8, reviewerIds: [hung, NIL] }] }, 422, 'reviewer_not_in_advisory_group'],
    [{ entries: [{ code: 'I.2', points: 8, reviewerIds: [nextYear] }] }, 422, 'reviewer_not_in_advisory_group'],
    [{ entries: [{ code: 'I.2', points: 8, reviewerIds: [hung, hung] }] }, 400, 'validation_failed'],
    [{ entries: [{ code: 'I.2', points: 8, reviewerIds: Array.from({ length: 11 }, () => hung) }] }, 400, 'validation_failed'],
    [{ entries: [{ code: 'I.2', points: 8, reviewerIds: ['not-a-uuid'] }] }, 400, 'validation_failed']
  ]
  for (const [payload, status, code] of refusals) {
    const response = await as(sec9).post(`${card(yte)}/review`, payload)
    t.match(response.json(), { status, code }, JSON.stringify(payload))
  }
  const refused = await as(sec9).post(`${card(yte)}/review`, refusals[0][0])
  t.match(refused.json().detail, new RegExp(`names reviewer ${NIL}, who is not a member`), 'the 422 names the id')
  t.equal((await as(sec9).get(card(yte))).json().status, 'submitted', 'nothing changed')

  const reviewed = await as(sec9).post(`${card(yte)}/review`, { entries: [{ code: 'I.2', points: 8, reviewerIds: [hung, mai] }, { code: 'I.3', points: 9 }] })
  t.equal(reviewed.statusCode, 200, reviewed.body)
  t.same(reviewed.json().review, [{ code: 'I.2', points: 8, reviewerIds: [hung, mai] }, { code: 'I.3', points: 9 }], 'stored and answered with the review')

  // Mai leaves the group: Hùng keeps his id, so the review that named him still resolves; Mai is refused from then on.
  await expectStatus(as(sec9).put(`/v1/clusters/${cluster9.id}/advisory-groups/2024`, { decision: group.decision, members: [group.members[0]] }), 200)
  t.same((await as(sec9).get(card(yte))).json().review[0].reviewerIds, [hung, mai], 'the review keeps whom it named')
  const left = await as(sec9).post(`${card(cnan)}/review`, { entries: [{ code: 'I.2', points: 8, reviewerIds: [mai] }] })
  t.match(left.json(), { status: 422, code: 'reviewer_not_in_advisory_group' })
  await expectStatus(as(sec9).post(`${card(cnan)}/review`, { entries: [{ code: 'I.2', points: 8, reviewerIds: [hung] }] }), 200)
})
