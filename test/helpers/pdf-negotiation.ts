// The negotiation every PDF route shares (src/http/negotiate.ts): a PDF to any Accept that allows one, 406 to one
// that does not, both with Vary: Accept, and both documented on the operation.
import type { Test } from 'tap'
import type { App } from '../../src/app.js'
import { caller } from './http.js'

/** Checks `url` (as `authorization`) and its operation `path` in the contract. */
export async function checkPdfNegotiation (t: Test, app: App, authorization: string, url: string, path: string): Promise<void> {
  const as = caller(app)
  for (const accept of ['application/pdf', '*/*', 'application/*', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
    const answer = await as(authorization).get(url, { accept })
    t.equal(answer.statusCode, 200, `Accept: ${accept}`)
    t.equal(answer.headers['content-type'], 'application/pdf')
    t.equal(answer.headers.vary, 'Accept')
  }
  for (const accept of ['application/json', 'text/html', 'application/pdf;q=0, */*']) {
    const refused = await as(authorization).get(url, { accept })
    t.equal(refused.statusCode, 406, `Accept: ${accept}`)
    t.equal(refused.headers['content-type'], 'application/problem+json')
    t.match(refused.json(), { code: 'not_acceptable', offered: ['application/pdf'] })
  }
  const operation = (app.swagger() as any).paths[path].get
  t.ok(operation.responses['406'], '406 is documented')
  t.ok(operation.responses['200'].headers.Vary, 'and Vary')
}
