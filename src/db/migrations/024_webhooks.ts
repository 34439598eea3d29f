// Webhook subscriptions and their delivery log (issue 17, part 1). A subscription follows the event feed with its
// own cursor (`position`: every event up to it has been handed to a delivery or skipped as not its own); its
// deliveries are attempted one at a time in feed order, the lowest pending position first. A lease
// (`lease_token`, `lease_until`) marks the instance sending its current delivery, so two instances never send
// the same subscription's events at once; a lease that runs out (an instance that stopped mid-delivery) is taken
// over and the delivery sent again: at least once.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    create table webhooks (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity unique,
      url text not null,
      event_types text[] not null,
      description text,
      active boolean not null default true,
      -- A secretariat's subscription receives its cluster's events only; null: an admin's, every event. The
      -- cluster of the token that made it, not a reference: it neither keeps a cluster from being deleted nor
      -- depends on the cluster's row.
      cluster_id uuid,
      -- Kept to sign with (HMAC needs the secret itself); never part of an answer, an audit record or an event.
      secret text not null,
      previous_secret text,
      previous_secret_until timestamptz,
      position bigint not null default 0,
      consecutive_failures integer not null default 0,
      disabled_at timestamptz,
      disabled_reason text,
      lease_token uuid,
      lease_until timestamptz,
      created_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint webhooks_previous_secret_whole check ((previous_secret is null) = (previous_secret_until is null))
    );
    create index webhooks_cluster on webhooks (cluster_id, seq);
    create index webhooks_active on webhooks (id) where active;

    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      webhook_id uuid not null references webhooks (id) on delete cascade,
      event_position bigint not null,
      event_id uuid not null,
      event_type text not null,
      status text not null check (status in ('pending', 'delivered', 'failed', 'cancelled')),
      attempts integer not null default 0,
      first_attempt_at timestamptz,
      last_attempt_at timestamptz,
      next_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      last_duration_ms integer,
      last_response_body text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint webhook_deliveries_next_iff_pending check ((status = 'pending') = (next_attempt_at is not null))
    );
    create index webhook_deliveries_log on webhook_deliveries (webhook_id, event_position desc, created_at desc);
    create index webhook_deliveries_pending on webhook_deliveries (webhook_id, event_position) where status = 'pending';
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table webhook_deliveries; drop table webhooks;')
}
