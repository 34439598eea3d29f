// Evidence files. The bytes live once per SHA-256 (`file_contents`) in fixed-size chunks (`file_chunks`, 32 KiB
// rows of bytea), so neither an upload nor a download ever holds a whole file; a file record (`files`) names the
// content with the uploader's name for it, its media type and who uploaded it. Two uploads of the same bytes are
// two records pointing at one content. Chunks are written under their content's id before that content is
// settled (the upload is streamed outside the unit of work), so chunks may exist without a `file_contents` row for
// as long as an upload is in flight; an interrupted upload's are removed when it fails.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    create table file_chunks (
      content_id uuid not null,
      seq integer not null check (seq >= 0),
      data bytea not null,
      primary key (content_id, seq)
    );
    create table file_contents (
      id uuid primary key,
      sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null check (size >= 0),
      created_at timestamptz not null default now()
    );
    create table files (
      id uuid primary key default gen_random_uuid(),
      content_id uuid not null references file_contents (id),
      name text not null,
      media_type text not null,
      size bigint not null,
      sha256 text not null,
      uploaded_by_sub text not null,
      uploaded_by_role text not null,
      uploaded_by_unit_id uuid,
      uploaded_by_cluster_id uuid,
      created_at timestamptz not null default now()
    );
    create index files_content on files (content_id);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    drop table files;
    drop table file_contents;
    drop table file_chunks;
  `)
}
