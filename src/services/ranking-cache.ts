// The cluster's ranking, computed again only when something may have changed. Every change the service makes
// appends an event in the same transaction, and event positions are taken in commit order (see
// journal-repository.ts), so the feed's head position is a version of everything a ranking reads: scorecards,
// targets, memberships, discipline, the scheme and the cluster's rules. A ranking computed after reading head H
// is at least as new as H; any later change moves the head and misses the cache. Each database connection pool
// (one per service instance) keeps its own.
//
// What is kept is what the ranking's answers need, not the inputs it was computed from (a 3,434-member cluster's
// scorecards are tens of MB), and one ranking per scheme and rule: one of an older head is never asked for again.
// Requests that miss together share one computation instead of each loading the whole cluster at once.
import type { Knex } from 'knex'
import type { ClusterRules } from '../domain/cluster-rules.js'
import type { ScoringScheme } from '../db/scoring-schemes-repository.js'
import type { ScorecardStatus } from '../domain/scoring/scorecard-lifecycle.js'
import type { CompiledScheme, RankingItem, UnitResult } from '../domain/scoring/index.js'
import { eventsHead } from '../db/events-repository.js'
import { RecentlyUsed } from './recently-used.js'
import { rankScheme } from './cluster-inputs.js'

export interface CachedRanking {
  compiled: CompiledScheme
  ranked: RankingItem[]
  results: Map<string, UnitResult>
  names: Map<string, string>
  statuses: Map<string, ScorecardStatus>
}

type Rankings = RecentlyUsed<{ head: string, ranking: Promise<CachedRanking> }>

/** The rankings of the last 32 schemes and rules asked for, per database. */
const SIZE = 32
const caches = new WeakMap<Knex, Rankings>()

/** `rankScheme`, remembered while the events head stays where it was. */
export async function cachedRanking (
  db: Knex, scheme: ScoringScheme, rules: Pick<ClusterRules, 'disciplinedUnitMayRankFirst' | 'rescaleNotApplicable'>,
  finalMemberUnitIds?: readonly string[] | null
): Promise<CachedRanking> {
  const entries = caches.get(db) ?? new RecentlyUsed(SIZE)
  caches.set(db, entries)
  // The members kept at finalization change only with the finalization, which moves the head.
  const head = await eventsHead(db)
  const key = `${scheme.id} ${rules.disciplinedUnitMayRankFirst} ${rules.rescaleNotApplicable}`
  const found = entries.get(key)
  if (found?.head === head) return found.ranking
  const ranking = rankScheme(db, scheme, rules, finalMemberUnitIds).then(({ inputs, results, ranked }) => ({
    compiled: inputs.compiled,
    ranked,
    results: new Map(results.map((r) => [r.unitId, r])),
    names: new Map(inputs.members.map((m) => [m.unitId, m.unitName])),
    statuses: new Map([...inputs.cards.values()].map((c) => [c.unitId, c.status]))
  }))
  // A failed computation is not kept: the next request tries again.
  ranking.catch(() => { if (entries.get(key)?.ranking === ranking) entries.delete(key) })
  // A request that read an older head never replaces a newer ranking.
  // Positions are decimal strings: compared as numbers, or "9" would count as newer than "10".
  if (!found || BigInt(found.head) < BigInt(head)) entries.set(key, { head, ranking })
  return ranking
}
