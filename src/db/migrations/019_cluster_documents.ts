// A cluster's own documents (quy chế hoạt động, chương trình hành động, quy định chấm điểm): one row per version.
// version_number counts the versions of a kind in the cluster (1, 2, …); version is the row's change counter (the
// ETag). An adopted version names its conference and date and is frozen under content_hash; the version it
// replaced as the one in force is superseded and names it.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- chapters: [{title, articles: [{title, clauses: [text]}]}] in the document's order.
    create table cluster_documents (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      kind text not null check (kind in ('operating_regulations', 'action_programme', 'scoring_rules_note')),
      version_number integer not null check (version_number >= 1),
      year integer not null check (year between 1945 and 2100),
      title text not null,
      chapters jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'adopted', 'superseded')),
      conference_id uuid references conferences (id),
      adopted_on date,
      content_hash text,
      superseded_by_id uuid references cluster_documents (id),
      superseded_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint cluster_documents_version_unique unique (cluster_id, kind, version_number),
      constraint cluster_documents_frozen_once_adopted check (
        (status = 'draft') = (content_hash is null) and (content_hash is null) = (conference_id is null)
        and (conference_id is null) = (adopted_on is null)),
      constraint cluster_documents_superseded_names_successor check ((status = 'superseded') = (superseded_by_id is not null))
    );
    -- At most one version of a kind is in force in a cluster.
    create unique index cluster_documents_one_adopted on cluster_documents (cluster_id, kind) where status = 'adopted';
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table cluster_documents;')
}
