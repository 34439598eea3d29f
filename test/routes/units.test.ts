import t from 'tap'
import { build } from '../helpers/build.js'
import { createUnit, postUnit } from '../helpers/units.js'

const PROBLEM = /^application\/problem\+json/
const UNKNOWN_ID = '6f1c2a4e-8b3d-4c5e-9f70-112233445566'

t.test('an admin creates a unit and reads it back with an ETag', async (t) => {
  const { app, admin } = await build(t)
  const created = await app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin }, payload: { name: '  Cục  Y tế ', code: 'H06' } })
  t.equal(created.statusCode, 201)
  const unit = created.json()
  t.equal(unit.name, 'Cục Y tế')
  t.equal(created.headers.etag, '"v1"')
  const read = await app.inject({ url: `/v1/units/${unit.id}`, headers: { authorization: admin } })
  t.same(read.json(), unit)
})

t.test('writing units', async (t) => {
  const { app, admin, auth } = await build(t)
  const patch = (id: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'PATCH', url: `/v1/units/${id}`, headers: { authorization: admin, ...headers }, payload: payload as object })
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { authorization: admin, ...headers } })

  const yTe = await createUnit(app, admin, { name: 'Cục Y tế', code: 'H06', shortName: 'Y tế' })

  await t.test('create answers the unit, its location and ETag; NFD input is stored NFC', async (t) => {
    const res = await postUnit(app, admin, { name: 'Cục Hậu cần'.normalize('NFD'), code: ' H07 ' })
    t.equal(res.statusCode, 201)
    const unit = res.json()
    t.match(unit, { name: 'Cục Hậu cần', code: 'H07', shortName: null, version: 1 })
    t.equal(unit.name, unit.name.normalize('NFC'))
    t.equal(res.headers.location, `/v1/units/${unit.id}`)
    t.equal(res.headers.etag, '"v1"')
    t.equal(unit.createdAt, unit.updatedAt)
  })

  await t.test('PATCH changes only the given fields, null removes, and the version moves on', async (t) => {
    const res = await patch(yTe.id, { shortName: null, name: 'Cục  Y  tế  CAND' }, { 'if-match': '"v1"' })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { id: yTe.id, name: 'Cục Y tế CAND', code: 'H06', shortName: null, version: 2 })
    t.equal(res.headers.etag, '"v2"')
    t.ok(Date.parse(res.json().updatedAt) >= Date.parse(yTe.updatedAt))
    t.equal((await get(`/v1/units/${yTe.id}`)).json().name, 'Cục Y tế CAND')
    t.equal((await patch(yTe.id, { code: null })).json().code, null)
    t.equal((await patch(yTe.id, { code: 'H06', name: 'Cục Y tế' }, { 'if-match': '*' })).json().version, 4)
  })

  await t.test('If-Match: a stale version is a 412 and changes nothing; listed tags and weak ones (as compressing proxies send) match', async (t) => {
    const stale = await patch(yTe.id, { shortName: 'YT' }, { 'if-match': '"v1"' })
    t.equal(stale.statusCode, 412)
    t.match(stale.headers['content-type'], PROBLEM)
    t.equal(stale.json().code, 'precondition_failed')
    t.equal((await get(`/v1/units/${yTe.id}`)).json().shortName, null)
    t.equal((await patch(yTe.id, { shortName: 'YT' }, { 'if-match': 'W/"v4"' })).statusCode, 200)
    t.equal((await patch(yTe.id, { shortName: 'Y tế' }, { 'if-match': '"v1", "v5"' })).statusCode, 200)
    t.equal((await patch(UNKNOWN_ID, { shortName: 'x' }, { 'if-match': '*' })).statusCode, 404, 'an unknown id is a 404 before If-Match')
  })

  await t.test('If-None-Match with the current ETag is a 304 without a body; a stale one gets the unit', async (t) => {
    const current = await get(`/v1/units/${yTe.id}`)
    const etag = String(current.headers.etag)
    const notModified = await get(`/v1/units/${yTe.id}`, { 'if-none-match': etag })
    t.equal(notModified.statusCode, 304)
    t.equal(notModified.body, '')
    t.equal((await get(`/v1/units/${yTe.id}`, { 'if-none-match': `"v1", W/${etag}` })).statusCode, 304, 'one of a list, weak')
    t.equal((await get(`/v1/units/${yTe.id}`, { 'if-none-match': '*' })).statusCode, 304, '* matches an existing unit')
    t.equal((await get(`/v1/units/${UNKNOWN_ID}`, { 'if-none-match': '*' })).statusCode, 404)
    const stale = await get(`/v1/units/${yTe.id}`, { 'if-none-match': '"v1"' })
    t.equal(stale.statusCode, 200)
    t.same(stale.json(), current.json())
  })

  await t.test('a name already taken is a 409 whatever its Unicode form, case or spacing', async (t) => {
    const before = (await app.db('units').count({ n: '*' }))[0].n
    for (const name of ['Cục Y tế'.normalize('NFD'), 'CỤC Y TẾ', 'cục y tế', '  Cục   Y tế  ', 'Cục Y Tế'.normalize('NFD').toUpperCase()]) {
      const res = await postUnit(app, admin, { name })
      t.equal(res.statusCode, 409, JSON.stringify(name))
      t.match(res.headers['content-type'], PROBLEM)
      t.equal(res.json().code, 'unit_name_taken')
      // The existing unit, named in the detail and given by id in existingUnitId.
      const { existingUnitId, detail } = res.json()
      const holder = (await get(`/v1/units/${existingUnitId}`)).json()
      t.equal(holder.name.toLowerCase(), 'cục y tế', 'existingUnitId is the unit holding the name')
      t.equal(detail, `A unit with this name already exists: ${holder.name} (${holder.id}). Unit names are unique whatever ` +
        'their case or Unicode form; change that unit or choose another name.')
    }
    t.equal((await postUnit(app, admin, { name: 'Cuc Y te' })).statusCode, 201, 'a name without diacritics is another name')
    t.equal((await app.db('units').count({ n: '*' }))[0].n, Number(before) + 1)
  })

  await t.test('a code already taken is a 409 whatever its case', async (t) => {
    for (const code of ['H06', 'h06', ' h06 ']) {
      const res = await postUnit(app, admin, { name: `Cục thử ${code}`, code })
      t.equal(res.statusCode, 409, code)
      t.equal(res.json().code, 'unit_code_taken')
      const holder = (await get(`/v1/units/${res.json().existingUnitId}`)).json()
      t.equal(holder.code, 'H06', 'existingUnitId is the unit holding the code')
      t.equal(res.json().detail, `A unit with this code already exists: ${holder.name} (${holder.id}) has code H06.`)
    }
    const hauCan = (await get('/v1/units?q=hau can')).json().items[0]
    const renamed = await patch(hauCan.id, { name: 'cục y tế' })
    t.equal(renamed.statusCode, 409, 'renaming onto a taken name too')
    t.equal(renamed.json().code, 'unit_name_taken')
    t.not(renamed.json().existingUnitId, hauCan.id, 'the other unit, not the one renamed')
    t.match(renamed.json().detail, `(${renamed.json().existingUnitId})`)
    t.equal((await patch(hauCan.id, { code: 'h06' })).json().code, 'unit_code_taken')
    t.equal((await patch(hauCan.id, { name: 'CỤC HẬU CẦN' })).statusCode, 200, 'a unit may change the case of its own name')
  })

  await t.test('invalid input is a 400 listing every bad field', async (t) => {
    const several = await postUnit(app, admin, { name: '', code: { value: 'H06' }, shortName: 'x'.repeat(101), colour: 'red' })
    t.equal(several.statusCode, 400)
    t.match(several.headers['content-type'], PROBLEM)
    const body = several.json()
    t.equal(body.code, 'validation_failed')
    const paths = body.errors.map((e: { path: string }) => e.path)
    for (const path of ['/body/name', '/body/code', '/body/shortName', '/body/colour']) t.ok(paths.includes(path), `names ${path}`)
    t.match(body.errors.find((e: { path: string }) => e.path === '/body/colour'), { message: 'is not a known field', keyword: 'additionalProperties' })
    t.match(body.errors.find((e: { path: string }) => e.path === '/body/code'), { message: 'must be a string' }, 'in plain words')
    t.match(body.errors.find((e: { path: string }) => e.path === '/body/shortName'), { message: 'must be at most 100 characters', keyword: 'maxLength' })
    for (const path of ['/body/name', '/body/code', '/body/shortName', '/body/colour']) t.match(body.detail, path)

    const missing = (await postUnit(app, admin, { code: 'H99' })).json()
    t.same(missing.errors, [{ path: '/body/name', message: 'is required', keyword: 'required' }])
    const blank = await postUnit(app, admin, { name: '   ' })
    t.equal(blank.statusCode, 400, 'a name of spaces only')
    t.same(blank.json().errors, [{ path: '/body/name', message: 'must not be blank', keyword: 'pattern' }])
    t.equal((await postUnit(app, admin, { name: 'x'.repeat(301) })).statusCode, 400, 'a name too long')
    t.equal((await postUnit(app, admin, ['Cục Y tế'] as unknown as Record<string, unknown>)).statusCode, 400, 'an array')

    const emptyPatch = await patch(yTe.id, {})
    t.equal(emptyPatch.statusCode, 400, 'a PATCH that changes nothing')
    t.equal((await patch(yTe.id, { id: UNKNOWN_ID })).json().errors[0].path, '/body/id')

    for (const url of ['/v1/units/not-a-uuid', '/v1/units/6f1c2a4e8b3d4c5e9f70112233445566']) {
      const bad = await get(url)
      t.equal(bad.statusCode, 400, url)
      t.same(bad.json().errors[0], { path: '/params/unitId', message: 'must be a UUID', keyword: 'format' })
    }
    t.equal((await patch('H06', { code: 'H6' })).statusCode, 400)
    for (const query of ['?limit=0', '?limit=201', '?limit=ten', '?colour=red', `?q=${'a'.repeat(201)}`]) {
      const bad = await get(`/v1/units${query}`)
      t.equal(bad.statusCode, 400, query)
      t.equal(bad.json().code, 'validation_failed')
    }
  })

  await t.test('an unknown id is a 404', async (t) => {
    const res = await get(`/v1/units/${UNKNOWN_ID}`)
    t.equal(res.statusCode, 404)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'unit_not_found', detail: `No unit has id ${UNKNOWN_ID}.` })
    t.equal((await patch(UNKNOWN_ID, { code: 'X1' })).json().code, 'unit_not_found')
  })

  await t.test('only an admin writes; every role reads; no token is a 401', async (t) => {
    const before = await get(`/v1/units/${yTe.id}`)
    const others = [auth({ role: 'reader' }), auth({ role: 'unit', unitId: yTe.id }), auth({ role: 'secretariat', clusterId: UNKNOWN_ID })]
    for (const authorization of others) {
      const created = await postUnit(app, authorization, { name: 'Cục Kế hoạch và tài chính' })
      t.equal(created.statusCode, 403)
      t.equal(created.json().code, 'forbidden')
      t.equal((await app.inject({ method: 'PATCH', url: `/v1/units/${yTe.id}`, headers: { authorization }, payload: { code: 'X' } })).statusCode, 403)
      t.equal((await app.inject({ url: `/v1/units/${yTe.id}`, headers: { authorization } })).statusCode, 200)
      t.equal((await app.inject({ url: '/v1/units', headers: { authorization } })).statusCode, 200)
    }
    t.same((await get(`/v1/units/${yTe.id}`)).json(), before.json(), 'unchanged')
    for (const request of [{ url: '/v1/units' }, { url: `/v1/units/${yTe.id}` }, { method: 'POST' as const, url: '/v1/units', payload: { name: 'x' } }]) {
      const res = await app.inject(request)
      t.equal(res.statusCode, 401)
      t.match(res.headers['content-type'], PROBLEM)
    }
  })
})

