import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, created, NIL } from '../helpers/http.js'
import {
  CLUSTER_4_UNITS, CLUSTER_6_HEAD, CLUSTER_6_UNITS, midYearReview2024, seedCluster4, seedCluster6
} from '../helpers/conferences.js'
import { createUnit } from '../helpers/units.js'

const TWO_THIRDS = { numerator: 2, denominator: 3, comparison: 'at_least' }

t.test('seed 001: Cụm 6 records its 2024 mid-year review, chaired by the head of Cục Đối ngoại, and finalizes it', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin)
  const secretariat = auth({ role: 'secretariat', clusterId: cluster.id, sub: 'sec-6' })
  const input = midYearReview2024(units)
  // The title arrives decomposed (NFD) with stray spaces: it is stored NFC, trimmed, single-spaced.
  const response = await as(secretariat).post(`/v1/clusters/${cluster.id}/conferences`, { ...input, title: `  ${input.title.normalize('NFD')}  ` })
  t.equal(response.statusCode, 201, response.body)
  const conference = response.json()
  t.match(response.headers.etag, /^"v1\.[\w-]{12}"$/, 'the version, and a digest of the quorum derived for it')
  t.equal(response.headers.location, `/v1/conferences/${conference.id}`)
  t.same(Object.keys(conference).sort(), [
    'agenda', 'attendingUnitIds', 'awardTally', 'chair', 'clusterId', 'createdAt', 'decisions', 'finalizedAt', 'guests',
    'heldAt', 'heldOn', 'id', 'kind', 'links', 'location', 'minutes', 'place', 'quorum', 'secretary', 'status', 'title', 'updatedAt',
    'version', 'year'
  ])
  t.match(conference, {
    clusterId: cluster.id,
    kind: 'mid_year_review',
    title: input.title,
    year: 2024,
    heldAt: '2024-07-30T07:00:00.000Z',
    heldOn: '2024-07-30',
    location: 'Hà Nội',
    chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng Cục Đối ngoại', unitId: units[CLUSTER_6_HEAD] },
    guests: [],
    awardTally: null,
    links: { pledgeId: null, electionIds: [], flagHandover: null },
    status: 'draft',
    finalizedAt: null,
    version: 1
  })
  t.equal(conference.title, conference.title.normalize('NFC'))
  t.same(conference.attendingUnitIds, input.attendingUnitIds, 'the five attending units, in the order given')
  t.same(conference.agenda, input.agenda)
  t.same(conference.decisions, input.decisions)
  t.same(conference.quorum, { required: TWO_THIRDS, members: 6, attending: 6, met: true }, 'five attend and the head unit chairs')

  const read = await as(auth({ role: 'reader' })).get(`/v1/conferences/${conference.id}`)
  t.equal(read.statusCode, 200)
  t.equal(read.headers.etag, response.headers.etag)
  t.same(read.json(), conference)
  t.equal((await as(admin).get(`/v1/conferences/${conference.id}`, { 'if-none-match': response.headers.etag as string })).statusCode, 304)

  t.test('the history of a unit that chaired and of one that attended', async (t) => {
    for (const name of [CLUSTER_6_HEAD, 'Văn phòng Bộ Công an']) {
      const history = await as(auth({ role: 'unit', unitId: units[name] })).get(`/v1/units/${units[name]}/conferences`)
      t.equal(history.statusCode, 200, name)
      t.same(history.json().items.map((c: { id: string }) => c.id), [conference.id], name)
    }
  })

  t.test('finalize locks the record; a later PATCH or finalize is 409', async (t) => {
    const finalized = await as(secretariat).post(`/v1/conferences/${conference.id}/finalize`, undefined, { 'if-match': response.headers.etag as string })
    t.equal(finalized.statusCode, 200, finalized.body)
    t.match(finalized.json(), { status: 'finalized', version: 2, quorum: { members: 6, attending: 6, met: true } })
    t.type(finalized.json().finalizedAt, 'string')
    t.match(finalized.headers.etag, /^"v2\./)
    const patch = await as(secretariat).patch(`/v1/conferences/${conference.id}`, { location: 'Thành phố Hồ Chí Minh' })
    t.equal(patch.statusCode, 409)
    t.equal(patch.json().code, 'conference_finalized')
    const again = await as(admin).post(`/v1/conferences/${conference.id}/finalize`, undefined)
    t.equal(again.statusCode, 409)
    t.equal(again.json().code, 'conference_finalized')
    t.equal((await as(admin).get(`/v1/conferences/${conference.id}`)).json().location, 'Hà Nội', 'unchanged')
  })

  t.test('creation and finalization are audited and evented', async (t) => {
    const audit = await app.db('audit_events').where({ resource_type: 'conference', resource_id: conference.id }).orderBy('id')
    t.same(audit.map((a) => a.action), ['conference.created', 'conference.finalized'])
    t.equal(audit[1].before.status, 'draft')
    t.equal(audit[1].after.status, 'finalized')
    t.equal(audit[0].actor_role, 'secretariat')
    const events = await app.db('events').where({ resource_type: 'conference', resource_id: conference.id }).orderBy('position')
    t.same(events.map((e) => e.type), ['conference.created', 'conference.finalized'])
    t.equal(events[0].data.heldOn, '2024-07-30')
  })
})

