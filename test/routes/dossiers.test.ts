// Award dossiers over HTTP: Cụm 9 proposes Cục Y tế for the Government flag and its two best units for the Ministry
// flag; the dossiers go through the secretariat, the unit, the Ministry; the cover letter as PDF and .docx; the
// Ministry's roll-up as JSON and XLSX; and each refusal (403, 404, 409, 412, 422) with its code, changing nothing.
import t from 'tap'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from '../helpers/build.js'
import { caller, expectStatus, NIL } from '../helpers/http.js'
import { castAll, openElection, seedFinalRanking } from '../helpers/elections.js'
import { named, PNG_BYTES, XLSX_TYPE } from '../helpers/files.js'
import { checkPdfNegotiation } from '../helpers/pdf-negotiation.js'
import { pdfText } from '../documents/pdf-text.js'
import { docxText } from '../documents/docx-text.js'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

t.test('a Government-flag dossier from the vote to the Ministry\'s acceptance, printed and rolled up', async (t) => {
  const built = await build(t)
  const { app, admin, auth } = built
  const as = caller(app)
  const seeded = await seedFinalRanking(built)
  const { cluster9, secretariat, unitToken, yte, bv304, ids } = seeded
  const clusterId = cluster9.id as string
  const ministry = auth({ role: 'ministry' as any, sub: 'phong-thi-dua-bo' })
  const reader = auth({ role: 'reader', sub: 'reader' })
  const otherSecretariat = auth({ role: 'secretariat', clusterId: seeded.cluster8.id, sub: 'sec-8' })

  // The cluster votes Cục Y tế for the Government flag.
  const electionId = await openElection(app, secretariat, clusterId, { kind: 'title', titleCode: 'government_flag', termYear: 2024, candidateUnitIds: [yte] })
  await castAll(app, unitToken, electionId, ids.map((id) => [id, [yte]]))
  await expectStatus(as(secretariat).post(`/v1/elections/${electionId}/close`, {}), 200)
  // Cục Y tế heads the cluster in 2024: the cover letter is issued in its name.
  await expectStatus(as(admin).put(`/v1/clusters/${clusterId}/terms/2024`, { headUnitId: yte, deputyUnitId: bv304 }), 201)

  const url = `/v1/clusters/${clusterId}/dossiers`
  const body = { year: 2024, titleCode: 'government_flag' }
  t.match((await as(otherSecretariat).post(url, body)).json(), { status: 403, code: 'forbidden' })
  t.match((await as(ministry).post(url, body)).json(), { status: 403, code: 'forbidden' }, 'the Ministry does not make a cluster\'s dossier')
  t.match((await as(unitToken(yte)).post(url, body)).json(), { status: 403 })
  t.match((await as(admin).post(`/v1/clusters/${NIL}/dossiers`, body)).json(), { status: 404, code: 'cluster_not_found' })
  t.match((await as(admin).post(url, { year: 2024, titleCode: 'no_such_title' })).json(), { status: 422, code: 'title_unknown' })
  t.match((await as(admin).post(url, { year: 2024, titleCode: 'emulation_fighter' })).json(), { status: 422, code: 'title_not_for_collectives' })
  t.match((await as(admin).post(url, { year: 2024, titleCode: 'ministry_flag' })).json(), { status: 422, code: 'dossier_no_proposals' })
  t.match((await as(admin).post(url, { year: 2024 })).json(), { status: 400, code: 'validation_failed' })

  const made = await as(secretariat).post(url, body)
  t.equal(made.statusCode, 201)
  const dossier = made.json()
  t.equal(made.headers.location, `/v1/dossiers/${dossier.id}`)
  t.match(dossier, {
    status: 'draft', titleName: String, proposals: [{ unitId: yte, unitName: 'Cục Y tế', status: 'proposed', votes: 7, ballotsCast: 7, electorate: 7 }],
    checklist: [{ unitId: yte, ranking: { rank: 1, total: 90.5 }, underDiscipline: false, standard: { met: true }, achievementReport: false }]
  })
  t.match((await as(secretariat).post(url, body)).json(), { status: 409, code: 'dossier_exists' })

  const dossierUrl = `/v1/dossiers/${dossier.id}`
  for (const token of [admin, reader, ministry, secretariat, unitToken(yte)]) {
    t.equal((await as(token).get(dossierUrl)).statusCode, 200)
  }
  t.match((await as(unitToken(bv304)).get(dossierUrl)).json(), { status: 404, code: 'dossier_not_found' })
  t.match((await as(otherSecretariat).get(dossierUrl)).json(), { status: 403 })
  t.match((await as(admin).get(`/v1/dossiers/${NIL}`)).json(), { status: 404, code: 'dossier_not_found' })
  t.match(made.headers.etag, /^"v1\.[\w-]{12}"$/, 'the version and a digest of the checklist')
  t.equal((await as(admin).get(dossierUrl, { 'if-none-match': made.headers.etag as string })).statusCode, 304)
  t.match((await as(reader).get(url)).json(), { items: [{ id: dossier.id, status: 'draft' }], nextCursor: null })
  t.same((await as(unitToken(bv304)).get(url)).json().items, [], 'a unit lists the dossiers proposing it')

  // The unit uploads its achievement report and attaches it; the submission needs it.
  t.match((await as(secretariat).post(`${dossierUrl}/submit`, {})).json(), { status: 422, code: 'achievement_report_missing', units: [{ unitId: yte, unitName: 'Cục Y tế' }] })
  const file = await expectStatus(app.inject({
    method: 'POST', url: '/v1/files', payload: PNG_BYTES, headers: { authorization: unitToken(yte), 'content-type': 'image/png', 'content-disposition': named('Báo cáo thành tích Cục Y tế 2024.png') }
  }), 201)
  const attachUrl = `${dossierUrl}/attachments`
  t.match((await as(unitToken(yte)).post(attachUrl, { fileId: file.id, kind: 'achievement_report', unitId: bv304 })).json(), { status: 403 })
  t.match((await as(ministry).post(attachUrl, { fileId: file.id, kind: 'other' })).json(), { status: 403 })
  t.match((await as(secretariat).post(attachUrl, { fileId: NIL, kind: 'other' })).json(), { status: 422, code: 'attachment_file_not_found' })
  t.match((await as(secretariat).post(attachUrl, { fileId: file.id, kind: 'achievement_report' })).json(), { status: 422, code: 'attachment_unit_required' })
  const notProposed = (await as(secretariat).post(attachUrl, { fileId: file.id, kind: 'achievement_report', unitId: bv304 })).json()
  t.match(notProposed, { status: 422, code: 'attachment_unit_not_proposed' })
  t.match(notProposed.detail, new RegExp(`^[^(]+ \\(${bv304}\\) is not proposed in this dossier\\.$`), 'the unit by name and id')
  t.match((await as(secretariat).post(attachUrl, { fileId: file.id, kind: 'summary' })).json(), { status: 400 })
  const attached = await as(unitToken(yte)).post(attachUrl, { fileId: file.id, kind: 'achievement_report', unitId: yte })
  t.equal(attached.statusCode, 201)
  t.equal((await as(admin).get(dossierUrl, { 'if-none-match': made.headers.etag as string })).statusCode, 200, 'the report attached: a new tag')
  t.match(attached.json(), { version: 2, attachments: [{ fileId: file.id, fileName: 'Báo cáo thành tích Cục Y tế 2024.png', kind: 'achievement_report' }], checklist: [{ achievementReport: true }] })
  t.match((await as(unitToken(yte)).post(`${dossierUrl}/submit`, {})).json(), { status: 403 }, 'a unit does not submit')
  t.match((await as(secretariat).post(`${dossierUrl}/submit`, {}, { 'if-match': made.headers.etag as string })).json(), { status: 412, code: 'precondition_failed' })

  // The secretariat attaches a file by mistake and removes it: If-Match honoured, the dossier's version and tag advance.
  const mistake = await as(secretariat).post(attachUrl, { fileId: file.id, kind: 'other' })
  t.equal(mistake.statusCode, 201)
  const mistakeId = mistake.json().attachments[1].id as string
  t.match((await as(secretariat).delete(`${attachUrl}/${mistakeId}`, { 'if-match': attached.headers.etag as string })).json(), { status: 412, code: 'precondition_failed' })
  t.match((await as(unitToken(yte)).delete(`${attachUrl}/${mistakeId}`)).json(), { status: 403 }, 'a unit removes its own report only')
  t.match((await as(unitToken(bv304)).delete(`${attachUrl}/${mistakeId}`)).json(), { status: 404, code: 'dossier_not_found' })
  t.match((await as(ministry).delete(`${attachUrl}/${mistakeId}`)).json(), { status: 403 })
  t.match((await as(otherSecretariat).delete(`${attachUrl}/${mistakeId}`)).json(), { status: 403 })
  t.match((await as(secretariat).delete(`${attachUrl}/${NIL}`)).json(), { status: 404, code: 'dossier_attachment_not_found' })
  t.match((await as(secretariat).delete(`${attachUrl}/not-a-uuid`)).json(), { status: 400 })
  t.equal((await as(admin).get(dossierUrl)).json().attachments.length, 2, 'the refusals removed nothing')
  const removed = await as(secretariat).delete(`${attachUrl}/${mistakeId}`, { 'if-match': mistake.headers.etag as string })
  t.equal(removed.statusCode, 200)
  t.match(removed.json(), { version: 4, attachments: [{ kind: 'achievement_report' }] })
  t.equal(removed.json().attachments.length, 1)
  t.match(removed.headers.etag, /^"v4\.[\w-]{12}"$/)
  t.equal((await as(admin).get(dossierUrl, { 'if-none-match': removed.headers.etag as string })).statusCode, 304, 'the answer\'s tag is the dossier\'s')
  t.match((await as(secretariat).delete(`${attachUrl}/${mistakeId}`)).json(), { status: 404, code: 'dossier_attachment_not_found' }, 'removed once')
  t.match((await expectStatus(as(admin).get('/v1/events?limit=200&type=dossier.attachment_removed'), 200)).items,
    [{ type: 'dossier.attachment_removed', resourceId: dossier.id, data: { version: 4 } }])

  // Printed as a draft first.
  const draftPdf = await as(reader).get(`${dossierUrl}/cover-letter.pdf`)
  t.equal(draftPdf.statusCode, 200)
  t.match((await pdfText(draftPdf.rawPayload)).text, /BẢN DỰ THẢO/)

  const submitted = await expectStatus(as(secretariat).post(`${dossierUrl}/submit`, {}, { 'if-match': removed.headers.etag as string }), 200)
  t.match(submitted, { status: 'submitted', contentHash: /^[0-9a-f]{64}$/ })
  t.match((await as(secretariat).post(attachUrl, { fileId: file.id, kind: 'other' })).json(), { status: 409, code: 'dossier_not_editable' })
  t.match((await as(unitToken(yte)).delete(`${attachUrl}/${submitted.attachments[0].id}`)).json(), { status: 409, code: 'dossier_not_editable' }, 'a submitted dossier keeps its attachments')
  t.match((await as(secretariat).post(`${dossierUrl}/submit`, {})).json(), { status: 409, code: 'dossier_wrong_state' })
  t.match((await as(secretariat).post(`${dossierUrl}/return`, { reason: 'Tự trả lại' })).json(), { status: 403 }, 'the cluster does not return its own dossier')
  t.match((await as(reader).post(`${dossierUrl}/accept`, { proposalIds: [dossier.proposals[0].proposalId] })).json(), { status: 403 })
  t.match((await as(ministry).post(`${dossierUrl}/return`, { reason: '' })).json(), { status: 400 })
  t.match((await as(ministry).post(`${dossierUrl}/return`, { reason: '\u200b' })).json(), { status: 422, code: 'invalid_return_reason' })
  const returned = await expectStatus(as(ministry).post(`${dossierUrl}/return`, { reason: 'Đề nghị bổ sung biên bản bỏ phiếu.' }), 200)
  t.match(returned, { status: 'returned', returnReason: 'Đề nghị bổ sung biên bản bỏ phiếu.', contentHash: null })
  t.match((await as(ministry).post(`${dossierUrl}/accept`, { proposalIds: [dossier.proposals[0].proposalId] })).json(), { status: 409, code: 'dossier_wrong_state' })
  await expectStatus(as(secretariat).post(attachUrl, { fileId: file.id, kind: 'other' }), 201)
  await expectStatus(as(secretariat).post(`${dossierUrl}/submit`, {}), 200)

  t.match((await as(ministry).post(`${dossierUrl}/accept`, { proposalIds: [] })).json(), { status: 400 })
  t.match((await as(ministry).post(`${dossierUrl}/accept`, { proposalIds: [NIL] })).json(), { status: 422, code: 'dossier_proposal_unknown', proposalIds: [NIL] })
  // Two clusters in the service: floor(2 × 20 / 100) = 0 Government flags.
  t.match((await as(ministry).post(`${dossierUrl}/accept`, { proposalIds: [dossier.proposals[0].proposalId] })).json(),
    { status: 422, code: 'quota_exceeded', quota: 0, accepted: 0, asked: 1 })
  for (let n = 20; n < 23; n++) {
    await expectStatus(as(admin).post('/v1/clusters', { number: n, name: `Cụm thi đua số ${n}`, blockId: cluster9.blockId, foundedOn: '2019-01-01' }), 201)
  }
  const accepted = await expectStatus(as(ministry).post(`${dossierUrl}/accept`, { proposalIds: [dossier.proposals[0].proposalId] }), 200)
  t.match(accepted, { status: 'accepted', proposals: [{ status: 'accepted' }] })
  t.same(accepted.history.map((h: { to: string, role: string }) => `${h.to}:${h.role}`), ['submitted:secretariat', 'returned:ministry', 'submitted:secretariat', 'accepted:ministry'])

  // The cover letter, submitted: the hash in the footer, the unit with its rank and vote, the attachments.
  await checkPdfNegotiation(t, app, ministry, `${dossierUrl}/cover-letter.pdf`, '/v1/dossiers/{dossierId}/cover-letter.pdf')
  const pdf = await as(ministry).get(`${dossierUrl}/cover-letter.pdf`)
  const { text, pages } = await pdfText(pdf.rawPayload)
  t.match(text, /TỜ TRÌNH/)
  t.match(text, /^BỘ CÔNG AN CỤC Y TẾ/, 'issued by the head unit of the year')
  t.match(text, /Cục Y tế \(đơn vị Cụm trưởng Cụm thi đua số 9 năm 2024\) kính đề nghị/)
  t.match(text, /Đề nghị tặng .* năm 2024/)
  t.match(text, /Số: .*\/TTr-CTĐ/)
  t.match(text, /Hà Nội, ngày/, 'the head unit\'s seat: a unit of the Ministry sits in Hà Nội')
  t.match(text, /Cục Y tế/)
  t.match(text, /7\/7 phiếu/)
  t.match(text, /Báo cáo thành tích của Cục Y tế/)
  t.match(text, new RegExp(accepted.contentHash))
  t.notMatch(text, /BẢN DỰ THẢO/)
  const dir = mkdtempSync(join(tmpdir(), 'cover-letter-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'cover-letter.pdf'), pdf.rawPayload)
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', join(dir, 'cover-letter.pdf'), join(dir, 'page')])
    t.equal(readdirSync(dir).filter((f) => f.endsWith('.png')).length, pages.length, `rendered to PNG in ${dir}`)
  } catch {
    t.comment('pdftoppm is not installed here: the PNG check is skipped')
  }
  const docx = await as(ministry).get(`${dossierUrl}/cover-letter.docx`)
  t.equal(docx.headers['content-type'], DOCX_TYPE)
  const word = await docxText(docx.rawPayload)
  t.ok(word.paragraphs.includes('TỜ TRÌNH'), 'the title in Word')
  t.match(word.text, /Cục Y tế/)
  t.match(word.footers.join(' '), new RegExp(accepted.contentHash))
  t.ok(word.fonts.has('Times New Roman'))

  // The Ministry's roll-up: JSON and XLSX, for the Ministry, reader and admin only.
  const round = await expectStatus(as(ministry).get('/v1/award-rounds/2024'), 200)
  t.match(round, { year: 2024, clustersActive: 5, titles: [{ titleCode: 'government_flag', quota: { basis: 'cluster_leading_units', limit: 1 }, accepted: 1, waiting: 0 }] })
  t.match(round.titles[0].proposals, [{ unitId: yte, clusterId, ranking: { rank: 1, total: 90.5, rankedUnits: 7 }, dossier: { dossierId: dossier.id, status: 'accepted', proposalStatus: 'accepted' } }])
  t.match((await as(secretariat).get('/v1/award-rounds/2024')).json(), { status: 403 })
  t.match((await as(unitToken(yte)).get('/v1/award-rounds/2024')).json(), { status: 403 })
  t.same((await expectStatus(as(reader).get('/v1/award-rounds/2023'), 200)).titles, [])
  const xlsx = await as(reader).get('/v1/award-rounds/2024?format=xlsx')
  t.equal(xlsx.statusCode, 200)
  t.equal(xlsx.headers['content-type'], XLSX_TYPE)
  t.equal((await as(reader).get('/v1/award-rounds/2024', { accept: XLSX_TYPE })).headers['content-type'], XLSX_TYPE)
  t.equal((await as(reader).get('/v1/award-rounds/2024', { accept: 'text/csv' })).statusCode, 406)
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(xlsx.rawPayload as any)
  const sheet = workbook.getWorksheet('Xét khen thưởng')!
  const row = sheet.getRow(3)
  t.same([1, 2, 3, 4, 5, 7, 8, 9, 10].map((c) => row.getCell(c).value), [round.titles[0].titleName, cluster9.name, 'Cục Y tế', '1/7', 90.5, 7, 7, 'Bộ đã xét', 'Chấp thuận'])
  t.match(workbook.getWorksheet('Chỉ tiêu')!.getRow(2).values, [undefined, round.titles[0].titleName, 1, 1, 0, 1])

  // Every step is in the feed.
  const feed = await expectStatus(as(admin).get('/v1/events?limit=200&type=dossier.accepted'), 200)
  t.match(feed.items, [{ type: 'dossier.accepted', resourceType: 'dossier', resourceId: dossier.id, data: { status: 'accepted' } }])
})
