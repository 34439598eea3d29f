// A stored scheme is compiled once per revision: the same revision answers the same compiled scheme, a new
// revision (every body change makes one) is compiled again from its own body.
import t from 'tap'
import type { ScoringScheme } from '../../src/db/scoring-schemes-repository.js'
import { compiledScheme } from '../../src/services/compiled-scheme.js'
import { scheme as body } from '../domain/scoring/fixtures.js'

const stored = (id: string, revision: number, criteria = body.criteria): ScoringScheme => ({
  id, clusterId: 'c', year: 2024, period: 'annual', version: 1, status: 'published', criteria,
  bonusCap: body.bonusCap ?? null, deductionCap: body.deductionCap ?? null, bands: body.bands, tieBreak: body.tieBreak,
  ministryFlagBand: body.ministryFlagBand ?? null, deadlines: null, publishedAt: null, supersededAt: null, revision,
  createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z'
})

t.test('the same revision of a scheme is compiled once', async (t) => {
  const first = compiledScheme(stored('s-1', 1))
  t.equal(compiledScheme(stored('s-1', 1)), first, 'the same compiled scheme, from a new read of the row')
  t.not(compiledScheme(stored('s-2', 1)), first, 'another scheme has its own')
})

t.test('a new revision is compiled from its own body', async (t) => {
  const before = compiledScheme(stored('s-3', 1))
  const renamed = [{ ...body.criteria[0], name: 'Tên mới' }, ...body.criteria.slice(1)]
  const after = compiledScheme(stored('s-3', 2, renamed))
  t.not(after, before)
  t.equal(after.names[after.roots[0]], 'Tên mới')
  t.equal(before.names[before.roots[0]], body.criteria[0].name, 'the earlier revision is left as it was')
})

t.test('past 64 schemes the least recently used one is compiled again, the others kept', async (t) => {
  const first = compiledScheme(stored('lru-0', 1))
  const second = compiledScheme(stored('lru-1', 1))
  for (let i = 2; i <= 64; i++) {
    compiledScheme(stored(`lru-${i}`, 1))
    if (i === 32) t.equal(compiledScheme(stored('lru-0', 1)), first, 'still cached, and now recently used')
  }
  t.equal(compiledScheme(stored('lru-0', 1)), first, 'used recently, so kept')
  t.not(compiledScheme(stored('lru-1', 1)), second, 'the least recently used was dropped')
})
