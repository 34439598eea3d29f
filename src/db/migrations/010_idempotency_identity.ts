// A stored answer belongs to its caller's whole identity: the token's subject, role and scope (the cluster of a
// secretariat, the unit of a unit token). Keyed by the subject alone, a token of another scope that shares the
// subject was replayed the first caller's answer. The answers stored before carry no role or scope, so no caller
// can be shown to be theirs: they are dropped (at most IDEMPOTENCY_KEY_HOURS of retries make their request anew).
// Instances of the previous version cannot store keys in this table: stop them before migrating.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    delete from idempotency_keys;
    alter table idempotency_keys add column actor_role text not null, add column actor_scope text not null;
    alter table idempotency_keys drop constraint idempotency_keys_pkey;
    alter table idempotency_keys add primary key (actor_sub, actor_role, actor_scope, key);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    delete from idempotency_keys;
    alter table idempotency_keys drop constraint idempotency_keys_pkey;
    alter table idempotency_keys drop column actor_role, drop column actor_scope;
    alter table idempotency_keys add primary key (actor_sub, key);
  `)
}
