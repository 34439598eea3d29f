// The minutes of Cụm thi đua số 3 of the Hồ Chí Minh City police's 2024 annual review, with all seven units present
// (the chair's own unit among them), its secretary, and the head and deputy for 2025 elected at it: the place before
// the date is the city's, every member is listed, the votes are printed with their counts, no flag or award section
// is printed for what did not happen, and the signatures sit on the page of the last lines. Recorded on 6 January,
// the term those votes write is decided on the conference's date. The pledge the conference links prints its place.
import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus } from '../helpers/http.js'
import { CLUSTER_HCM_HEAD, CLUSTER_HCM_UNITS, seedClusterHcm } from '../helpers/conferences.js'
import { pdfText } from '../documents/pdf-text.js'

const HALL = 'Hội trường Công an Thành phố Hồ Chí Minh, 268 Trần Hưng Đạo, Quận 1, Thành phố Hồ Chí Minh'
const SECRETARY = { name: 'Nguyễn Thị Lan', rank: 'Đại úy', position: 'Phó Trưởng phòng Tham mưu' }
const HEAD_2025 = 'Phòng Cảnh sát hình sự'
const DEPUTY_2025 = 'Phòng Hậu cần'

t.test('the minutes of a Hồ Chí Minh City conference with 7 of 7 units present', async (t) => {
  const { app, admin, auth } = await build(t, { clock: () => new Date('2025-01-06T03:00:00Z') })
  const as = caller(app)
  const { cluster, units } = await seedClusterHcm(app, admin)
  const secretariat = auth({ role: 'secretariat', clusterId: cluster.id, sub: 'sec-3' })
  const reader = auth({ role: 'reader' })
  const unitToken = (name: string) => auth({ role: 'unit', unitId: units[name], sub: `unit-${name}` })

  const pledge = await expectStatus(as(secretariat).post(`/v1/clusters/${cluster.id}/pledges`, {
    year: 2025, title: 'Giao ước thi đua phong trào "Vì an ninh Tổ quốc" năm 2025', slogan: 'Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả'
  }), 201)
  t.equal(pledge.place, null, 'a pledge without a place')
  const body = {
    kind: 'annual_review',
    title: 'Hội nghị tổng kết phong trào thi đua "Vì an ninh Tổ quốc" năm 2024',
    year: 2024,
    heldAt: '2024-12-20T08:30:00+07:00',
    location: HALL,
    chair: { name: 'Lê Hồng Nam', rank: 'Thiếu tướng', position: 'Trưởng phòng Tham mưu', unitId: units[CLUSTER_HCM_HEAD] },
    secretary: SECRETARY,
    attendingUnitIds: CLUSTER_HCM_UNITS.slice(1).map((name) => units[name]),
    agenda: ['Báo cáo tổng kết phong trào thi đua năm 2024', 'Bầu đơn vị Cụm trưởng, Cụm phó năm 2025'],
    minutes: 'Hội nghị nghe báo cáo tổng kết và thảo luận.',
    decisions: ['Thông qua báo cáo tổng kết phong trào thi đua năm 2024.'],
    links: { pledgeId: pledge.id }
  }
  const made = await as(secretariat).post(`/v1/clusters/${cluster.id}/conferences`, body)
  t.equal(made.statusCode, 201, made.body)
  const conference = made.json()
  t.equal(conference.place, 'Thành phố Hồ Chí Minh', 'the place defaults to the city the location ends with')
  t.same(conference.secretary, SECRETARY)
  t.match(conference.quorum, { members: 7, attending: 7, met: true })

  await t.test('bad places and secretaries are refused on POST and PATCH, and change nothing', async (t) => {
    const bad: Array<Record<string, unknown>> = [
      { place: '' }, { place: '   ' }, { place: 'x'.repeat(101) }, { place: 7 },
      { secretary: { name: 'Nguyễn Thị Lan' } }, { secretary: { ...SECRETARY, rank: '' } }, { secretary: { ...SECRETARY, unitId: units[CLUSTER_HCM_HEAD] } },
      { secretary: { ...SECRETARY, position: 'x'.repeat(301) } }, { secretary: { ...SECRETARY, name: 'x'.repeat(201) } }, { secretary: 'Nguyễn Thị Lan' }
    ]
    for (const change of bad) {
      const posted = await as(secretariat).post(`/v1/clusters/${cluster.id}/conferences`, { ...body, ...change })
      t.equal(posted.statusCode, 400, `POST ${JSON.stringify(change).slice(0, 60)}`)
      t.match(posted.headers['content-type'], /^application\/problem\+json/)
      const patched = await as(secretariat).patch(`/v1/conferences/${conference.id}`, change)
      t.equal(patched.statusCode, 400, `PATCH ${JSON.stringify(change).slice(0, 60)}`)
    }
    const pledgeRefused = await as(secretariat).patch(`/v1/pledges/${pledge.id}`, { place: '' })
    t.equal(pledgeRefused.statusCode, 400, 'an empty pledge place')
    t.equal((await as(reader).get(`/v1/clusters/${cluster.id}/conferences`)).json().items.length, 1, 'no conference was created')
    t.match((await as(reader).get(`/v1/conferences/${conference.id}`)).json(), { version: 1, place: 'Thành phố Hồ Chí Minh' })
  })

  await t.test('PATCH: the place follows the location until set apart; null brings it back', async (t) => {
    const url = `/v1/conferences/${conference.id}`
    const patch = async (change: Record<string, unknown>) => expectStatus(as(secretariat).patch(url, change), 200)
    t.equal((await patch({ location: 'Hội trường Công an tỉnh, tỉnh Bình Dương' })).place, 'Bình Dương')
    t.equal((await patch({ place: 'Thủ Dầu Một' })).place, 'Thủ Dầu Một')
    t.equal((await patch({ location: HALL })).place, 'Thủ Dầu Một', 'a place set apart stays')
    t.equal((await patch({ place: null })).place, 'Thành phố Hồ Chí Minh')
    t.equal((await patch({ secretary: null })).secretary, null)
    t.same((await patch({ secretary: SECRETARY })).secretary, SECRETARY)
  })

  // The head, then the deputy, each in one round at the conference.
  async function elect (office: 'head' | 'deputy', candidates: string[], votes: Record<string, string | undefined>) {
    const draft = await expectStatus(as(secretariat).post(`/v1/clusters/${cluster.id}/elections`, {
      kind: 'leadership', office, termYear: 2025, candidateUnitIds: candidates.map((name) => units[name]), conferenceId: conference.id
    }), 201)
    await expectStatus(as(secretariat).post(`/v1/elections/${draft.id}/open`, {}), 200)
    for (const name of CLUSTER_HCM_UNITS) {
      await expectStatus(as(unitToken(name)).post(`/v1/elections/${draft.id}/ballots`, {
        voterUnitId: units[name], choices: votes[name] ? [units[votes[name]]] : []
      }), 201)
    }
    const closed = await expectStatus(as(secretariat).post(`/v1/elections/${draft.id}/close`, {}), 200)
    t.match(closed, { status: 'decided' })
  }
  const [tm, cshs, an, hc, tccb, ct, ql] = CLUSTER_HCM_UNITS
  await elect('head', [HEAD_2025, DEPUTY_2025], { [tm]: HEAD_2025, [cshs]: HEAD_2025, [an]: HEAD_2025, [hc]: DEPUTY_2025, [tccb]: HEAD_2025, [ct]: HEAD_2025 })
  await elect('deputy', [DEPUTY_2025, tccb], { [tm]: DEPUTY_2025, [cshs]: DEPUTY_2025, [an]: tccb, [hc]: DEPUTY_2025, [tccb]: tccb, [ct]: DEPUTY_2025, [ql]: tccb })

  await t.test('the term the votes write is decided on the conference\'s date, not the day it was recorded', async (t) => {
    const term = await expectStatus(as(reader).get(`/v1/clusters/${cluster.id}/terms/2025`), 200)
    t.match(term, { headUnitId: units[HEAD_2025], deputyUnitId: units[DEPUTY_2025], chosenBy: 'election', decidedOn: '2024-12-20' })
  })

  await t.test('the minutes: the city, all seven units, the secretary, the votes, no flag, signatures with the last lines', async (t) => {
    await expectStatus(as(secretariat).post(`/v1/conferences/${conference.id}/finalize`, undefined), 200)
    const response = await as(reader).get(`/v1/conferences/${conference.id}/minutes.pdf`)
    t.equal(response.statusCode, 200)
    const { pages, text } = await pdfText(response.rawPayload)
    for (const expected of ['CÔNG AN THÀNH PHỐ HỒ CHÍ MINH', 'CỤM THI ĐUA SỐ 3', 'Thành phố Hồ Chí Minh, ngày 20 tháng 12 năm 2024',
      `Địa điểm: ${HALL}.`, 'Chủ trì: Thiếu tướng Lê Hồng Nam, Trưởng phòng Tham mưu.',
      'Thư ký: Đại úy Nguyễn Thị Lan, Phó Trưởng phòng Tham mưu.', 'Các đơn vị vắng mặt: không có.',
      '7/7 đơn vị thành viên có mặt', 'KẾT QUẢ BỎ PHIẾU TẠI HỘI NGHỊ', 'Bầu đơn vị Cụm trưởng năm 2025', 'Bầu đơn vị Cụm phó năm 2025',
      'Vòng 1: 7/7 đơn vị bỏ phiếu (1 phiếu trắng), cần ít nhất 4 phiếu để trúng.',
      `Số phiếu: ${HEAD_2025}: 5 phiếu; ${DEPUTY_2025}: 1 phiếu.`, `Kết quả: ${HEAD_2025} được bầu.`,
      'Vòng 1: 7/7 đơn vị bỏ phiếu, cần ít nhất 4 phiếu để trúng.', `Số phiếu: ${DEPUTY_2025}: 4 phiếu; ${tccb}: 3 phiếu.`,
      `Kết quả: ${DEPUTY_2025} được bầu.`]) {
      t.ok(text.includes(expected), `has "${expected}"`)
    }
    const present = text.slice(text.indexOf('Các đơn vị trong Cụm có mặt:'), text.indexOf('Các đơn vị vắng mặt:'))
    CLUSTER_HCM_UNITS.forEach((name, i) => t.ok(present.includes(`${i + 1}. ${name}`), `lists ${name} present, ${i + 1}.`))
    for (const absent of ['Hà Nội', 'BÀN GIAO CỜ LUÂN LƯU', 'cờ luân lưu', 'KHEN THƯỞNG']) t.notOk(text.includes(absent), `no "${absent}"`)

    const signed = pages.findIndex((page) => page.includes('CHỦ TRÌ HỘI NGHỊ'))
    t.equal(signed, pages.length - 1, 'the signatures on the last page')
    const last = pages[signed]
    for (const expected of ['THƯ KÝ HỘI NGHỊ', 'Đại úy Nguyễn Thị Lan', 'Thiếu tướng Lê Hồng Nam',
      'Biên bản được lập tại hội nghị ngày 20/12/2024, do thư ký hội nghị ghi và được chủ trì hội nghị ký xác nhận.']) {
      t.ok(last.includes(expected), `the signature page has "${expected}"`)
    }
  })

  await t.test('the pledge the conference links prints its place, then its own once given', async (t) => {
    const printed = async () => (await pdfText((await as(reader).get(`/v1/pledges/${pledge.id}/document.pdf`)).rawPayload)).text
    t.ok((await printed()).includes('Thành phố Hồ Chí Minh, ngày '), 'the linked conference\'s place')
    const patched = await expectStatus(as(secretariat).patch(`/v1/pledges/${pledge.id}`, { place: 'Thủ Đức' }), 200)
    t.equal(patched.place, 'Thủ Đức')
    t.ok((await printed()).includes('Thủ Đức, ngày '), 'its own place')
  })
})
