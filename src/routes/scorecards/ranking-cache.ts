// The cluster's ranking, computed again only when something may have changed. Every change the service makes
// appends an event in the same transaction, and event positions are taken in commit order (see
// journal-repository.ts), so the feed's head position is a version of everything a ranking reads: scorecards,
// targets, memberships, discipline, the scheme and the cluster's rules. A ranking computed after reading head H
// is at least as new as H; any later change moves the head and misses the cache. Each instance keeps its own.
import type { Knex } from 'knex'
import type { ClusterRules } from '../../domain/cluster-rules.js'
import type { ScoringScheme } from '../../db/scoring-schemes-repository.js'
import { RecentlyUsed } from '../recently-used.js'
import { rankScheme } from './cluster-inputs.js'

type Ranked = Awaited<ReturnType<typeof rankScheme>>

/** A `rankScheme` that remembers the last `size` rankings it computed. */
export function cachedRanking (size = 32) {
  const entries = new RecentlyUsed<Ranked>(size)
  // The members kept at finalization change only with the finalization, which moves the head.
  return async (
    db: Knex, scheme: ScoringScheme, rules: Pick<ClusterRules, 'disciplinedUnitMayRankFirst'>, finalMemberUnitIds?: readonly string[] | null
  ): Promise<Ranked> => {
    const { head } = await db('events').max({ head: 'position' }).first() as { head: number | string | null }
    const key = `${scheme.id} ${rules.disciplinedUnitMayRankFirst} ${head ?? 0}`
    const found = entries.get(key)
    if (found) return found
    const ranked = await rankScheme(db, scheme, rules, finalMemberUnitIds)
    entries.set(key, ranked)
    return ranked
  }
}
