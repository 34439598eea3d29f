// Every role against every route, with own versus other cluster (and, for units, a fellow member of the own
// cluster and a unit of another): the allowed calls succeed (2xx), the others are refused with 403 (or, where a row
// says so, with its own status and code: a 404 for what the caller may not read, as if it did not exist) and change
// nothing. Each call gets fresh data, so an allowed call can only pass by actually succeeding.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { build } from '../helpers/build.js'
import { created } from '../helpers/http.js'
import { seedClusters } from '../helpers/clusters.js'
import { createUnit } from '../helpers/units.js'
import { named, PNG_BYTES } from '../helpers/files.js'

type Caller = 'admin' | 'secretariatOwn' | 'secretariatOther' | 'unitOwn' | 'unitOther' | 'unitOutside' | 'reader' | 'ministry'
const CALLERS: Caller[] = ['admin', 'secretariatOwn', 'secretariatOther', 'unitOwn', 'unitOther', 'unitOutside', 'reader', 'ministry']
const EVERYONE = CALLERS

interface Row {
  name: string
  allowed: Caller[]
  call: (who: Caller) => Promise<Call>
  /** A refusal other than 403 `forbidden`, for some callers. */
  refused?: Partial<Record<Caller, { status: number, code: string }>>
  /** A list: these allowed callers see items in it, the other allowed callers an empty page. */
  sees?: Caller[]
}

// The Ministry reads everything a reader reads (its emulation office reviews every cluster's records); where it may
// also write, a row names it.
const includes = (callers: Caller[], who: Caller) => callers.includes(who) || (who === 'ministry' && callers.includes('reader'))
const hidden = (code: string, ...who: Caller[]) => Object.fromEntries(who.map((w) => [w, { status: 404, code }]))

interface Call { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, headers?: Record<string, string> }

