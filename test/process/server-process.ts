// The real service as a child process, for the process and fault tests: started with a clean environment on a
// free loopback port and a fresh DATA_DIR, its output kept, and always killed when the test that started it ends.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** Starting includes migrating a fresh embedded database, slow on a busy machine. */
const START_TIMEOUT_MS = 90_000
const EXIT_TIMEOUT_MS = 30_000
/** What `npm run dev` runs; `startArgs()` (bench/start-command.ts) is what `npm start` runs. */
const SOURCES = ['--import', 'tsx', 'src/server.ts']

export interface ServerProcess {
  child: ChildProcess
  /** http://HOST:PORT as the server was told; meaningless when PORT is deliberately bad. */
  base: string
  /** The DATA_DIR it was given: a fresh one under the system's temp directory unless the test chose it. */
  dataDir: string
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
  alive: () => boolean
}

export interface LaunchOptions {
  /** Node's arguments: the tsx sources by default. */
  args?: string[]
  /**
   * Run as `npm start` runs it, without tap's module loader: for a test that measures the process (its memory).
   * Other tests keep the loader, which is what reports the coverage of the code the service runs.
   */
  bare?: boolean
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A port nobody listens on now: the system picks one, we release it and hand it on. */
export async function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** A DATA_DIR that does not exist yet (the server makes it, as on a first run), removed when `t` ends. */
export function tempDataDir (t: Test): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-process-'))
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }))
  return path.join(dir, 'data')
}

/**
 * The test's environment without anything that would point the server elsewhere, nor tap's coverage hooks (the
 * child compiles the sources its own way; merging its coverage would garble the report).
 */
function cleanEnv (extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const name of ['NODE_V8_COVERAGE', 'NODE_OPTIONS', '_TAPJS_PROCESSINFO_COVERAGE_', 'DATABASE_URL', 'TEST_DATABASE_URL', 'AUTH_JWT_SECRET',
    'PORT', 'HOST', 'DATA_DIR', 'LOG_LEVEL', 'LOG_PRETTY', 'RATE_LIMIT_PER_MINUTE', 'BODY_LIMIT_BYTES', 'SHUTDOWN_TIMEOUT_MS', 'DB_POOL_MAX',
    'TRUST_PROXY']) delete env[name]
  return { ...env, LOG_LEVEL: 'warn', ...extra }
}

/** The start-up banner server.ts prints on stdout for people (its address, the Swagger UI, the admin token). */
const BANNER_LINE = /^$|^thidua is listening on |^\s+(Swagger UI|Database|Admin token[^:]*):|^\s+\S+\.\S+\.\S+$/

/** Every line the process wrote on stdout and stderr but its start-up banner: the ones that are not JSON, and the JSON ones parsed. */
export function outputLines (server: ServerProcess): { json: Array<Record<string, unknown>>, other: string[] } {
  const json: Array<Record<string, unknown>> = []
  const other: string[] = []
  for (const line of [...server.stdout().split('\n').filter((l) => !BANNER_LINE.test(l)), ...server.stderr().split('\n').filter((l) => l !== '')]) {
    try {
      json.push(JSON.parse(line) as Record<string, unknown>)
    } catch {
      other.push(line)
    }
  }
  return { json, other }
}

/** `promise`, or undefined after `ms` (the timer is cleared either way, so nothing holds the process open). */
export async function within<T> (promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms) })])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Starts the service with `env` over the defaults (HOST 127.0.0.1, a free PORT, a fresh DATA_DIR, LOG_LEVEL warn)
 * without waiting for anything: for a start that should fail. The process is killed when `t` ends.
 */
export async function launch (t: Test, env: Record<string, string> = {}, options: LaunchOptions = {}): Promise<ServerProcess> {
  const settings = { HOST: '127.0.0.1', PORT: String(await freePort()), DATA_DIR: env.DATA_DIR ?? tempDataDir(t), ...env }
  const args = options.args ?? SOURCES
  // tap hooks every spawn (@tapjs/processinfo) and puts its own --import back into NODE_OPTIONS, whatever the
  // environment given: a module loader on a worker thread of its own, some 30 MiB the service does not have when
  // `npm start` runs it. For a bare start, `env -u` takes it out again just before node starts (env execs node: the
  // same pid).
  const child = options.bare === true && process.platform !== 'win32'
    ? spawn('env', ['-u', 'NODE_OPTIONS', process.execPath, ...args], { cwd: ROOT, env: cleanEnv(settings), stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, args, { cwd: ROOT, env: cleanEnv(settings), stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { out += chunk })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err += chunk })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    // Let the pipes drain before anyone reads what the process said.
    child.on('exit', (code, signal) => setImmediate(() => resolve({ code, signal })))
  })
  const alive = () => child.exitCode === null && child.signalCode === null
  // Teardowns run last-registered first: the process is gone before its temporary DATA_DIR is removed.
  t.teardown(async () => {
    if (!alive()) return
    child.kill('SIGKILL')
    await within(exited, EXIT_TIMEOUT_MS)
  })
  return { child, base: `http://${settings.HOST}:${settings.PORT}`, dataDir: settings.DATA_DIR, stdout: () => out, stderr: () => err, exited, alive }
}

/** Starts the service as `launch` does and waits until /readyz answers 200; fails at once if it exits instead. */
export async function startServer (t: Test, env: Record<string, string> = {}, options: LaunchOptions = {}): Promise<ServerProcess> {
  const server = await launch(t, env, options)
  await waitWhileRunning(server, `${server.base}/readyz to answer 200`, async () => {
    const response = await fetch(`${server.base}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined)
    return response?.status === 200
  }, START_TIMEOUT_MS)
  return server
}

/**
 * Polls `check` every 100 ms until it gives a value other than false or undefined, and returns that value;
 * throws after `timeoutMs` (with `context()` in the message).
 */
export async function waitFor<T> (what: string, check: () => Promise<T | false | undefined> | T | false | undefined, timeoutMs: number,
  context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = await check()
    if (value !== false && value !== undefined) return value
    await sleep(100)
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${context()}`)
}

/** `waitFor` on something the server should do: fails as soon as the server exits, and shows what it printed. */
export async function waitWhileRunning<T> (server: ServerProcess, what: string, check: () => Promise<T | false | undefined> | T | false | undefined,
  timeoutMs: number): Promise<T> {
  return waitFor(what, () => {
    if (!server.alive()) {
      throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode}) while waiting for ${what}:\n${server.stderr()}`)
    }
    return check()
  }, timeoutMs, () => `stdout:\n${server.stdout()}\nstderr:\n${server.stderr()}`)
}

/** Sends `signal` and waits for the exit; SIGKILLs and throws if the process outlives EXIT_TIMEOUT_MS. */
export async function stopServer (server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  server.child.kill(signal)
  const result = await within(server.exited, EXIT_TIMEOUT_MS)
  if (result === undefined) {
    server.child.kill('SIGKILL')
    throw new Error(`the server did not exit within ${EXIT_TIMEOUT_MS} ms of ${signal}\nstderr:\n${server.stderr()}`)
  }
  return result
}

/** Waits for a process that should stop by itself (a bad configuration); SIGKILLs and throws if it keeps running. */
export async function exitOf (server: ServerProcess) {
  const result = await within(server.exited, START_TIMEOUT_MS)
  if (result === undefined) {
    server.child.kill('SIGKILL')
    throw new Error(`the server kept running when it should have stopped\nstdout:\n${server.stdout()}`)
  }
  return result
}