t.test('seed 002: Cụm 4 of the Hà Nội city police holds its 2016 annual review: 120 collectives and 357 individuals awarded', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster4(app, admin)
  t.equal(Object.keys(units).length, 8)
  // The Deputy Director of the city police directs the conference: his office is a unit outside the cluster.
  const catp = await createUnit(app, admin, { name: 'Công an thành phố Hà Nội', shortName: 'CATP Hà Nội' })
  const pledgeId = (await created(app, admin, `/v1/clusters/${cluster.id}/pledges`, {
    year: 2016, title: 'Giao ước thi đua năm 2016', slogan: 'Vì an ninh Tổ quốc', commitments: [{ text: 'Hoàn thành xuất sắc nhiệm vụ.' }], registeredTitles: []
  })).id as string
  // The conference's elections are linked once held (test/routes/elections-story.test.ts).
  const electionIds: string[] = []
  const body = {
    kind: 'annual_review',
    title: 'Hội nghị tổng kết phong trào thi đua "Vì An ninh Tổ quốc" năm 2016',
    year: 2016,
    heldAt: '2016-11-11T08:00:00+07:00',
    chair: { name: 'Đinh Văn Toản', rank: 'Thiếu tướng', position: 'Phó Giám đốc Công an thành phố Hà Nội', unitId: catp.id },
    attendingUnitIds: CLUSTER_4_UNITS.map((name) => units[name]),
    guests: [{ name: 'Đại diện Phòng Công tác đảng và công tác quần chúng', organisation: 'Đơn vị Cụm trưởng năm 2016' }],
    agenda: ['Tổng kết phong trào thi đua năm 2016', 'Bầu đơn vị Cụm trưởng, Cụm phó năm 2017', 'Bàn giao cờ luân lưu'],
    minutes: 'Các đơn vị trong cụm đã triển khai và tổ chức có hiệu quả 4 đợt thi đua.\nPhong trào thi đua của cụm có sức lan tỏa mạnh mẽ.',
    decisions: [
      'Bầu Phòng Công tác chính trị là đơn vị Cụm trưởng năm 2017.',
      'Bầu Phòng Hậu cần là đơn vị Cụm phó năm 2017.'
    ],
    awardTally: { collectives: 120, individuals: 357 },
    links: {
      pledgeId,
      electionIds,
      flagHandover: { fromUnitId: units['Phòng Công tác đảng và công tác quần chúng'], toUnitId: units['Phòng Công tác chính trị'], year: 2017 }
    }
  }
  const response = await as(admin).post(`/v1/clusters/${cluster.id}/conferences`, body)
  t.equal(response.statusCode, 201, response.body)
  const conference = response.json()
  t.match(conference, {
    kind: 'annual_review',
    year: 2016,
    heldAt: '2016-11-11T01:00:00.000Z',
    heldOn: '2016-11-11',
    location: null,
    awardTally: { collectives: 120, individuals: 357 },
    links: body.links,
    minutes: body.minutes,
    chair: { unitId: catp.id }
  })
  t.same(conference.guests, [{ name: body.guests[0].name, rank: null, position: null, organisation: 'Đơn vị Cụm trưởng năm 2016' }])
  t.same(conference.quorum, { required: TWO_THIRDS, members: 8, attending: 8, met: true }, 'the chair\'s unit is not a member and does not count')

  const chaired = (await as(admin).get(`/v1/units/${catp.id}/conferences`)).json()
  t.same(chaired.items.map((c: { id: string }) => c.id), [conference.id], 'the city police chaired it, from outside the cluster')
  const annual = (await as(admin).get(`/v1/clusters/${cluster.id}/conferences?kind=annual_review`)).json()
  t.same(annual.items.map((c: { id: string }) => c.id), [conference.id])
  t.same((await as(admin).get(`/v1/clusters/${cluster.id}/conferences?kind=mid_year_review`)).json(), { items: [], nextCursor: null })
  const finalized = await as(admin).post(`/v1/conferences/${conference.id}/finalize`, undefined)
  t.equal(finalized.statusCode, 200)
  t.match(finalized.json(), { status: 'finalized', awardTally: { collectives: 120, individuals: 357 } })
})

