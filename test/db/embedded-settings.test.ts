// The embedded server's buffer cache is kept small: every page of it the database touches stays in the process's
// memory, and 128 MB (initdb's default) held over 100 MiB more than the service needs.
import t from 'tap'
import { EMBEDDED_SHARED_BUFFERS, openEmbedded } from '../../src/db/connect.js'

t.test('the embedded database starts with an 8 MB buffer cache, its commits unchanged', async (t) => {
  const pglite = await openEmbedded({ kind: 'embedded' })
  t.teardown(() => pglite.close())
  const setting = async (name: string) => (await pglite.query<{ value: string }>(`select current_setting('${name}') as value`)).rows[0].value
  t.equal(EMBEDDED_SHARED_BUFFERS, '8MB')
  t.equal(await setting('shared_buffers'), '8MB')
  t.equal(await setting('synchronous_commit'), 'on', 'synchronous_commit stays on')
})
