// A stored scheme compiled once per revision. Compiling validates the whole scheme and lays it out in typed
// arrays, and every save, step and ranking needs it: a body changes only with a new revision (the repository bumps
// it on every update), so (id, revision) names one compiled scheme. The compiled scheme is never written to.
import { schemeBody, type ScoringScheme } from '../../db/scoring-schemes-repository.js'
import { compileScheme, type CompiledScheme } from '../../domain/scoring/index.js'

const SIZE = 64
const compiled = new Map<string, CompiledScheme>()

export function compiledScheme (scheme: ScoringScheme): CompiledScheme {
  const key = `${scheme.id} ${scheme.revision}`
  let found = compiled.get(key)
  if (found) {
    // Most recently used last, so the first entry is the one to drop.
    compiled.delete(key)
  } else {
    found = compileScheme(schemeBody(scheme))
    if (compiled.size >= SIZE) compiled.delete(compiled.keys().next().value!)
  }
  compiled.set(key, found)
  return found
}
