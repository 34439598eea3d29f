// `npm run test:fast` runs the domain, service and route tests in a few processes instead of one per file: a file's
// own start (loading the app's modules, the embedded database, compiling the app's schemas) cost more than most
// files' tests. Each part imports its share of the files, whose tests then run one after another in that process
// (the database and app helpers reuse what an earlier file left, emptied, as they do between a file's tests).
// `npm test` still runs every file in a process of its own.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import t from 'tap'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const TIERS = ['test/domain', 'test/services', 'test/routes']
export const PARTS = 2

function testFiles (dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
}

/**
 * The files of part `n` (1-based) of `PARTS`. Within each tier, each file goes to the part with the fewest bytes of
 * that tier's tests so far, largest first: a byte of route tests costs more than a byte of domain tests, so the
 * tiers are shared out one by one and the parts take about as long.
 */
export function filesOfPart (n: number): string[] {
  const parts = Array.from({ length: PARTS }, () => [] as string[])
  for (const tier of TIERS) {
    const files = testFiles(tier).map((file) => ({ file, size: fs.statSync(path.join(root, file)).size }))
      .sort((a, b) => b.size - a.size || a.file.localeCompare(b.file))
    const bytes = parts.map(() => 0)
    for (const { file, size } of files) {
      const lightest = bytes.indexOf(Math.min(...bytes))
      bytes[lightest] += size
      parts[lightest].push(file)
    }
  }
  return parts[n - 1].sort()
}

/** Imports each file of part `n`; one that cannot load is a failed test, and the part goes on with the next. */
export async function runPart (n: number): Promise<void> {
  for (const file of filesOfPart(n)) {
    try {
      await import(pathToFileURL(path.join(root, file)).href)
    } catch (error) {
      t.test(file, async (t) => { t.fail(`${file} did not load: ${String(error)}`) })
    }
  }
}
