// Text that is not Unicode (invalid UTF-8 bytes, a lone surrogate, an undecodable query escape) or holds a NUL is refused with a
// 400 naming the field, in every field alike; nothing is stored.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { build, tokenFor } from '../helpers/build.js'
import { queryTextProblems, unicodeProblems } from '../../src/plugins/unicode-text.js'

/** A JSON body whose `field` holds the raw bytes `middle` between two halves of a Vietnamese name. */
const withBytes = (prefix: string, middle: Buffer, suffix: string) =>
  Buffer.concat([Buffer.from(prefix, 'utf8'), middle, Buffer.from(suffix, 'utf8')])

const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xff])

t.test('invalid UTF-8 or a lone surrogate in any text field is a 400 naming it', async (t) => {
  const { app, admin } = await build(t)
  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: Buffer | string, authorization = admin) =>
    app.inject({ method, url, headers: { authorization, 'content-type': 'application/json' }, payload })

  const cases: Array<{ name: string, method: 'POST' | 'PATCH' | 'PUT', url: string, prefix: string, suffix: string, path: string, token?: string }> = [
    { name: 'a unit name', method: 'POST', url: '/v1/units', prefix: '{"name":"Cục Y ', suffix: 'tế"}', path: '/body/name' },
    {
      name: 'a pledge title',
      method: 'POST',
      url: `/v1/clusters/${randomUUID()}/pledges`,
      prefix: '{"year":2024,"slogan":"Đổi mới","title":"Giao ước ',
      suffix: '"}',
      path: '/body/title'
    },
    { name: 'the minutes', method: 'PATCH', url: `/v1/conferences/${randomUUID()}`, prefix: '{"minutes":"Biên bản ', suffix: '"}', path: '/body/minutes' },
    {
      name: 'a scorecard comment',
      method: 'PUT',
      url: `/v1/scoring-schemes/${randomUUID()}/scorecards/${randomUUID()}`,
      prefix: '{"entries":[{"code":"I.1","comment":"Đã ',
      suffix: '"}]}',
      path: '/body/entries/0/comment'
    }
  ]
  for (const c of cases) {
    const bytes = await send(c.method, c.url, withBytes(c.prefix, INVALID_UTF8, c.suffix))
    t.equal(bytes.statusCode, 400, `${c.name}: invalid UTF-8`)
    t.match(bytes.json(), { code: 'invalid_text', errors: [{ path: c.path, message: 'is not valid UTF-8' }] }, c.name)
    const surrogate = await send(c.method, c.url, `${c.prefix}\\ud800${c.suffix}`)
    t.equal(surrogate.statusCode, 400, `${c.name}: a lone surrogate`)
    t.match(surrogate.json(), { code: 'invalid_text', errors: [{ path: c.path, message: /lone surrogate/ }] }, c.name)
  }
  t.equal((await app.inject({ url: '/v1/units', headers: { authorization: admin } })).json().items.length, 0, 'no unit was stored')

  const paired = await send('POST', '/v1/units', '{"name":"Cục Y tế \\ud83c\\udf1f"}')
  t.equal(paired.statusCode, 201, 'a surrogate pair is one character, and welcome')
  const replacement = await send('POST', '/v1/units', '{"name":"Cục \uFFFD"}')
  t.equal(replacement.statusCode, 201, 'U+FFFD sent as valid UTF-8 is a character like any other')

  const key = await send('POST', '/v1/units', withBytes('{"name":"Cục Hậu cần","x', INVALID_UTF8, '":1}'))
  t.match(key.json(), { code: 'invalid_text', errors: [{ message: 'has a name that is not valid UTF-8' }] }, 'a field name is text too')

  const reader = tokenFor({ role: 'reader' })
  const query = await app.inject({ url: '/v1/units?q=%FF', headers: { authorization: reader } })
  t.equal(query.statusCode, 400)
  t.match(query.json(), { code: 'invalid_text', errors: [{ path: '/query/q' }] })
  t.equal((await app.inject({ url: '/v1/units?q=c%E1%BB%A5c', headers: { authorization: reader } })).statusCode, 200, 'a UTF-8 escape is read')
})

