// npm run bench — the compiled service against a bare baseline (bench/baseline.ts: the same SQL with pg and nothing
// else), side by side in one run on a fresh local PostgreSQL database: requests/s, p50/p99 at full speed (the
// median of BENCH_ROUNDS rounds run alternately on each side), p99 at a fixed 500 requests/s, and peak RSS, for
// each scenario; verdicts against the targets; the table goes into BENCHMARKS.md. Then the "large cluster"
// scenario: a 3,434-member cluster's largest pages and exports read by 8 clients, judged by the service's peak RSS
// (a table of its own). Last "start-up" (bench/startup.ts): start to ready on PostgreSQL and, restarted, on the
// embedded database, and the embedded process's RSS idle and under load (a table of its own).
// Knobs: BENCH_DURATION (s per run, default 10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10), BENCH_LARGE_DURATION (s
// of the large-cluster run, 30), BENCH_STARTS (starts timed per engine, 5), BENCH_STARTUP_LOAD_DURATION (s of each
// load on the embedded instance, 10), BENCH_SCENARIOS (comma list of names: the scenarios', 'large cluster',
// 'start-up'), BENCH_NO_WRITE=1 (print only), BENCH_NO_BUILD=1 (use dist/ as it is), BENCH_NODE_ARGS (node flags
// added to npm start's for the measured service, e.g. "--cpu-prof --cpu-prof-dir=prof"), BENCH_DATABASE_URL (the
// server to create the database on; postgres://postgres@127.0.0.1:5432/postgres by default).
import { spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import ts from 'typescript'
import { connect } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { signToken } from '../src/auth/tokens.js'
import { capture, sqlDrift } from './capture.js'
import { measure, type Figure, type MakeRequest, type RunOptions } from './load.js'
import { machine } from './machine.js'
import { cpuMsOf, rssSampler, startNode, type Started } from './processes.js'
import {
  allPass, COMPARED, invalidRuns, LARGE, largePasses, largeTable, medianBy, section, STARTUP, table, TARGETS, writeSection,
  type LargeResult, type ScenarioResult, type Side
} from './report.js'
import { alternate, LARGE_UNITS, largeReads, seedLargeCluster } from './large-cluster.js'
import { ballotBox } from './ballot-box.js'
import { caller, seed, YEAR, type Call, type Seeded } from './seed.js'
import { startArgs } from './start-command.js'
import { runStartup, startupPasses, startupTable } from './startup.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const WARMUP = 3
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const server = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
const secret = randomBytes(32).toString('base64url')
const MiB = 2 ** 20
// The large-cluster scenario: the clients of the report that found its memory problem, for BENCH_LARGE_DURATION s.
const LARGE_SCENARIO = 'large cluster'
const LARGE_CONNECTIONS = 8
const LARGE_DURATION = Number(process.env.BENCH_LARGE_DURATION ?? 30)
// The start-up scenario (bench/startup.ts): BENCH_STARTS starts per engine, BENCH_STARTUP_LOAD_DURATION s per load.
const STARTUP_SCENARIO = 'start-up'
const STARTS = Number(process.env.BENCH_STARTS ?? 5)
const STARTUP_LOAD_DURATION = Number(process.env.BENCH_STARTUP_LOAD_DURATION ?? 10)

type SideName = 'capture' | 'baseline' | 'service'

interface Scenario {
  name: string
  /** The key of its statements in baseline-sql.ts. */
  sql: string
  write: boolean
  /** The status every response must have: a run with any other is invalid. */
  status: number
  /** The request maker of a side (the ballots of each side come from their own elections). */
  make: (side: SideName) => MakeRequest
  /**
   * Readies data for at least `requests` more requests on a side, through the service's API, and answers how many
   * are readied in all: a run never sends more (see measure's `supply`), so it cannot run out whatever its pace.
   */
  prepare?: (side: SideName, call: Call, requests: number) => Promise<number>
}

/** Whether the service has elections yet (the lead is adding them): the contract says. */
const hasBallots = () => JSON.parse(fs.readFileSync(path.join(root, 'openapi/openapi.json'), 'utf8'))
  .paths?.['/v1/elections/{electionId}/ballots']?.post !== undefined

function scenarios (s: Seeded): Scenario[] {
  const admin = `Bearer ${signToken(secret, { sub: 'bench-admin', role: 'admin' })}`
  const unitTokens = s.unitIds.map((unitId) => `Bearer ${signToken(secret, { sub: `bench-unit-${unitId}`, role: 'unit', unitId })}`)
  const get = (p: string) => (): MakeRequest => () => ({ method: 'GET', path: p, headers: { authorization: admin } })
  // Each save by the unit's own token, cycling through the units, each with a fresh Idempotency-Key (which a
  // PUT does not store: only POSTs are idempotent by key in this contract).
  const save = (): MakeRequest => (n) => {
    const i = n % s.unitIds.length
    return {
      method: 'PUT',
      path: `/v1/scoring-schemes/${s.schemeId}/scorecards/${s.unitIds[i]}`,
      headers: { authorization: unitTokens[i], 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(s.entries[i])
    }
  }
  const list: Scenario[] = [
    { name: 'list members', sql: 'members', write: false, status: 200, make: get(`/v1/clusters/${s.clusterId}/members`) },
    { name: 'ranking', sql: 'ranking', write: false, status: 200, make: get(`/v1/scoring-schemes/${s.schemeId}/ranking`) },
    { name: 'save scorecard', sql: 'save', write: true, status: 200, make: save }
  ]
  if (hasBallots()) {
    const boxes = new Map<SideName, ReturnType<typeof ballotBox>>()
    const box = (side: SideName) => {
      if (!boxes.has(side)) boxes.set(side, ballotBox(s.clusterId, YEAR + 1, s.unitIds, unitTokens))
      return boxes.get(side)!
    }
    // Ballots refuse an Idempotency-Key (a stored answer would tie the voter to the ballot), so none is sent.
    list.push({
      name: 'cast ballot', sql: 'ballot', write: true, status: 201,
      make: (side) => () => box(side).next(),
      prepare: (side, call, requests) => box(side).ensure(call, requests)
    })
  } else {
    console.log('cast ballot: skipped, openapi/openapi.json has no POST /v1/elections/{electionId}/ballots yet')
  }
  return list
}

async function sendOnce (base: string, make: MakeRequest) {
  const r = make(0)
  const response = await fetch(base + r.path, { method: r.method, headers: r.headers, body: r.body })
  if (!response.ok) throw new Error(`${r.method} ${r.path} answered ${response.status}: ${await response.text()}`)
}

const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]

function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** The baseline as plain JavaScript next to node_modules (so it resolves fastify and pg), like the service's dist/. */
function compileBaseline (): string {
  const out = path.join(root, 'node_modules/.cache/thidua-bench')
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n')
  for (const file of ['baseline.ts', 'baseline-sql.ts']) {
    const source = fs.readFileSync(path.join(root, 'bench', file), 'utf8')
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }, fileName: file })
    fs.writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), outputText)
  }
  return path.join(out, 'baseline.js')
}