t.test('each role may call exactly the routes its scope allows', async (t) => {
  const { app, admin, auth } = await build(t)
  const seeded = await seedClusters(app, admin, { members: '2024-01-01' })
  const own = seeded.cluster9.id as string
  const other = seeded.cluster8.id as string
  const ownUnit = seeded.units['Cục Y tế']
  const subjects: Record<Caller, string> = {
    admin: 'test-admin', secretariatOwn: 'sec-9', secretariatOther: 'sec-8', unitOwn: 'unit-h06', unitOther: 'unit-h07', unitOutside: 'unit-cntt', reader: 'reader', ministry: 'ministry'
  }
  const tokens: Record<Caller, string> = {
    admin,
    secretariatOwn: auth({ role: 'secretariat', clusterId: own, sub: 'sec-9' }),
    secretariatOther: auth({ role: 'secretariat', clusterId: other, sub: 'sec-8' }),
    unitOwn: auth({ role: 'unit', unitId: ownUnit, sub: 'unit-h06' }),
    unitOther: auth({ role: 'unit', unitId: seeded.units['Cục Hậu cần'], sub: 'unit-h07' }),
    unitOutside: auth({ role: 'unit', unitId: seeded.units['Cục Công nghệ thông tin'], sub: 'unit-cntt' }),
    reader: auth({ role: 'reader', sub: 'reader' }),
    ministry: auth({ role: 'ministry', sub: 'ministry' })
  }
  let serial = 0
  const freshUnit = async () => (await createUnit(app, admin, { name: `Đơn vị thử ${++serial}` })).id
  const memberOfOwn = async () => {
    const unitId = await freshUnit()
    await created(app, admin, `/v1/clusters/${own}/members`, { unitId, from: '2024-01-01' })
    return unitId
  }

  // A conference every member of the own cluster attends, so that it can be finalized.
  const newConference = async () => {
    const members = await app.inject({ url: `/v1/clusters/${own}/members?on=2024-07-10&limit=200`, headers: { authorization: admin } })
    return {
      kind: 'mid_year_review',
      title: `Hội nghị sơ kết 6 tháng ${++serial}`,
      year: 2024,
      heldAt: '2024-07-10T02:00:00Z',
      chair: { name: 'Phạm Quang Cử', rank: 'Trung tướng', position: 'Cục trưởng Cục Y tế', unitId: ownUnit },
      attendingUnitIds: members.json().items.map((m: { unitId: string }) => m.unitId)
    }
  }
  const conferenceOfOwn = async () => (await created(app, admin, `/v1/clusters/${own}/conferences`, await newConference())).id as string

  // Pledges: one cluster has one pledge a year, so each gets a year of its own.
  let pledgeYear = 2030
  const newPledge = () => ({
    year: ++pledgeYear,
    title: `Giao ước thi đua năm ${pledgeYear}`,
    slogan: 'Đổi mới, Chủ động, Kỷ cương, Trách nhiệm, Hiệu quả',
    commitments: [{ text: 'Hoàn thành xuất sắc nhiệm vụ được giao.' }],
    registeredTitles: []
  })
  const draftPledge = async () => (await created(app, admin, `/v1/clusters/${own}/pledges`, newPledge())).id as string
  const openPledge = async () => {
    const id = await draftPledge()
    const opened = await app.inject({ method: 'POST', url: `/v1/pledges/${id}/open`, headers: { authorization: admin } })
    if (opened.statusCode !== 200) throw new Error(`opening the pledge answered ${opened.statusCode}: ${opened.body}`)
    return id
  }

  // Scoring schemes: one first version per year, so each gets a year of its own; the quantitative leaf has a
  // default target, so a draft can be published without per-unit targets.
  // Years from 2024 (the members' first) to 2100 (the schema's last): 77 of each kind.
  let schemeYear = 2023
  let midYear = 2023 // the scorecard routes use mid-year schemes, so the two kinds of calls do not run out of years
  const newScheme = (period: 'annual' | 'mid_year' = 'annual') => ({
    year: period === 'annual' ? ++schemeYear : ++midYear,
    period,
    criteria: [{
      code: 'I',
      name: 'Kết quả thực hiện nhiệm vụ',
      maxPoints: 100,
      kind: 'group',
      children: [
        { code: 'I.1', name: 'Hoàn thành nhiệm vụ được giao', maxPoints: 50, kind: 'qualitative' },
        { code: 'I.2', name: 'Tỷ lệ CBCS hoàn thành xuất sắc nhiệm vụ (%)', maxPoints: 50, kind: 'quantitative', defaultTarget: 10 }
      ]
    }],
    bands: [{ code: 'achieved', name: 'Đạt', minTotal: 50 }, { code: 'not_achieved', name: 'Không đạt', minTotal: 0 }],
    tieBreak: []
  })
  const draftScheme = async () => (await created(app, admin, `/v1/clusters/${own}/scoring-schemes`, newScheme())).id as string
  // Scorecards: a published scheme per call (its quantitative leaf has a default target), the own unit's scorecard
  // moved on as far as the call needs; finalising needs every member of the own cluster reviewed.
  const publishedScheme = async () => {
    const schemeId = (await created(app, admin, `/v1/clusters/${own}/scoring-schemes`, newScheme('mid_year'))).id as string
    const published = await app.inject({ method: 'POST', url: `/v1/scoring-schemes/${schemeId}/publish`, headers: { authorization: admin } })
    if (published.statusCode !== 200) throw new Error(`publishing answered ${published.statusCode}: ${published.body}`)
    return schemeId
  }
  const scorecardStep = async (schemeId: string, unitId: string, step: 'save' | 'submit' | 'review', evidence?: object[]) => {
    const url = `/v1/scoring-schemes/${schemeId}/scorecards/${unitId}`
    const [method, path, payload] = step === 'save'
      ? ['PUT', url, { entries: [{ code: 'I.1', achieved: true, ...(evidence ? { evidence } : {}) }, { code: 'I.2', actual: 12 }] }] as const
      : step === 'submit' ? ['POST', `${url}/submit`, undefined] as const : ['POST', `${url}/review`, { entries: [{ code: 'I.1', points: 40 }] }] as const
    const response = await app.inject({ method, url: path, headers: { authorization: admin }, ...(payload ? { payload } : {}) })
    if (response.statusCode >= 300) throw new Error(`${step} answered ${response.statusCode}: ${response.body}`)
  }
  const scorecardAt = async (steps: Array<'save' | 'submit' | 'review'>) => {
    const schemeId = await publishedScheme()
    for (const step of steps) await scorecardStep(schemeId, ownUnit, step)
    return `/v1/scoring-schemes/${schemeId}/scorecards/${ownUnit}`
  }
  // `evidence`: what the own unit's self-assessment cites.
  const everyMemberReviewed = async (evidence?: object[]) => {
    const schemeId = await publishedScheme()
    const members = await app.inject({ url: `/v1/clusters/${own}/members?on=${midYear}-06-01&limit=200`, headers: { authorization: admin } })
    for (const { unitId } of members.json().items as Array<{ unitId: string }>) {
      for (const step of ['save', 'submit', 'review'] as const) await scorecardStep(schemeId, unitId, step, unitId === ownUnit ? evidence : undefined)
    }
    return schemeId
  }
  // Elections: a fresh head election of the own cluster at each step of its life.
  const inject = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    (await app.inject({ method, url, headers: { authorization: admin }, ...(payload ? { payload } : {}) })).json()
  const draftElection = async () => (await created(app, admin, `/v1/clusters/${own}/elections`, {
    kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [ownUnit, seeded.units['Cục Hậu cần']]
  })).id as string
  const regulations = { kind: 'operating_regulations', year: 2025, title: 'Quy chế hoạt động của Cụm thi đua số 9', chapters: [{ title: 'Quy định chung', articles: [{ title: 'Phạm vi điều chỉnh', clauses: ['Quy chế này quy định về tổ chức, hoạt động của Cụm.'] }] }] }
  const draftDocument = async () => (await created(app, admin, `/v1/clusters/${own}/documents`, regulations)).id as string
  const openedElection = async () => {
    const id = await draftElection()
    await inject('POST', `/v1/elections/${id}/open`)
    return id
  }
  const closedElection = async () => {
    const id = await openedElection()
    await inject('POST', `/v1/elections/${id}/close`)
    return id
  }
  const receiptOf = async () => {
    const id = await openedElection()
    const { receipt } = await inject('POST', `/v1/elections/${id}/ballots`, { voterUnitId: ownUnit, choices: [] })
    return `/v1/elections/${id}/receipts/${receipt}`
  }
  const disciplineRecord = async () => (await created(app, admin, `/v1/units/${ownUnit}/discipline-records`, { from: '2024-03-01', status: 'pending', note: 'Chờ xem xét' })).id as string
  const finalizedScheme = async (evidence?: object[]) => {
    const schemeId = await everyMemberReviewed(evidence)
    await inject('POST', `/v1/scoring-schemes/${schemeId}/finalize`)
    return schemeId
  }
  // The matrix only reads: one scheme of each kind serves every caller (mid-year years are few).
  const matrixSchemes: Partial<Record<'published' | 'finalized', Promise<string>>> = {}
  const matrixScheme = (kind: 'published' | 'finalized') =>
    (matrixSchemes[kind] ??= kind === 'published' ? publishedScheme() : finalizedScheme())
  const leftOwn = async () => {
    const unitId = await memberOfOwn()
    await inject('POST', `/v1/clusters/${own}/members/${unitId}/end`, { on: '2025-01-01' })
    return unitId
  }
  const outsideMembership = { status: 403, code: 'discipline_outside_membership' }
  // A conference created first, with an Idempotency-Key, by the own cluster's secretariat under the caller's subject:
  // the same key and body from the caller must get its own answer, never that one.
  const keyedByTwin = async (who: Caller): Promise<Call> => {
    const call = { method: 'POST' as const, url: `/v1/clusters/${own}/conferences`, payload: await newConference(), headers: { 'idempotency-key': `twin-${++serial}` } }
    const twin = auth({ role: 'secretariat', clusterId: own, sub: subjects[who] })
    const first = await app.inject({ ...call, headers: { ...call.headers, authorization: twin } })
    if (first.statusCode !== 201) throw new Error(`the twin's conference answered ${first.statusCode}: ${first.body}`)
    return call
  }
  // Evidence files: an upload's call, a file uploaded by a caller, and files made once for the rows that only read.
  const upload = { method: 'POST' as const, url: '/v1/files', payload: PNG_BYTES, headers: { 'content-type': 'image/png', 'content-disposition': named('Ảnh lễ ký kết giao ước.png') } }
  const uploadedBy = async (token: string) => {
    const response = await app.inject({ ...upload, headers: { ...upload.headers, authorization: token } })
    if (response.statusCode !== 201) throw new Error(`the upload answered ${response.statusCode}: ${response.body}`)
    return response.json().id as string
  }
  const once = (make: () => Promise<string>) => {
    let made: Promise<string> | undefined
    return () => (made ??= make())
  }
  const ownUnitFile = once(() => uploadedBy(tokens.unitOwn))
  // Uploaded by the own unit and cited by its finalized scorecard, which every member of the cluster then reads.
  const finallyCitedFile = once(async () => {
    const fileId = await uploadedBy(tokens.unitOwn)
    await finalizedScheme([{ fileId }])
    return fileId
  })
  const inUse = { status: 409, code: 'file_in_use' }

  const routes: Row[] = [
    { name: 'POST /v1/files', allowed: ['admin', 'secretariatOwn', 'secretariatOther', 'unitOwn', 'unitOther', 'unitOutside'], call: async () => upload },
    {
      name: 'GET /v1/files/{id}/meta (uploaded by the own unit)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'reader'],
      refused: hidden('file_not_found', 'secretariatOther', 'unitOther', 'unitOutside'),
      call: async () => ({ method: 'GET', url: `/v1/files/${await ownUnitFile()}/meta` })
    },
    {
      name: 'GET /v1/files/{id} (uploaded by the own unit)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'reader'],
      refused: hidden('file_not_found', 'secretariatOther', 'unitOther', 'unitOutside'),
      call: async () => ({ method: 'GET', url: `/v1/files/${await ownUnitFile()}` })
    },
    {
      name: 'GET /v1/files/{id}/meta (cited by a finalized scorecard)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'reader'],
      refused: hidden('file_not_found', 'secretariatOther', 'unitOutside'),
      call: async () => ({ method: 'GET', url: `/v1/files/${await finallyCitedFile()}/meta` })
    },
    {
      name: 'GET /v1/files/{id} (cited by a finalized scorecard)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'reader'],
      refused: hidden('file_not_found', 'secretariatOther', 'unitOutside'),
      call: async () => ({ method: 'GET', url: `/v1/files/${await finallyCitedFile()}` })
    },
    {
      name: 'DELETE /v1/files/{id} (uploaded by the own unit)',
      allowed: ['admin', 'unitOwn'],
      refused: hidden('file_not_found', 'secretariatOther', 'unitOther', 'unitOutside'),
      call: async () => ({ method: 'DELETE', url: `/v1/files/${await uploadedBy(tokens.unitOwn)}` })
    },
    {
      name: 'DELETE /v1/files/{id} (uploaded by the own secretariat)',
      allowed: ['admin', 'secretariatOwn'],
      refused: hidden('file_not_found', 'secretariatOther', 'unitOwn', 'unitOther', 'unitOutside'),
      call: async () => ({ method: 'DELETE', url: `/v1/files/${await uploadedBy(tokens.secretariatOwn)}` })
    },
    {
      name: 'DELETE /v1/files/{id} (cited by a finalized scorecard)',
      allowed: [],
      refused: { ...hidden('file_not_found', 'secretariatOther', 'unitOutside'), admin: inUse, unitOwn: inUse },
      call: async () => ({ method: 'DELETE', url: `/v1/files/${await finallyCitedFile()}` })
    },
    { name: 'POST /v1/clusters/{id}/scoring-schemes', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/scoring-schemes`, payload: newScheme() }) },
    { name: 'GET /v1/clusters/{id}/scoring-schemes', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/scoring-schemes` }) },
    { name: 'GET /v1/scoring-schemes/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/scoring-schemes/${await draftScheme()}` }) },
    { name: 'PATCH /v1/scoring-schemes/{id}', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'PATCH', url: `/v1/scoring-schemes/${await draftScheme()}`, payload: { tieBreak: ['group:I'] } }) },
    { name: 'POST /v1/scoring-schemes/{id}/publish', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/scoring-schemes/${await draftScheme()}/publish` }) },
    { name: 'POST /v1/scoring-schemes/{id}/versions', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/scoring-schemes/${await draftScheme()}/versions` }) },
    { name: 'PUT /v1/scoring-schemes/{id}/targets/{unitId}', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'PUT', url: `/v1/scoring-schemes/${await draftScheme()}/targets/${ownUnit}`, payload: { targets: { 'I.2': 12.5 } } }) },
    {
      name: 'GET /v1/scoring-schemes/{id}/targets/{unitId}',
      allowed: EVERYONE,
      call: async () => {
        const schemeId = await draftScheme()
        await app.inject({ method: 'PUT', url: `/v1/scoring-schemes/${schemeId}/targets/${ownUnit}`, headers: { authorization: admin }, payload: { targets: { 'I.2': 12.5 } } })
        return { method: 'GET', url: `/v1/scoring-schemes/${schemeId}/targets/${ownUnit}` }
      }
    },
    { name: 'GET /v1/scoring-schemes/{id}/targets', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/scoring-schemes/${await draftScheme()}/targets` }) },
    { name: 'PUT /v1/scoring-schemes/{id}/scorecards/{unitId}', allowed: ['admin', 'unitOwn'], call: async () => ({ method: 'PUT', url: await scorecardAt([]), payload: { entries: [{ code: 'I.1', achieved: true }] } }) },
    {
      name: 'GET /v1/scoring-schemes/{id}/scorecards/{unitId} (a draft)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'reader'],
      refused: hidden('scorecard_not_found', 'secretariatOther', 'unitOther', 'unitOutside'),
      call: async () => ({ method: 'GET', url: await scorecardAt(['save']) })
    },
    {
      name: 'GET /v1/scoring-schemes/{id}/scorecards/{unitId} (finalized)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'reader'],
      refused: hidden('scorecard_not_found', 'secretariatOther', 'unitOutside'),
      call: async () => ({ method: 'GET', url: `/v1/scoring-schemes/${await finalizedScheme()}/scorecards/${ownUnit}` })
    },
    { name: 'POST /v1/scoring-schemes/{id}/scorecards/{unitId}/submit', allowed: ['admin', 'unitOwn'], call: async () => ({ method: 'POST', url: `${await scorecardAt(['save'])}/submit` }) },
    { name: 'POST /v1/scoring-schemes/{id}/scorecards/{unitId}/review', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `${await scorecardAt(['save', 'submit'])}/review`, payload: { entries: [{ code: 'I.1', points: 45 }] } }) },
    {
      name: 'POST /v1/scoring-schemes/{id}/scorecards/{unitId}/explain',
      allowed: ['admin', 'unitOwn'],
      call: async () => ({ method: 'POST', url: `${await scorecardAt(['save', 'submit', 'review'])}/explain`, payload: { entries: [{ code: 'I.1', comment: 'Đã hoàn thành đầy đủ' }] } })
    },
    {
      name: 'POST /v1/scoring-schemes/{id}/scorecards/{unitId}/return',
      allowed: ['admin', 'secretariatOwn'],
      // One scheme for every caller (mid-year years are few): the own unit's card, submitted again before each call.
      call: (() => {
        let schemeId: string | undefined
        return async () => {
          if (schemeId === undefined) {
            schemeId = await publishedScheme()
            await scorecardStep(schemeId, ownUnit, 'save')
          }
          const url = `/v1/scoring-schemes/${schemeId}/scorecards/${ownUnit}`
          if ((await app.inject({ url, headers: { authorization: admin } })).json().status !== 'submitted') await scorecardStep(schemeId, ownUnit, 'submit')
          return { method: 'POST' as const, url: `${url}/return`, payload: { reason: 'Tiêu chí I.2 thiếu tài liệu kiểm chứng; đề nghị đơn vị bổ sung và gửi lại.' } }
        }
      })()
    },
    { name: 'POST /v1/scoring-schemes/{id}/finalize', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/scoring-schemes/${await everyMemberReviewed()}/finalize` }) },
    { name: 'GET /v1/scoring-schemes/{id}/ranking (not final)', allowed: ['admin', 'secretariatOwn', 'reader'], call: async () => ({ method: 'GET', url: `/v1/scoring-schemes/${await publishedScheme()}/ranking` }) },
    {
      name: 'GET /v1/scoring-schemes/{id}/ranking (final)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'reader'],
      call: async () => ({ method: 'GET', url: `/v1/scoring-schemes/${await finalizedScheme()}/ranking` })
    },
    { name: 'GET /v1/scoring-schemes/{id}/matrix (not final)', allowed: ['admin', 'secretariatOwn', 'reader'], call: async () => ({ method: 'GET', url: `/v1/scoring-schemes/${await matrixScheme('published')}/matrix` }) },
    {
      name: 'GET /v1/scoring-schemes/{id}/matrix (final)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'reader'],
      call: async () => ({ method: 'GET', url: `/v1/scoring-schemes/${await matrixScheme('finalized')}/matrix` })
    },
    {
      name: 'POST /v1/units/{id}/discipline-records (within the membership)',
      allowed: ['admin', 'secretariatOwn'],
      refused: { secretariatOther: outsideMembership },
      call: async () => ({ method: 'POST', url: `/v1/units/${ownUnit}/discipline-records`, payload: { from: '2024-03-01', status: 'pending', note: 'Chờ xem xét' } })
    },
    {
      name: 'POST /v1/units/{id}/discipline-records (starting before the membership)',
      allowed: ['admin'],
      refused: { secretariatOwn: outsideMembership, secretariatOther: outsideMembership },
      call: async () => ({ method: 'POST', url: `/v1/units/${ownUnit}/discipline-records`, payload: { from: '2023-12-01', until: '2024-03-01', status: 'pending', note: 'Chờ xem xét' } })
    },
    {
      name: 'POST /v1/units/{id}/discipline-records (with no end, for a member that has left)',
      allowed: ['admin'],
      refused: { secretariatOwn: outsideMembership, secretariatOther: outsideMembership },
      call: async () => ({ method: 'POST', url: `/v1/units/${await leftOwn()}/discipline-records`, payload: { from: '2024-03-01', status: 'in_force', note: 'Kỷ luật' } })
    },
    {
      name: 'GET /v1/units/{id}/discipline-records',
      allowed: EVERYONE,
      sees: ['admin', 'secretariatOwn', 'unitOwn', 'reader'],
      call: async () => {
        await disciplineRecord()
        return { method: 'GET', url: `/v1/units/${ownUnit}/discipline-records` }
      }
    },
    {
      name: 'GET /v1/discipline-records/{id}',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'reader'],
      refused: hidden('discipline_record_not_found', 'secretariatOther', 'unitOther', 'unitOutside'),
      call: async () => ({ method: 'GET', url: `/v1/discipline-records/${await disciplineRecord()}` })
    },
    {
      name: 'PATCH /v1/discipline-records/{id}',
      allowed: ['admin', 'secretariatOwn'],
      refused: hidden('discipline_record_not_found', 'secretariatOther'),
      call: async () => ({ method: 'PATCH', url: `/v1/discipline-records/${await disciplineRecord()}`, payload: { status: 'in_force' } })
    },
    { name: 'POST /v1/clusters/{id}/pledges', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/pledges`, payload: newPledge() }) },
    { name: 'GET /v1/clusters/{id}/pledges', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/pledges` }) },
    { name: 'GET /v1/pledges/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/pledges/${await draftPledge()}` }) },
    { name: 'PATCH /v1/pledges/{id}', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'PATCH', url: `/v1/pledges/${await draftPledge()}`, payload: { slogan: 'Kỷ cương, Trách nhiệm' } }) },
    { name: 'POST /v1/pledges/{id}/open', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/pledges/${await draftPledge()}/open` }) },
    { name: 'POST /v1/pledges/{id}/versions', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/pledges/${await openPledge()}/versions` }) },
    {
      name: 'POST /v1/pledges/{id}/signatures (for the own unit)',
      allowed: ['admin', 'secretariatOwn', 'unitOwn'],
      call: async () => ({ method: 'POST', url: `/v1/pledges/${await openPledge()}/signatures`, payload: { unitId: ownUnit, signerName: 'Phạm Quang Cử', signerPosition: 'Cục trưởng' } })
    },
    { name: 'GET /v1/pledges/{id}/signatures', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/pledges/${await openPledge()}/signatures` }) },
    { name: 'POST /v1/clusters/{id}/conferences', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/conferences`, payload: await newConference() }) },
    { name: 'POST /v1/clusters/{id}/conferences (a key its subject used in another scope)', allowed: ['admin', 'secretariatOwn'], call: keyedByTwin },
    { name: 'GET /v1/clusters/{id}/conferences', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/conferences` }) },
    { name: 'GET /v1/units/{id}/conferences', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/units/${ownUnit}/conferences` }) },
    { name: 'GET /v1/conferences/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/conferences/${await conferenceOfOwn()}` }) },
    { name: 'PATCH /v1/conferences/{id}', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'PATCH', url: `/v1/conferences/${await conferenceOfOwn()}`, payload: { location: 'Hà Nội' } }) },
    { name: 'POST /v1/conferences/{id}/finalize', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/conferences/${await conferenceOfOwn()}/finalize` }) },
    { name: 'POST /v1/units', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/units', payload: { name: `Đơn vị mới ${++serial}` } }) },
    { name: 'GET /v1/units', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/units' }) },
    { name: 'GET /v1/units/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/units/${ownUnit}` }) },
    { name: 'PATCH /v1/units/{id}', allowed: ['admin'], call: async () => ({ method: 'PATCH', url: `/v1/units/${await freshUnit()}`, payload: { shortName: 'Thử' } }) },
    { name: 'GET /v1/units/{id}/memberships', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/units/${ownUnit}/memberships` }) },
    { name: 'POST /v1/blocks', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/blocks', payload: { name: `Khối thử ${++serial}` } }) },
    { name: 'GET /v1/blocks', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/blocks' }) },
    { name: 'GET /v1/blocks/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/blocks/${seeded.blockId}` }) },
    { name: 'POST /v1/clusters', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/clusters', payload: { number: 100 + ++serial, name: `Cụm thử ${serial}`, blockId: seeded.blockId } }) },
    { name: 'GET /v1/clusters', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/clusters' }) },
    { name: 'GET /v1/clusters/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}` }) },
    {
      name: 'PATCH /v1/clusters/{id} (rules)',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => ({ method: 'PATCH', url: `/v1/clusters/${own}`, payload: { rules: { selfVoteAllowed: serial++ % 2 === 0 } } })
    },
    { name: 'PATCH /v1/clusters/{id} (name)', allowed: ['admin'], call: async () => ({ method: 'PATCH', url: `/v1/clusters/${own}`, payload: { name: `Cụm thi đua số 9 (${++serial})` } }) },
    { name: 'POST /v1/clusters/{id}/members', allowed: ['admin'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/members`, payload: { unitId: await freshUnit(), from: '2024-01-01' } }) },
    { name: 'GET /v1/clusters/{id}/members', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/members?on=2024-06-01` }) },
    { name: 'POST /v1/clusters/{id}/members/{unitId}/end', allowed: ['admin'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/members/${await memberOfOwn()}/end`, payload: { on: '2025-01-01' } }) },
    { name: 'GET /v1/clusters/{id}/terms', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/terms` }) },
    {
      name: 'PUT /v1/clusters/{id}/terms/{year}',
      allowed: ['admin'],
      call: async () => ({ method: 'PUT', url: `/v1/clusters/${own}/terms/2024`, payload: { headUnitId: ownUnit, deputyUnitId: seeded.units['Cục Hậu cần'] } })
    },
    {
      name: 'PUT /v1/clusters/{id}/advisory-groups/{year}',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => ({
        method: 'PUT',
        url: `/v1/clusters/${own}/advisory-groups/2024`,
        payload: { decision: { number: `${++serial}/QĐ-H06`, date: '2024-01-05', issuer: 'Cục Y tế' }, members: [{ name: 'Nguyễn Văn Hùng', position: 'Trưởng phòng', unitId: ownUnit }] }
      })
    },
    {
      name: 'POST /v1/clusters/{id}/elections',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/elections`, payload: { kind: 'leadership', office: 'head', termYear: 2025, candidateUnitIds: [ownUnit] } })
    },
    { name: 'POST /v1/clusters/{id}/documents', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/documents`, payload: regulations }) },
    { name: 'GET /v1/clusters/{id}/documents', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/documents` }) },
    { name: 'GET /v1/documents/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/documents/${await draftDocument()}` }) },
    { name: 'PATCH /v1/documents/{id}', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'PATCH', url: `/v1/documents/${await draftDocument()}`, payload: { year: 2025 } }) },
    {
      name: 'POST /v1/documents/{id}/adopt',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => ({ method: 'POST', url: `/v1/documents/${await draftDocument()}/adopt`, payload: { conferenceId: await conferenceOfOwn(), adoptedOn: '2024-07-10' } })
    },
    { name: 'GET /v1/documents/{id}/document.pdf', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/documents/${await draftDocument()}/document.pdf` }) },
    { name: 'GET /v1/documents/{id}/document.docx', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/documents/${await draftDocument()}/document.docx` }) },
    { name: 'GET /v1/clusters/{id}/elections', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/elections` }) },
    { name: 'GET /v1/elections/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/elections/${await draftElection()}` }) },
    { name: 'POST /v1/elections/{id}/open', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/elections/${await draftElection()}/open` }) },
    { name: 'POST /v1/elections/{id}/close', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/elections/${await openedElection()}/close` }) },
    {
      name: 'POST /v1/elections/{id}/cancel',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => ({ method: 'POST', url: `/v1/elections/${await draftElection()}/cancel`, payload: { reason: 'Lập nhầm' } })
    },
    {
      name: 'POST /v1/elections/{id}/ballots (for the own unit)',
      allowed: ['admin', 'unitOwn'],
      call: async () => ({ method: 'POST', url: `/v1/elections/${await openedElection()}/ballots`, payload: { voterUnitId: ownUnit, choices: [] } })
    },
    { name: 'GET /v1/elections/{id}/result', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/elections/${await closedElection()}/result` }) },
    { name: 'GET /v1/elections/{id}/receipts/{receipt}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: await receiptOf() }) },
    { name: 'GET /v1/clusters/{id}/title-proposals', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/title-proposals` }) },
    // Deleting what was created by mistake: each call deletes a record of its own.
    { name: 'DELETE /v1/units/{id}', allowed: ['admin'], call: async () => ({ method: 'DELETE', url: `/v1/units/${await freshUnit()}` }) },
    { name: 'DELETE /v1/blocks/{id}', allowed: ['admin'], call: async () => ({ method: 'DELETE', url: `/v1/blocks/${(await created(app, admin, '/v1/blocks', { name: `Khối thử ${++serial}` })).id}` }) },
    {
      name: 'DELETE /v1/clusters/{id}',
      allowed: ['admin'],
      call: async () => ({ method: 'DELETE', url: `/v1/clusters/${(await created(app, admin, '/v1/clusters', { number: 100 + ++serial, name: `Cụm thử ${serial}`, blockId: seeded.blockId })).id}` })
    },
    { name: 'DELETE /v1/pledges/{id} (a draft)', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'DELETE', url: `/v1/pledges/${await draftPledge()}` }) },
    { name: 'DELETE /v1/conferences/{id} (a draft)', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'DELETE', url: `/v1/conferences/${await conferenceOfOwn()}` }) },
    { name: 'DELETE /v1/scoring-schemes/{id} (a draft)', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'DELETE', url: `/v1/scoring-schemes/${await draftScheme()}` }) },
    { name: 'DELETE /v1/elections/{id} (a draft)', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'DELETE', url: `/v1/elections/${await draftElection()}` }) },
    { name: 'GET /v1/audit-events', allowed: ['admin', 'reader'], call: async () => ({ method: 'GET', url: '/v1/audit-events' }) },
    { name: 'GET /v1/events', allowed: ['admin', 'reader'], call: async () => ({ method: 'GET', url: '/v1/events' }) }
  ]
  // Webhooks: an admin's and each secretariat's own; another cluster's subscription is hidden (404).
  const webhookBody = () => ({ url: `https://hooks${++serial}.cum9.example.vn/thidua`, eventTypes: ['cluster.updated'] })
  const ownWebhook = async () => (await created(app, tokens.secretariatOwn, '/v1/webhooks', webhookBody())).id as string
  const ownDelivery = async () => {
    const webhookId = await ownWebhook()
    const [event] = await app.db('events').orderBy('position', 'desc').limit(1)
    const [delivery] = await app.db('webhook_deliveries').insert({
      webhook_id: webhookId, event_position: event.position, event_id: event.id, event_type: 'cluster.updated', status: 'failed'
    }).returning('id')
    return `/v1/webhooks/${webhookId}/deliveries/${delivery.id}`
  }
  const webhookHidden = hidden('webhook_not_found', 'secretariatOther')
  const webhookCallers: Caller[] = ['admin', 'secretariatOwn', 'secretariatOther']
  routes.push(
    { name: 'POST /v1/webhooks', allowed: webhookCallers, call: async () => ({ method: 'POST', url: '/v1/webhooks', payload: webhookBody() }) },
    // The other cluster's subscriptions (its secretariat's POST row made some) go first: it sees none of the own's.
    { name: 'GET /v1/webhooks', allowed: webhookCallers, sees: ['admin', 'secretariatOwn'], call: async () => {
      await app.db('webhooks').where('cluster_id', other).delete()
      return { method: 'GET', url: `/v1/webhooks?limit=${(await ownWebhook(), 200)}` }
    } },
    { name: 'GET /v1/webhooks/{id}', allowed: ['admin', 'secretariatOwn'], refused: webhookHidden, call: async () => ({ method: 'GET', url: `/v1/webhooks/${await ownWebhook()}` }) },
    { name: 'PATCH /v1/webhooks/{id}', allowed: ['admin', 'secretariatOwn'], refused: webhookHidden, call: async () => ({ method: 'PATCH', url: `/v1/webhooks/${await ownWebhook()}`, payload: { active: false } }) },
    { name: 'DELETE /v1/webhooks/{id}', allowed: ['admin', 'secretariatOwn'], refused: webhookHidden, call: async () => ({ method: 'DELETE', url: `/v1/webhooks/${await ownWebhook()}` }) },
    { name: 'POST /v1/webhooks/{id}/rotate-secret', allowed: ['admin', 'secretariatOwn'], refused: webhookHidden, call: async () => ({ method: 'POST', url: `/v1/webhooks/${await ownWebhook()}/rotate-secret` }) },
    { name: 'GET /v1/webhooks/{id}/deliveries', allowed: ['admin', 'secretariatOwn'], refused: webhookHidden, call: async () => ({ method: 'GET', url: `/v1/webhooks/${await ownWebhook()}/deliveries` }) },
    { name: 'POST /v1/webhooks/{id}/deliveries/{id}/retry', allowed: ['admin', 'secretariatOwn'], refused: webhookHidden, call: async () => ({ method: 'POST', url: `${await ownDelivery()}/retry` }) },
    { name: 'POST /v1/webhooks/{id}/replay', allowed: ['admin', 'secretariatOwn'], refused: webhookHidden, call: async () => ({ method: 'POST', url: `/v1/webhooks/${await ownWebhook()}/replay`, payload: { fromPosition: '1' } }) }
  )
  // A term exists so that its GET is a success for those allowed.
  await app.inject({ method: 'PUT', url: `/v1/clusters/${own}/terms/2024`, headers: { authorization: admin }, payload: { headUnitId: ownUnit, deputyUnitId: seeded.units['Cục Hậu cần'] } })
  routes.push({ name: 'GET /v1/clusters/{id}/terms/{year}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/terms/2024` }) })
  // So does an advisory group (of 2023: the PUT row writes 2024's), for its reads and its decision.
  await app.inject({
    method: 'PUT',
    url: `/v1/clusters/${own}/advisory-groups/2023`,
    headers: { authorization: admin },
    payload: { decision: { number: '1/QĐ-H06', date: '2023-01-05', issuer: 'Cục Y tế' }, members: [{ name: 'Nguyễn Văn Hùng', position: 'Trưởng phòng', unitId: ownUnit }] }
  })
  routes.push(
    { name: 'GET /v1/clusters/{id}/advisory-groups/{year}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/advisory-groups/2023` }) },
    { name: 'GET /v1/clusters/{id}/advisory-groups/{year}/versions', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/advisory-groups/2023/versions` }) },
    { name: 'GET /v1/clusters/{id}/advisory-groups/{year}/decision.pdf', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/advisory-groups/2023/decision.pdf` }) },
    { name: 'GET /v1/clusters/{id}/advisory-groups/{year}/decision.docx', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/advisory-groups/2023/decision.docx` }) }
  )

  // Summary reports: one per cluster, period and year, so each gets a year of its own. A draft is hidden (404) from
  // units and other clusters' secretariats; comments are read by the own cluster, a unit its own only.
  // Two periods a year, from the year the members joined (only members comment).
  let reportSerial = 0
  const nextReport = () => ({ period: ++reportSerial % 2 === 0 ? 'annual' : 'mid_year', year: 2024 + Math.floor(reportSerial / 2) })
  const reportSections = [{ code: 'I', title: 'Kết quả thực hiện phong trào thi đua', text: 'Hoàn thành xuất sắc nhiệm vụ.' }]
  const draftReport = async () => (await created(app, admin, `/v1/clusters/${own}/reports`, { ...nextReport(), sections: reportSections })).id as string
  const openReport = async () => {
    const id = await draftReport()
    const opened = await app.inject({ method: 'POST', url: `/v1/reports/${id}/open`, headers: { authorization: admin } })
    if (opened.statusCode !== 200) throw new Error(`opening the report answered ${opened.statusCode}: ${opened.body}`)
    return id
  }
  const commentOn = async (reportId: string) =>
    (await created(app, admin, `/v1/reports/${reportId}/comments`, { unitId: ownUnit, sectionCode: 'I', text: 'Đề nghị bổ sung số liệu.' })).id as string
  const draftHidden = hidden('report_not_found', 'secretariatOther', 'unitOwn', 'unitOther', 'unitOutside')
  const writers: Caller[] = ['admin', 'secretariatOwn']
  routes.push(
    { name: 'POST /v1/clusters/{id}/reports', allowed: writers, call: async () => ({ method: 'POST', url: `/v1/clusters/${own}/reports`, payload: { ...nextReport(), sections: reportSections } }) },
    { name: 'GET /v1/clusters/{id}/reports', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/reports?limit=${(await openReport(), 1)}` }) },
    { name: 'GET /v1/reports/{id} (draft)', allowed: ['admin', 'secretariatOwn', 'reader'], refused: draftHidden, call: async () => ({ method: 'GET', url: `/v1/reports/${await draftReport()}` }) },
    { name: 'GET /v1/reports/{id} (open)', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/reports/${await openReport()}` }) },
    { name: 'PATCH /v1/reports/{id}', allowed: writers, call: async () => ({ method: 'PATCH', url: `/v1/reports/${await draftReport()}`, payload: { sections: reportSections } }) },
    { name: 'POST /v1/reports/{id}/open', allowed: writers, call: async () => ({ method: 'POST', url: `/v1/reports/${await draftReport()}/open` }) },
    { name: 'POST /v1/reports/{id}/finalize', allowed: writers, call: async () => ({ method: 'POST', url: `/v1/reports/${await openReport()}/finalize`, payload: { conferenceId: await conferenceOfOwn() } }) },
    { name: 'POST /v1/reports/{id}/comments', allowed: ['admin', 'secretariatOwn', 'unitOwn'], call: async () => ({ method: 'POST', url: `/v1/reports/${await openReport()}/comments`, payload: { unitId: ownUnit, sectionCode: 'I', text: 'Nhất trí với dự thảo.' } }) },
    { name: 'GET /v1/reports/{id}/comments', allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'unitOutside', 'reader'], sees: ['admin', 'secretariatOwn', 'unitOwn', 'reader'], call: async () => {
      const id = await openReport()
      await commentOn(id)
      return { method: 'GET', url: `/v1/reports/${id}/comments` }
    } },
    { name: 'PATCH /v1/reports/{id}/comments/{id}', allowed: writers, call: async () => {
      const id = await openReport()
      return { method: 'PATCH', url: `/v1/reports/${id}/comments/${await commentOn(id)}`, payload: { disposition: 'accepted', answer: 'Tiếp thu.' } }
    } },
    { name: 'GET /v1/reports/{id}/document.pdf', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/reports/${await openReport()}/document.pdf` }) },
    { name: 'GET /v1/reports/{id}/document.docx (draft)', allowed: ['admin', 'secretariatOwn', 'reader'], refused: draftHidden, call: async () => ({ method: 'GET', url: `/v1/reports/${await draftReport()}/document.docx` }) }
  )

  // A published scheme of the own cluster with deadlines, so that its members have a step due.
  {
    const scheme = newScheme('mid_year')
    const deadlines = { selfAssessmentDue: `${scheme.year}-07-15`, explanationDays: 5, secondReviewDue: `${scheme.year}-08-05` }
    const schemeId = (await created(app, admin, `/v1/clusters/${own}/scoring-schemes`, { ...scheme, deadlines })).id as string
    await app.inject({ method: 'POST', url: `/v1/scoring-schemes/${schemeId}/publish`, headers: { authorization: admin } })
  }
  routes.push({
    name: 'GET /v1/clusters/{id}/deadlines',
    allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'unitOutside', 'reader'],
    sees: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'reader'],
    call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/deadlines` })
  })

  // Campaigns: a fresh ministry-wide campaign running today (the real clock), so that only the caller decides.
  const today = new Date()
  const isoDay = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10)
  const campaign = async () => (await created(app, admin, '/v1/campaigns', {
    name: `Đợt thi đua cao điểm ${++serial}`, issuer: 'Bộ trưởng Bộ Công an', from: isoDay(-10), until: isoDay(30), scope: {}
  })).id as string
  const participantOf = async (who: object) => {
    const campaignId = await campaign()
    return `/v1/campaigns/${campaignId}/participants/${(await created(app, admin, `/v1/campaigns/${campaignId}/participants`, who)).id}`
  }
  routes.push(
    { name: 'POST /v1/campaigns', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/campaigns', payload: { name: 'Đợt thi đua', issuer: 'Bộ trưởng Bộ Công an', from: isoDay(0), until: isoDay(9), scope: {} } }) },
    { name: 'GET /v1/campaigns', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/campaigns' }) },
    { name: 'GET /v1/campaigns/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/campaigns/${await campaign()}` }) },
    { name: 'PATCH /v1/campaigns/{id}', allowed: ['admin'], call: async () => ({ method: 'PATCH', url: `/v1/campaigns/${await campaign()}`, payload: { slogan: 'Vì an ninh Tổ quốc' } }) },
    { name: 'POST /v1/campaigns/{id}/participants (the own cluster)', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'POST', url: `/v1/campaigns/${await campaign()}/participants`, payload: { clusterId: own } }) },
    { name: 'POST /v1/campaigns/{id}/participants (the own unit)', allowed: ['admin', 'secretariatOwn', 'unitOwn'], call: async () => ({ method: 'POST', url: `/v1/campaigns/${await campaign()}/participants`, payload: { unitId: ownUnit } }) },
    { name: 'GET /v1/campaigns/{id}/participants', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/campaigns/${await campaign()}/participants` }) },
    { name: 'GET /v1/campaigns/{id}/participants/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: await participantOf({ unitId: ownUnit }) }) },
    { name: 'PATCH /v1/campaigns/{id}/participants/{id} (the own unit)', allowed: ['admin', 'secretariatOwn', 'unitOwn'], call: async () => ({ method: 'PATCH', url: await participantOf({ unitId: ownUnit }), payload: { result: 'Hoàn thành' } }) },
    { name: 'PATCH /v1/campaigns/{id}/participants/{id} (the own cluster)', allowed: ['admin', 'secretariatOwn'], call: async () => ({ method: 'PATCH', url: await participantOf({ clusterId: own }), payload: { result: 'Hoàn thành' } }) }
  )

  // The title catalogue: every role reads it, an admin alone writes it.
  const newTitle = () => ({
    code: `cluster_title_${++serial}`, name: `Danh hiệu của Cụm ${serial}`, level: 'unit', recipient: 'collective',
    standard: { ranking: 'none', consecutiveYears: 1, description: 'Tập thể hoàn thành tốt nhiệm vụ.' }, legalBasis: 'Quy chế hoạt động của Cụm, Điều 12.'
  })
  routes.push(
    { name: 'GET /v1/titles', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/titles' }) },
    { name: 'GET /v1/titles/{code}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: '/v1/titles/government_flag' }) },
    { name: 'POST /v1/titles', allowed: ['admin'], call: async () => ({ method: 'POST', url: '/v1/titles', payload: newTitle() }) },
    { name: 'PATCH /v1/titles/{code}', allowed: ['admin'], call: async () => ({ method: 'PATCH', url: `/v1/titles/${(await created(app, admin, '/v1/titles', newTitle())).code}`, payload: { legalBasis: 'Quy chế hoạt động của Cụm, Điều 13.' } }) }
  )

  // Award dossiers: the own cluster's annual scores of one year finalized once; per call a fresh title of the cluster
  // proposing Cục Hậu cần (the unit of unitOther, never under discipline here: the discipline rows name Cục Y tế), its
  // proposal recorded as a decided title election records it, and a dossier made from it and moved on as far as the
  // call needs. Only the proposed unit reads the dossier among units.
  const haucan = seeded.units['Cục Hậu cần']
  const rankedYear = once(async () => {
    const scheme = newScheme('annual')
    const schemeId = (await created(app, admin, `/v1/clusters/${own}/scoring-schemes`, scheme)).id as string
    await inject('POST', `/v1/scoring-schemes/${schemeId}/publish`)
    const members = await app.inject({ url: `/v1/clusters/${own}/members?on=${scheme.year}-06-01&limit=200`, headers: { authorization: admin } })
    for (const { unitId } of members.json().items as Array<{ unitId: string }>) {
      for (const step of ['save', 'submit', 'review'] as const) await scorecardStep(schemeId, unitId, step)
    }
    await inject('POST', `/v1/scoring-schemes/${schemeId}/finalize`)
    return String(scheme.year)
  })
  const anElection = once(closedElection)
  const haucanFile = once(() => uploadedBy(tokens.unitOther))
  const dossierAt = async (status: 'draft' | 'submitted' | 'accepted' | 'proposal') => {
    const year = Number(await rankedYear())
    const titleCode = (await created(app, admin, '/v1/titles', newTitle())).code as string
    await app.db('title_proposals').insert({
      cluster_id: own, year, title_code: titleCode, unit_id: haucan, election_id: await anElection(), round: 1, votes: 6, ballots_cast: 7, electorate: 7, decided_by: 'votes'
    })
    if (status === 'proposal') return { year, titleCode, id: '', proposalId: '' }
    const dossier = await created(app, admin, `/v1/clusters/${own}/dossiers`, { year, titleCode })
    const ids = { year, titleCode, id: dossier.id as string, proposalId: dossier.proposals[0].proposalId as string }
    if (status === 'draft') return ids
    await created(app, admin, `/v1/dossiers/${ids.id}/attachments`, { fileId: await haucanFile(), kind: 'achievement_report', unitId: haucan })
    const submitted = await app.inject({ method: 'POST', url: `/v1/dossiers/${ids.id}/submit`, headers: { authorization: admin } })
    if (submitted.statusCode !== 200) throw new Error(`submitting the dossier answered ${submitted.statusCode}: ${submitted.body}`)
    if (status === 'accepted') await inject('POST', `/v1/dossiers/${ids.id}/accept`, { proposalIds: [ids.proposalId] })
    return ids
  }
  const dossierReaders: Caller[] = ['admin', 'secretariatOwn', 'unitOther', 'reader']
  const dossierHidden = hidden('dossier_not_found', 'unitOwn', 'unitOutside')
  routes.push(
    {
      name: 'POST /v1/clusters/{id}/dossiers',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => {
        const { year, titleCode } = await dossierAt('proposal')
        return { method: 'POST', url: `/v1/clusters/${own}/dossiers`, payload: { year, titleCode } }
      }
    },
    {
      name: 'GET /v1/clusters/{id}/dossiers',
      allowed: ['admin', 'secretariatOwn', 'unitOwn', 'unitOther', 'unitOutside', 'reader'],
      sees: dossierReaders,
      call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/dossiers?limit=${(await dossierAt('draft'), 1)}` })
    },
    { name: 'GET /v1/dossiers/{id}', allowed: dossierReaders, refused: dossierHidden, call: async () => ({ method: 'GET', url: `/v1/dossiers/${(await dossierAt('draft')).id}` }) },
    {
      name: 'POST /v1/dossiers/{id}/attachments',
      allowed: ['admin', 'secretariatOwn', 'unitOther'],
      refused: dossierHidden,
      call: async () => ({ method: 'POST', url: `/v1/dossiers/${(await dossierAt('draft')).id}/attachments`, payload: { fileId: await haucanFile(), kind: 'achievement_report', unitId: haucan } })
    },
    {
      name: 'DELETE /v1/dossiers/{id}/attachments/{id}',
      allowed: ['admin', 'secretariatOwn', 'unitOther'],
      refused: dossierHidden,
      call: async () => {
        const { id } = await dossierAt('draft')
        const dossier = await created(app, admin, `/v1/dossiers/${id}/attachments`, { fileId: await haucanFile(), kind: 'achievement_report', unitId: haucan })
        return { method: 'DELETE', url: `/v1/dossiers/${id}/attachments/${dossier.attachments[0].id}` }
      }
    },
    {
      name: 'POST /v1/dossiers/{id}/submit',
      allowed: ['admin', 'secretariatOwn'],
      call: async () => {
        const { id } = await dossierAt('draft')
        await created(app, admin, `/v1/dossiers/${id}/attachments`, { fileId: await haucanFile(), kind: 'achievement_report', unitId: haucan })
        return { method: 'POST', url: `/v1/dossiers/${id}/submit` }
      }
    },
    { name: 'POST /v1/dossiers/{id}/return', allowed: ['admin', 'ministry'], call: async () => ({ method: 'POST', url: `/v1/dossiers/${(await dossierAt('submitted')).id}/return`, payload: { reason: 'Bổ sung biên bản.' } }) },
    {
      name: 'POST /v1/dossiers/{id}/accept',
      allowed: ['admin', 'ministry'],
      call: async () => {
        const { id, proposalId } = await dossierAt('submitted')
        return { method: 'POST', url: `/v1/dossiers/${id}/accept`, payload: { proposalIds: [proposalId] } }
      }
    },
    { name: 'GET /v1/dossiers/{id}/cover-letter.pdf', allowed: dossierReaders, refused: dossierHidden, call: async () => ({ method: 'GET', url: `/v1/dossiers/${(await dossierAt('accepted')).id}/cover-letter.pdf` }) },
    { name: 'GET /v1/dossiers/{id}/cover-letter.docx', allowed: dossierReaders, refused: dossierHidden, call: async () => ({ method: 'GET', url: `/v1/dossiers/${(await dossierAt('draft')).id}/cover-letter.docx` }) },
    { name: 'GET /v1/award-rounds/{year}', allowed: ['admin', 'reader'], call: async () => ({ method: 'GET', url: `/v1/award-rounds/${(await dossierAt('draft')).year}` }) }
  )

  // Award decisions: the Ministry or an admin records decisions and revocations; everyone reads them (public honours).
  // Each call a fresh decision (its own number) awarding an officer of the own unit, who never clashes.
  const newDecision = () => ({
    number: `${++serial}/QĐ-BCA-X03`, date: '2025-01-20', issuer: 'Bộ Công an', signer: { name: 'Thượng tướng Lê Quốc Hùng', position: 'Thứ trưởng' }, year: 2024,
    awards: [{ titleCode: 'emulation_fighter', person: { name: `Nguyễn Văn An ${serial}`, rank: 'Đại úy', unitId: ownUnit } }]
  })
  const awardDecision = async () => created(app, admin, '/v1/award-decisions', newDecision())
  const awardWriters: Caller[] = ['admin', 'ministry']
  routes.push(
    { name: 'POST /v1/award-decisions', allowed: awardWriters, call: async () => ({ method: 'POST', url: '/v1/award-decisions', payload: newDecision() }) },
    { name: 'GET /v1/award-decisions', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/award-decisions?limit=${(await awardDecision(), 1)}` }) },
    { name: 'GET /v1/award-decisions/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/award-decisions/${(await awardDecision()).id}` }) },
    { name: 'GET /v1/awards', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/awards?unitId=${ownUnit}` }) },
    { name: 'GET /v1/awards/{id}', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/awards/${(await awardDecision()).awards[0].id}` }) },
    {
      name: 'POST /v1/awards/{id}/revoke',
      allowed: awardWriters,
      call: async () => ({
        method: 'POST',
        url: `/v1/awards/${(await awardDecision()).awards[0].id}/revoke`,
        payload: { reason: 'Kê khai không trung thực thành tích.', decision: { number: `${++serial}/QĐ-BCA-X03`, date: '2025-06-10', issuer: 'Bộ Công an' } }
      })
    },
    { name: 'GET /v1/clusters/{id}/award-tally', allowed: EVERYONE, call: async () => ({ method: 'GET', url: `/v1/clusters/${own}/award-tally?year=2024` }) }
  )

  for (const route of routes) {
    for (const who of CALLERS) {
      const call = await route.call(who)
      const auditBefore = Number((await app.db('audit_events').count({ n: '*' }))[0].n)
      const response = await app.inject({ method: call.method, url: call.url, headers: { ...call.headers, authorization: tokens[who], 'x-request-id': randomUUID() }, ...(call.payload ? { payload: call.payload } : {}) })
      const auditAfter = Number((await app.db('audit_events').count({ n: '*' }))[0].n)
      if (includes(route.allowed, who)) {
        t.ok(response.statusCode >= 200 && response.statusCode < 300, `${who} may ${route.name} (got ${response.statusCode} ${response.statusCode >= 300 ? response.body : ''})`)
        if (route.sees) t.equal(response.json().items.length > 0, includes(route.sees, who), `${who} ${includes(route.sees, who) ? 'sees' : 'sees nothing in'} ${route.name}`)
      } else {
        const { status, code } = route.refused?.[who] ?? { status: 403, code: 'forbidden' }
        t.equal(response.statusCode, status, `${who} may not ${route.name}`)
        t.equal(response.json().code, code, `${who} refused on ${route.name} with code ${code}`)
        t.equal(auditAfter, auditBefore, `${who}'s refused ${route.name} changes nothing`)
      }
    }
  }
})

