// The Swagger UI at /docs works in a real browser: Debian's headless Chromium, driven with playwright-core, opens
// the page, authorises with a bearer token, runs listUnits with "Try it out" and sees the 200 and the unit it lists;
// on a fresh service, it executes createUnit with its default body, untouched, and the unit made is the example's
// Vietnamese unit (read back through the API). The screenshots are kept in artifacts/browser/swagger-ui.png and
// swagger-ui-create-unit.png (CI keeps artifacts/). The page does not depend on the database engine, so the browser
// runs once per CI run, in the PostgreSQL pass.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { chromium, type Page } from 'playwright-core'
import { EXAMPLE_UNIT } from '../../src/http/examples.js'
import { serve } from '../client/serve.js'
import { engine } from '../helpers/database.js'

const CHROMIUM = '/usr/bin/chromium'
const SCREENSHOT_DIR = fileURLToPath(new URL('../../artifacts/browser/', import.meta.url))
// Every browser step waits at most this long (rendering the whole contract takes seconds on a busy machine), so a
// broken page fails the test instead of hanging it; the file as a whole stays within tap's timeout (.taprc).
const STEP_TIMEOUT_MS = 45_000

const skip = engine !== 'postgres'
  ? 'the Swagger UI does not depend on the database engine: the browser runs in the PostgreSQL pass (TEST_DATABASE_URL)'
  : fs.existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)`
if (skip) console.log(`# skipping the Swagger UI browser test: ${skip}`)

/** Headless Chromium on the service's /docs, authorised with `bearer`; `outside` collects what it fetched elsewhere. */
async function openDocs (t: Test, baseUrl: string, bearer: string): Promise<{ page: Page, outside: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    timeout: STEP_TIMEOUT_MS
  })
  t.teardown(() => browser.close())
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } })
  page.setDefaultTimeout(STEP_TIMEOUT_MS)
  // The page must load nothing from outside the service.
  const outside: string[] = []
  page.on('request', (request) => { if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:')) outside.push(request.url()) })

  await page.goto(`${baseUrl}/docs`)
  await page.locator('.swagger-ui .information-container .title').waitFor()
  t.match(await page.locator('.swagger-ui .information-container .title').innerText(), /thidua/, 'the contract is loaded')

  // Authorize: the bearerAuth scheme takes the raw token; the UI then sends "Bearer <token>".
  await page.locator('.swagger-ui .auth-wrapper button.authorize').click()
  const dialog = page.locator('.swagger-ui .dialog-ux .modal-ux')
  await dialog.locator('input').first().fill(bearer)
  await dialog.locator('button.authorize').click()
  await dialog.locator('button.btn-done').click()
  await dialog.waitFor({ state: 'detached' })
  return { page, outside }
}

async function screenshot (page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = `${SCREENSHOT_DIR}${name}`
  await page.screenshot({ path: file, fullPage: false })
  return file
}

t.test('Swagger UI: authorise with a token, try listUnits, see its 200 and the unit', { skip }, async (t) => {
  const { baseUrl, token, clientFor } = await serve(t)
  const made = await clientFor({ role: 'admin' }).POST('/v1/units', { body: { name: 'Cục Đối ngoại', code: 'V03' } })
  t.equal(made.response.status, 201, 'a unit to list')
  const { page, outside } = await openDocs(t, baseUrl, token({ role: 'reader', sub: 'swagger-ui' }))

  // listUnits: expand it, Try it out, Execute.
  const operation = page.locator('#operations-units-listUnits')
  await operation.locator('.opblock-summary').first().click()
  await operation.locator('button.try-out__btn').click()
  await operation.locator('button.execute').click()
  const response = operation.locator('.live-responses-table tr.response')
  await response.waitFor()
  t.equal((await response.locator('.response-col_status').innerText()).trim(), '200', 'the call answered 200')
  const body = await response.locator('.response-col_description pre').first().innerText()
  t.match(body, /"name": "Cục Đối ngoại"/, 'the response body lists the unit')
  t.match(body, /"nextCursor": null/)
  const curl = await operation.locator('.curl-command').innerText()
  t.match(curl, /-H 'Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+'/, 'the call carried the bearer token')

  await operation.scrollIntoViewIfNeeded()
  const file = await screenshot(page, 'swagger-ui.png')
  t.ok(fs.statSync(file).size > 10_000, 'the screenshot is saved in artifacts/browser/swagger-ui.png')
  t.same(outside, [], 'nothing was fetched from outside the service')
})

t.test('Swagger UI on a fresh service: createUnit\'s default body, executed untouched, makes the example\'s Vietnamese unit', { skip }, async (t) => {
  const { baseUrl, token } = await serve(t)
  const admin = token({ role: 'admin', sub: 'swagger-ui' })
  const { page, outside } = await openDocs(t, baseUrl, admin)

  // createUnit: expand it, Try it out, and Execute the body Swagger UI offers, without editing it.
  const operation = page.locator('.opblock[id$="-createUnit"]')
  await operation.locator('.opblock-summary').first().click()
  await operation.locator('button.try-out__btn').click()
  const offered = JSON.parse(await operation.locator('textarea.body-param__text').inputValue())
  t.same(offered, EXAMPLE_UNIT, 'the default body is the example: Công an tỉnh Lào Cai, LCA')
  await operation.locator('button.execute').click()
  const response = operation.locator('.live-responses-table tr.response')
  await response.waitFor()
  t.equal((await response.locator('.response-col_status').innerText()).trim(), '201', 'the call answered 201')
  const answered = JSON.parse(await response.locator('.response-col_description pre').first().innerText())
  t.match(answered, { ...EXAMPLE_UNIT, version: 1 }, 'the answer is the unit made')

  // Read back through the API, not the page: the unit stored is the example's, with its Vietnamese name.
  const stored = await fetch(`${baseUrl}/v1/units/${answered.id}`, { headers: { authorization: `Bearer ${admin}` } })
  t.equal(stored.status, 200)
  t.match(await stored.json(), { id: answered.id, name: 'Công an tỉnh Lào Cai', code: 'LCA', shortName: EXAMPLE_UNIT.shortName })
  const all = await (await fetch(`${baseUrl}/v1/units`, { headers: { authorization: `Bearer ${admin}` } })).json()
  t.same(all.items.map((u: { id: string }) => u.id), [answered.id], 'it is the only unit: nothing else was created')

  await operation.locator('.live-responses-table').scrollIntoViewIfNeeded()
  const file = await screenshot(page, 'swagger-ui-create-unit.png')
  t.ok(fs.statSync(file).size > 10_000, 'the screenshot is saved in artifacts/browser/swagger-ui-create-unit.png')
  t.same(outside, [], 'nothing was fetched from outside the service')
})
