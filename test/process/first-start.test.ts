// The first start on a fresh DATA_DIR says what it is doing before it listens (creating the embedded database,
// then each migration, numbered), as log lines when its output is not a terminal; a restart on the same DATA_DIR
// finds the database at the latest schema and says nothing of the kind.
import t from 'tap'
import { outputLines, startServer, stopServer, waitWhileRunning, type ServerProcess } from './server-process.js'

const stepsOf = (lines: Array<Record<string, unknown>>) => lines.flatMap((line) => {
  if (line.startup !== undefined) return [{ level: line.level, msg: line.msg as string }]
  return typeof line.msg === 'string' && line.msg.startsWith('thidua is listening') ? [{ level: line.level, msg: 'listening' }] : []
})

/** Its steps up to its listening line, once that is written (/readyz may answer just before). */
const stepsUntilListening = (server: ServerProcess) => waitWhileRunning(server, 'the listening line', () => {
  const steps = stepsOf(outputLines(server).json)
  return steps.at(-1)?.msg === 'listening' ? steps : undefined
}, 10_000)

t.test('a first start tells the creation and every migration before it listens; a restart tells neither', async (t) => {
  const first = await startServer(t, { LOG_LEVEL: 'info' })
  const steps = await stepsUntilListening(first)
  const migrating = steps.filter((s) => s.msg.startsWith('migrating '))
  t.match(steps[0], { level: 30, msg: /^creating the embedded database in \S*data …$/ }, 'first the creation, naming DATA_DIR')
  t.ok(migrating.length >= 23, `${migrating.length} migrations told`)
  t.same(migrating.map((s) => /^migrating (\d+)\/(\d+) \(\w+\) …$/.exec(s.msg)?.slice(1, 3)),
    migrating.map((_, i) => [String(i + 1), String(migrating.length)]), 'numbered 1/N to N/N, in order')
  t.same(steps.at(-1), { level: 30, msg: 'listening' }, 'all before the process listens')
  t.same(await stopServer(first), { code: 0, signal: null })

  const second = await startServer(t, { LOG_LEVEL: 'info', DATA_DIR: first.dataDir })
  t.same(await stepsUntilListening(second), [{ level: 30, msg: 'listening' }], 'a restart neither creates nor migrates')
  t.same(await stopServer(second), { code: 0, signal: null })
})
