// The README's signature check, run as an integrator would copy it: it accepts what the service signs (with one
// secret, and with two during a rotation) and refuses a changed body, another secret, a stale timestamp and a
// signature of another version.
import t, { type Test } from 'tap'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { formatSecret, signatureHeader } from '../../src/domain/webhooks.js'

type Verify = (secret: string, headers: Record<string, string>, rawBody: string, toleranceSeconds?: number) => boolean

async function readmeVerifier (t: Test): Promise<Verify> {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(readme.indexOf('\n## Webhooks'))
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1]
  if (code === undefined) throw new Error('the README\'s Webhooks section has no js block')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-readme-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'verify.mjs')
  fs.writeFileSync(file, code)
  return ((await import(pathToFileURL(file).href)) as { verifyWebhook: Verify }).verifyWebhook
}

t.test('the README\'s verifyWebhook accepts the service\'s signatures and refuses anything else', async (t) => {
  const verify = await readmeVerifier(t)
  const current = formatSecret(randomBytes(32))
  const previous = formatSecret(randomBytes(32))
  const id = 'b6a1f0de-5c1e-4f7a-9a43-2f1f3c1b7e01'
  const body = JSON.stringify({ type: 'unit.created', data: { name: 'Công an tỉnh Bắc Ninh' } })
  const now = Math.floor(Date.now() / 1000)
  const headers = (timestamp: number, secrets: { current: string, previous?: string }, signedBody = body) =>
    ({ 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, id, timestamp, signedBody) })

  t.ok(verify(current, headers(now, { current }), body), 'a delivery signed with the secret')
  t.ok(verify(previous, headers(now, { current, previous }), body), 'during a rotation, by the previous secret too')
  t.ok(verify(current, headers(now, { current, previous }), body), 'and by the new one')
  t.notOk(verify(current, headers(now, { current }), body.replace('Bắc Ninh', 'Hà Nam')), 'a changed body')
  t.notOk(verify(previous, headers(now, { current }), body), 'another secret')
  t.notOk(verify(current, headers(now - 600, { current }), body), 'a timestamp older than the tolerance')
  const v2 = headers(now, { current })
  t.notOk(verify(current, { ...v2, 'webhook-signature': v2['webhook-signature'].replace('v1,', 'v2,') }, body), 'another version')
  t.notOk(verify(current, { ...v2, 'webhook-id': 'another-id' }, body), 'another webhook-id')
})
