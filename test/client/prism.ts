// prismProxy(t, upstream): Stoplight Prism as a validating proxy in front of a served app, on a free port of
// 127.0.0.1, checking every request and response against the committed contract (openapi/openapi.json). With
// --errors Prism answers a request that breaks the contract with its own 422 instead of forwarding it, and a response
// that breaks it with its own 500; both, and every softer violation, are written to its log, which is collected
// here: `violations()` lists the log's lines that name one. Prism is killed when the test ends.
import net from 'node:net'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'

// The committed contract; THIDUA_PRISM_CONTRACT names another file, to try a freshly generated one before committing.
const CONTRACT = process.env.THIDUA_PRISM_CONTRACT ?? fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url))
const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url))
// Prism parses the whole contract before it listens: a few seconds on a quiet machine, much more on a busy one.
const START_TIMEOUT_MS = 90_000
// Lines of Prism's log that report a request or response off the contract, or a call Prism refused to pass on.
const VIOLATION = /Violation:|Request terminated with error|prism\/errors#/

async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface PrismProxy {
  /** Where clients call, e.g. http://127.0.0.1:43121 (Prism forwards to the upstream). */
  baseUrl: string
  /** The log lines (colours removed) reporting a violation, so far. */
  violations: () => string[]
  /** Prism's whole log so far (stdout and stderr, colours removed). */
  log: () => string
}

export async function prismProxy (t: Test, upstream: string): Promise<PrismProxy> {
  const port = await freePort()
  // One process (Prism forks its server when NODE_ENV is production), so killing it at teardown ends it all.
  const child = spawn(process.execPath, [PRISM, 'proxy', '--errors', '--multiprocess=false', '--host', '127.0.0.1',
    '--port', String(port), CONTRACT, upstream], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } })
  let output = ''
  // eslint-disable-next-line no-control-regex
  const collect = (chunk: Buffer) => { output += chunk.toString('utf8').replace(/\u001b\[[0-9;]*m/g, '') }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  })

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`Prism did not listen within ${START_TIMEOUT_MS} ms:\n${output}`)) }, START_TIMEOUT_MS)
    const onData = () => { if (output.includes('Prism is listening')) { stop(); resolve() } }
    const onExit = (code: number | null) => { stop(); reject(new Error(`Prism exited (${code}) before listening:\n${output}`)) }
    const stop = () => {
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.stderr.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', onExit)
    onData()
  })

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    violations: () => output.split('\n').filter((line) => VIOLATION.test(line)),
    log: () => output
  }
}
