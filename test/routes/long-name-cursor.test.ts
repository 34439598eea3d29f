// A page that ends on a long name still hands out a cursor the next request accepts: the cursor carries the
// name's sort key (18 hex digits a letter), so it is far longer than the name itself.
import t from 'tap'
import { build } from '../helpers/build.js'
import { createUnit } from '../helpers/units.js'

t.test('paging past units with 300-letter Vietnamese names', async (t) => {
  const { app, admin } = await build(t)
  const longest = (letter: string) => `Cục ${letter}${'ệ'.repeat(295)}`
  for (const letter of ['A', 'B', 'C']) await createUnit(app, admin, { name: longest(letter) })

  const names: string[] = []
  let cursor: string | null = null
  do {
    const page = await app.inject({ url: `/v1/units?limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers: { authorization: admin } })
    t.equal(page.statusCode, 200, `page ${names.length + 1} is served`)
    if (page.statusCode !== 200) break
    const body = page.json() as { items: Array<{ name: string }>, nextCursor: string | null }
    names.push(...body.items.map((unit) => unit.name))
    cursor = body.nextCursor
    if (cursor) t.ok(cursor.length > 1000, `the cursor is long (${cursor.length} characters)`)
  } while (cursor)
  t.same(names, ['A', 'B', 'C'].map(longest), 'every unit once, in order')
})
