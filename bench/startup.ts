// The start-up part of npm run bench: how long the service takes from spawn to ready (GET /readyz answers 200) on
// PostgreSQL and, restarted, on the embedded database, and how much memory the embedded process holds idle and under
// load. Each start is a fresh `node [npm start's flags] dist/server.js`; the figure is the median of BENCH_STARTS
// starts (5 by default). The embedded instance lives in a temporary DATA_DIR: its first start (creating and
// migrating the database) is timed once, for information; then BENCH_STARTS restarts are timed; the last one is
// seeded through the API as the other scenarios are, then read and written by autocannon while its RSS is sampled.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { measure, type Figure, type MakeRequest } from './load.js'
import { cpuMsOf, rssOf, rssSampler } from './processes.js'
import { TARGETS } from './report.js'

const MiB = 2 ** 20
/** How often readiness is asked while a process starts: the figure's resolution. */
const POLL_MS = 10
const START_TIMEOUT_MS = 180_000
/** After ready, before the idle RSS is read: the start's own garbage collected, timers settled. */
const SETTLE_MS = 3_000

/** Wall time from spawn to ready; the process's CPU time by then (what other work on the machine blurs least); RSS. */
export interface Start { ms: number, cpuMs: number, rssMiB: number }

export interface LoadRun { name: string, figure: Figure }

export interface StartupResult {
  starts: number
  postgres: Start[]
  embeddedFirstMs: number
  embedded: Start[]
  embeddedIdleMiB: number
  loads: LoadRun[]
  embeddedPeakMiB: number
  embeddedAfterLoadMiB: number
  loadSeconds: number
}

interface Running { child: ChildProcess, base: string, stop: () => Promise<void> }

/** Spawns `node [nodeArgs] entry` and resolves once /readyz answers 200, with the time from spawn to then. */
export async function startTimed (entry: string, nodeArgs: string[], env: Record<string, string>, port: number): Promise<Running & Start> {
  const base = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let err = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err += chunk })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before it was ready:\n${err}`)
    const status = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0)
    if (status === 200) break
    if (performance.now() - started > START_TIMEOUT_MS) {
      await stop()
      throw new Error(`the service was not ready after ${START_TIMEOUT_MS} ms:\n${err}`)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  const ms = performance.now() - started
  return { child, base, stop, ms, cpuMs: cpuMsOf(child.pid!), rssMiB: (rssOf(child.pid!) ?? 0) / MiB }
}

export interface StartupOptions {
  entry: string
  nodeArgs: string[]
  /** The environment of a PostgreSQL start (DATABASE_URL of an already migrated database, AUTH_JWT_SECRET). */
  postgresEnv: Record<string, string>
  starts: number
  freePort: () => Promise<number>
  /** Seeds the embedded instance at `base` through its API and answers the load's requests. */
  loads: (base: string) => Promise<Array<{ name: string, make: MakeRequest, status: number }>>
  loadSeconds: number
  connections: number
}

export async function runStartup (o: StartupOptions): Promise<StartupResult> {
  const postgres: Start[] = []
  for (let i = 0; i < o.starts; i++) {
    const run = await startTimed(o.entry, o.nodeArgs, o.postgresEnv, await o.freePort())
    await run.stop()
    postgres.push({ ms: run.ms, cpuMs: run.cpuMs, rssMiB: run.rssMiB })
    console.log(`start-up: PostgreSQL start ${i + 1}/${o.starts}: ${run.ms.toFixed(0)} ms`)
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-'))
  const { DATABASE_URL: _, ...rest } = o.postgresEnv
  const embeddedEnv = { ...rest, DATA_DIR: path.join(dir, 'data') }
  try {
    const first = await startTimed(o.entry, o.nodeArgs, embeddedEnv, await o.freePort())
    await first.stop()
    console.log(`start-up: embedded first start (creating and migrating): ${first.ms.toFixed(0)} ms`)
    const embedded: Start[] = []
    let last: (Running & Start) | undefined
    try {
      for (let i = 0; i < o.starts; i++) {
        last = await startTimed(o.entry, o.nodeArgs, embeddedEnv, await o.freePort())
        embedded.push({ ms: last.ms, cpuMs: last.cpuMs, rssMiB: last.rssMiB })
        console.log(`start-up: embedded restart ${i + 1}/${o.starts}: ${last.ms.toFixed(0)} ms`)
        if (i < o.starts - 1) await last.stop()
      }
      const live = last!
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      const embeddedIdleMiB = (rssOf(live.child.pid!) ?? 0) / MiB
      const requests = await o.loads(live.base)
      const rss = rssSampler(live.child.pid!)
      const loads: LoadRun[] = []
      for (const load of requests) {
        console.log(`start-up: embedded under load: ${load.name} for ${o.loadSeconds} s…`)
        loads.push({ name: load.name, figure: await measure(live.base, load.make, { connections: o.connections, duration: o.loadSeconds, expect: load.status }) })
      }
      rss.stop()
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      const embeddedAfterLoadMiB = (rssOf(live.child.pid!) ?? 0) / MiB
      return {
        starts: o.starts, postgres, embeddedFirstMs: first.ms, embedded, embeddedIdleMiB, loads,
        embeddedPeakMiB: rss.peak() / MiB, embeddedAfterLoadMiB, loadSeconds: o.loadSeconds
      }
    } finally {
      await last?.stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const span = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`