t.test('a NUL character, which the records cannot keep, is a 400 naming the field; nothing is stored', async (t) => {
  const { app, admin } = await build(t)
  const post = (payload: string) =>
    app.inject({ method: 'POST', url: '/v1/units', headers: { authorization: admin, 'content-type': 'application/json' }, payload })
  const created = await post('{"name":"Cục Y\\u0000 tế","code":"Y01"}')
  t.equal(created.statusCode, 400)
  t.match(created.json(), { code: 'invalid_text', errors: [{ path: '/body/name', message: /NUL character/ }] })
  const key = await post('{"name":"Cục Y tế","a\\u0000":1}')
  t.match(key.json(), { code: 'invalid_text', errors: [{ message: /^has a name that holds a NUL/ }] }, 'a field name too')
  const escapedBackslash = await post('{"name":"Cục \\\\u0000 tế"}')
  t.equal(escapedBackslash.statusCode, 201, 'a backslash followed by "u0000" is text like any other')
  const query = await app.inject({ url: '/v1/units?q=a%00b', headers: { authorization: admin } })
  t.equal(query.statusCode, 400)
  t.match(query.json(), { code: 'invalid_text', errors: [{ path: '/query/q', message: /NUL character/ }] })
  const names = (await app.inject({ url: '/v1/units', headers: { authorization: admin } })).json().items.map((u: { name: string }) => u.name)
  t.same(names, ['Cục \\u0000 tế'], 'only the unit with a backslash was stored')
})

t.test('the text checks name what they find', async (t) => {
  t.same(queryTextProblems('q=%E1%BB%A5c&limit=5'), [])
  t.same(queryTextProblems('q=%ED%A0%80&x=%&limit=5').map((e) => e.path), ['/query/q', '/query/x'])
  t.same(queryTextProblems('q=a%00&limit=5').map((e) => e.path), ['/query/q'], 'a NUL decoded from an escape')
  t.equal(unicodeProblems(Buffer.from('{"a":"b"}'), { a: 'b' }), null)
  t.match(unicodeProblems(Buffer.from([0x22, 0xff, 0x22]), 'x'), { code: 'invalid_text', details: { errors: [{ path: '/body' }] } }, 'bytes outside any string')
  const nested = '{"a":[1,{"b/c":["ok","\\udc00"]}],"d\\ud800":"x"}'
  t.same((unicodeProblems(Buffer.from(nested), JSON.parse(nested)) as any).details.errors.map((e: { path: string }) => e.path).sort(),
    ['/body/a/1/b~1c/1', '/body/d\ud800'], 'a value deep in arrays and objects, and a name, each with its own path')
})

/** The least CPU time `work` takes in three runs, in milliseconds. */
function cpuMs (work: () => unknown): number {
  let least = Infinity
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage()
    work()
    const used = process.cpuUsage(before)
    least = Math.min(least, (used.user + used.system) / 1000)
  }
  return least
}

t.test('checking a body of many values for bad text costs about as much as parsing it, not many times more', async (t) => {
  // A body within the 1 MB limit holding 250,000 strings (or 300,000 numbers) and one bad text: spelling every
  // value's path took 20 to 30 times as long as parsing the body (about half a second of CPU, every other request waiting).
  const bodies = {
    'a lone surrogate among 250,000 strings': Buffer.from('{"name":"\\ud800","zz":[' + '"",'.repeat(250_000) + '""]}'),
    'a lone surrogate among 300,000 numbers': Buffer.from('{"name":"\\ud800","zz":[' + '1,'.repeat(300_000) + '1]}'),
    'invalid UTF-8 among 250,000 strings': Buffer.concat([Buffer.from('{"name":"'), INVALID_UTF8, Buffer.from('","zz":[' + '"",'.repeat(250_000) + '""]}')])
  }
  for (const [name, raw] of Object.entries(bodies)) {
    const parsed = JSON.parse(raw.toString('utf8'))
    t.match(unicodeProblems(raw, parsed), { code: 'invalid_text', details: { errors: [{ path: '/body/name' }] } }, name)
    const parsing = cpuMs(() => JSON.parse(raw.toString('utf8')))
    const checking = cpuMs(() => unicodeProblems(raw, parsed))
    t.ok(checking < 3 * parsing, `${name}: checked in ${checking.toFixed(0)} ms of CPU, parsed in ${parsing.toFixed(0)} ms`)
  }
  const clean = Buffer.from('{"name":"Cục Y tế","zz":[' + '"Đ",'.repeat(250_000) + '""]}')
  const untouchable = new Proxy({}, { ownKeys: () => { throw new Error('walked') }, get: () => { throw new Error('walked') } })
  t.equal(unicodeProblems(clean, untouchable), null, 'valid UTF-8 with no escaped surrogate is not walked at all')
})

t.test('a route that reads no query string ignores an undecodable one', async (t) => {
  const { app } = await build(t)
  t.equal((await app.inject({ url: '/healthz?a=%ZZ' })).statusCode, 200)
})