// A guess of the fastest a side could go, to ready data for the warm-up; the fastest run so far sizes the rest, with
// room to spare. Neither can make a run go short of data: a run stops at what was readied (and the notes say so).
const WARMUP_PACE_GUESS = 1500
const SUPPLY_MARGIN = 1.5

interface Target { side: 'baseline' | 'service', started: Started }

/** One run of a side after readying `requests` more, with its process's CPU time and RSS sampled throughout. */
async function measuredRun (
  t: Target, scenario: Scenario, call: Call, requests: number, options: RunOptions, rss: ReturnType<typeof rssSampler>
) {
  const supply = await scenario.prepare?.(t.side, call, requests)
  const pid = t.started.child.pid!
  rss.resume()
  const cpuBefore = cpuMsOf(pid)
  const figure = await measure(t.started.base, scenario.make(t.side), { ...options, expect: scenario.status, supply })
  const cpuMs = cpuMsOf(pid) - cpuBefore
  rss.stop()
  return { figure, cpuMs }
}

/**
 * A scenario on both sides: a warm-up each, then ROUNDS full-speed runs alternating baseline and service (so a
 * machine that slows down or speeds up meanwhile weighs on both alike; each round gives one service/baseline
 * ratio), then one fixed-rate run each. A side's figures are its median round's.
 */
