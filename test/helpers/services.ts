// Use cases run without HTTP: a fresh database, actors of every role, and a unit of work like a request's.
import type { Test } from 'tap'
import type { Knex } from 'knex'
import type { Actor } from '../../src/auth/tokens.js'
import type { ReadContext, WriteContext } from '../../src/services/context.js'
import { insertBlock } from '../../src/db/blocks-repository.js'
import { insertCluster } from '../../src/db/clusters-repository.js'
import { insertMembership } from '../../src/db/memberships-repository.js'
import { insertUnit } from '../../src/db/units-repository.js'
import { DEFAULT_RULES } from '../../src/domain/cluster-rules.js'
import { inUnitOfWork } from '../../src/services/unit-of-work.js'
import { createTestDatabase } from './database.js'
import { insertScheme, saveTargets, setSchemeStatus } from '../../src/db/scoring-schemes-repository.js'
import type { Scheme } from '../../src/domain/scoring/index.js'
import { CLUSTER_9_SCHEME, targetsFor } from './scoring.js'

export const ADMIN: Actor = { sub: 'test-admin', role: 'admin' }
export const READER: Actor = { sub: 'test-reader', role: 'reader' }
export const secretariatOf = (clusterId: string): Actor => ({ sub: 'test-secretariat', role: 'secretariat', clusterId })
export const unitActor = (unitId: string): Actor => ({ sub: 'test-unit', role: 'unit', unitId })

export interface Services {
  db: Knex
  /** A read as `actor` (admin by default) at `now` (the real clock by default). */
  read: (actor?: Actor, now?: Date) => ReadContext
  /** One unit of work as `actor`, journaled like a request's. */
  write: <T>(work: (ctx: WriteContext) => Promise<T>, actor?: Actor, now?: Date) => Promise<T>
}

/** A fresh database for one test, closed when it ends. */
export async function services (t: Test): Promise<Services> {
  const database = await createTestDatabase()
  t.teardown(() => database.close())
  const { db } = database
  return {
    db,
    read: (actor = ADMIN, now = new Date()) => ({ db, actor, now }),
    write: (work, actor = ADMIN, now = new Date()) => inUnitOfWork(db, { actor, now, requestId: 'test' }, work)
  }
}

export interface SeededCluster {
  clusterId: string
  /** Member units from `membersFrom`, by name. */
  units: Record<string, string>
}

export const SEEDED_UNITS = ['Cục Y tế', 'Cục Hậu cần', 'Cục Công nghiệp an ninh'] as const

/** A block, Cụm thi đua số 9 in it, and three units that are its members from `membersFrom`. */
export async function seedCluster (s: Services, membersFrom = '2019-01-01'): Promise<SeededCluster> {
  return s.write(async ({ trx }) => {
    const block = await insertBlock(trx, { name: 'Khối các Cục nghiệp vụ' })
    const cluster = await insertCluster(trx, {
      number: 9, name: 'Cụm thi đua số 9', blockId: block.id, foundedOn: '2018-01-01', foundingDecision: null, rules: DEFAULT_RULES
    })
    const units: Record<string, string> = {}
    for (const name of SEEDED_UNITS) {
      const unit = await insertUnit(trx, { name })
      await insertMembership(trx, { clusterId: cluster.id, blockId: block.id, unitId: unit.id, from: membersFrom })
      units[name] = unit.id
    }
    return { clusterId: cluster.id, units }
  })
}

// Scorecards and the ranking (services/scorecards.ts): Cụm 9's annual scheme for `year` with targetsFor(i) for each
// unit, published (or left a draft); returns its id.
export async function seedPublishedScheme (
  s: Services, clusterId: string, unitIds: readonly string[], year = 2024, { publish = true } = {}
): Promise<string> {
  const { criteria, bonusCap, deductionCap, bands, tieBreak, ministryFlagBand } = CLUSTER_9_SCHEME
  const body = { criteria, bonusCap, deductionCap, bands, tieBreak, ministryFlagBand } as Scheme
  return s.write(async ({ trx }) => {
    const draft = await insertScheme(trx, { clusterId, year, period: 'annual', version: 1, body })
    for (const [i, unitId] of unitIds.entries()) await saveTargets(trx, draft.id, unitId, undefined, targetsFor(i))
    return publish ? (await setSchemeStatus(trx, draft, 'published')).id : draft.id
  })
}
