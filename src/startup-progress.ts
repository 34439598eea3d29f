// What the process says while it opens its database, before it listens: creating the embedded database and each
// migration take seconds on a first start (some 18 s in all), which silence made look like a hang. To a terminal
// as plain lines, for the person who ran `npm start`; otherwise as log lines (info), like everything else the
// process writes.
import path from 'node:path'
import type { BaseLogger } from 'pino'
import type { OpenStep } from './db/open.js'

/** A directory as the person typed it when it lies under the working directory (`./data`), else in full. */
export function shownDir (dir: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, dir)
  if (relative === '') return '.'
  return relative.startsWith('..') || path.isAbsolute(relative) ? dir : `.${path.sep}${relative}`
}

/** The step in words. */
export function describeStep (step: OpenStep, cwd?: string): string {
  switch (step.step) {
    case 'creating':
      return `creating the embedded database in ${shownDir(step.dataDir, cwd)} …`
    case 'migrating':
      return `migrating ${step.index}/${step.total} (${step.name}) …`
  }
}

/** Tells each step as a line on `out` when it is a terminal, else as an info log line with the step's fields. */
export function startupProgress (out: { isTTY?: boolean, write: (text: string) => unknown }, logger: Pick<BaseLogger, 'info'>) {
  return (step: OpenStep): void => {
    const words = describeStep(step)
    if (out.isTTY === true) out.write(`${words}\n`)
    else logger.info({ startup: step }, words)
  }
}
