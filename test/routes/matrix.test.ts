// GET /v1/scoring-schemes/{schemeId}/matrix (issue 14 part 7) over HTTP: Cụm 9's seven units reviewed, one of
// them reviewed again after its explanation, in each of the four representations, and the refusals.
import t from 'tap'
import ExcelJS from 'exceljs'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus, NIL } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_9_ENTRIES, cluster9Ids, publishScheme, scorecardCallers } from '../helpers/scorecards.js'
import { CLUSTER_9_SCHEME } from '../helpers/scoring.js'
import { pdfText } from '../documents/pdf-text.js'
import { MATRIX_PRINT_MAX_UNITS } from '../../src/documents/scoring-matrix-document.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const ALPHABETICAL = ['Bệnh viện 19.8', 'Bệnh viện 199', 'Bệnh viện 30/4', 'Bệnh viện Y học cổ truyền', 'Cục Công nghiệp an ninh', 'Cục Hậu cần', 'Cục Y tế']
const CODES = ['I', 'I.1', 'I.2', 'I.3', 'II', 'II.1', 'II.2', 'BD']

t.test('the scoring matrix of Cụm 9', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const { cluster9, units } = seeded
  const ids = cluster9Ids(units)
  const cnan = ids[1]
  const { sec9, sec8, reader, unitOf } = scorecardCallers(auth, seeded)
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const card = (unitId: string) => `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
  const matrix = `/v1/scoring-schemes/${schemeId}/matrix`
  for (const [i, unitId] of ids.entries()) {
    await expectStatus(as(unitOf(unitId)).put(card(unitId), { entries: CLUSTER_9_ENTRIES[i] }), 201)
    await expectStatus(as(unitOf(unitId)).post(`${card(unitId)}/submit`, {}), 200)
    await expectStatus(as(sec9).post(`${card(unitId)}/review`, { entries: unitId === cnan ? [{ code: 'I.3', points: 5 }] : [] }), 200)
  }
  await expectStatus(as(unitOf(cnan)).post(`${card(cnan)}/explain`, { entries: [{ code: 'I.3', comment: 'Bổ sung quyết định công nhận' }] }), 200)
  await expectStatus(as(sec9).post(`${card(cnan)}/review`, { entries: [{ code: 'I.3', points: 7.5 }] }), 200)

  await t.test('JSON: the units in alphabetical order, a row per criterion, four stages per unit', async (t) => {
    const response = await as(reader).get(matrix)
    t.equal(response.statusCode, 200)
    t.match(response.headers['content-type'], /^application\/json/)
    t.equal(response.headers.vary, 'Accept')
    const body = response.json()
    t.match(body, { schemeId, clusterId: cluster9.id, year: 2024, period: 'annual', final: false })
    t.same(body.units.map((u: { name: string }) => u.name), ALPHABETICAL)
    t.match(body.units[4], { unitId: cnan, shortName: null, code: 'H08', status: 'second_reviewed' })
    t.same(body.rows.map((r: { code: string }) => r.code), CODES)
    t.match(body.rows[3], { code: 'I.3', name: 'Sáng kiến, đề tài được công nhận', kind: 'per_occurrence', depth: 2, maxPoints: 10 })
    t.same(body.rows[3].cells[4], { unitId: cnan, self: 10, reviewed: 5, secondReview: 7.5, final: 7.5, notApplicable: false },
      'Cục Công nghiệp an ninh: 4 initiatives self-assessed, 2 accepted at review, 3 after its explanation')
    t.same(body.rows[0].cells[4], { unitId: cnan, self: 37.92, reviewed: 32.92, secondReview: 35.42, final: 35.42, notApplicable: false }, 'group I sums its children')
    t.same(body.rows[0].cells[6], { unitId: ids[0], self: 37.5, reviewed: 37.5, secondReview: null, final: 37.5, notApplicable: false }, 'Cục Y tế: no second review')
    const ranking = (await as(reader).get(`/v1/scoring-schemes/${schemeId}/ranking?breakdown=true`)).json()
    const line = ranking.items.find((i: { unitId: string }) => i.unitId === cnan)
    t.equal(body.rows[3].cells[4].final, line.breakdown[0].children[2].points, 'final as the ranking counts it')
    for (const token of [sec9, admin]) t.equal((await as(token).get(matrix)).statusCode, 200)
  })

  await t.test('CSV: BOM, a title row, Vietnamese headers, a line per criterion', async (t) => {
    const response = await as(reader).get(`${matrix}?format=csv`)
    t.equal(response.statusCode, 200)
    t.match(response.headers['content-type'], /^text\/csv; charset=utf-8/)
    t.match(response.headers['content-disposition'], /attachment; filename="bang-tong-hop-diem-2024-annual.csv"/)
    t.same([...response.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM')
    const lines = response.rawPayload.toString('utf8').slice(1).split('\r\n')
    t.equal(lines[0], 'Bảng tổng hợp điểm thi đua — Cụm thi đua số 9 — năm 2024 — cả năm')
    t.match(lines[1], /^Mã,Tiêu chí,Điểm tối đa,Bệnh viện 19\.8 – Tự chấm,Bệnh viện 19\.8 – Thẩm định,Bệnh viện 19\.8 – Thẩm định lại,Bệnh viện 19\.8 – Điểm cuối cùng,/)
    t.equal(lines[1].split(',').length, 3 + 4 * 7)
    t.match(lines[5], /^I\.3,"Sáng kiến, đề tài được công nhận",10\.00,/)
    t.equal(lines[5].split(',').slice(4 * 4 + 4, 4 * 5 + 4).join(','), '10.00,5.00,7.50,7.50', 'Cục Công nghiệp an ninh\'s four stages')
    t.equal(lines[5].split(',').slice(4 * 6 + 4).join(','), '7.50,7.50,,7.50', 'an empty cell where a stage has no value')
    t.equal(lines.length, 2 + CODES.length + 1, 'a title, a header, eight criteria and the final line break')
  })

  await t.test('CSV with ?decimal=comma: comma decimals and semicolons, for Excel under a Vietnamese locale; other values 400', async (t) => {
    const response = await as(reader).get(`${matrix}?format=csv&decimal=comma`)
    t.equal(response.statusCode, 200)
    const lines = response.rawPayload.toString('utf8').slice(1).split('\r\n')
    t.equal(lines[1].split(';').length, 3 + 4 * 7, 'the headers separated by semicolons')
    t.match(lines[5], /^I\.3;Sáng kiến, đề tài được công nhận;10,00;/, 'a comma in a name needs no quotes between semicolons')
    t.equal(lines[5].split(';').slice(4 * 4 + 3, 4 * 5 + 3).join(';'), '10,00;5,00;7,50;7,50', 'Cục Công nghiệp an ninh\'s four stages')
    t.equal(lines[5].split(';').slice(4 * 6 + 3).join(';'), '7,50;7,50;;7,50', 'an empty cell where a stage has no value')
    const refused = await as(reader).get(`${matrix}?format=csv&decimal=semicolon`)
    t.equal(refused.statusCode, 400)
    t.match(refused.json(), { status: 400 })
  })

  await t.test('XLSX: merged headers, frozen panes, numbers as numbers, group rows bold', async (t) => {
    const response = await as(reader).get(matrix, { accept: XLSX })
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], XLSX)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Ma trận tiêu chí')!
    t.equal(sheet.getCell('A1').value, 'Bảng tổng hợp điểm thi đua — Cụm thi đua số 9 — năm 2024 — cả năm')
    t.same((sheet.getRow(2).values as unknown[]).slice(1, 5), ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Bệnh viện 19.8'])
    t.same((sheet.getRow(3).values as unknown[]).slice(4, 8), ['Tự chấm', 'Thẩm định', 'Thẩm định lại', 'Điểm cuối cùng'])
    const merges = (sheet.model as unknown as { merges: string[] }).merges
    t.ok(merges.includes('D2:G2') && merges.includes('AB2:AE2'), 'each unit\'s name merged over its four stages')
    t.ok(merges.includes('A2:A3') && merges.includes('B2:B3'), 'the code and the criterion over both header rows')
    t.equal(sheet.getCell('T2').value, 'Cục Công nghiệp an ninh', 'the name in the first of its four columns')
    t.match(sheet.views[0], { state: 'frozen', xSplit: 2, ySplit: 3 }, 'the header rows and the code and name columns stay in view')
    const i3 = sheet.getRow(7)
    t.same([i3.getCell(1).value, i3.getCell(2).value, i3.getCell(3).value], ['I.3', 'Sáng kiến, đề tài được công nhận', 10])
    t.same([20, 21, 22, 23].map((c) => i3.getCell(c).value), [10, 5, 7.5, 7.5], 'numbers, not text')
    t.equal(i3.getCell(21).numFmt, '0.00', 'shown with two decimals')
    t.equal(i3.getCell(30).value, null, 'an empty cell for no second review')
    t.equal(sheet.getRow(4).font?.bold, true, 'group I bold')
    t.notOk(i3.font?.bold, 'a leaf not')
    t.equal(sheet.rowCount, 3 + CODES.length)
  })

  await t.test('PDF: the official heading, A4 landscape, the units continued over pages repeating the criteria', async (t) => {
    const response = await as(sec9).get(`${matrix}?format=pdf`)
    t.equal(response.statusCode, 200)
    t.equal(response.headers['content-type'], 'application/pdf')
    t.match(response.headers['content-disposition'], /inline; filename="bang-tong-hop-diem-2024-annual.pdf"/)
    t.match(response.rawPayload.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/, 'landscape')
    const { pages, text } = await pdfText(response.rawPayload)
    t.equal(pages.length, 3, 'seven units: three, two and two a page')
    t.match(pages[0], /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.*BẢNG TỔNG HỢP ĐIỂM THI ĐUA Cụm thi đua số 9 — năm 2024 — cả năm BẢN DỰ THẢO/)
    for (const page of pages) t.match(page, /Mã Tiêu chí Điểm tối đa .*Tự chấm Thẩm định Thẩm định lại Điểm cuối cùng/, 'the criterion columns on every page')
    for (const page of pages) t.match(page, /Sáng kiến, đề tài được công nhận/)
    for (const name of ALPHABETICAL) t.match(text, name)
    t.match(pages[1], /tiếp theo\): đơn vị 4–5 trong 7 đơn vị/)
    t.match(pages[1], /Sáng kiến, đề tài được công nhận 10,00 .*10,00 5,00 7,50 7,50/, 'Cục Công nghiệp an ninh\'s I.3, Vietnamese decimals')
    t.match(text, /Trang 3\/3/)
  })

  await t.test('the representation by Accept, or by ?format= which wins; 406 for none of the four', async (t) => {
    const get = (accept: string, query = '') => as(reader).get(`${matrix}${query}`, { accept })
    t.match((await get('text/csv')).headers['content-type'], /^text\/csv/)
    t.equal((await get('application/pdf')).headers['content-type'], 'application/pdf')
    t.match((await get('*/*')).headers['content-type'], /^application\/json/)
    const formatWins = await get('application/json', '?format=xlsx')
    t.equal(formatWins.headers['content-type'], XLSX)
    t.equal(formatWins.headers.vary, undefined, 'chosen by the URL: the answer does not vary by Accept')
    const refused = await get('text/html')
    t.equal(refused.statusCode, 406)
    t.match(refused.json(), { code: 'not_acceptable', offered: ['application/json', 'text/csv', XLSX, 'application/pdf'] })
    t.equal((await get('application/json', '?format=docx')).statusCode, 400)
  })

  await t.test('refusals: another cluster, a member before final, no such scheme, a draft', async (t) => {
    const outside = unitOf(units['Cục Viễn thông và cơ yếu'])
    for (const token of [sec8, outside, unitOf(cnan)]) {
      const refused = await as(token).get(matrix)
      t.equal(refused.statusCode, 403)
      t.equal(refused.json().code, 'forbidden')
    }
    t.match((await as(reader).get(`/v1/scoring-schemes/${NIL}/matrix`)).json(), { status: 404, code: 'scoring_scheme_not_found' })
    const draft = await created(app, admin, `/v1/clusters/${cluster9.id}/scoring-schemes`, { ...CLUSTER_9_SCHEME, year: 2025 })
    t.match((await as(reader).get(`/v1/scoring-schemes/${draft.id}/matrix?format=pdf`)).json(), { status: 409, code: 'scheme_not_published' })
  })

  await t.test('once final, the members read it; the PDF is no longer a draft', async (t) => {
    await expectStatus(as(sec9).post(`/v1/scoring-schemes/${schemeId}/finalize`, {}), 200)
    const response = await as(unitOf(cnan)).get(matrix)
    t.equal(response.statusCode, 200)
    t.match(response.json(), { final: true })
    const { text } = await pdfText((await as(unitOf(ids[6])).get(`${matrix}?format=pdf`)).rawPayload)
    t.notMatch(text, /BẢN DỰ THẢO/)
    t.match(text, /Điểm thi đua đã chốt — Cụm thi đua số 9, năm 2024/)
  })
})

t.test('a matrix of more units than a print holds is refused as a PDF, before any page is laid out, and read in every other format', async (t) => {
  // The 3,434-member cluster's print took the process past its heap and ended it; 101 units are enough to be refused.
  const { app, admin } = await build(t)
  const as = caller(app)(admin)
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối các đơn vị địa phương' })
  const cluster = await created(app, admin, '/v1/clusters', { number: 1, name: 'Cụm thi đua số 1', blockId: block.id })
  const ids: string[] = []
  for (let i = 1; i <= MATRIX_PRINT_MAX_UNITS + 1; i++) {
    const unit = await created(app, admin, '/v1/units', { name: `Công an đơn vị số ${i}` })
    await created(app, admin, `/v1/clusters/${cluster.id}/members`, { unitId: unit.id, from: '2024-01-01' })
    ids.push(unit.id)
  }
  const schemeId = await publishScheme(app, admin, cluster.id, ids)
  const matrix = `/v1/scoring-schemes/${schemeId}/matrix`
  for (const request of [as.get(`${matrix}?format=pdf`), as.get(matrix, { accept: 'application/pdf' })]) {
    const refused = await request
    t.equal(refused.statusCode, 422)
    t.match(refused.json(), { code: 'matrix_too_large_to_print', units: 101, maxUnits: MATRIX_PRINT_MAX_UNITS, detail: /101 units.*at most 100.*format=csv/ })
  }
  for (const format of ['json', 'csv', 'xlsx']) t.equal((await as.get(`${matrix}?format=${format}`)).statusCode, 200, format)
})
