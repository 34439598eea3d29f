// Creating units through the API, for tests that need some rows behind the endpoint they check.
import type { App } from '../../src/app.js'

export interface UnitInput { name: string, code?: string | null, shortName?: string | null }

/** POSTs a unit and returns the response (not asserting: callers check what they care about). */
export function postUnit (app: App, authorization: string, payload: UnitInput | Record<string, unknown>, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/v1/units', headers: { authorization, ...headers }, payload })
}

/** Creates a unit that must be accepted, and returns it. */
export async function createUnit (app: App, authorization: string, payload: UnitInput, headers: Record<string, string> = {}) {
  const response = await postUnit(app, authorization, payload, headers)
  if (response.statusCode !== 201) throw new Error(`creating ${payload.name} answered ${response.statusCode}: ${response.body}`)
  return response.json() as { id: string, name: string, code: string | null, shortName: string | null, version: number, createdAt: string, updatedAt: string }
}
