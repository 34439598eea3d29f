// The token command as an operator runs it: a separate process reading the environment.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { tokenVerifier } from '../../src/auth/tokens.js'

const SECRET = 'cli-test-secret-that-is-long-enough-0123456789'
const UNIT_ID = '6f1c2a4e-8b3d-4c5e-9f70-112233445566'

async function runToken (args: string[], env: Record<string, string>) {
  // Only what the command needs: a DATABASE_URL or secret from the test run must not leak in.
  const clean = { PATH: process.env.PATH ?? '', ...env }
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], { env: clean })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number, stdout: string, stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const lastLine = (text: string) => text.trim().split('\n').pop() ?? ''

t.test('prints a token signed with AUTH_JWT_SECRET as its last line', async (t) => {
  const run = await runToken(['--role', 'admin'], { AUTH_JWT_SECRET: SECRET })
  t.equal(run.code, 0, run.stderr)
  t.same(tokenVerifier(SECRET, { maxLifetimeHours: 720 })(lastLine(run.stdout)), { sub: 'cli-admin', role: 'admin' })
  t.throws(() => tokenVerifier(SECRET + 'x', { maxLifetimeHours: 720 })(lastLine(run.stdout)), 'another secret does not verify it')
})

t.test('TOKEN=$(npm run -s token -- --role admin), as the README shows, captures the token alone', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-token-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const { stdout } = await promisify(execFile)(npm, ['run', '-s', 'token', '--', '--role', 'admin'],
    { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, DATA_DIR: dataDir } })
  const secret = fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim()
  t.match(stdout, /^\S+\.\S+\.\S+\n$/, 'one line: the token and its newline, which $( ) drops')
  t.same(tokenVerifier(secret, { maxLifetimeHours: 720 })(stdout.trim()), { sub: 'cli-admin', role: 'admin' })
})

t.test('a unit token carries its unit id', async (t) => {
  const run = await runToken(['--role', 'unit', '--unit-id', UNIT_ID, '--sub', 'ops'], { AUTH_JWT_SECRET: SECRET })
  t.equal(run.code, 0, run.stderr)
  t.same(tokenVerifier(SECRET, { maxLifetimeHours: 720 })(lastLine(run.stdout)), { sub: 'ops', role: 'unit', unitId: UNIT_ID })
})

t.test('without a secret, uses (and creates) the one kept in DATA_DIR', async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-token-'))
  t.teardown(() => fs.rmSync(dataDir, { recursive: true, force: true }))
  const run = await runToken(['--role', 'reader'], { DATA_DIR: dataDir })
  t.equal(run.code, 0, run.stderr)
  const secret = fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim()
  t.ok(secret.length >= 32, 'a generated secret is long')
  t.equal(fs.statSync(path.join(dataDir, 'jwt-secret')).mode & 0o077, 0, 'only its owner may read it')
  t.same(tokenVerifier(secret, { maxLifetimeHours: 720 })(lastLine(run.stdout)), { sub: 'cli-reader', role: 'reader' })
  const again = await runToken(['--role', 'reader'], { DATA_DIR: dataDir })
  t.same(tokenVerifier(secret, { maxLifetimeHours: 720 })(lastLine(again.stdout)).role, 'reader', 'a second run keeps the same secret')
})

t.test('refuses claims a role cannot have, and bad arguments, with exit code 2', async (t) => {
  for (const args of [['--role', 'unit'], ['--role', 'secretariat'], ['--role', 'root'], [], ['--role', 'admin', '--expires-in', 'soon'], ['--colour']]) {
    const run = await runToken(args, { AUTH_JWT_SECRET: SECRET })
    t.equal(run.code, 2, args.join(' '))
    t.match(run.stderr, /^token: /, 'says why on stderr')
    t.equal(run.stdout, '', 'prints no token')
  }
  const unit = await runToken(['--role', 'unit'], { AUTH_JWT_SECRET: SECRET })
  t.match(unit.stderr, /unitId/)
})

t.test('--expires-in beyond TOKEN_MAX_LIFETIME_HOURS is refused, saying the limit; within it, the token verifies', async (t) => {
  const tooLong = await runToken(['--role', 'reader', '--expires-in', '3d'], { AUTH_JWT_SECRET: SECRET, TOKEN_MAX_LIFETIME_HOURS: '48' })
  t.equal(tooLong.code, 2)
  t.equal(tooLong.stdout, '', 'prints no token')
  t.match(tooLong.stderr, /^token: 3d is longer than the 48 hours a token may live \(TOKEN_MAX_LIFETIME_HOURS\)/)
  const byDefault = await runToken(['--role', 'reader', '--expires-in', '365d'], { AUTH_JWT_SECRET: SECRET })
  t.equal(byDefault.code, 2, 'a year is beyond the default lifetime')
  t.match(byDefault.stderr, /the 720 hours a token may live/)
  const within = await runToken(['--role', 'reader', '--expires-in', '2d'], { AUTH_JWT_SECRET: SECRET, TOKEN_MAX_LIFETIME_HOURS: '48' })
  t.equal(within.code, 0, within.stderr)
  t.same(tokenVerifier(SECRET, { maxLifetimeHours: 48 })(lastLine(within.stdout)), { sub: 'cli-reader', role: 'reader' })
  const never = await runToken(['--role', 'reader', '--expires-in', '0'], { AUTH_JWT_SECRET: SECRET })
  t.equal(never.code, 2, 'a token that never expires is refused')
  t.match(never.stderr, /must expire/)
})

t.test('a bad configuration is refused with exit code 2', async (t) => {
  const run = await runToken(['--role', 'admin'], { AUTH_JWT_SECRET: 'short' })
  t.equal(run.code, 2)
  t.match(run.stderr, /AUTH_JWT_SECRET must be at least 32 characters/)
})