const verdict = (ok: boolean) => (ok ? 'PASS' : '**FAIL**')

export function startupVerdicts (r: StartupResult) {
  return {
    postgres: median(r.postgres.map((s) => s.ms)) <= TARGETS.startPostgresMs,
    embedded: median(r.embedded.map((s) => s.ms)) <= TARGETS.startEmbeddedMs,
    rss: r.loads.every((l) => l.figure.failures === 0) && r.embeddedPeakMiB <= TARGETS.embeddedRssMiB
  }
}

export const startupPasses = (r: StartupResult) => Object.values(startupVerdicts(r)).every(Boolean)

export function startupTable (r: StartupResult): string {
  const v = startupVerdicts(r)
  const pg = r.postgres.map((s) => s.ms)
  const em = r.embedded.map((s) => s.ms)
  const loads = r.loads.map((l) => `${l.name} ${l.figure.failures === 0 ? `${l.figure.rps.toFixed(0)} req/s` : `**invalid** (${l.figure.statuses})`}`).join(', ')
  return [
    '| measurement | figure | target | verdict |',
    '|---|---:|---:|---|',
    `| PostgreSQL: start to ready, median of ${r.starts} (range) | ${median(pg).toFixed(0)} ms (${span(pg)}) | ≤ ${TARGETS.startPostgresMs} ms | ${verdict(v.postgres)} |`,
    `| PostgreSQL: CPU time to ready, median | ${median(r.postgres.map((s) => s.cpuMs)).toFixed(0)} ms | | |`,
    `| PostgreSQL: RSS at ready, median | ${median(r.postgres.map((s) => s.rssMiB)).toFixed(0)} MiB | | |`,
    `| embedded: first start, creating and migrating the database | ${(r.embeddedFirstMs / 1000).toFixed(1)} s | | |`,
    `| embedded: restart to ready, median of ${r.starts} (range) | ${median(em).toFixed(0)} ms (${span(em)}) | ≤ ${TARGETS.startEmbeddedMs} ms | ${verdict(v.embedded)} |`,
    `| embedded: CPU time to ready, median | ${median(r.embedded.map((s) => s.cpuMs)).toFixed(0)} ms | | |`,
    `| embedded: RSS idle, ${SETTLE_MS / 1000} s after ready | ${r.embeddedIdleMiB.toFixed(0)} MiB | | |`,
    `| embedded: peak RSS under load (${loads}; ${r.loadSeconds} s each) | ${r.embeddedPeakMiB.toFixed(0)} MiB | ≤ ${TARGETS.embeddedRssMiB} MiB | ${verdict(v.rss)} |`,
    `| embedded: RSS idle after the load | ${r.embeddedAfterLoadMiB.toFixed(0)} MiB | | |`
  ].join('\n')
}
