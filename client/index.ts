// A typed client of the thidua API over openapi-fetch: paths, parameters, bodies and answers are checked against
// client/schema.d.ts, which `npm run client` generates from openapi/openapi.json.
import createClient, { type Client } from 'openapi-fetch'
import type { components, operations, paths } from './schema.js'

export type { components, operations, paths }
/** The contract's named schemas, e.g. `Schemas['Unit']`. */
export type Schemas = components['schemas']
/**
 * Answers are typed by their JSON media types (application/json, and application/problem+json for errors): the
 * PDFs, CSV and spreadsheets are read with `parseAs: 'arrayBuffer'` (or 'text', 'blob').
 */
export type ThiduaClient = Client<paths, `${string}/${string}json`>

/**
 * A client of the service at `baseUrl` (e.g. `http://127.0.0.1:3000`) that sends `token` (a JWT, as
 * `npm run token` prints it) as the bearer on every call. Calls answer `{ data, error, response }`.
 */
export function createThiduaClient (baseUrl: string, token: string): ThiduaClient {
  return createClient<paths, `${string}/${string}json`>({ baseUrl, headers: { authorization: `Bearer ${token}` } })
}