async function runScenario (scenario: Scenario, baseline: Target, service: Target, call: Call): Promise<ScenarioResult> {
  const options = { connections: CONNECTIONS, duration: DURATION }
  const sides = [baseline, service]
  const pace = new Map<Target, number>()
  const warmups = new Map<Target, Figure>()
  const rss = new Map(sides.map((t) => [t, rssSampler(t.started.child.pid!)] as const))
  for (const t of sides) {
    rss.get(t)!.stop()
    const supply = await scenario.prepare?.(t.side, call, WARMUP * WARMUP_PACE_GUESS)
    const warmup = await measure(t.started.base, scenario.make(t.side), { ...options, duration: WARMUP, expect: scenario.status, supply })
    warmups.set(t, warmup)
    pace.set(t, warmup.rps)
  }
  const rounds = new Map(sides.map((t) => [t, [] as Array<{ figure: Figure, cpuMs: number }>] as const))
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of sides) {
      const run = await measuredRun(t, scenario, call, Math.ceil(pace.get(t)! * DURATION * SUPPLY_MARGIN) + 500, options, rss.get(t)!)
      rounds.get(t)!.push(run)
      pace.set(t, Math.max(pace.get(t)!, run.figure.rps))
    }
  }
  const sideOf = async (t: Target): Promise<Side> => {
    const requests = Math.ceil(TARGETS.rate * DURATION * 1.2) + 500
    const { figure: atRate } = await measuredRun(t, scenario, call, requests, { ...options, overallRate: TARGETS.rate }, rss.get(t)!)
    const runs = rounds.get(t)!
    return {
      warmup: warmups.get(t)!,
      max: medianBy(runs, (r) => r.figure.rps).figure,
      rounds: runs.map((r) => r.figure),
      cpuMsPerRequest: runs.reduce((sum, r) => sum + r.cpuMs, 0) / runs.reduce((sum, r) => sum + r.figure.requests, 0),
      atRate,
      peakRssMiB: rss.get(t)!.peak() / MiB
    }
  }
  return { name: scenario.name, write: scenario.write, baseline: await sideOf(baseline), service: await sideOf(service) }
}

/**
 * The large cluster's pages and exports read by LARGE_CONNECTIONS clients at once. The cluster is seeded through a
 * service of its own, stopped before the measured one starts, so the peak RSS is that of a process that only read.
 */
async function runLarge (
  entry: string, nodeArgs: string[], env: Record<string, string>, databaseUrl: string, adminToken: string, started: Started[]
): Promise<LargeResult> {
  console.log(`large cluster: seeding ${LARGE_UNITS} members…`)
  const seeder = await startNode('service (seeding the large cluster)', entry, await freePort(), env, '/readyz', nodeArgs)
  started.push(seeder)
  const call = caller(seeder.base, adminToken)
  const reads = await largeReads(call, await seedLargeCluster(call, databaseUrl))
  await seeder.stop()
  console.log(`large cluster: ${LARGE_CONNECTIONS} clients for ${LARGE_DURATION} s over ${reads.pages.length} pages and ${reads.exports.length} exports…`)
  const service = await startNode('service (large cluster)', entry, await freePort(), env, '/readyz', nodeArgs)
  started.push(service)
  const rss = rssSampler(service.child.pid!)
  // Eight exports of the whole cluster at once take seconds each on a busy 2-core machine: slow is a figure, not a failure.
  const figure = await measure(service.base, alternate(reads, adminToken), { connections: LARGE_CONNECTIONS, duration: LARGE_DURATION, timeout: 60 })
  rss.stop()
  await service.stop()
  return { members: LARGE_UNITS, answers: reads.pages.length + reads.exports.length, connections: LARGE_CONNECTIONS, figure, peakRssMiB: rss.peak() / MiB }
}

