// npm test: runs tap, then prints one closing line `N passed, N failed` counted from every test file's TAP
// output (the top-level tests of each file; a file that crashed counts as one failure), and exits non-zero
// on any failure.
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { Parser } from 'tap-parser'

const resultsDir = path.resolve('.tap/test-results')
fs.rmSync(resultsDir, { recursive: true, force: true })
// A name for this run's template database, so parallel runs on one server keep out of each other's way.
const env = { ...process.env, THIDUA_TEST_RUN: randomBytes(4).toString('hex') }
const run = spawnSync('npx', ['tap', ...process.argv.slice(2)], { stdio: 'inherit', env })

let passed = 0
let failed = 0
let skipped = 0
const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir, { recursive: true }).filter((f) => String(f).endsWith('.tap')) : []
for (const file of files) {
  const parser = new Parser()
  let result
  parser.on('complete', (r) => { result = r })
  parser.end(fs.readFileSync(path.join(resultsDir, String(file)), 'utf8'))
  if (!result || (result.count === 0 && !result.ok)) {
    failed++
    continue
  }
  // tap-parser counts skipped and todo points as passes
  const notRun = (result.skip ?? 0) + (result.todo ?? 0)
  passed += result.pass - notRun
  skipped += notRun
  failed += result.fail
}
if (files.length === 0 && run.status !== 0) failed++
if (run.status !== 0 && failed === 0) failed++ // tap failed for a reason no file shows (coverage, the before step)
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''))
process.exit(run.status === 0 && failed === 0 ? 0 : 1)
