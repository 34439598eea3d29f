// The results as a Markdown table with ratios and verdicts, printed and written into BENCHMARKS.md between markers
// (the hand-written text around them stays).
import fs from 'node:fs'
import type { Figure } from './load.js'
import type { Machine } from './machine.js'

export const TARGETS = { readRatio: 0.8, writeRatio: 0.5, p99AtRateMs: 50, rate: 500, rssMiB: 200 }

export interface Side {
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

const START = '<!-- npm run bench: generated from here -->'
const END = '<!-- npm run bench: generated up to here -->'

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1))
const verdict = (ok: boolean) => (ok ? 'pass' : '**FAIL**')

/** A figure with failed responses is no figure: it says so instead of a number. */
const valid = (f: Figure) => f.failures === 0
/** The full-speed figures of a side stand only if every round's does. */
const validRounds = (s: Side) => s.rounds.every(valid)

/** The middle one by `key` (the upper middle of an even count). */
export const medianBy = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]

/** Each round's service/baseline ratio: the two ran back to back, on the machine as it was then. */
const roundRatios = (r: ScenarioResult) => r.service.rounds.map((f, i) => f.rps / r.baseline.rounds[i].rps)

export function verdicts (r: ScenarioResult) {
  const ratios = roundRatios(r)
  const ratio = medianBy(ratios, (x) => x)
  const needed = r.write ? TARGETS.writeRatio : TARGETS.readRatio
  return {
    ratio,
    low: Math.min(...ratios),
    high: Math.max(...ratios),
    needed,
    throughputOk: validRounds(r.service) && validRounds(r.baseline) && ratio >= needed,
    // A rate the bare baseline cannot reach on this machine cannot fail the service: its run only measures a queue.
    latencyJudged: r.baseline.max.rps >= TARGETS.rate,
    latencyOk: valid(r.service.atRate) && r.service.atRate.p99 < TARGETS.p99AtRateMs,
    rssOk: r.service.peakRssMiB < TARGETS.rssMiB
  }
}

function row (name: string, side: string, s: Side, extra: string[]) {
  const failed = s.rounds.find((f) => !valid(f))
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
      `${v.ratio.toFixed(2)}× (${v.low.toFixed(2)}–${v.high.toFixed(2)}; ≥ ${v.needed}×)`, verdict(v.throughputOk),
      v.latencyOk || v.latencyJudged ? verdict(v.latencyOk) : `n/a: the baseline peaks at ${r.baseline.max.rps.toFixed(0)}/s`, verdict(v.rssOk)
    ]))
  }
  return lines.join('\n')
}

export function allPass (results: ScenarioResult[]): boolean {
  return results.every((r) => { const v = verdicts(r); return v.throughputOk && (v.latencyOk || !v.latencyJudged) && v.rssOk })
}

export function section (results: ScenarioResult[], m: Machine, settings: string, notes: string[]): string {
  return [
    START,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM; Node ${m.node}; ${m.postgres}. Date: ${m.date}. ${settings}`,
    '',
    table(results),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
    END
  ].join('\n')
}

/** Replaces the generated part of BENCHMARKS.md (or appends it under `heading` the first time). */
export function writeSection (file: string, heading: string, generated: string): void {
  const text = fs.readFileSync(file, 'utf8')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  const next = start >= 0 && end > start
    ? text.slice(0, start) + generated + text.slice(end + END.length)
    : `${text.trimEnd()}\n\n${heading}\n\n${generated}\n`
  fs.writeFileSync(file, next)
}
