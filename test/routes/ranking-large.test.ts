// The ranking of a cluster of thousands of members: every format is streamed as it is produced (no length known
// ahead, the process never holds the whole answer) and arrives complete and well-formed; requests that find no
// ranking computed yet share one computation instead of each loading the whole cluster.
import t from 'tap'
import ExcelJS from 'exceljs'
import { build } from '../helpers/build.js'
import { caller, created, expectStatus } from '../helpers/http.js'
import { CLUSTER_9_ENTRIES } from '../helpers/scorecards.js'
import { CLUSTER_9_SCHEME, targetsFor } from '../helpers/scoring.js'
import type { App } from '../../src/app.js'

// Enough rows for several of the stream's 64 KiB chunks in every format.
const MEMBERS = 2500

/**
 * A cluster of `MEMBERS` units, each with targets and a draft scorecard, in a published scheme. Written straight
 * into the tables: through the API every scorecard saved is answered scored against the whole cluster.
 */
async function largeCluster (app: App, admin: string) {
  const block = await created(app, admin, '/v1/blocks', { name: 'Khối địa phương' })
  const cluster = await created(app, admin, '/v1/clusters', { number: 1, name: 'Cụm thi đua số 1', blockId: block.id })
  const names = Array.from({ length: MEMBERS }, (_, i) => `Công an đơn vị số ${i + 1}`)
  const units: Array<{ id: string }> = []
  for (let i = 0; i < MEMBERS; i += 500) {
    units.push(...await app.db('units').insert(names.slice(i, i + 500).map((name) => ({
      name, name_key: name.toLowerCase(), search_text: name.toLowerCase(), sort_key: name
    }))).returning('id'))
  }
  const unitIds = units.map((u) => u.id)
  await app.db.batchInsert('memberships', unitIds.map((unitId) => ({
    cluster_id: cluster.id, block_id: block.id, unit_id: unitId, valid_from: '2024-01-01'
  })), 500)
  const schemeId = (await created(app, admin, `/v1/clusters/${cluster.id}/scoring-schemes`, CLUSTER_9_SCHEME)).id as string
  await app.db.batchInsert('scoring_targets', unitIds.map((unitId, i) => ({
    scheme_id: schemeId, unit_id: unitId, targets: JSON.stringify(targetsFor(i % 7))
  })), 500)
  await expectStatus(caller(app)(admin).post(`/v1/scoring-schemes/${schemeId}/publish`, {}), 200)
  await app.db.batchInsert('scorecards', unitIds.map((unitId, i) => ({
    scheme_id: schemeId, unit_id: unitId, entries: JSON.stringify(CLUSTER_9_ENTRIES[i % 7])
  })), 500)
  return { schemeId, names }
}

t.test(`a ${MEMBERS}-member ranking is streamed complete and well-formed as JSON, CSV and Excel`, async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)(admin)
  const { schemeId, names } = await largeCluster(app, admin)
  const ranking = `/v1/scoring-schemes/${schemeId}/ranking`

  const json = await as.get(`${ranking}?breakdown=true`)
  t.equal(json.statusCode, 200)
  t.equal(json.headers['content-length'], undefined, 'streamed: no length known ahead')
  const body = json.json()
  t.match(body, { schemeId, year: 2024, period: 'annual', final: false, nextCursor: null })
  t.equal(body.items.length, MEMBERS, 'every member')
  t.same(body.items.map((i: { unitName: string }) => i.unitName).sort(), [...names].sort(), 'each member once')
  t.ok(body.items.every((i: { rank: number, breakdown: unknown[], status: string }, p: number) =>
    i.rank <= p + 1 && i.breakdown.length === 3 && i.status === 'draft'), 'in rank order, each with its breakdown')
  t.same((await as.get(ranking)).json().items.map((i: { unitId: string }) => i.unitId),
    body.items.map((i: { unitId: string }) => i.unitId), 'the same order without the breakdown')

  // With the breakdown: one column per criterion (8 in this scheme), still streamed row by row.
  const csv = await as.get(`${ranking}?format=csv&breakdown=true`)
  t.equal(csv.statusCode, 200)
  t.equal(csv.headers['content-length'], undefined, 'streamed: no length known ahead')
  const text = csv.rawPayload.toString('utf8')
  t.equal(text[0], '\uFEFF', 'the byte-order mark once, first')
  const lines = text.slice(1).split('\r\n')
  t.equal(lines.length, MEMBERS + 3, 'a title, a header, every member, and the final line break')
  t.equal(lines[0], 'Bảng xếp hạng — Cụm thi đua số 1 — năm 2024 — cả năm')
  t.equal(lines.at(-1), '')
  const rows = lines.slice(2, -1).map((line) => line.split(','))
  t.ok(rows.every((cells) => cells.length === 18), 'ten cells and eight criteria on every line')
  t.same(rows.map((cells) => cells[0]), body.items.map((i: { unitName: string }) => i.unitName), 'the JSON\'s units in its order')
  t.same(rows.map((cells) => cells[1]), body.items.map((i: { total: number }) => i.total.toFixed(2)), 'with its totals')
  t.same(rows.map((cells) => cells[10]), body.items.map((i: { breakdown: Array<{ points: number }> }) => i.breakdown[0].points.toFixed(2)),
    'and its breakdown')

  const xlsx = await as.get(`${ranking}?format=xlsx`)
  t.equal(xlsx.statusCode, 200)
  t.equal(xlsx.headers['content-length'], undefined, 'streamed: no length known ahead')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet('Xếp hạng')!
  t.equal(sheet.rowCount, MEMBERS + 2, 'a title, a header and every member')
  t.equal(sheet.getCell(`A${MEMBERS + 2}`).value, body.items[MEMBERS - 1].unitName, 'the last member last')
  t.equal(sheet.getCell(`B${MEMBERS + 2}`).value, body.items[MEMBERS - 1].total)
  t.equal(sheet.getCell(`B${MEMBERS + 2}`).numFmt, '0.00')
})

t.test('requests that find no ranking computed yet share one computation of it', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)(admin)
  const { schemeId } = await largeCluster(app, admin)
  let loads = 0
  const count = (query: { sql: string }) => { if (query.sql.startsWith('select * from "scorecards"')) loads++ }
  app.db.on('query', count)
  const answers = await Promise.all(Array.from({ length: 4 }, () => as.get(`/v1/scoring-schemes/${schemeId}/ranking`)))
  app.db.off('query', count)
  t.same(answers.map((a) => a.statusCode), [200, 200, 200, 200])
  t.equal(loads, 1, 'the scorecards were read once for the four requests')
})
