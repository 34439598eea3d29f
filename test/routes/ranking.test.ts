import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_9_ENTRIES, cluster9Ids, publishScheme } from '../helpers/scorecards.js'
import { targetsFor } from '../helpers/scoring.js'
import { insertFinalization } from '../../src/db/scorecards-repository.js'
import { seedFinalRanking } from '../helpers/elections.js'
import { createUnit } from '../helpers/units.js'
import ExcelJS from 'exceljs'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

t.test('the ranking of Cụm 9, computed by the engine from the reviewed scorecards', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const [yte, cnan, haucan, bv198, bv304, bv199, yhct] = ids
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const reader = auth({ role: 'reader' })
  const unitOf = (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` })
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  const ranking = `/v1/scoring-schemes/${schemeId}/ranking`

  for (const [i, unitId] of ids.entries()) {
    await expectStatus(as(unitOf(unitId)).put(card(unitId), { entries: CLUSTER_9_ENTRIES[i] }), 201)
    await expectStatus(as(unitOf(unitId)).post(`${card(unitId)}/submit`, {}), 200)
    const entries = unitId === cnan ? [{ code: 'I.3', points: 5 }] : []
    await expectStatus(as(sec9).post(`${card(unitId)}/review`, { entries }), 200)
  }
  await expectStatus(as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'Bổ sung quyết định công nhận' }] }), 200)
  await expectStatus(as(sec9).post(`${card(cnan)}/review`, { entries: [{ code: 'I.3', points: 7.5 }] }), 200)

  const expected = [
    // Cục Y tế, the best everywhere: I = 20 + 10 + 3 × 2.5 = 37.5; II = 25 + 25; bonus 3 × 1 → 90.5, excellent.
    { unitId: yte, unitName: 'Cục Y tế', total: 90.5, rank: 1, band: 'excellent', base: 87.5, bonus: 3, deduction: 0, eligibleForTitles: true, eligibleForMinistryFlag: true, eligibleForGovernmentFlag: true },
    // Bệnh viện 30/4: I.1 = 20·(80 + 95 − 148)/42 = 12.86, I.3 capped at 10; II.1 = 25·(10 − 1)/10 = 22.5;
    // II.2 = 25·(2500 + 2600.5 − 3801)/1400 = 23.21; bonus 1 → 32.86 + 45.71 + 1 = 79.57, fair.
    { unitId: bv304, total: 79.57, rank: 2, band: 'fair', eligibleForTitles: true, eligibleForMinistryFlag: false, eligibleForGovernmentFlag: false },
    // Cục Công nghiệp an ninh: 75.41 self, I.3 reviewed to 5 then, after its explanation, to 7.5 → 72.91.
    { unitId: cnan, total: 72.91, rank: 3, band: 'fair' },
    // Cục Hậu cần and Bệnh viện 199 both total 50; the tie-break group I (25 against 20) orders them.
    { unitId: haucan, total: 50, rank: 4, band: 'not_achieved' },
    { unitId: bv199, total: 50, rank: 5, band: 'not_achieved' },
    { unitId: yhct, total: 38.01, rank: 6 },
    // Bệnh viện 19.8: 10.72 + 13.19 − 2 deductions × 2 = 19.91.
    { unitId: bv198, total: 19.91, rank: 7, deduction: 4 }
  ]

  await t.test('every member in rank order, with totals, bands and eligibility', async (t) => {
    for (const token of [reader, sec9, admin]) t.equal((await as(token).get(ranking)).statusCode, 200)
    t.equal((await as(unitOf(yhct)).get(ranking)).statusCode, 403, 'a member unit reads the ranking once final (scorecards.test.ts)')
    const response = await as(reader).get(ranking)
    const body = response.json()
    t.match(body, { schemeId, clusterId: cluster9.id, year: 2024, period: 'annual', final: false, nextCursor: null })
    t.equal(body.items.length, 7)
    t.match(body.items, expected)
    t.match(body.items[0], { bandName: 'Xuất sắc', underDiscipline: false, status: 'reviewed' })
    t.match(body.items[2], { status: 'second_reviewed' })
    t.notOk('breakdown' in body.items[0], 'no breakdown unless asked')
    const detailed = (await as(reader).get(`${ranking}?breakdown=true`)).json()
    t.same(detailed.items[2].breakdown[0].children.map((c: { points: number }) => c.points), [17.92, 10, 7.5])
    t.equal(detailed.items[2].breakdown[0].children[2].reviewed, true)
    t.equal((await as(reader).get(`${ranking}?breakdown=maybe`)).statusCode, 400)
  })

  await t.test('the ranking as a spreadsheet: a title row, Vietnamese headers, a line per unit', async (t) => {
    const csv = await as(reader).get(`${ranking}?format=csv`)
    t.equal(csv.statusCode, 200)
    t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/)
    t.match(csv.headers['content-disposition'], /attachment; filename="ranking-2024-annual.csv"/)
    const raw = csv.rawPayload
    t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM')
    const lines = raw.toString('utf8').slice(1).split('\r\n')
    t.equal(lines[0], 'Bảng xếp hạng — Cụm thi đua số 9 — năm 2024 — cả năm', 'the title names the cluster, year and period')
    t.match(lines[1], /^Đơn vị,Tổng điểm,Xếp hạng,Xếp loại,/)
    t.equal(lines[2], 'Cục Y tế,90.50,1,Xuất sắc,3.00,0.00,Không,Có,Có,Có')
    t.equal(lines[3], 'Bệnh viện 30/4,79.57,2,Khá,1.00,0.00,Không,Có,Không,Không')
    t.equal(lines.length, 10, 'a title, a header, seven units and the final line break')
  })

  await t.test('the ranking as an Excel workbook: the same table, points as numbers', async (t) => {
    const response = await as(reader).get(`${ranking}?format=xlsx`)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    t.match(response.headers['content-disposition'], /attachment; filename="ranking-2024-annual.xlsx"/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Xếp hạng')!
    t.equal(sheet.getCell('A1').value, 'Bảng xếp hạng — Cụm thi đua số 9 — năm 2024 — cả năm', 'a title row first')
    t.same((sheet.getRow(2).values as unknown[]).slice(1, 5), ['Đơn vị', 'Tổng điểm', 'Xếp hạng', 'Xếp loại'])
    t.same((sheet.getRow(3).values as unknown[]).slice(1), ['Cục Y tế', 90.5, 1, 'Xuất sắc', 3, 0, 'Không', 'Có', 'Có', 'Có'])
    t.equal(typeof sheet.getCell('B4').value, 'number', 'a total is a number a spreadsheet can sum')
    t.equal(sheet.getCell('B4').value, 79.57)
    t.equal(sheet.getCell('B4').numFmt, '0.00', 'shown with two decimals')
    t.equal(sheet.rowCount, 9, 'a title, a header and seven units')
  })

  await t.test('the representation is chosen by Accept, or by ?format= which wins over it', async (t) => {
    const get = (accept: string, query = '') => as(reader).get(`${ranking}${query}`, { accept })
    for (const accept of ['application/json', '*/*', 'text/html, application/json;q=0.9', 'application/*']) {
      const answer = await get(accept)
      t.equal(answer.statusCode, 200)
      t.match(answer.headers['content-type'], /^application\/json/, `Accept: ${accept} → JSON`)
      t.equal(answer.headers.vary, 'Accept', 'the answer varies by Accept')
      t.equal(answer.json().items.length, 7)
    }
    const csv = await get('text/csv')
    t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/, 'Accept: text/csv → CSV')
    t.equal(csv.headers.vary, 'Accept')
    t.equal(csv.rawPayload.toString('utf8').split('\r\n')[2], 'Cục Y tế,90.50,1,Xuất sắc,3.00,0.00,Không,Có,Có,Có')
    const preferred = await get(`application/json;q=0.5, ${XLSX};q=0.8, text/csv;q=0.2`)
    t.equal(preferred.headers['content-type'], XLSX, 'the highest q wins')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(preferred.rawPayload as unknown as ArrayBuffer)
    t.equal(workbook.getWorksheet('Xếp hạng')!.getCell('A3').value, 'Cục Y tế', 'a workbook with the ranking')

    const formatWins = await get('text/csv', '?format=json')
    t.match(formatWins.headers['content-type'], /^application\/json/, '?format=json wins over Accept: text/csv')
    t.equal(formatWins.headers.vary, undefined, 'chosen by the URL: the answer does not vary by Accept')
    t.match((await get('application/json', '?format=xlsx')).headers['content-type'], XLSX, '?format=xlsx wins over Accept')
    t.match((await get('text/html', '?format=csv')).statusCode, 200, '?format= answers even what Accept refuses')

    for (const accept of ['text/html', 'application/json;q=0, text/csv;q=0, */*;q=0', 'application/pdf']) {
      const refused = await get(accept)
      t.equal(refused.statusCode, 406, `Accept: ${accept} → 406`)
      t.equal(refused.headers['content-type'], 'application/problem+json')
      t.equal(refused.headers.vary, 'Accept')
      t.match(refused.json(), { code: 'not_acceptable', status: 406, offered: ['application/json', 'text/csv', XLSX] })
      t.match(refused.json().detail, /application\/json, text\/csv, application\/vnd/)
    }
  })

  await t.test('?decimal=comma writes the CSV for a Vietnamese-locale Excel: comma decimals, semicolons between cells', async (t) => {
    const comma = await as(reader).get(`${ranking}?format=csv&decimal=comma`)
    t.equal(comma.statusCode, 200)
    const lines = comma.rawPayload.toString('utf8').split('\r\n')
    t.same([...comma.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'still UTF-8 with its BOM')
    t.equal(lines[1].split(';')[0], 'Đơn vị', 'the headers separated by semicolons')
    t.equal(lines[2], 'Cục Y tế;90,50;1;Xuất sắc;3,00;0,00;Không;Có;Có;Có', 'points with a decimal comma; the rank a whole number')
    const point = await as(reader).get(`${ranking}?format=csv&decimal=point`)
    t.equal(point.rawPayload.toString('utf8').split('\r\n')[2], 'Cục Y tế,90.50,1,Xuất sắc,3.00,0.00,Không,Có,Có,Có', 'decimal=point is the default')
    const breakdown = (await as(reader).get(`${ranking}?format=csv&decimal=comma&breakdown=true`)).rawPayload.toString('utf8').split('\r\n')
    t.ok(breakdown[1].split(';').includes('I.3 Sáng kiến, đề tài được công nhận'), 'a heading holding a comma is one cell, unquoted between semicolons')
    t.ok(breakdown[2].split(';').slice(10).every((cell) => /^-?\d+,\d\d$/.test(cell)), 'every criterion\'s points with a decimal comma')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await as(reader).get(`${ranking}?format=xlsx&decimal=comma`)).rawPayload as unknown as ArrayBuffer)
    t.equal(workbook.getWorksheet('Xếp hạng')!.getCell('B3').value, 90.5, 'the workbook keeps exact numbers whatever ?decimal=')
    for (const bad of ['dot', 'COMMA', ',']) {
      const refused = await as(reader).get(`${ranking}?format=csv&decimal=${encodeURIComponent(bad)}`)
      t.equal(refused.statusCode, 400, `decimal=${bad} → 400`)
      t.equal(refused.headers['content-type'], 'application/problem+json')
      t.match(refused.json().detail, /decimal/)
    }
  })

  await t.test('breakdown=true adds one column per criterion to the CSV and the workbook, the JSON breakdown\'s points', async (t) => {
    const json = (await as(reader).get(`${ranking}?breakdown=true`)).json()
    // Every criterion in the scheme's order, each group before its children, as the columns should be.
    const flat = (scores: Array<{ points: number, children?: unknown[] }>): number[] =>
      scores.flatMap((s) => [s.points, ...flat((s.children ?? []) as typeof scores)])
    const expectedColumns = [
      'I Công tác xây dựng lực lượng', 'I.1 Tỷ lệ CBCS hoàn thành xuất sắc nhiệm vụ (%)',
      'I.2 Không có CBCS vi phạm kỷ luật phải xử lý', 'I.3 Sáng kiến, đề tài được công nhận',
      'II Công tác chuyên môn, nghiệp vụ', 'II.1 Số hồ sơ, vụ việc tồn đọng', 'II.2 Số lượt khám, chữa bệnh cho CBCS',
      'BD Điểm thưởng, điểm trừ'
    ]
    t.equal(flat(json.items[0].breakdown).length, expectedColumns.length, 'one value per criterion')

    const csv = await as(reader).get(`${ranking}?breakdown=true`, { accept: 'text/csv' })
    const lines = csv.rawPayload.toString('utf8').slice(1).split('\r\n')
    t.same(lines[1].split(',').slice(10).join(','), expectedColumns.map((h) => (h.includes(',') ? `"${h}"` : h)).join(','),
      'headed by code and name, quoted where the name holds a comma')
    const rows = lines.slice(2, -1).map((line) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '')))
    t.equal(rows.length, 7)
    for (const [i, item] of json.items.entries()) {
      t.equal(rows[i][0], item.unitName)
      t.same(rows[i].slice(10, 10 + expectedColumns.length), flat(item.breakdown).map((p) => p.toFixed(2)), `${item.unitName}: the JSON breakdown`)
    }
    t.ok(rows.some((r) => r.slice(10).some((c) => c === '-4.00')), 'a deduction shows as a negative number, not quoted')

    const xlsx = await as(reader).get(`${ranking}?breakdown=true&format=xlsx`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Xếp hạng')!
    t.equal(sheet.getCell('A1').value, 'Bảng xếp hạng — Cụm thi đua số 9 — năm 2024 — cả năm')
    t.same((sheet.getRow(2).values as unknown[]).slice(11), expectedColumns, 'the same criterion columns')
    for (const [i, item] of json.items.entries()) {
      const values = (sheet.getRow(i + 3).values as unknown[]).slice(11)
      t.same(values, flat(item.breakdown), `${item.unitName}: the JSON breakdown, as numbers`)
    }
    t.equal(sheet.getCell('K3').numFmt, '0.00', 'points shown with two decimals')
    t.equal(sheet.getRow(2).cellCount, 10 + expectedColumns.length, 'no column past the criteria')
  })

  await t.test('a unit under discipline in the year loses rank 1 and every title', async (t) => {
    // A record that ended before the year changes nothing.
    await created(app, admin, `/v1/units/${bv198}/discipline-records`, { from: '2023-03-01', until: '2024-01-01', status: 'in_force', note: 'Kỷ luật năm 2023' })
    await created(app, admin, `/v1/units/${yte}/discipline-records`, { from: '2024-06-01', status: 'pending', note: 'Chờ quyết định xử lý kỷ luật' })
    const items = (await as(reader).get(ranking)).json().items
    t.match(items[0], { unitId: bv304, rank: 1, eligibleForTitles: true, eligibleForGovernmentFlag: false })
    t.match(items[1], { unitId: yte, rank: 2, total: 90.5, band: 'excellent', underDiscipline: true, eligibleForTitles: false, eligibleForMinistryFlag: false, eligibleForGovernmentFlag: false })
    t.match(items[6], { unitId: bv198, underDiscipline: false, eligibleForTitles: true })
    // The cluster rule may let a disciplined unit rank first; it still gets no title.
    const cluster = await as(admin).get(`/v1/clusters/${cluster9.id}`)
    await expectStatus(as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { disciplinedUnitMayRankFirst: true } }, { 'if-match': cluster.headers.etag as string }), 200)
    const allowed = (await as(reader).get(ranking)).json().items
    t.match(allowed[0], { unitId: yte, rank: 1, underDiscipline: true, eligibleForTitles: false, eligibleForGovernmentFlag: false })
    t.match(allowed[1], { unitId: bv304, rank: 2 })
  })

  await t.test('final once the scores are finalised', async (t) => {
    await expectStatus(as(sec9).post(`/v1/scoring-schemes/${schemeId}/finalize`, {}), 200)
    const body = (await as(reader).get(ranking)).json()
    t.equal(body.final, true)
    t.match(body.items[0], { status: 'finalized' })
  })
})

t.test('the ranking loads a cluster in a fixed number of queries, whatever its size', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối thử' })
  const counts: number[] = []
  for (const size of [3, 12]) {
    const cluster = await created(app, admin, '/v1/clusters', { number: size, name: `Cụm ${size} đơn vị`, blockId: block.id })
    const ids: string[] = []
    for (let i = 0; i < size; i++) {
      const unitId = (await createUnit(app, admin, { name: `Đơn vị ${size}-${i + 1}` })).id
      await created(app, admin, `/v1/clusters/${cluster.id}/members`, { unitId, from: '2024-01-01' })
      ids.push(unitId)
    }
    const schemeId = await publishScheme(app, admin, cluster.id, ids)
    for (const [i, unitId] of ids.entries()) {
      const token = auth({ role: 'unit', unitId })
      await expectStatus(as(token).put(`/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`, { entries: CLUSTER_9_ENTRIES[i % 7] }), 201)
    }
    await created(app, admin, `/v1/units/${ids[0]}/discipline-records`, { from: '2024-02-01', status: 'in_force', note: 'Kỷ luật' })
    const measured = async () => {
      let queries = 0
      const count = () => { queries++ }
      app.db.on('query', count)
      const response = await as(admin).get(`/v1/scoring-schemes/${schemeId}/ranking?breakdown=true`)
      app.db.off('query', count)
      t.equal(response.statusCode, 200)
      t.equal(response.json().items.length, size)
      return { queries, body: response.json() }
    }
    const first = await measured()
    const again = await measured()
    t.same(again.body, first.body, 'nothing changed: the same ranking')
    t.ok(again.queries < first.queries, `nothing changed: computed once (${first.queries} then ${again.queries} queries)`)
    counts.push(first.queries)
  }
  t.equal(counts[1], counts[0], `the same number of queries for 3 and 12 units (${counts.join(', ')})`)
  t.ok(counts[0] <= 9, `a handful of queries (${counts[0]})`)
})

t.test('a cached ranking never outlives a change to what it reads', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const ranking = `/v1/scoring-schemes/${schemeId}/ranking`
  const leader = async () => (await as(admin).get(ranking)).json().items[0]
  for (const [i, unitId] of ids.entries()) {
    await expectStatus(as(auth({ role: 'unit', unitId })).put(`/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`, { entries: CLUSTER_9_ENTRIES[i] }), 201)
  }
  t.match(await leader(), { unitId: ids[0], rank: 1, underDiscipline: false })
  await created(app, admin, `/v1/units/${ids[0]}/discipline-records`, { from: '2024-06-01', status: 'pending', note: 'Chờ quyết định' })
  t.match(await leader(), { unitId: ids[4], rank: 1 }, 'a discipline record takes rank 1 away at once')
  const cluster = await as(admin).get(`/v1/clusters/${cluster9.id}`)
  await expectStatus(as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { disciplinedUnitMayRankFirst: true } }, { 'if-match': cluster.headers.etag as string }), 200)
  t.match(await leader(), { unitId: ids[0], underDiscipline: true }, 'a rule change is seen at once')
  await expectStatus(as(auth({ role: 'unit', unitId: ids[0] })).put(`/v1/scoring-schemes/${schemeId}/scorecards/${ids[0]}`, { entries: CLUSTER_9_ENTRIES[6] }), 200)
  t.not((await leader()).unitId, ids[0], 'a new self-assessment is seen at once')
})

t.test('a unit that joins after publication gets its first targets on the published scheme, and then ranks', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id, sub: 'sec-9' })
  const newcomer = (await created(app, admin, '/v1/units', { name: 'Cục Quản lý xuất nhập cảnh' })).id as string
  await created(app, admin, `/v1/clusters/${cluster9.id}/members`, { unitId: newcomer, from: '2024-07-01' })
  const ranking = `/v1/scoring-schemes/${schemeId}/ranking`

  const blocked = await as(admin).get(ranking)
  t.equal(blocked.statusCode, 422, 'without its targets the cluster cannot be ranked')
  t.match(blocked.body, newcomer, 'and the answer names the unit')
  const targets = `/v1/scoring-schemes/${schemeId}/targets/${newcomer}`
  const first = await as(sec9).put(targets, { targets: targetsFor(7) })
  t.equal(first.statusCode, 201, first.body)
  t.equal(first.headers.location, targets)
  const ranked = await as(admin).get(ranking)
  t.equal(ranked.statusCode, 200, ranked.body)
  t.ok(ranked.json().items.some((item: { unitId: string }) => item.unitId === newcomer), 'the newcomer is ranked')

  const again = await as(sec9).put(targets, { targets: targetsFor(3) }, { 'if-match': first.headers.etag as string })
  t.equal(again.statusCode, 409, 'its targets, once set, are frozen like everyone else\'s')
  t.equal(again.json().code, 'scheme_published')
  t.same((await as(admin).get(targets)).json().targets, targetsFor(7))
  const established = await as(sec9).put(`/v1/scoring-schemes/${schemeId}/targets/${ids[1]}`, { targets: targetsFor(3) })
  t.equal(established.json().code, 'scheme_published', 'a member of publication day cannot change its targets')

  const late = (await created(app, admin, '/v1/units', { name: 'Cục Cảnh sát giao thông' })).id as string
  await created(app, admin, `/v1/clusters/${cluster9.id}/members`, { unitId: late, from: '2024-10-01' })
  // Finalised directly: finalising needs every scorecard reviewed, which the scorecard tests walk through.
  await app.db.transaction((trx) => insertFinalization(trx, schemeId, 'test-admin', [...ids, newcomer, late]))
  const closed = await as(sec9).put(`/v1/scoring-schemes/${schemeId}/targets/${late}`, { targets: targetsFor(8) })
  t.equal(closed.statusCode, 409)
  t.equal(closed.json().code, 'scores_finalized', 'no first targets once the scores are final')
  t.equal((await as(admin).get(`/v1/scoring-schemes/${schemeId}/targets/${late}`)).statusCode, 404, 'and nothing was stored')
})

t.test('a finalized ranking is among the members it was finalized with; discipline is still read as it is', async (t) => {
  const built = await build(t)
  const { app, admin } = built
  const as = caller(app)
  const { cluster9, schemeId, ids, yte } = await seedFinalRanking(built)
  const ranking = `/v1/scoring-schemes/${schemeId}/ranking`
  const before = await expectStatus(as(admin).get(ranking), 200)
  t.equal(before.final, true)
  t.same((await app.db('scorecard_finalizations').where({ scheme_id: schemeId }).first()).member_unit_ids, [...ids].sort(), 'kept with the finalization')

  // A membership of the finalized year recorded afterwards: no scorecard, no targets, and the scheme takes no more.
  const latecomer = (await created(app, admin, '/v1/units', { name: 'Cục Quản lý xuất nhập cảnh' })).id as string
  await created(app, admin, `/v1/clusters/${cluster9.id}/members`, { unitId: latecomer, from: '2024-09-01' })
  const after = await expectStatus(as(admin).get(ranking), 200)
  t.same(after, before, 'the same ranking, unit for unit')

  await created(app, admin, `/v1/units/${yte}/discipline-records`, { from: '2024-06-01', status: 'pending', note: 'Chờ quyết định' })
  const disciplined = await expectStatus(as(admin).get(ranking), 200)
  t.match(disciplined.items.find((i: { unitId: string }) => i.unitId === yte), { underDiscipline: true },
    'a unit under discipline cannot be proposed for a title, whenever the record comes')
})

t.test('finalized scores stay final: a new version of their scheme cannot be published, and the year keeps its ranking', async (t) => {
  const built = await build(t, { clock: () => new Date('2024-12-20T03:00:00Z') })
  const { app, admin } = built
  const as = caller(app)
  const { cluster9, schemeId, secretariat, bv304, cnan } = await seedFinalRanking(built)
  const ranking = `/v1/scoring-schemes/${schemeId}/ranking`
  const before = await expectStatus(as(admin).get(ranking), 200)

  const v2 = await expectStatus(as(secretariat).post(`/v1/scoring-schemes/${schemeId}/versions`, {}), 201)
  const events = (await as(admin).get('/v1/events')).json().items.length
  for (const token of [secretariat, admin]) {
    const refused = await as(token).post(`/v1/scoring-schemes/${v2.id}/publish`, {})
    t.equal(refused.statusCode, 409)
    t.equal(refused.headers['content-type'], 'application/problem+json')
    t.match(refused.json(), { code: 'scores_finalized', schemeId, detail: /^The scores of 2024 are finalized on version 1/ })
  }
  t.equal((await as(admin).get('/v1/events')).json().items.length, events, 'nothing was written')
  t.match(await expectStatus(as(admin).get(`/v1/scoring-schemes/${schemeId}`), 200), { status: 'published', supersededAt: null })
  t.match(await expectStatus(as(admin).get(`/v1/scoring-schemes/${v2.id}`), 200), { status: 'draft' })
  t.same(await expectStatus(as(admin).get(ranking), 200), before, 'the finalized ranking is still the year\'s, final')
  const election = await as(secretariat).post(`/v1/clusters/${cluster9.id}/elections`,
    { kind: 'title', titleCode: 'ministry_certificate', termYear: 2024, candidateUnitIds: [bv304, cnan] })
  t.equal(election.statusCode, 201, 'title votes of the year still judge eligibility on the finalized ranking')
})
