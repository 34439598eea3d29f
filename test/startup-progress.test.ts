// What the process says while it opens its database: plain lines to a terminal, info log lines otherwise.
import path from 'node:path'
import t from 'tap'
import { describeStep, shownDir, startupProgress } from '../src/startup-progress.js'

t.test('a directory under the working directory is shown as typed, another in full', async (t) => {
  t.equal(shownDir('/srv/thidua/data', '/srv/thidua'), `.${path.sep}data`)
  t.equal(shownDir('/srv/thidua', '/srv/thidua'), '.')
  t.equal(shownDir('/var/lib/thidua', '/srv/thidua'), '/var/lib/thidua')
})

t.test('each step in words', async (t) => {
  t.equal(describeStep({ step: 'creating', dataDir: '/srv/thidua/data' }, '/srv/thidua'), `creating the embedded database in .${path.sep}data …`)
  t.equal(describeStep({ step: 'migrating', index: 12, total: 23, name: '012_advisory_groups' }), 'migrating 12/23 (012_advisory_groups) …')
})

t.test('to a terminal as plain lines, else as info log lines with the step', async (t) => {
  const step = { step: 'migrating', index: 1, total: 2, name: '001_foundation' } as const
  const written: string[] = []
  const logged: unknown[][] = []
  const logger = { info: (...args: unknown[]) => { logged.push(args) } }
  startupProgress({ isTTY: true, write: (text) => written.push(text) }, logger as never)(step)
  t.same([written, logged], [['migrating 1/2 (001_foundation) …\n'], []], 'a terminal gets a line and no log line')
  written.length = 0
  startupProgress({ isTTY: false, write: (text) => written.push(text) }, logger as never)(step)
  t.same([written, logged], [[], [[{ startup: step }, 'migrating 1/2 (001_foundation) …']]], 'a pipe gets a log line')
})