t.test('quorum at the 2/3 boundary, the cluster\'s own rule, and a quorum frozen on finalizing', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin)
  const secretariat = auth({ role: 'secretariat', clusterId: cluster.id })
  const conferences = `/v1/clusters/${cluster.id}/conferences`
  // No chair's unit: only the attending units are present.
  const draft = (attending: string[]) => ({
    ...midYearReview2024(units, attending), chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng Cục Đối ngoại' }
  })

  const three = await as(secretariat).post(conferences, draft(CLUSTER_6_UNITS.slice(0, 3)))
  t.equal(three.statusCode, 201, three.body)
  t.same(three.json().quorum, { required: TWO_THIRDS, members: 6, attending: 3, met: false }, '3 of 6 does not meet at least 2/3')
  t.equal(three.json().chair.unitId, null)
  const refused = await as(secretariat).post(`/v1/conferences/${three.json().id}/finalize`, undefined)
  t.equal(refused.statusCode, 422)
  t.equal(refused.json().code, 'quorum_not_met')
  t.same(refused.json().quorum, three.json().quorum, 'the refusal carries the quorum')
  t.equal((await as(admin).get(`/v1/conferences/${three.json().id}`)).json().status, 'draft', 'still a draft')

  const four = await as(secretariat).patch(`/v1/conferences/${three.json().id}`, { attendingUnitIds: CLUSTER_6_UNITS.slice(0, 4).map((n) => units[n]) }, { 'if-match': three.headers.etag as string })
  t.equal(four.statusCode, 200, four.body)
  t.same(four.json().quorum, { required: TWO_THIRDS, members: 6, attending: 4, met: true }, '4 of 6 meets at least 2/3')
  t.match(four.headers.etag, /^"v2\./)

  t.test('a stricter rule of the cluster (at least 3/4) applies to the drafts at once', async (t) => {
    const rules = await as(secretariat).patch(`/v1/clusters/${cluster.id}`, { rules: { quorum: { numerator: 3, denominator: 4, comparison: 'at_least' } } })
    t.equal(rules.statusCode, 200, rules.body)
    const reread = await as(admin).get(`/v1/conferences/${three.json().id}`, { 'if-none-match': four.headers.etag as string })
    t.equal(reread.statusCode, 200, 'the quorum changed without a new version: the old ETag is not current, no 304')
    t.not(reread.headers.etag, four.headers.etag)
    t.match(reread.headers.etag, /^"v2\./, 'the record\'s own version is unchanged')
    const read = reread.json()
    t.same(read.quorum, { required: { numerator: 3, denominator: 4, comparison: 'at_least' }, members: 6, attending: 4, met: false })
    const stale = await as(secretariat).patch(`/v1/conferences/${three.json().id}`, { location: 'Hà Nội' }, { 'if-match': four.headers.etag as string })
    t.equal(stale.statusCode, 412, 'a change based on the old quorum is refused: read it again first')
    const refused = await as(secretariat).post(`/v1/conferences/${three.json().id}/finalize`, undefined)
    t.equal(refused.statusCode, 422)
    t.equal(refused.json().code, 'quorum_not_met')
  })

  t.test('a laxer rule (more than 1/2) lets it finalize, and the quorum is then frozen', async (t) => {
    const half = { numerator: 1, denominator: 2, comparison: 'more_than' }
    t.equal((await as(admin).patch(`/v1/clusters/${cluster.id}`, { rules: { quorum: half } })).statusCode, 200)
    const current = await as(admin).get(`/v1/conferences/${three.json().id}`)
    const finalized = await as(secretariat).post(`/v1/conferences/${three.json().id}/finalize`, undefined, { 'if-match': current.headers.etag as string })
    t.equal(finalized.statusCode, 200, finalized.body)
    t.same(finalized.json().quorum, { required: half, members: 6, attending: 4, met: true })
    // Later rule and membership changes do not rewrite a finalized record.
    t.equal((await as(admin).patch(`/v1/clusters/${cluster.id}`, { rules: { quorum: { numerator: 1, denominator: 1, comparison: 'at_least' } } })).statusCode, 200)
    const newcomer = await createUnit(app, admin, { name: 'Cục Truyền thông Công an nhân dân' })
    await created(app, admin, `/v1/clusters/${cluster.id}/members`, { unitId: newcomer.id, from: '2024-01-01' })
    t.same((await as(admin).get(`/v1/conferences/${three.json().id}`)).json().quorum, finalized.json().quorum)
  })
})

