// Short HTTP requests for route tests, whatever the resource: a caller bound to a token, a creation that must
// succeed, a request that must answer one status, and an id no record has.
import type { App } from '../../src/app.js'

/** An id no record has: the well-formed UUID of a 404. */
export const NIL = '00000000-0000-4000-8000-000000000000'

/** Short requests as one caller: `as(admin).post(url, body)`, extra headers last. */
export function caller (app: App) {
  return (authorization?: string) => {
    const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method, url, headers: { ...(authorization ? { authorization } : {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) })
    return {
      get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
      post: (url: string, payload: unknown, headers?: Record<string, string>) => send('POST', url, payload, headers),
      patch: (url: string, payload: unknown, headers?: Record<string, string>) => send('PATCH', url, payload, headers),
      put: (url: string, payload: unknown, headers?: Record<string, string>) => send('PUT', url, payload, headers),
      delete: (url: string, headers?: Record<string, string>) => send('DELETE', url, undefined, headers)
    }
  }
}

/** POSTs `payload` as the admin and returns the created resource, failing loudly on anything but 201. */
export async function created<T = Record<string, any>> (app: App, admin: string, url: string, payload: unknown): Promise<T> {
  const response = await app.inject({ method: 'POST', url, headers: { authorization: admin }, payload: payload as object })
  if (response.statusCode !== 201) throw new Error(`POST ${url} answered ${response.statusCode}: ${response.body}`)
  return response.json()
}

/** Sends a request that must answer `status`, and returns its JSON. */
export async function expectStatus (response: Promise<{ statusCode: number, body: string, json: () => any }>, status: number) {
  const r = await response
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`)
  return r.json()
}
