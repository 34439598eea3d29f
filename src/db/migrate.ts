// Migrations come from one static list, so knex records the same names under tsx, tap and compiled code.
import type { Knex } from 'knex'
import * as foundation from './migrations/001_foundation.js'
import * as pledges from './migrations/002_pledges.js'
import * as conferences from './migrations/003_conferences.js'
import * as scoring from './migrations/004_scoring.js'
import * as scorecards from './migrations/005_scorecards.js'
import * as elections from './migrations/006_elections.js'
import * as journalAppend from './migrations/007_journal_append.js'
import * as electionCancellation from './migrations/008_election_cancellation.js'
import * as finalizedMembers from './migrations/009_finalized_members.js'
import * as idempotencyIdentity from './migrations/010_idempotency_identity.js'
import * as scorecardHistory from './migrations/011_scorecard_history.js'
import * as advisoryGroups from './migrations/012_advisory_groups.js'
import * as files from './migrations/013_files.js'
import * as deadlines from './migrations/014_deadlines.js'
import * as notApplicable from './migrations/015_not_applicable.js'
import * as returnedOn from './migrations/016_returned_on.js'
import * as minutesPlaceSecretary from './migrations/017_minutes_place_secretary.js'
import * as campaigns from './migrations/018_campaigns.js'
import * as clusterDocuments from './migrations/019_cluster_documents.js'
import * as reports from './migrations/020_reports.js'
import * as titles from './migrations/021_titles.js'
import * as dossiers from './migrations/022_dossiers.js'
import * as awardDecisions from './migrations/023_award_decisions.js'
import * as webhooks from './migrations/024_webhooks.js'
import * as webhookClusterFk from './migrations/025_webhook_cluster_fk.js'

interface Migration { up: (knex: Knex) => Promise<void>, down: (knex: Knex) => Promise<void> }

const migrations: Record<string, Migration> = {
  '001_foundation': foundation,
  '002_pledges': pledges,
  '003_conferences': conferences,
  '004_scoring': scoring,
  '005_scorecards': scorecards,
  '006_elections': elections,
  '007_journal_append': journalAppend,
  '008_election_cancellation': electionCancellation,
  '009_finalized_members': finalizedMembers,
  '010_idempotency_identity': idempotencyIdentity,
  '011_scorecard_history': scorecardHistory,
  '012_advisory_groups': advisoryGroups,
  '013_files': files,
  '014_deadlines': deadlines,
  '015_not_applicable': notApplicable,
  '016_returned_on': returnedOn,
  '017_minutes_place_secretary': minutesPlaceSecretary,
  '018_campaigns': campaigns,
  '019_cluster_documents': clusterDocuments,
  '020_reports': reports,
  '021_titles': titles,
  '022_dossiers': dossiers,
  '023_award_decisions': awardDecisions,
  '024_webhooks': webhooks,
  '025_webhook_cluster_fk': webhookClusterFk
}

/** Told before each migration runs: its place among those to run (from 1), how many there are, and its name. */
export type MigrationProgress = (step: { index: number, total: number, name: string }) => void

/** The migrations as knex reads them; `onMigration` is told as each one starts. */
function sourceOf (pending: readonly string[], onMigration?: MigrationProgress): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => Object.keys(migrations),
    getMigrationName: (name) => name,
    getMigration: async (name) => {
      const migration = migrations[name]
      if (!onMigration) return migration
      return {
        up: async (knex: Knex) => {
          onMigration({ index: pending.indexOf(name) + 1, total: pending.length, name })
          await migration.up(knex)
        },
        down: migration.down
      }
    }
  }
}

const UNDEFINED_TABLE = '42P01'

export interface MigrationState {
  /** The migrations the database has not run yet, in order: all of them on a database that has none. */
  pending: string[]
  /** Migrations the database records that this code does not know (a newer version ran on it). */
  unknown: string[]
}

/** Where the database stands, in one query. */
export async function migrationState (db: Knex): Promise<MigrationState> {
  let applied: Array<{ name: string }>
  try {
    applied = await db('knex_migrations').select('name')
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return { pending: Object.keys(migrations), unknown: [] }
    throw error
  }
  const recorded = new Set(applied.map((row) => row.name))
  return {
    pending: Object.keys(migrations).filter((name) => !recorded.has(name)),
    unknown: [...recorded].filter((name) => !(name in migrations))
  }
}

/** Nothing to run and nothing unknown: knex would only check what migrationState has. */
export const upToDate = (state: MigrationState): boolean => state.pending.length === 0 && state.unknown.length === 0

/**
 * Brings the database to the latest schema (knex's checks and lock around it). `pending` (migrationState's)
 * numbers the steps told to `onMigration`.
 */
export async function migrateToLatest (db: Knex, onMigration?: MigrationProgress, pending?: readonly string[]): Promise<void> {
  await db.migrate.latest({ migrationSource: sourceOf(pending ?? Object.keys(migrations), onMigration) })
}
