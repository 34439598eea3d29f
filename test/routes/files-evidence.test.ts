// A self-assessment entry cites stored files as evidence beside links (review and explanation entries cite none):
// the file must exist and be the caller's to cite (422 `evidence_file_not_found` naming it), the save's audit record
// carries its SHA-256, whoever reads a citing scorecard reads the file, and a file a finalized scorecard cites cannot
// be deleted (409 `file_in_use`).
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { CLUSTER_9_ENTRIES, cluster9Ids, publishScheme } from '../helpers/scorecards.js'
import { named, pdfBytes, PDF_TYPE } from '../helpers/files.js'

t.test('evidence cites stored files; a finalized scorecard keeps them', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster9, cluster8, units } = await seedClusters(app, admin, { members: '2024-01-01' })
  const ids = cluster9Ids(units)
  const [yte, cnan] = ids
  const unitOf = (unitId: string) => auth({ role: 'unit', unitId, sub: `unit-${unitId}` })
  const schemeId = await publishScheme(app, admin, cluster9.id, ids)
  const upload = async (token: string, name: string) => {
    const r = await app.inject({ method: 'POST', url: '/v1/files', headers: { authorization: token, 'content-type': PDF_TYPE, 'content-disposition': named(name) }, payload: await pdfBytes(name) })
    if (r.statusCode !== 201) throw new Error(r.body)
    return r.json()
  }
  const report = await upload(unitOf(yte), 'Báo cáo thành tích Cục Y tế 2024.pdf')
  const others = await upload(unitOf(cnan), 'Báo cáo của đơn vị khác.pdf')
  const card = `/v1/scoring-schemes/${schemeId}/scorecards/${yte}`
  const withEvidence = (evidence: unknown[]) => [{ ...CLUSTER_9_ENTRIES[0][0], evidence }, ...CLUSTER_9_ENTRIES[0].slice(1)]

  const unknown = randomUUID()
  const refused = await as(unitOf(yte)).put(card, { entries: withEvidence([{ fileId: unknown }]) })
  t.equal(refused.statusCode, 422)
  t.equal(refused.json().code, 'evidence_file_not_found')
  t.same(refused.json().fileIds, [unknown], 'the problem names the file')
  const notMine = await as(unitOf(yte)).put(card, { entries: withEvidence([{ fileId: others.id }]) })
  t.equal(notMine.json().code, 'evidence_file_not_found', 'another unit\'s file is not the unit\'s to cite')

  const saved = await as(unitOf(yte)).put(card, { entries: withEvidence(['https://example.vn/bao-cao.pdf', { url: 'https://example.vn/anh.png' }, { fileId: report.id }]) })
  t.equal(saved.statusCode, 201, saved.body)
  t.same(saved.json().entries[0].evidence, ['https://example.vn/bao-cao.pdf', { url: 'https://example.vn/anh.png' }, { fileId: report.id, sha256: report.sha256 }])
  const audit = (await as(admin).get('/v1/audit-events?action=scorecard.saved')).json()
  t.same(audit.items[0].after.entries[0].evidence[2], { fileId: report.id, sha256: report.sha256 }, 'the save\'s audit record carries the sha256')

  // Only the self-assessment cites evidence: a review or an explanation carrying it is refused and changes nothing.
  const sec9 = auth({ role: 'secretariat', clusterId: cluster9.id })
  t.equal((await as(unitOf(yte)).post(`${card}/submit`, {})).statusCode, 200)
  const reviewWithFile = await as(sec9).post(`${card}/review`, { entries: [{ code: 'I.1', points: 20, evidence: [{ fileId: report.id }] }] })
  t.equal(reviewWithFile.statusCode, 400, 'a review entry cites no file')
  t.equal((await as(sec9).post(`${card}/review`, { entries: [{ code: 'I.1', points: 20 }] })).statusCode, 200)
  const explainWithFile = await as(unitOf(yte)).post(`${card}/explain`, { entries: [{ code: 'I.1', comment: 'Xem báo cáo', evidence: [{ fileId: report.id }] }] })
  t.equal(explainWithFile.statusCode, 400, 'an explanation entry cites no file')
  t.equal((await as(admin).get(card)).json().status, 'reviewed', 'and nothing moved')

  // Who reads a file follows what cites it: whoever reads the citing scorecard, by the scorecard's own rule.
  const outside = units['Cục Công nghệ thông tin']
  const reads = async (token: string) => [
    (await app.inject({ url: `/v1/files/${report.id}/meta`, headers: { authorization: token } })).statusCode,
    (await app.inject({ url: `/v1/files/${report.id}`, headers: { authorization: token } })).statusCode
  ]
  t.same(await reads(sec9), [200, 200], 'the secretariat of the cluster whose scorecard cites it')
  t.same(await reads(auth({ role: 'secretariat', clusterId: cluster8.id })), [404, 404], 'another cluster\'s secretariat')
  t.same(await reads(unitOf(cnan)), [404, 404], 'a fellow member, while the citing scorecard is a draft it does not read')
  t.equal((await as(unitOf(cnan)).get(card)).statusCode, 404, '(as the scorecard itself)')
  const shareDrafts = async (on: boolean) => t.equal((await as(admin).patch(`/v1/clusters/${cluster9.id}`, { rules: { membersReadDraftScorecards: on } })).statusCode, 200)
  await shareDrafts(true)
  t.same(await reads(unitOf(cnan)), [200, 200], 'a fellow member, where the cluster shares its drafts')
  t.same(await reads(unitOf(outside)), [404, 404], 'not a unit of another cluster')
  await shareDrafts(false)
  t.same(await reads(unitOf(cnan)), [404, 404], 'no longer once the cluster stops sharing them')

  // A secretariat reads what its member units uploaded, cited or not; another cluster's does not.
  const othersMeta = (token: string) => app.inject({ url: `/v1/files/${others.id}/meta`, headers: { authorization: token } })
  t.equal((await othersMeta(sec9)).statusCode, 200, 'the secretariat of the uploader\'s cluster')
  t.equal((await othersMeta(auth({ role: 'secretariat', clusterId: cluster8.id }))).statusCode, 404)
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/files/${others.id}`, headers: { authorization: sec9 } })).statusCode, 403, 'which it reads but does not delete')
  const forYte = await upload(sec9, 'Biên bản kiểm tra Cục Y tế.pdf')
  t.equal((await app.inject({ url: `/v1/files/${forYte.id}/meta`, headers: { authorization: unitOf(yte) } })).statusCode, 404, 'a file the unit neither uploaded nor reads a citation of')

  // Not yet final: the uploader may still delete a spare copy; once final, the cited file stays.
  const spare = await upload(unitOf(yte), 'Bản nháp.pdf')
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/files/${spare.id}`, headers: { authorization: unitOf(yte) } })).statusCode, 204)
  await app.db('scorecards').where({ scheme_id: schemeId, unit_id: yte }).update({ status: 'finalized' })
  for (const token of [unitOf(yte), admin]) {
    const kept = await app.inject({ method: 'DELETE', url: `/v1/files/${report.id}`, headers: { authorization: token } })
    t.equal(kept.statusCode, 409)
    t.equal(kept.json().code, 'file_in_use')
  }
  t.equal((await app.inject({ url: `/v1/files/${report.id}/meta`, headers: { authorization: admin } })).statusCode, 200, 'and it is still there')
  // Final scores are read by every member of the cluster in the year, and with them the files they cite.
  t.same(await reads(unitOf(cnan)), [200, 200], 'a fellow member, once the citing scorecard is final')
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/files/${report.id}`, headers: { authorization: unitOf(cnan) } })).statusCode, 403, 'which it reads but does not delete')
  t.same(await reads(unitOf(outside)), [404, 404], 'still not a unit of another cluster')
})
