import t from 'tap'
import { build } from '../helpers/build.js'
import { caller, NIL } from '../helpers/http.js'
import { BLOCK_NAME } from '../helpers/clusters.js'

t.test('blocks: create, read, duplicates, validation and roles', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)

  const created = await as(admin).post('/v1/blocks', { name: ` ${BLOCK_NAME}  ` })
  t.equal(created.statusCode, 201)
  const block = created.json()
  t.same(Object.keys(block).sort(), ['createdAt', 'id', 'name', 'updatedAt', 'version'])
  t.equal(block.name, BLOCK_NAME, 'trimmed')
  t.equal(created.headers.etag, '"v1"')
  t.equal(created.headers.location, `/v1/blocks/${block.id}`)

  t.test('every role reads it, with its ETag', async (t) => {
    for (const reader of [admin, auth({ role: 'reader' }), auth({ role: 'unit', unitId: NIL })]) {
      const read = await as(reader).get(`/v1/blocks/${block.id}`)
      t.equal(read.statusCode, 200)
      t.same(read.json(), block)
      t.equal(read.headers.etag, '"v1"')
    }
  })

  t.test('the same name in NFD, another case or spacing is a duplicate', async (t) => {
    for (const name of [BLOCK_NAME.normalize('NFD'), BLOCK_NAME.toLocaleUpperCase('vi'), BLOCK_NAME.replace(/ /g, '   ')]) {
      const again = await as(admin).post('/v1/blocks', { name })
      t.equal(again.statusCode, 409, name)
      t.equal(again.json().code, 'block_name_taken')
      t.match(again.headers['content-type'], /^application\/problem\+json/)
    }
  })

  t.test('invalid input is a 400', async (t) => {
    for (const payload of [{}, { name: '' }, { name: '   ' }, { name: 'Khối A', extra: 1 }, { name: 'x'.repeat(301) }]) {
      const bad = await as(admin).post('/v1/blocks', payload)
      t.equal(bad.statusCode, 400, JSON.stringify(payload))
      t.equal(bad.json().code, 'validation_failed')
    }
    const badId = await as(admin).get('/v1/blocks/not-a-uuid')
    t.equal(badId.statusCode, 400)
    t.match(badId.json().errors, [{ path: '/params/blockId' }])
  })

  t.test('unknown id is a 404', async (t) => {
    const missing = await as(admin).get(`/v1/blocks/${NIL}`)
    t.equal(missing.statusCode, 404)
    t.equal(missing.json().code, 'block_not_found')
  })

  t.test('only an admin creates; a token is needed', async (t) => {
    for (const role of [auth({ role: 'reader' }), auth({ role: 'secretariat', clusterId: NIL }), auth({ role: 'unit', unitId: NIL })]) {
      const refused = await as(role).post('/v1/blocks', { name: 'Khối mới' })
      t.equal(refused.statusCode, 403)
      t.equal(refused.json().code, 'forbidden')
    }
    t.equal((await as().post('/v1/blocks', { name: 'Khối mới' })).statusCode, 401)
    t.equal((await as().get('/v1/blocks')).statusCode, 401)
    t.equal((await as('Bearer nonsense').get(`/v1/blocks/${block.id}`)).statusCode, 401)
  })

  t.test('the creation is audited and evented', async (t) => {
    const audit = await app.db('audit_events').where({ action: 'block.created', resource_id: block.id })
    t.equal(audit.length, 1)
    t.equal(audit[0].actor_role, 'admin')
    t.equal(audit[0].after.name, BLOCK_NAME)
    const events = await app.db('events').where({ type: 'block.created', resource_id: block.id })
    t.equal(events.length, 1)
    t.equal(events[0].resource_type, 'block')
    t.equal(events[0].request_id, audit[0].request_id)
  })
})

t.test('blocks: Vietnamese order, search without diacritics, cursor pages, idempotent retries', async (t) => {
  const { app, admin, auth } = await build(t)
  const as = caller(app)
  // Byte order would put "Khối Địa phương" last and the capitals before "các"; Vietnamese order does not.
  const expected = ['Khối An ninh', BLOCK_NAME, 'Khối Cảnh sát', 'Khối Doanh nghiệp', 'Khối Địa phương', 'Khối Hậu cần', 'Khối Xây dựng lực lượng']
  for (const name of [...expected].reverse()) t.equal((await as(admin).post('/v1/blocks', { name: name.normalize('NFD') })).statusCode, 201)

  t.test('lists in Vietnamese order, page by page', async (t) => {
    const names: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await as(auth({ role: 'reader' })).get(`/v1/blocks?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      t.equal(page.statusCode, 200)
      const body = page.json()
      names.push(...body.items.map((b: { name: string }) => b.name))
      cursor = body.nextCursor
      pages++
    } while (cursor)
    t.same(names, expected)
    t.equal(pages, 3)
    t.ok(names.every((n) => n === n.normalize('NFC')), 'stored NFC')
    const bad = await as(admin).get('/v1/blocks?cursor=garbage')
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().code, 'invalid_cursor')
    t.equal((await as(admin).get('/v1/blocks?limit=201')).statusCode, 400)
    t.equal((await as(admin).get('/v1/blocks?sort=name')).statusCode, 400)
  })

  t.test('?q= ignores diacritics and case', async (t) => {
    const search = async (q: string) => (await as(admin).get(`/v1/blocks?q=${encodeURIComponent(q)}`)).json().items.map((b: { name: string }) => b.name)
    t.same(await search('dia phuong'), ['Khối Địa phương'])
    t.same(await search('KHOI HAU CAN'), ['Khối Hậu cần'])
    t.same(await search('truc thuoc bo truong'), [BLOCK_NAME])
    t.same(await search('d'), ['Khối các đơn vị trực thuộc Bộ trưởng', 'Khối Doanh nghiệp', 'Khối Địa phương', 'Khối Xây dựng lực lượng'])
    t.same(await search('100%'), [])
  })

  t.test('a retry with the same Idempotency-Key replays the first answer', async (t) => {
    const key = { 'idempotency-key': 'block-create-1' }
    const first = await as(admin).post('/v1/blocks', { name: 'Khối Tham mưu' }, key)
    const retry = await as(admin).post('/v1/blocks', { name: 'Khối Tham mưu' }, key)
    t.equal(first.statusCode, 201)
    t.equal(retry.statusCode, 201)
    t.same(retry.json(), first.json())
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal(retry.headers.location, first.headers.location)
    const reused = await as(admin).post('/v1/blocks', { name: 'Khối khác' }, key)
    t.equal(reused.statusCode, 422)
    t.equal(reused.json().code, 'idempotency_key_reused')
    t.equal((await app.db('blocks').where({ name: 'Khối Tham mưu' })).length, 1)
  })
})

// Found by the contract fuzzer: PostgreSQL cannot store or compare a NUL character, and refused the query (a 500).
t.test('a search term with a NUL character is a 400, not a 500', async (t) => {
  const { app, admin } = await build(t)
  const res = await app.inject({ url: '/v1/blocks?q=a%00b', headers: { authorization: admin } })
  t.equal(res.statusCode, 400)
  t.equal(res.json().code, 'invalid_text')
})