// The units of Cụm thi đua số 9 and số 8 (DOMAIN.md), and one of Cụm số 6 for đ, in Vietnamese order.
const IN_ORDER = [
  'Bệnh viện 19.8', 'Bệnh viện 199', 'Bệnh viện 30/4', 'Bệnh viện Y học cổ truyền', 'Cục Công nghệ thông tin',
  'Cục Công nghiệp an ninh', 'Cục Đối ngoại', 'Cục Hậu cần', 'Cục Kế hoạch và tài chính', 'Cục Quản lý xây dựng và doanh trại',
  'Cục Trang bị và kho vận', 'Cục Viễn thông và cơ yếu', 'Cục Y tế', 'Viện Khoa học và công nghệ'
]
const CODES: Record<string, string> = { 'Cục Y tế': 'H06', 'Cục Hậu cần': 'H07', 'Cục Công nghiệp an ninh': 'H08' }

t.test('listing and searching units', async (t) => {
  const { app, admin } = await build(t)
  // Created out of order, some in NFD, so the order cannot come from insertion.
  const shuffled = [...IN_ORDER].sort((a, b) => (a.length % 5) - (b.length % 5) || b.localeCompare(a))
  for (const [i, name] of shuffled.entries()) {
    await createUnit(app, admin, { name: i % 2 ? name.normalize('NFD') : name, code: CODES[name] ?? null })
  }
  type Page = { items: Array<{ id: string, name: string, code: string | null }>, nextCursor: string | null }
  const list = async (query = ''): Promise<Page> => {
    const res = await app.inject({ url: `/v1/units${query}`, headers: { authorization: admin } })
    t.equal(res.statusCode, 200, query)
    return res.json()
  }
  const names = async (query = '') => (await list(query)).items.map((u) => u.name)

  await t.test('the list is in Vietnamese alphabetical order', async (t) => {
    const page = await list('?limit=200')
    t.same(page.items.map((u) => u.name), IN_ORDER)
    t.same(page.items.map((u) => u.name), [...IN_ORDER].sort(new Intl.Collator('vi').compare), 'as ICU orders them')
    t.equal(page.nextCursor, null)
  })

  await t.test('q matches ignoring diacritics and case, in name or code', async (t) => {
    t.same(await names('?q=cuc%20y%20te'), ['Cục Y tế'])
    t.same(await names('?q=C%E1%BB%A4C%20Y%20T%E1%BA%BE'), ['Cục Y tế'], 'CỤC Y TẾ')
    t.same(await names(`?q=${encodeURIComponent('Cục Y tế'.normalize('NFD'))}`), ['Cục Y tế'], 'NFD query')
    t.same(await names('?q=benh%20vien'), ['Bệnh viện 19.8', 'Bệnh viện 199', 'Bệnh viện 30/4', 'Bệnh viện Y học cổ truyền'])
    t.same(await names('?q=h07'), ['Cục Hậu cần'], 'by code')
    t.same(await names('?q=H0'), ['Cục Công nghiệp an ninh', 'Cục Hậu cần', 'Cục Y tế'], 'part of a code, in order')
    t.same(await names('?q=doi%20ngoai'), ['Cục Đối ngoại'], 'đ folds to d')
    t.same(await names('?q=cong%20nghe'), ['Cục Công nghệ thông tin', 'Viện Khoa học và công nghệ'])
    t.same(await names('?q=%20%20benh%20%20vien%20199'), ['Bệnh viện 199'], 'spaces fold')
    t.same(await names('?q=%25'), [], '% is a character, not a wildcard')
    t.same(await names('?q=_'), [], '_ too')
    t.same(await names('?q=bệnh%20viện%20quân%20y'), [])
    t.equal((await names('?q=')).length, IN_ORDER.length, 'an empty q matches everything')
  })

  await t.test('limit=2 pages visit every unit once, in order', async (t) => {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: Page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      t.ok(page.items.length <= 2)
      seen.push(...page.items.map((u) => u.name))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    t.same(seen, IN_ORDER)
    t.equal(pages, Math.ceil(IN_ORDER.length / 2))
  })

  await t.test('pages of a search stay within the search', async (t) => {
    const first = await list('?q=cuc&limit=3')
    const second = await list(`?q=cuc&limit=3&cursor=${first.nextCursor}`)
    t.same([...first.items, ...second.items].map((u) => u.name), IN_ORDER.filter((n) => n.startsWith('Cục')).slice(0, 6))
  })

  await t.test('a cursor this service did not issue is a 400', async (t) => {
    const forged = Buffer.from(JSON.stringify(['x'])).toString('base64url')
    for (const cursor of ['not-a-cursor', forged, Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[[1],2]').toString('base64url')]) {
      const res = await app.inject({ url: `/v1/units?cursor=${cursor}`, headers: { authorization: admin } })
      t.equal(res.statusCode, 400, cursor)
      t.match(res.headers['content-type'], PROBLEM)
      t.equal(res.json().code, 'invalid_cursor')
    }
  })
})