async function main () {
  const only = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim())
  if (process.env.BENCH_NO_BUILD !== '1') {
    console.log('building the service (npm run build)…')
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('npm run build failed')
  }
  const baselineScript = compileBaseline()

  const database = `thidua_bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: server.toString() })
  await admin.connect()
  const postgres = (await admin.query('show server_version')).rows[0].server_version as string
  await admin.query(`create database "${database}"`)
  const url = new URL(server)
  url.pathname = `/${database}`
  const env = {
    DATABASE_URL: url.toString(), AUTH_JWT_SECRET: secret, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000'
  }
  const started: Started[] = []
  let failed = false
  try {
    const db = await connect({ kind: 'postgres', url: url.toString(), poolMax: 2 })
    await migrateToLatest(db)
    await db.destroy()

    // First run: seed through the API and capture each scenario's SQL (knex:query logging costs time, so the
    // measured service is a second, quiet process on the same database).
    const tracing = await startNode('service (SQL capture)', path.join(root, 'dist/server.js'), await freePort(), { ...env, DEBUG: 'knex:query' }, '/readyz')
    started.push(tracing)
    const adminToken = `Bearer ${signToken(secret, { sub: 'bench-admin', role: 'admin' })}`
    const seeded = await seed(caller(tracing.base, adminToken))
    const list = scenarios(seeded).filter((s) => !only || only.includes(s.name))
    for (const scenario of list) {
      await scenario.prepare?.('capture', caller(tracing.base, adminToken), 1)
      const drift = sqlDrift(scenario.sql, await capture(tracing, () => sendOnce(tracing.base, scenario.make('capture'))))
      if (drift.length) {
        failed = true
        console.error(`The baseline no longer runs the service's SQL for ${scenario.name}; update bench/baseline-sql.ts:\n  ${drift.join('\n  ')}`)
      }
    }
    await tracing.stop()
    if (failed) return

    // As npm start runs it, V8 flags included; BENCH_NODE_ARGS adds to them.
    const args = startArgs()
    const nodeArgs = [...args.slice(0, -1), ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])]
    const entry = path.join(root, args.at(-1)!)
    const write = process.env.BENCH_NO_WRITE !== '1'
    const postgresVersion = `PostgreSQL ${postgres}`
    if (list.length) {
      const service = await startNode('service', entry, await freePort(), env, '/readyz', nodeArgs)
      const baseline = await startNode('baseline', baselineScript, await freePort(), { DATABASE_URL: url.toString() }, '/readyz')
      started.push(service, baseline)
      const call = caller(service.base, adminToken)
      const loadBefore = loadAverage()
      const results: ScenarioResult[] = []
      for (const scenario of list) {
        console.log(`${scenario.name}: ${ROUNDS} rounds of baseline then service…`)
        results.push(await runScenario(scenario, { side: 'baseline', started: baseline }, { side: 'service', started: service }, call))
      }
      await service.stop()
      await baseline.stop()
      console.log('\n' + table(results) + '\n')
      const invalid = results.flatMap(invalidRuns)
      const short = results.flatMap((r) => (['baseline', 'service'] as const)
        .flatMap((side) => r[side].rounds.filter((f) => f.usedSupply).map(() => `${r.name} (${side})`)))
      if (invalid.length) {
        failed = true
        console.error(`Some runs answered other statuses than their scenario's, so these scenarios have no figure:\n  ${invalid.join('\n  ')}`)
      }
      // A missed target fails the run like a missing figure, so a script or CI can rely on the exit code.
      if (!allPass(results)) failed = true
      console.log(allPass(results) ? 'Every target met.' : 'Some targets are not met (see the table).')
      if (write && !invalid.length) {
        const settings = `autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${ROUNDS} full-speed rounds of ${DURATION} s per side, alternating; ` +
          (nodeArgs.length ? `service started with \`node ${nodeArgs.join(' ')}\`; ` : '') +
          `the fixed-rate run asks for ${TARGETS.rate} req/s; RSS is the peak VmRSS over all the runs of a side.`
        writeSection(path.join(root, 'BENCHMARKS.md'), COMPARED, '## The service against a bare baseline', section(COMPARED, table(results), machine(postgresVersion), settings, [
          `Load average (1 min) when the runs began: ${loadBefore} (on ${os.availableParallelism()} cores; above about 1, other work ` +
            `was running when the bench started); when they ended: ${loadAverage()} (the bench's own load: the service, the baseline, ` +
            'PostgreSQL and autocannon keep every core busy).',
          ...(short.length ? [`Rounds that sent every request readied for them before their time was up (their rate is over the time they ran): ${short.join(', ')}.`] : [])
        ]))
        console.log('BENCHMARKS.md updated.')
      }
    }
    if (!only || only.includes(LARGE_SCENARIO)) {
      const loadBefore = loadAverage()
      const result = await runLarge(entry, nodeArgs, env, url.toString(), adminToken, started)
      console.log('\n' + largeTable(result) + '\n')
      if (result.figure.failures > 0) {
        failed = true
        console.error(`The large-cluster reads answered other statuses than 200 (${result.figure.statuses}), so they have no figure.`)
      }
      if (!largePasses(result)) failed = true
      console.log(largePasses(result) ? `Large cluster: peak RSS under ${TARGETS.largeRssMiB} MiB.` : 'Large cluster: target not met (see the table).')
      if (write && result.figure.failures === 0) {
        const settings = `${LARGE_CONNECTIONS} autocannon connections for ${LARGE_DURATION} s against a service started afresh as \`node ${nodeArgs.join(' ')}\` ` +
          'after the cluster was seeded; RSS is the peak VmRSS of that process from its start, sampled every 100 ms.'
        writeSection(path.join(root, 'BENCHMARKS.md'), LARGE, '## A large cluster\'s largest answers', section(LARGE, largeTable(result), machine(postgresVersion), settings, [
          `Load average (1 min) when the run began: ${loadBefore}, when it ended: ${loadAverage()} (on ${os.availableParallelism()} cores).`
        ]))
        console.log('BENCHMARKS.md updated (large cluster).')
      }
    }
    if (!only || only.includes(STARTUP_SCENARIO)) {
      const loadBefore = loadAverage()
      const result = await runStartup({
        entry, nodeArgs, postgresEnv: env, starts: STARTS, freePort, loadSeconds: STARTUP_LOAD_DURATION, connections: CONNECTIONS,
        // The embedded instance gets the bench's own data and its read and write scenarios (ballots need a
        // prepared election each and add nothing here).
        loads: async (base) => scenarios(await seed(caller(base, adminToken)))
          .filter((scenario) => !scenario.prepare)
          .map((scenario) => ({ name: scenario.name, make: scenario.make('service'), status: scenario.status }))
      })
      const loadAfter = loadAverage()
      console.log('\n' + startupTable(result) + '\n')
      if (!startupPasses(result)) failed = true
      console.log(startupPasses(result) ? 'Start-up: every target met.' : 'Start-up: some targets are not met (see the table).')
      if (write && result.loads.every((l) => l.figure.failures === 0)) {
        const settings = `Each start is \`node ${nodeArgs.join(' ')}\` spawned afresh and timed to the first 200 from GET /readyz ` +
          `(asked every 10 ms); RSS is VmRSS, the peak sampled every 100 ms; ${CONNECTIONS} autocannon connections.`
        writeSection(path.join(root, 'BENCHMARKS.md'), STARTUP, '## Start-up and the embedded database\'s memory', section(STARTUP, startupTable(result), machine(postgresVersion), settings, [
          `Load average (1 min) when the starts began: ${loadBefore}, when the load ended: ${loadAfter} (on ${os.availableParallelism()} cores; ` +
            'above about 1, other work was running besides the bench: the figures are then slower than the service alone).'
        ]))
        console.log('BENCHMARKS.md updated (start-up).')
      }
    }
  } finally {
    for (const p of started) await p.stop()
    await admin.query(`drop database if exists "${database}" with (force)`)
    await admin.end()
    if (failed) process.exitCode = 1
  }
}

await main()
