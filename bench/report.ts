// The results as a Markdown table with ratios and verdicts, printed and written into BENCHMARKS.md between markers
// (the hand-written text around them stays).
import fs from 'node:fs'
import type { Figure } from './load.js'
import type { Machine } from './machine.js'

export const TARGETS = {
  readRatio: 0.8, writeRatio: 0.5, p99AtRateMs: 50, rate: 500, rssMiB: 200, largeRssMiB: 250,
  startPostgresMs: 1000, startEmbeddedMs: 2000, embeddedRssMiB: 250
}

export interface Side {
  /** The warm-up run: not a figure, but its statuses count like the others'. */
  warmup: Figure
  /** The median of the full-speed rounds. */
  max: Figure
  /** Each full-speed round, in the order they ran. */
  rounds: Figure[]
  atRate: Figure
  peakRssMiB: number
  /** The process's own CPU time per request over the full-speed rounds: what the other load on the machine least blurs. */
  cpuMsPerRequest: number
}
export interface ScenarioResult { name: string, write: boolean, baseline: Side, service: Side }

/** The markers around a generated part of BENCHMARKS.md; `part` names it ("npm run bench", …). */
const markers = (part: string) => ({ start: `<!-- ${part}: generated from here -->`, end: `<!-- ${part}: generated up to here -->` })
export const COMPARED = 'npm run bench'
export const LARGE = 'npm run bench, large cluster'
export const STARTUP = 'npm run bench, start-up'

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1))
const verdict = (ok: boolean) => (ok ? 'pass' : '**FAIL**')

/** A figure with failed responses is no figure: it says so instead of a number. */
const valid = (f: Figure) => f.failures === 0

/** The middle one by `key` (the upper middle of an even count). */
export const medianBy = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]

/**
 * Every run of a scenario whose responses were not all of the expected status, warm-ups included ("service round 2:
 * 201×3859 404×3583"). A scenario with any is no figure: its requests did not all do what it measures.
 */
export function invalidRuns (r: ScenarioResult): string[] {
  return (['baseline', 'service'] as const).flatMap((side) => {
    const s = r[side]
    const runs: Array<[string, Figure]> = [['warm-up', s.warmup], ...s.rounds.map((f, i): [string, Figure] => [`round ${i + 1}`, f]), ['fixed rate', s.atRate]]
    return runs.filter(([, f]) => !valid(f)).map(([run, f]) => `${r.name}, ${side} ${run}: ${f.statuses}`)
  })
}

/** Each round's service/baseline ratio: the two ran back to back, on the machine as it was then. */
const roundRatios = (r: ScenarioResult) => r.service.rounds.map((f, i) => f.rps / r.baseline.rounds[i].rps)

export function verdicts (r: ScenarioResult) {
  const ratios = roundRatios(r)
  const ratio = medianBy(ratios, (x) => x)
  const needed = r.write ? TARGETS.writeRatio : TARGETS.readRatio
  const judged = invalidRuns(r).length === 0
  return {
    judged,
    ratio,
    low: Math.min(...ratios),
    high: Math.max(...ratios),
    needed,
    throughputOk: judged && ratio >= needed,
    // A rate the bare baseline cannot reach on this machine cannot fail the service: its run only measures a queue.
    latencyJudged: !judged || r.baseline.max.rps >= TARGETS.rate,
    latencyOk: judged && r.service.atRate.p99 < TARGETS.p99AtRateMs,
    rssOk: judged && r.service.peakRssMiB < TARGETS.rssMiB
  }
}

function row (name: string, side: string, s: Side, extra: string[]) {
  const failed = [s.warmup, ...s.rounds].find((f) => !valid(f))
  const max = failed ? [`invalid (${failed.statuses})`, '', ''] : [s.max.rps.toFixed(0), ms(s.max.p50), ms(s.max.p99)]
  const rate = valid(s.atRate) ? `${ms(s.atRate.p99)} (${s.atRate.rps.toFixed(0)}/s)` : `invalid (${s.atRate.statuses})`
  return `| ${name} | ${side} | ${max.join(' | ')} | ${s.cpuMsPerRequest.toFixed(2)} | ${rate} | ${s.peakRssMiB.toFixed(0)} | ${extra.join(' | ')} |`
}

export function table (results: ScenarioResult[]): string {
  const lines = [
    '| scenario | side | req/s (median round) | p50 ms | p99 ms | CPU ms/req | p99 ms at 500 req/s (achieved) | peak RSS MiB | vs baseline: median round (range) | throughput | p99 < 50 ms | RSS < 200 MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|'
  ]
  for (const r of results) {
    const v = verdicts(r)
    lines.push(row(r.name, 'baseline', r.baseline, ['', '', '', '']))
    lines.push(row(r.name, 'service', r.service, [
      v.judged ? `${v.ratio.toFixed(2)}× (${v.low.toFixed(2)}–${v.high.toFixed(2)}; ≥ ${v.needed}×)` : '**invalid**: unexpected statuses', verdict(v.throughputOk),
      v.latencyOk || v.latencyJudged ? verdict(v.latencyOk) : `n/a: the baseline peaks at ${r.baseline.max.rps.toFixed(0)}/s`, verdict(v.rssOk)
    ]))
  }
  return lines.join('\n')
}

export function allPass (results: ScenarioResult[]): boolean {
  return results.every((r) => { const v = verdicts(r); return v.throughputOk && (v.latencyOk || !v.latencyJudged) && v.rssOk })
}

/** The large-cluster scenario: one side, judged by its peak RSS alone. */
export interface LargeResult { members: number, answers: number, connections: number, figure: Figure, peakRssMiB: number }

export function largeTable (r: LargeResult): string {
  const f = r.figure
  const ok = valid(f) && r.peakRssMiB < TARGETS.largeRssMiB
  return [
    `| members | answers cycled | clients | requests | req/s | p50 ms | p99 ms | statuses | peak RSS MiB | RSS < ${TARGETS.largeRssMiB} MiB |`,
    '|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
    `| ${r.members} | ${r.answers} | ${r.connections} | ${f.requests} | ${valid(f) ? f.rps.toFixed(0) : '**invalid**'} | ${ms(f.p50)} | ${ms(f.p99)} | ${f.statuses} | ` +
      `${r.peakRssMiB.toFixed(0)} | ${verdict(ok)} |`
  ].join('\n')
}

export const largePasses = (r: LargeResult) => valid(r.figure) && r.peakRssMiB < TARGETS.largeRssMiB

/** A generated part of BENCHMARKS.md: the machine, the settings, the table and its notes, between `part`'s markers. */
export function section (part: string, tableText: string, m: Machine, settings: string, notes: string[]): string {
  const { start, end } = markers(part)
  return [
    start,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM; Node ${m.node}; ${m.postgres}. Date: ${m.date}. ${settings}`,
    '',
    tableText,
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    end
  ].join('\n')
}

/** Replaces `part`'s generated text in BENCHMARKS.md (or appends it under `heading` the first time). */
export function writeSection (file: string, part: string, heading: string, generated: string): void {
  const marks = markers(part)
  const text = fs.readFileSync(file, 'utf8')
  const start = text.indexOf(marks.start)
  const end = text.indexOf(marks.end)
  const next = start >= 0 && end > start
    ? text.slice(0, start) + generated + text.slice(end + marks.end.length)
    : `${text.trimEnd()}\n\n${heading}\n\n${generated}\n`
  fs.writeFileSync(file, next)
}
