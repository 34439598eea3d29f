// Award dossiers (hồ sơ đề nghị khen thưởng): what a cluster sends up to the Ministry for a title and a year, built
// from its decided title proposals, with the units' achievement reports and other files attached, and the Ministry's
// decision on each proposal (domain/dossier.ts).
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- history: [{from, to, at, by, role, reason?, contentHash?}], oldest first (bounded: domain/dossier.ts MAX_HISTORY).
    -- content_hash: set by a submission, kept from then on; null while a draft or returned (being revised).
    create table dossiers (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      year integer not null check (year between 1945 and 2100),
      title_code text not null,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'accepted', 'decided')),
      content_hash text,
      return_reason text,
      submitted_at timestamptz,
      history jsonb not null default '[]'::jsonb,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint dossiers_hash_once_sent check ((status in ('draft', 'returned')) = (content_hash is null))
    );
    -- One open dossier per cluster, year and title (a decided one no longer holds the place); the service locks the
    -- cluster first, so this is the last line of defence against a race.
    create unique index dossiers_one_open on dossiers (cluster_id, year, title_code) where status <> 'decided';
    create index dossiers_by_year on dossiers (year, title_code);

    -- A proposal is sent in one dossier only. position: the order shown (the unit's rank, then its name).
    create table dossier_proposals (
      dossier_id uuid not null references dossiers (id),
      proposal_id uuid not null references title_proposals (id),
      unit_id uuid not null references units (id),
      position integer not null,
      status text not null default 'proposed' check (status in ('proposed', 'accepted', 'not_accepted', 'decided')),
      primary key (dossier_id, proposal_id),
      constraint dossier_proposals_once unique (proposal_id)
    );
    create index dossier_proposals_by_status on dossier_proposals (status, dossier_id);

    -- position: the order attachments were added in. sha256: the file's bytes at the time (a file never changes).
    create table dossier_attachments (
      position bigint generated always as identity,
      id uuid primary key default gen_random_uuid(),
      dossier_id uuid not null references dossiers (id),
      file_id uuid not null references files (id),
      sha256 text not null,
      kind text not null check (kind in ('achievement_report', 'other')),
      unit_id uuid references units (id),
      added_by_sub text not null,
      added_by_role text not null,
      created_at timestamptz not null default now(),
      constraint dossier_attachments_report_names_unit check (kind <> 'achievement_report' or unit_id is not null)
    );
    create index dossier_attachments_by_dossier on dossier_attachments (dossier_id, position);
    create index dossier_attachments_by_file on dossier_attachments (file_id);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table dossier_attachments; drop table dossier_proposals; drop table dossiers;')
}