t.test('attending units must be members on the conference date in Việt Nam', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin)
  const conferences = `/v1/clusters/${cluster.id}/conferences`
  const outsider = await createUnit(app, admin, { name: 'Cục Y tế', code: 'H06' })
  const late = await createUnit(app, admin, { name: 'Cục Truyền thông Công an nhân dân' })
  await created(app, admin, `/v1/clusters/${cluster.id}/members`, { unitId: late.id, from: '2024-08-01' })

  const notMember = await as(admin).post(conferences, { ...midYearReview2024(units), attendingUnitIds: [units['Cục Hồ sơ nghiệp vụ'], outsider.id, NIL] })
  t.equal(notMember.statusCode, 422)
  t.equal(notMember.json().code, 'attendee_not_member')
  t.same(notMember.json().unitIds, [outsider.id, NIL], 'names every unit that is not a member, unknown ones included')
  t.match(notMember.json().detail, `${outsider.name} (${outsider.id}), ${NIL} are not a member of the cluster on `, 'each known unit by name and id')
  const tooEarly = await as(admin).post(conferences, { ...midYearReview2024(units), attendingUnitIds: [late.id] })
  t.equal(tooEarly.statusCode, 422, 'a member only from 1 August did not attend on 30 July')
  t.equal(tooEarly.json().code, 'attendee_not_member')

  // 23:59 UTC on 31 July is 06:59 on 1 August in Hà Nội: the late unit is a member then, and now counts (7 members).
  const august = await as(admin).post(conferences, { ...midYearReview2024(units), heldAt: '2024-07-31T23:59:00Z', attendingUnitIds: [late.id] })
  t.equal(august.statusCode, 201, august.body)
  t.match(august.json(), { heldOn: '2024-08-01', quorum: { members: 7, attending: 2, met: false } })
  // Moving it back to 31 July in Hà Nội (16:59 UTC) leaves the late unit outside.
  const back = await as(admin).patch(`/v1/conferences/${august.json().id}`, { heldAt: '2024-07-31T16:59:00Z' })
  t.equal(back.statusCode, 422)
  t.equal(back.json().code, 'attendee_not_member')
  t.equal((await as(admin).get(`/v1/conferences/${august.json().id}`)).json().version, 1, 'nothing changed')
  t.equal((await app.db('audit_events').where({ resource_type: 'conference' })).length, 1, 'only the one creation is audited')

  t.test('a member that leaves is not counted on a date after it left, and stays counted before', async (t) => {
    const ended = await as(admin).post(`/v1/clusters/${cluster.id}/members/${units['Cục Hồ sơ nghiệp vụ']}/end`, { on: '2024-07-31' })
    t.equal(ended.statusCode, 200)
    const before = await as(admin).post(conferences, midYearReview2024(units))
    t.equal(before.statusCode, 201, '30 July: still a member')
    t.same(before.json().quorum, { required: TWO_THIRDS, members: 6, attending: 6, met: true })
    const after = await as(admin).post(conferences, { ...midYearReview2024(units), heldAt: '2024-07-31T09:00:00+07:00' })
    t.equal(after.statusCode, 422)
    t.same(after.json().unitIds, [units['Cục Hồ sơ nghiệp vụ']])
  })

  t.test('the chair\'s unit must exist (404), but need not be a member', async (t) => {
    const unknown = await as(admin).post(conferences, { ...midYearReview2024(units), chair: { name: 'A', rank: 'Đại tá', position: 'Cục trưởng', unitId: NIL } })
    t.equal(unknown.statusCode, 404)
    t.equal(unknown.json().code, 'unit_not_found')
    const outside = await as(admin).post(conferences, { ...midYearReview2024(units), chair: { name: 'A', rank: 'Đại tá', position: 'Cục trưởng', unitId: outsider.id } })
    t.equal(outside.statusCode, 201)
    t.match(outside.json().quorum, { attending: 5, members: 6, met: true })
  })
})

