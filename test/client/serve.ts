// serve(t): the build(t) app on a fresh database, listening on a free port of 127.0.0.1 (closed when the test ends),
// with bearer tokens signed as the tests sign them and typed clients acting for any actor.
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'
import { createThiduaClient, type ThiduaClient } from '../../client/index.js'
import { signToken, type Actor } from '../../src/auth/tokens.js'
import { build, TEST_SECRET, type BuildOptions } from '../helpers/build.js'

export type ActorClaims = Partial<Actor> & Pick<Actor, 'role'>

export async function serve (t: Test, options: BuildOptions = {}) {
  const { app } = await build(t, options)
  // build(t) closes the app when the test ends, and with it this listener.
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  /** A JWT (no "Bearer ") for an actor, as `npm run token` prints one. */
  const token = (actor: ActorClaims): string => signToken(TEST_SECRET, { sub: `test-${actor.role}`, ...actor })
  const clientFor = (actor: ActorClaims): ThiduaClient => createThiduaClient(baseUrl, token(actor))
  return { app, baseUrl, token, clientFor }
}
