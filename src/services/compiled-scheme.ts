// A stored scheme compiled once per revision. Compiling validates the whole scheme and lays it out in typed
// arrays, and every save, step and ranking needs it: a body changes only with a new revision (the repository bumps
// it on every update), so (id, revision) names one compiled scheme. The compiled scheme is never written to.
import type { ScoringScheme } from '../db/scoring-schemes-repository.js'
import { compileScheme, type CompiledScheme } from '../domain/scoring/index.js'
import { schemeBody } from '../domain/scoring/scheme-lifecycle.js'
import { RecentlyUsed } from './recently-used.js'

const compiled = new RecentlyUsed<CompiledScheme>(64)

export function compiledScheme (scheme: ScoringScheme): CompiledScheme {
  const key = `${scheme.id} ${scheme.revision}`
  const found = compiled.get(key)
  if (found) return found
  const fresh = compileScheme(schemeBody(scheme))
  compiled.set(key, fresh)
  return fresh
}