t.test('PATCH: If-Match, replacing fields, removing with null; lifecycle and scope', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin)
  const secretariat = auth({ role: 'secretariat', clusterId: cluster.id })
  const pledge = await created(app, admin, `/v1/clusters/${cluster.id}/pledges`, {
    year: 2024, title: 'Giao ước thi đua năm 2024', slogan: 'Vì an ninh Tổ quốc', commitments: [{ text: 'Hoàn thành xuất sắc nhiệm vụ.' }], registeredTitles: []
  })
  const posted = await as(admin).post(`/v1/clusters/${cluster.id}/conferences`, {
    ...midYearReview2024(units), awardTally: { collectives: 3, individuals: 12 }, links: { pledgeId: pledge.id }
  })
  const conference = posted.json()
  const firstTag = posted.headers.etag as string
  const url = `/v1/conferences/${conference.id}`

  const unknownPledge = await as(secretariat).patch(url, { links: { pledgeId: NIL } })
  t.equal(unknownPledge.statusCode, 422, 'a link to a pledge that is not this cluster\'s is refused')
  t.equal(unknownPledge.json().code, 'linked_pledge_not_in_cluster')

  const stale = await as(secretariat).patch(url, { location: 'Hải Phòng' }, { 'if-match': '"v7"' })
  t.equal(stale.statusCode, 412)
  t.equal(stale.json().code, 'precondition_failed')

  const foreignElection = await as(secretariat).patch(url, { links: { electionIds: [NIL] } }, { 'if-match': firstTag })
  t.equal(foreignElection.statusCode, 422, 'a linked election must be one of this cluster\'s')
  t.equal(foreignElection.json().code, 'linked_election_not_in_cluster')
  t.same(foreignElection.json().electionIds, [NIL])

  const changed = await as(secretariat).patch(url, {
    location: null,
    awardTally: null,
    minutes: 'Biên bản\n\nđã sửa',
    guests: [{ name: 'Nguyễn Văn A', rank: 'Đại tá', position: 'Phó Cục trưởng', organisation: 'Cục Công tác đảng và công tác chính trị' }],
    links: { electionIds: [] },
    chair: { name: 'Đặng Xuân Hồng', rank: 'Trung tướng', position: 'Cục trưởng Cục Đối ngoại', unitId: null },
    year: 2025
  }, { 'if-match': firstTag })
  t.equal(changed.statusCode, 200, changed.body)
  t.match(changed.json(), {
    version: 2,
    location: null,
    awardTally: null,
    minutes: 'Biên bản\n\nđã sửa',
    links: { pledgeId: null, electionIds: [], flagHandover: null },
    chair: { unitId: null },
    year: 2025,
    title: conference.title,
    quorum: { attending: 5, met: true }
  })
  t.same(changed.json().attendingUnitIds, conference.attendingUnitIds, 'fields not given are kept')
  t.same(changed.json().guests, [{ name: 'Nguyễn Văn A', rank: 'Đại tá', position: 'Phó Cục trưởng', organisation: 'Cục Công tác đảng và công tác chính trị' }])
  t.match(changed.headers.etag, /^"v2\./)
  const wildcard = await as(admin).patch(url, { kind: 'other' }, { 'if-match': '*' })
  t.equal(wildcard.statusCode, 200)
  t.equal(wildcard.json().version, 3)

  const yearOff = await as(admin).patch(url, { year: 2027 })
  t.equal(yearOff.statusCode, 422)
  t.equal(yearOff.json().code, 'conference_year_mismatch')

  const audit = await app.db('audit_events').where({ resource_type: 'conference', resource_id: conference.id }).orderBy('id')
  t.same(audit.map((a) => a.action), ['conference.created', 'conference.updated', 'conference.updated'])
  t.equal(audit[1].before.location, 'Hà Nội')
  t.equal(audit[1].after.location, null)

  t.test('only an admin or the cluster\'s own secretariat writes', async (t) => {
    const other = await created(app, admin, '/v1/clusters', { number: 9, name: 'Cụm thi đua số 9', blockId: cluster.blockId })
    const tokens = {
      reader: auth({ role: 'reader' }),
      unit: auth({ role: 'unit', unitId: units[CLUSTER_6_HEAD] }),
      'other cluster\'s secretariat': auth({ role: 'secretariat', clusterId: other.id })
    }
    for (const [who, token] of Object.entries(tokens)) {
      const create = await as(token).post(`/v1/clusters/${cluster.id}/conferences`, midYearReview2024(units))
      t.equal(create.statusCode, 403, `${who} creates`)
      t.equal(create.json().code, 'forbidden')
      t.equal((await as(token).patch(url, { location: 'Huế' })).statusCode, 403, `${who} patches`)
      t.equal((await as(token).post(`${url}/finalize`, undefined)).statusCode, 403, `${who} finalizes`)
      t.equal((await as(token).get(url)).statusCode, 200, `${who} reads`)
    }
    t.equal((await as(admin).get(url)).json().version, 3, 'nothing changed')
    t.equal((await app.db('audit_events').where({ resource_type: 'conference' })).length, 3)
  })
})

