// The journal of a write (its audit records and its outbox events) goes to PostgreSQL in one statement at the end
// of the write's transaction, instead of one insert per record, then the lock, then the events: fewer round trips
// for every write. The events are appended last, under a transaction-scoped advisory lock held until commit, so
// position order is commit order and a reader that follows the feed never skips an event committed later.
import type { Knex } from 'knex'

// One statement (the body holds semicolons), so not through runSqlScript. 7311042 is any fixed number: the lock
// every writer of the outbox takes.
const JOURNAL_APPEND = `
  create function journal_append(audits jsonb, events jsonb) returns void language plpgsql as $$
  begin
    insert into audit_events (actor_sub, actor_role, action, resource_type, resource_id, before, after, request_id)
    select a->>'actorSub', a->>'actorRole', a->>'action', a->>'resourceType', a->>'resourceId', a->'before', a->'after', a->>'requestId'
    from jsonb_array_elements(audits) with ordinality as r(a, n) order by n;
    if jsonb_array_length(events) > 0 then
      perform pg_advisory_xact_lock(7311042);
      insert into events (type, resource_type, resource_id, request_id, data)
      select e->>'type', e->>'resourceType', e->>'resourceId', e->>'requestId', e->'data'
      from jsonb_array_elements(events) with ordinality as r(e, n) order by n;
    end if;
  end
  $$`

export async function up (knex: Knex): Promise<void> {
  await knex.raw(JOURNAL_APPEND)
}

export async function down (knex: Knex): Promise<void> {
  await knex.raw('drop function journal_append(jsonb, jsonb)')
}
