import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, expectStatus } from '../helpers/http.js'

const clusterTitle = {
  code: 'cluster_excellent',
  name: 'Đơn vị xuất sắc của Cụm thi đua',
  level: 'unit',
  recipient: 'collective',
  standard: { ranking: 'ministry_flag_band', consecutiveYears: 1, description: 'Đơn vị xếp loại xuất sắc trong Cụm.' },
  legalBasis: 'Quy chế hoạt động của Cụm thi đua số 9, Điều 12.'
}

t.test('the catalogue starts with the default titles, the Government\'s first, each with its standard, quota and legal basis', async (t) => {
  const { app, auth } = await build(t)
  const as = caller(app)
  const ministry = auth({ role: 'ministry', sub: 'vu-thi-dua' })
  const page = await expectStatus(as(ministry).get('/v1/titles'), 200)
  t.same(page.items.map((title: { code: string }) => title.code),
    ['government_flag', 'ministry_certificate_individual', 'ministry_certificate', 'cand_emulation_fighter', 'ministry_flag', 'emulation_fighter'],
    'by level, then in Vietnamese order of name (Bằng khen… (cá nhân) before (tập thể), Chiến sĩ… before Cờ…)')
  t.match(page.items[0], {
    code: 'government_flag', name: 'Cờ thi đua của Chính phủ', level: 'government', recipient: 'collective', builtIn: true,
    standard: { ranking: 'leads_cluster', consecutiveYears: 1 }, quota: { basis: 'cluster_leading_units', percent: 20, rounding: 'down' },
    legalBasis: /Công văn số 5007\/BNV-TĐKT/
  })
  const individuals = await expectStatus(as(ministry).get('/v1/titles?recipient=individual'), 200)
  t.same(individuals.items.map((title: { code: string }) => title.code), ['ministry_certificate_individual', 'cand_emulation_fighter', 'emulation_fighter'])
  const government = await expectStatus(as(ministry).get('/v1/titles?level=government'), 200)
  t.same(government.items.map((title: { code: string }) => title.code), ['government_flag'])
  const firstTwo = await expectStatus(as(ministry).get('/v1/titles?limit=2'), 200)
  const rest = await expectStatus(as(ministry).get(`/v1/titles?limit=5&cursor=${firstTwo.nextCursor}`), 200)
  t.same([...firstTwo.items, ...rest.items].map((title: { code: string }) => title.code), page.items.map((title: { code: string }) => title.code), 'pages follow on')
  const one = await as(ministry).get('/v1/titles/ministry_flag')
  t.equal(one.statusCode, 200)
  t.ok(one.headers.etag, 'with its ETag')
  t.equal((await as(ministry).get('/v1/titles/ministry_flag', { 'if-none-match': one.headers.etag as string })).statusCode, 304)
  t.match((await as(ministry).get('/v1/titles/co_thi_dua_cum')).json(), { status: 404, code: 'title_not_found', detail: 'No title has code co_thi_dua_cum.' })
})

t.test('an admin adds a title and corrects it; the code and the name stay unique; audited and emitted', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)
  const added = await app.inject({ method: 'POST', url: '/v1/titles', headers: { authorization: admin }, payload: clusterTitle })
  t.equal(added.statusCode, 201)
  t.equal(added.headers.location, '/v1/titles/cluster_excellent')
  t.match(added.json(), { ...clusterTitle, quota: null, builtIn: false, version: 1 })

  t.match((await as(admin).post('/v1/titles', clusterTitle)).json(), { status: 409, code: 'title_code_taken' })
  t.match((await as(admin).post('/v1/titles', { ...clusterTitle, code: 'other', name: ' CỜ THI ĐUA CỦA CHÍNH PHỦ ' })).json(), { status: 409, code: 'title_name_taken' },
    'a name differing only in case and spaces is taken')

  const stale = await as(admin).patch('/v1/titles/cluster_excellent', { quota: { basis: 'per_cluster', max: 1 } }, { 'if-match': '"v0"' })
  t.equal(stale.statusCode, 412)
  const changed = await expectStatus(as(admin).patch('/v1/titles/cluster_excellent', { quota: { basis: 'per_cluster', max: 1 } }, { 'if-match': added.headers.etag as string }), 200)
  t.match(changed, { quota: { basis: 'per_cluster', max: 1 }, version: 2, name: clusterTitle.name, legalBasis: clusterTitle.legalBasis })
  const cleared = await expectStatus(as(admin).patch('/v1/titles/cluster_excellent', { quota: null }), 200)
  t.equal(cleared.quota, null, 'null removes the quota')
  const governmentFlag = await expectStatus(as(admin).patch('/v1/titles/government_flag', { quota: { basis: 'cluster_leading_units', percent: 15, rounding: 'down' } }), 200)
  t.match(governmentFlag, { quota: { percent: 15 }, builtIn: true }, 'a default title is corrected like any other')

  const audit = (await as(admin).get('/v1/audit-events?resourceType=title')).json().items
  t.same(audit.map((a: { action: string }) => a.action).sort(), ['title.created', 'title.updated', 'title.updated', 'title.updated'])
})

t.test('a title that breaks the schema is refused whole, naming the field, and changes nothing', async (t) => {
  const { app, admin } = await build(t)
  const as = caller(app)
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a code not of a code\'s shape', { ...clusterTitle, code: 'Cờ thi đua' }, '/body/code'],
    ['no legal basis', { ...clusterTitle, legalBasis: undefined }, '/body'],
    ['a blank legal basis', { ...clusterTitle, legalBasis: '   ' }, '/body/legalBasis'],
    ['an unknown level', { ...clusterTitle, level: 'province' }, '/body/level'],
    ['an unknown recipient', { ...clusterTitle, recipient: 'household' }, '/body/recipient'],
    ['an unknown ranking standard', { ...clusterTitle, standard: { ...clusterTitle.standard, ranking: 'top_three' } }, '/body/standard/ranking'],
    ['no years', { ...clusterTitle, standard: { ...clusterTitle.standard, consecutiveYears: 0 } }, '/body/standard/consecutiveYears'],
    ['a share of 0 %', { ...clusterTitle, quota: { basis: 'cluster_leading_units', percent: 0, rounding: 'down' } }, '/body/quota/percent'],
    ['a share over 100 %', { ...clusterTitle, quota: { basis: 'cluster_leading_units', percent: 120, rounding: 'down' } }, '/body/quota/percent'],
    ['a share rounded up', { ...clusterTitle, quota: { basis: 'cluster_leading_units', percent: 20, rounding: 'up' } }, '/body/quota/rounding'],
    ['an unknown quota basis', { ...clusterTitle, quota: { basis: 'per_block', max: 2 } }, '/body/quota']
  ]
  for (const [name, body, path] of cases) {
    const response = await as(admin).post('/v1/titles', body)
    t.equal(response.statusCode, 400, name)
    t.ok(response.json().errors.some((e: { path: string }) => e.path.startsWith(path)), `${name}: names ${path} (${response.body})`)
  }
  for (const [name, patch] of [['a level', { level: 'ministry' }], ['recipients', { recipient: 'individual' }], ['a code', { code: 'x' }], ['nothing', {}]] as const) {
    t.equal((await as(admin).patch('/v1/titles/ministry_flag', patch)).statusCode, 400, `${name} cannot be patched`)
  }
  t.equal((await as(admin).get('/v1/titles?limit=200')).json().items.length, 6, 'nothing was added')
  t.equal((await as(admin).get('/v1/titles/ministry_flag')).json().version, 1, 'nothing was changed')
})