t.test('lists: newest first, by kind and date range in Việt Nam, page by page, across clusters for a unit', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin, '2023-01-01')
  const conferences = `/v1/clusters/${cluster.id}/conferences`
  const held: Array<[string, string, number]> = [
    ['pledge_signing', '2024-01-15T09:00:00+07:00', 2024],
    ['mid_year_review', '2024-07-30T14:00:00+07:00', 2024],
    ['annual_review', '2024-12-20T08:00:00+07:00', 2024],
    ['pledge_signing', '2024-12-31T18:00:00Z', 2025], // 1 January 2025 in Hà Nội
    ['other', '2023-06-01T08:00:00+07:00', 2023]
  ]
  const ids: Record<string, string> = {}
  for (const [kind, heldAt, year] of held) {
    const response = await as(admin).post(conferences, { ...midYearReview2024(units), kind, heldAt, year, title: `Hội nghị ${kind} ${heldAt}` })
    t.equal(response.statusCode, 201, response.body)
    ids[heldAt] = response.json().id
  }
  const order = ['2024-12-31T18:00:00Z', '2024-12-20T08:00:00+07:00', '2024-07-30T14:00:00+07:00', '2024-01-15T09:00:00+07:00', '2023-06-01T08:00:00+07:00'].map((h) => ids[h])
  const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((c) => c.id)
  const all = (await as(auth({ role: 'reader' })).get(conferences)).json()
  t.same(idsOf(all), order, 'the latest first')
  const paged: string[] = []
  let cursor: string | null = null
  do {
    const page: { items: Array<{ id: string }>, nextCursor: string | null } = (await as(admin).get(`${conferences}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()
    paged.push(...idsOf(page))
    cursor = page.nextCursor
  } while (cursor)
  t.same(paged, order, 'pages join up')
  t.same(idsOf((await as(admin).get(`${conferences}?kind=pledge_signing`)).json()), [order[0], order[3]])
  t.same(idsOf((await as(admin).get(`${conferences}?from=2024-01-01&to=2024-12-31`)).json()), order.slice(1, 4), 'the 2025 pledge is held on 1 January in Việt Nam')
  t.same(idsOf((await as(admin).get(`${conferences}?from=2025-01-01`)).json()), [order[0]])
  t.same(idsOf((await as(admin).get(`${conferences}?to=2024-07-30&kind=mid_year_review`)).json()), [order[2]])
  const range = await as(admin).get(`${conferences}?from=2024-12-31&to=2024-01-01`)
  t.equal(range.statusCode, 400)
  t.equal(range.json().code, 'invalid_range')

  t.test('a unit\'s history spans clusters and years', async (t) => {
    // Văn phòng Bộ Công an moves to another cluster of another block in 2025 and attends its conference there.
    const block = await created(app, admin, '/v1/blocks', { name: 'Khối thử nghiệm' })
    const elsewhere = await created(app, admin, '/v1/clusters', { number: 1, name: 'Cụm thi đua số 1', blockId: block.id })
    const vp = units['Văn phòng Bộ Công an']
    await created(app, admin, `/v1/clusters/${elsewhere.id}/members`, { unitId: vp, from: '2025-01-01' })
    const there = (await created(app, admin, `/v1/clusters/${elsewhere.id}/conferences`, {
      kind: 'mid_year_review', title: 'Sơ kết 6 tháng đầu năm 2025', year: 2025, heldAt: '2025-07-10T02:00:00Z',
      chair: { name: 'Nguyễn Văn B', rank: 'Thiếu tướng', position: 'Cục trưởng' }, attendingUnitIds: [vp]
    })).id
    const history = await as(auth({ role: 'unit', unitId: vp })).get(`/v1/units/${vp}/conferences`)
    t.equal(history.statusCode, 200)
    t.same(idsOf(history.json()), [there, ...order])
    t.same(idsOf((await as(admin).get(`/v1/units/${vp}/conferences?from=2025-01-01&kind=mid_year_review`)).json()), [there])
    const first = (await as(admin).get(`/v1/units/${vp}/conferences?limit=4`)).json()
    const second = (await as(admin).get(`/v1/units/${vp}/conferences?limit=4&cursor=${first.nextCursor}`)).json()
    t.same([...idsOf(first), ...idsOf(second)], [there, ...order])
    t.equal(second.nextCursor, null)
    const stranger = await createUnit(app, admin, { name: 'Cục Cảnh sát giao thông' })
    t.same((await as(admin).get(`/v1/units/${stranger.id}/conferences`)).json(), { items: [], nextCursor: null })
  })
})

t.test('bad input is a 400, unknown ids a 404, no token a 401', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin)
  const conferences = `/v1/clusters/${cluster.id}/conferences`
  const good = midYearReview2024(units)
  const conference = (await as(admin).post(conferences, good)).json()
  const url = `/v1/conferences/${conference.id}`

  const bodies: Array<[string, unknown]> = [
    ['instant without a zone', { ...good, heldAt: '2024-07-30T14:00:00' }],
    ['a date, not an instant', { ...good, heldAt: '2024-07-30' }],
    ['Vietnamese date order', { ...good, heldAt: '30/07/2024 14:00' }],
    ['impossible day', { ...good, heldAt: '2024-02-30T08:00:00Z' }],
    ['hour 25', { ...good, heldAt: '2024-07-30T25:00:00Z' }],
    ['bad attending uuid', { ...good, attendingUnitIds: ['cuc-doi-ngoai'] }],
    ['bad chair unit uuid', { ...good, chair: { ...good.chair, unitId: 'H06' } }],
    ['the same unit twice', { ...good, attendingUnitIds: [units[CLUSTER_6_HEAD], units[CLUSTER_6_HEAD]] }],
    ['unknown field', { ...good, venue: 'Hà Nội' }],
    ['unknown chair field', { ...good, chair: { ...good.chair, phone: '069' } }],
    ['unknown links field', { ...good, links: { pledge: NIL } }],
    ['bad pledge uuid', { ...good, links: { pledgeId: 'giao-uoc-2024' } }],
    ['bad flag handover', { ...good, links: { flagHandover: { fromUnitId: NIL } } }],
    ['unknown kind', { ...good, kind: 'conference' }],
    ['missing chair', { ...good, chair: undefined }],
    ['chair without rank', { ...good, chair: { name: 'A', position: 'B' } }],
    ['blank title', { ...good, title: '   ' }],
    ['year as text', { ...good, year: '2024' }],
    ['year out of range', { ...good, year: 1900 }],
    ['negative tally', { ...good, awardTally: { collectives: -1, individuals: 357 } }],
    ['fractional tally', { ...good, awardTally: { collectives: 120.5, individuals: 357 } }],
    ['partial tally', { ...good, awardTally: { collectives: 120 } }],
    ['guest without name', { ...good, guests: [{ rank: 'Đại tá' }] }],
    ['agenda item blank', { ...good, agenda: [''] }]
  ]
  for (const [name, payload] of bodies) {
    const bad = await as(admin).post(conferences, payload)
    t.equal(bad.statusCode, 400, name)
    t.equal(bad.json().code, 'validation_failed', name)
  }
  const unknownField = (await as(admin).post(conferences, { ...good, venue: 'Hà Nội' })).json()
  t.same(unknownField.errors, [{ path: '/body/venue', message: 'is not a known field', keyword: 'additionalProperties' }])
  // Ajv takes 23:59:60 (a leap second); the service cannot store it and says so with a 400.
  const leap = await as(admin).post(conferences, { ...good, heldAt: '2016-12-31T23:59:60Z', year: 2017 })
  t.equal(leap.statusCode, 400)
  t.equal(leap.json().code, 'invalid_instant')

  for (const [name, payload] of [['empty patch', {}], ['status is not patched', { status: 'finalized' }], ['bad instant', { heldAt: 'hôm qua' }], ['null chair', { chair: null }], ['null title', { title: null }]] as const) {
    const bad = await as(admin).patch(url, payload)
    t.equal(bad.statusCode, 400, name)
  }
  for (const path of [
    '/v1/clusters/6/conferences', `${conferences}?kind=review`, `${conferences}?from=2024-02-30`, `${conferences}?cursor=xyz`,
    `${conferences}?limit=0`, `${conferences}?page=2`, '/v1/conferences/hoi-nghi', '/v1/units/H06/conferences'
  ]) {
    t.equal((await as(admin).get(path)).statusCode, 400, path)
  }
  t.equal((await as(admin).patch('/v1/conferences/hoi-nghi', { location: 'Huế' })).statusCode, 400)
  t.equal((await as(admin).post('/v1/conferences/hoi-nghi/finalize', undefined)).statusCode, 400)
  t.equal((await as(admin).get(url)).json().version, 1, 'nothing changed')

  const notFound: Array<[string, () => ReturnType<ReturnType<typeof as>['get']>, string]> = [
    ['create in an unknown cluster', () => as(admin).post(`/v1/clusters/${NIL}/conferences`, good), 'cluster_not_found'],
    ['list an unknown cluster', () => as(admin).get(`/v1/clusters/${NIL}/conferences`), 'cluster_not_found'],
    ['get', () => as(admin).get(`/v1/conferences/${NIL}`), 'conference_not_found'],
    ['patch', () => as(admin).patch(`/v1/conferences/${NIL}`, { location: 'Huế' }), 'conference_not_found'],
    ['finalize', () => as(admin).post(`/v1/conferences/${NIL}/finalize`, undefined), 'conference_not_found'],
    ['a unit\'s history', () => as(admin).get(`/v1/units/${NIL}/conferences`), 'unit_not_found']
  ]
  for (const [name, call, code] of notFound) {
    const response = await call()
    t.equal(response.statusCode, 404, name)
    t.equal(response.json().code, code, name)
  }
  const secretariat = auth({ role: 'secretariat', clusterId: cluster.id })
  t.equal((await as(secretariat).patch(`/v1/conferences/${NIL}`, { location: 'Huế' })).statusCode, 404, 'a secretariat too')

  const anonymous = as()
  for (const response of [
    await anonymous.post(conferences, good), await anonymous.get(conferences), await anonymous.get(url),
    await anonymous.patch(url, { location: 'Huế' }), await anonymous.post(`${url}/finalize`, undefined),
    await anonymous.get(`/v1/units/${units[CLUSTER_6_HEAD]}/conferences`)
  ]) {
    t.equal(response.statusCode, 401)
    t.equal(response.json().code, 'unauthenticated')
  }
  const stale = await as(admin).post(`${url}/finalize`, undefined, { 'if-match': '"v9"' })
  t.equal(stale.statusCode, 412, 'finalize honours If-Match too')
})

t.test('an Idempotency-Key retry replays the creation and adds nothing', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)
  const { cluster, units } = await seedCluster6(app, admin)
  const key = { 'idempotency-key': 'so-ket-2024-cum-6' }
  const url = `/v1/clusters/${cluster.id}/conferences`
  const first = await as(admin).post(url, midYearReview2024(units), key)
  const retry = await as(admin).post(url, midYearReview2024(units), key)
  t.equal(first.statusCode, 201)
  t.equal(retry.statusCode, 201)
  t.same(retry.json(), first.json())
  t.equal(retry.headers['idempotent-replayed'], 'true')
  t.equal((await app.db('conferences')).length, 1)
  const other = await as(admin).post(url, { ...midYearReview2024(units), location: 'Huế' }, key)
  t.equal(other.statusCode, 422)
  t.equal(other.json().code, 'idempotency_key_reused')
})
