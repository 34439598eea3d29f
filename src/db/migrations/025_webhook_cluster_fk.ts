// A secretariat's webhook subscription now refers to its cluster (`webhooks.cluster_id`, a foreign key): the cluster
// is not deleted while it has subscriptions (409 `cluster_in_use`, references of kind `webhook`), as with every
// other record of the cluster. An admin's subscription keeps a null cluster_id (every event).
//
// Existing data: 024 kept the token's cluster without a key, and a cluster's deletion did not count its
// subscriptions, so a subscription can name a cluster deleted since (or one a token named that never existed).
// Such a subscription receives nothing more: its cluster's events ended with it. It cannot keep its cluster_id (the
// key refuses it) nor be given null (null is an admin's: a secretariat's subscription would receive every
// cluster's events). So it is deleted, its delivery log with it (on delete cascade); the audit trail keeps its
// creation and changes.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    delete from webhooks where cluster_id is not null and not exists (select 1 from clusters where clusters.id = webhooks.cluster_id);
    alter table webhooks add constraint webhooks_cluster_id_fkey foreign key (cluster_id) references clusters (id);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'alter table webhooks drop constraint webhooks_cluster_id_fkey;')
}