t.test('a call without a token is refused with 401 on every route but health and docs', async (t) => {
  const { app } = await build(t)
  const id = randomUUID()
  const calls: Call[] = [
    { method: 'GET', url: '/v1/units' }, { method: 'POST', url: '/v1/units', payload: { name: 'X' } },
    { method: 'GET', url: `/v1/units/${id}` }, { method: 'PATCH', url: `/v1/units/${id}`, payload: { name: 'X' } },
    { method: 'GET', url: `/v1/units/${id}/memberships` },
    { method: 'GET', url: '/v1/blocks' }, { method: 'POST', url: '/v1/blocks', payload: { name: 'X' } }, { method: 'GET', url: `/v1/blocks/${id}` },
    { method: 'GET', url: '/v1/clusters' }, { method: 'GET', url: `/v1/clusters/${id}` }, { method: 'PATCH', url: `/v1/clusters/${id}`, payload: { name: 'X' } },
    { method: 'POST', url: `/v1/clusters/${id}/members`, payload: { unitId: id, from: '2024-01-01' } },
    { method: 'GET', url: `/v1/clusters/${id}/members` },
    { method: 'POST', url: `/v1/clusters/${id}/members/${id}/end`, payload: { on: '2024-01-01' } },
    { method: 'GET', url: `/v1/clusters/${id}/terms` }, { method: 'GET', url: `/v1/clusters/${id}/terms/2024` },
    { method: 'PUT', url: `/v1/clusters/${id}/terms/2024`, payload: { headUnitId: id, deputyUnitId: id } },
    { method: 'PUT', url: `/v1/clusters/${id}/advisory-groups/2024`, payload: {} }, { method: 'GET', url: `/v1/clusters/${id}/advisory-groups/2024` },
    { method: 'GET', url: `/v1/clusters/${id}/advisory-groups/2024/versions` }, { method: 'GET', url: `/v1/clusters/${id}/advisory-groups/2024/decision.pdf` },
    { method: 'GET', url: '/v1/audit-events' }, { method: 'GET', url: '/v1/events' },
    { method: 'POST', url: `/v1/clusters/${id}/conferences`, payload: {} }, { method: 'GET', url: `/v1/clusters/${id}/conferences` },
    { method: 'GET', url: `/v1/units/${id}/conferences` }, { method: 'GET', url: `/v1/conferences/${id}` },
    { method: 'PATCH', url: `/v1/conferences/${id}`, payload: { title: 'X' } }, { method: 'POST', url: `/v1/conferences/${id}/finalize` },
    { method: 'POST', url: `/v1/clusters/${id}/pledges`, payload: {} }, { method: 'GET', url: `/v1/clusters/${id}/pledges` },
    { method: 'GET', url: `/v1/pledges/${id}` }, { method: 'PATCH', url: `/v1/pledges/${id}`, payload: { title: 'X' } },
    { method: 'POST', url: `/v1/pledges/${id}/open` }, { method: 'POST', url: `/v1/pledges/${id}/versions` },
    { method: 'POST', url: `/v1/pledges/${id}/signatures`, payload: {} }, { method: 'GET', url: `/v1/pledges/${id}/signatures` },
    { method: 'POST', url: `/v1/clusters/${id}/scoring-schemes`, payload: {} }, { method: 'GET', url: `/v1/clusters/${id}/scoring-schemes` },
    { method: 'GET', url: `/v1/scoring-schemes/${id}` }, { method: 'PATCH', url: `/v1/scoring-schemes/${id}`, payload: {} },
    { method: 'POST', url: `/v1/scoring-schemes/${id}/publish` }, { method: 'POST', url: `/v1/scoring-schemes/${id}/versions` },
    { method: 'PUT', url: `/v1/scoring-schemes/${id}/targets/${id}`, payload: {} }, { method: 'GET', url: `/v1/scoring-schemes/${id}/targets/${id}` },
    { method: 'GET', url: `/v1/scoring-schemes/${id}/targets` },
    { method: 'PUT', url: `/v1/scoring-schemes/${id}/scorecards/${id}`, payload: {} }, { method: 'GET', url: `/v1/scoring-schemes/${id}/scorecards/${id}` },
    { method: 'POST', url: `/v1/scoring-schemes/${id}/scorecards/${id}/submit` }, { method: 'POST', url: `/v1/scoring-schemes/${id}/scorecards/${id}/review`, payload: {} },
    { method: 'POST', url: `/v1/scoring-schemes/${id}/scorecards/${id}/explain`, payload: {} }, { method: 'POST', url: `/v1/scoring-schemes/${id}/finalize` },
    { method: 'POST', url: `/v1/scoring-schemes/${id}/scorecards/${id}/return`, payload: { reason: 'x' } },
    { method: 'GET', url: `/v1/scoring-schemes/${id}/ranking` }, { method: 'GET', url: `/v1/scoring-schemes/${id}/matrix` },
    { method: 'POST', url: `/v1/units/${id}/discipline-records`, payload: {} }, { method: 'GET', url: `/v1/units/${id}/discipline-records` },
    { method: 'GET', url: `/v1/discipline-records/${id}` }, { method: 'PATCH', url: `/v1/discipline-records/${id}`, payload: {} },
    { method: 'POST', url: `/v1/clusters/${id}/elections`, payload: {} }, { method: 'GET', url: `/v1/clusters/${id}/elections` },
    { method: 'GET', url: `/v1/elections/${id}` }, { method: 'POST', url: `/v1/elections/${id}/open` }, { method: 'POST', url: `/v1/elections/${id}/close` },
    { method: 'POST', url: `/v1/elections/${id}/ballots`, payload: {} }, { method: 'GET', url: `/v1/elections/${id}/result` },
    { method: 'GET', url: `/v1/elections/${id}/receipts/abc` }, { method: 'GET', url: `/v1/clusters/${id}/title-proposals` },
    { method: 'GET', url: `/v1/clusters/${id}/deadlines` },
    { method: 'POST', url: '/v1/campaigns', payload: {} }, { method: 'GET', url: '/v1/campaigns' }, { method: 'GET', url: `/v1/campaigns/${id}` },
    { method: 'PATCH', url: `/v1/campaigns/${id}`, payload: {} }, { method: 'POST', url: `/v1/campaigns/${id}/participants`, payload: {} },
    { method: 'GET', url: `/v1/campaigns/${id}/participants` }, { method: 'GET', url: `/v1/campaigns/${id}/participants/${id}` },
    { method: 'PATCH', url: `/v1/campaigns/${id}/participants/${id}`, payload: {} },
    { method: 'POST', url: '/v1/award-decisions', payload: {} }, { method: 'GET', url: '/v1/award-decisions' }, { method: 'GET', url: `/v1/award-decisions/${id}` },
    { method: 'GET', url: '/v1/awards' }, { method: 'GET', url: `/v1/awards/${id}` }, { method: 'POST', url: `/v1/awards/${id}/revoke`, payload: {} },
    { method: 'GET', url: `/v1/clusters/${id}/award-tally?year=2024` },
    { method: 'DELETE', url: `/v1/units/${id}` }, { method: 'DELETE', url: `/v1/blocks/${id}` }, { method: 'DELETE', url: `/v1/clusters/${id}` },
    { method: 'DELETE', url: `/v1/pledges/${id}` }, { method: 'DELETE', url: `/v1/conferences/${id}` },
    { method: 'DELETE', url: `/v1/scoring-schemes/${id}` }, { method: 'DELETE', url: `/v1/elections/${id}` },
    { method: 'POST', url: '/v1/files', payload: PNG_BYTES, headers: { 'content-type': 'image/png', 'content-disposition': named('ảnh.png') } },
    { method: 'GET', url: `/v1/files/${id}` }, { method: 'GET', url: `/v1/files/${id}/meta` }, { method: 'DELETE', url: `/v1/files/${id}` },
    { method: 'GET', url: '/v1/titles' }, { method: 'POST', url: '/v1/titles', payload: {} }, { method: 'GET', url: '/v1/titles/government_flag' },
    { method: 'PATCH', url: '/v1/titles/government_flag', payload: {} },
    { method: 'POST', url: `/v1/clusters/${id}/dossiers`, payload: {} }, { method: 'GET', url: `/v1/clusters/${id}/dossiers` },
    { method: 'GET', url: `/v1/dossiers/${id}` }, { method: 'POST', url: `/v1/dossiers/${id}/attachments`, payload: {} },
    { method: 'DELETE', url: `/v1/dossiers/${id}/attachments/${id}` },
    { method: 'POST', url: `/v1/dossiers/${id}/submit` }, { method: 'POST', url: `/v1/dossiers/${id}/return`, payload: {} },
    { method: 'POST', url: `/v1/dossiers/${id}/accept`, payload: {} }, { method: 'GET', url: `/v1/dossiers/${id}/cover-letter.pdf` },
    { method: 'GET', url: `/v1/dossiers/${id}/cover-letter.docx` }, { method: 'GET', url: '/v1/award-rounds/2024' },
    { method: 'POST', url: '/v1/webhooks', payload: {} }, { method: 'GET', url: '/v1/webhooks' }, { method: 'GET', url: `/v1/webhooks/${id}` },
    { method: 'PATCH', url: `/v1/webhooks/${id}`, payload: {} }, { method: 'DELETE', url: `/v1/webhooks/${id}` },
    { method: 'POST', url: `/v1/webhooks/${id}/rotate-secret` }, { method: 'GET', url: `/v1/webhooks/${id}/deliveries` },
    { method: 'POST', url: `/v1/webhooks/${id}/deliveries/${id}/retry` }, { method: 'POST', url: `/v1/webhooks/${id}/replay`, payload: {} }
  ]
  for (const call of calls) {
    const response = await app.inject({ method: call.method, url: call.url, headers: call.headers, ...(call.payload ? { payload: call.payload } : {}) })
    t.equal(response.statusCode, 401, `${call.method} ${call.url} needs a token`)
    t.match(response.headers['content-type'], /application\/problem\+json/)
  }
  for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs']) {
    const response = await app.inject({ url })
    t.ok(response.statusCode < 400, `${url} needs no token (got ${response.statusCode})`)
  }
})
