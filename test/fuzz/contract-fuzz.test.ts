// The contract-driven fuzzer: every operation of openapi/openapi.json, as every caller, with schema-derived and
// mutated bodies, odd ids, query strings and headers, against a seeded database. Every response must pass the
// oracle (oracle.ts). FUZZ_SEED and FUZZ_RUNS (total requests) override the defaults; each distinct failure is
// reported once with a reproducer.
import t from 'tap'
import fc from 'fast-check'
import { build } from '../helpers/build.js'
import { engine } from '../helpers/database.js'
import { loadContract, type Operation } from './contract.js'
import { check, type Violation } from './oracle.js'
import { materialize, planArbitrary, type Plan, type Sendable } from './requests.js'
import { seedWorld } from './world.js'

// PGlite runs one query at a time in-process and is several times slower, so it gets a shorter run.
const DEFAULT_RUNS = engine === 'postgres' ? 10_000 : 2_500
const seed = Number(process.env.FUZZ_SEED ?? 20_240_730)
const runs = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS)
const CONCURRENCY = 4

interface Finding { violation: Violation, count: number, plan: Plan, sent: Sendable, status: number, headers: Record<string, unknown>, body: string }

const clip = (text: string | undefined, n = 1500) => (text && text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text)
/** A payload as a report shows it: text clipped, a file's bytes by their sample (the plan names it) and size. */
const shown = (payload: string | Buffer | undefined) => (Buffer.isBuffer(payload) ? `${payload.length} bytes` : clip(payload))

t.test(`contract fuzz: ${runs} requests, seed ${seed} (${engine})`, async (t) => {
  t.comment(`FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`)
  const contract = loadContract()
  const { app, admin } = await build(t)
  const world = await seedWorld(app, admin)
  const pathParams = contract.operations.flatMap((op) => op.parameters.filter((p) => p.in === 'path').map((p) => p.name))
  const ctx = { deref: contract.deref, poolNames: () => [...new Set([...world.pools.names(), ...pathParams])] }

  // Which path param a 2xx body's resources feed: `Unit` and `UnitPage` items are unitIds, and so on.
  const learnsFor = (op: Operation): string | undefined => {
    const schema = Object.entries(op.responses).find(([s]) => s.startsWith('2'))?.[1]['application/json']
    const name = (ref: unknown) => (typeof ref === 'string' ? ref.split('/').pop()! : '')
    if (!schema) return undefined
    return contract.idParamOf[name(schema.$ref)] ??
      (schema.$ref ? contract.idParamOf[name(contract.deref(schema).properties?.items?.items?.$ref)] : undefined)
  }

  // Requests of every operation, interleaved, so writes of one change what the others read.
  // A PDF costs a hundred times a JSON answer and its body can only be checked for being there, so operations
  // answering only binary documents get a quarter share; the others make up the total.
  const binaryOnly = (op: Operation) => Object.entries(op.responses).filter(([s]) => s.startsWith('2'))
    .every(([, content]) => Object.values(content).every((schema) => schema.format === 'binary'))
  const weights = contract.operations.map((op) => (binaryOnly(op) ? 0.25 : 1))
  const share = runs / weights.reduce((a, b) => a + b, 0)
  const batches = contract.operations.map((op, i) => fc.sample(planArbitrary(op, ctx), { seed: seed + i, numRuns: Math.ceil(share * weights[i]) }))
  const rounds = Math.max(...batches.map((batch) => batch.length))
  const plans = Array.from({ length: rounds }, (_, round) => batches.flatMap((batch) => (round < batch.length ? [batch[round]] : [])))
    .flat()

  const findings = new Map<string, Finding>()
  const succeeded = new Map<string, number>()
  let sent = 0
  const started = Date.now()
  const send = async (plan: Plan) => {
    const request = materialize(plan, world.tokens[plan.caller], (pool, index) => world.pools.pick(pool, index))
    const response = await app.inject({ method: request.method, url: request.url, headers: request.headers, payload: request.payload })
    sent++
    const violation = check(contract, plan.op, response)
    if (violation) {
      const key = `${plan.op.operationId} ${violation.kind} ${response.statusCode}`
      const seen = findings.get(key)
      if (seen) seen.count++
      else findings.set(key, { violation, count: 1, plan, sent: request, status: response.statusCode, headers: response.headers, body: response.body })
    }
    if (response.statusCode < 300) {
      succeeded.set(plan.op.operationId, (succeeded.get(plan.op.operationId) ?? 0) + 1)
      if (String(response.headers['content-type']).startsWith('application/json')) world.pools.learn(response.json(), learnsFor(plan.op))
    }
  }
  // A few requests in flight at once keep the database busy while Node validates the next ones; the plans stay
  // the same for a seed, though the order their writes land in may vary.
  let next = 0
  const worker = async () => {
    while (next < plans.length) await send(plans[next++])
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (Date.now() - started) / 1000
  t.comment(`${sent} requests in ${seconds.toFixed(1)} s; operations with a 2xx: ${succeeded.size}/${contract.operations.length}`)
  t.comment(`never a 2xx: ${contract.operations.filter((op) => !succeeded.has(op.operationId)).map((op) => op.operationId).join(', ') || 'none'}`)

  t.equal(sent, plans.length, 'every planned request was sent')
  t.ok(sent >= runs, `at least ${runs} requests (FUZZ_RUNS)`)
  for (const [key, f] of findings) {
    t.fail(`${key}: ${f.violation.message} (${f.count}×)`, {
      reproduce: `FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`,
      operation: `${f.plan.op.method} ${f.plan.op.path} (${f.plan.op.operationId})`,
      caller: f.plan.caller,
      request: { method: f.sent.method, url: clip(f.sent.url, 500), headers: { ...f.sent.headers, authorization: f.plan.caller }, payload: shown(f.sent.payload), ...(f.plan.body.kind === 'file' ? { file: f.plan.body.sample } : {}) },
      response: { status: f.status, contentType: f.headers['content-type'], body: clip(f.body) }
    })
  }
  if (findings.size === 0) t.pass('every response matched the contract')
})
