// The layers keep to their jobs (README, "Architecture"): read from the sources, so a shortcut fails here before it
// spreads. Routes are HTTP only and thin; the domain is pure; lifecycles and their statuses live in the domain.
import fs from 'node:fs'
import path from 'node:path'
import t from 'tap'

const SRC = path.resolve('src')

function sources (dir: string): Array<{ file: string, text: string }> {
  return fs.readdirSync(path.join(SRC, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f))
    .map((file) => ({ file, text: fs.readFileSync(path.join(SRC, file), 'utf8') }))
}

/** Every module a file imports, as a path relative to src/ (packages as they are named). */
function importsOf ({ file, text }: { file: string, text: string }): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g)].map(([, spec]) =>
    spec.startsWith('.') ? path.join(path.dirname(file), spec) : spec)
}

const routes = sources('routes')

t.test('no route file imports a repository or another route folder', async (t) => {
  const offences = routes.flatMap((source) => {
    // routes/index.ts, which registers every folder, is the one file that names them all.
    const folder = source.file.split(path.sep).length > 2 ? source.file.split(path.sep)[1] : undefined
    return importsOf(source)
      .filter((target) => target.startsWith(`db${path.sep}`) ||
        (folder !== undefined && target.startsWith(`routes${path.sep}`) && target.split(path.sep).length > 2 && target.split(path.sep)[1] !== folder))
      .map((target) => `${source.file} imports ${target}`)
  })
  t.same(offences, [])
  t.ok(routes.length > 40, 'and the routes were read')
})

t.test('every route file stays under 200 lines', async (t) => {
  const long = routes.map(({ file, text }) => ({ file, lines: text.split('\n').length - 1 })).filter((r) => r.lines > 200)
  t.same(long, [])
})

t.test('statuses and lifecycles are defined in the domain only', async (t) => {
  const outside = ['routes', 'services', 'db', 'http', 'plugins', 'documents'].flatMap(sources)
    .filter(({ text }) => /export const \w+_STATUSES\b/.test(text))
    .map(({ file }) => file)
  t.same(outside, [])
  t.ok(sources('domain').some(({ text }) => /export const \w+_STATUSES\b/.test(text)), 'and the domain defines them')
})

t.test('the domain imports nothing outside itself but Node\'s own modules', async (t) => {
  const offences = sources('domain').flatMap((source) => importsOf(source)
    .filter((target) => !target.startsWith(`domain${path.sep}`) && !target.startsWith('node:'))
    .map((target) => `${source.file} imports ${target}`))
  t.same(offences, [])
})

t.test('the use cases know nothing of HTTP', async (t) => {
  const offences = sources('services').flatMap((source) => importsOf(source)
    .filter((target) => /^(fastify|@fastify\/)/.test(target) || target.startsWith(`routes${path.sep}`) || target.startsWith(`http${path.sep}`))
    .map((target) => `${source.file} imports ${target}`))
  t.same(offences, [])
})
