// The SQL the service runs for each benchmarked request, statement by statement, as knex writes it (captured with
// DEBUG=knex:query). The baseline runs exactly these with pg; bench/service.ts captures the service's SQL again on
// every run and refuses a baseline that no longer matches, so the comparison cannot drift silently.
// Left out on purpose: what the service adds to every write (audit row, event row with its ordering lock,
// idempotency row) — the "nothing else" the baseline measures the service against.

export const MEMBERS = {
  cluster: 'select * from "clusters" where "id" = $1 limit $2',
  page: 'select "m".*, "u"."name" as "unit_name", "u"."code" as "unit_code", "u"."sort_key" from "memberships" as "m" ' +
    'inner join "units" as "u" on "u"."id" = "m"."unit_id" where "m"."cluster_id" = $1 and "m"."valid_from" <= $2 and ' +
    '("m"."valid_until" is null or "m"."valid_until" > $3) order by "u"."sort_key" asc, "m"."unit_id" asc limit $4'
}

/** What loadInputs reads: the whole cluster's scoring inputs. */
export const INPUTS = {
  members: 'select "id", "name" from "units" where "id" in (select "unit_id" from "memberships" where "cluster_id" = $1 and ' +
    '"valid_from" < $2 and ("valid_until" is null or "valid_until" > $3)) order by "id" asc',
  targets: 'select "unit_id", "targets", "not_applicable" from "scoring_targets" where "scheme_id" = $1',
  cards: 'select * from "scorecards" where "scheme_id" = $1 order by "unit_id" asc',
  disciplined: 'select distinct "unit_id" from "discipline_records" where "unit_id" in (select "unit_id" from "memberships" ' +
    'where "cluster_id" = $1) and "status" in ($2, $3) and "valid_from" < $4 and ("valid_until" is null or "valid_until" > $5)'
}

export const RANKING = {
  scheme: 'select * from "scoring_schemes" where "id" = $1 limit $2',
  cluster: MEMBERS.cluster,
  finalization: 'select * from "scorecard_finalizations" where "scheme_id" = $1 limit $2',
  // The service reads the feed's head to know whether its cached ranking is still current (ranking-cache.ts).
  head: 'select max("position") as "head" from "events" limit $1'
}

export const SAVE = {
  scheme: 'select * from "scoring_schemes" where "id" = $1 limit $2 for share',
  unit: 'select * from "units" where "id" = $1 limit $2',
  card: 'select * from "scorecards" where "scheme_id" = $1 and "unit_id" = $2 limit $3 for update',
  finalization: RANKING.finalization,
  member: 'select "id" from "memberships" where "cluster_id" = $1 and "unit_id" = $2 and ("valid_until" is null or ' +
    '"valid_until" > $3) and "valid_from" < $4 limit $5',
  update: 'update "scorecards" set "entries" = $1, "version" = $2, "updated_at" = CURRENT_TIMESTAMP where "scheme_id" = $3 ' +
    'and "unit_id" = $4 returning *'
}

export const BALLOT = {
  // The election's status and round, the round, and the cluster's rules, in one read.
  admission: 'select "e"."id", "e"."cluster_id", "e"."status", "e"."current_round", "c"."rules", "r"."election_id", "r"."round", ' +
    '"r"."candidate_unit_ids", "r"."seats", "r"."electorate", "r"."opened_at", "r"."closed_at", "r"."tally" from "elections" as "e" ' +
    'inner join "clusters" as "c" on "c"."id" = "e"."cluster_id" left join "election_rounds" as "r" on "r"."election_id" = "e"."id" ' +
    'and "r"."round" = "e"."current_round" where "e"."id" = $1 limit $2',
  // The round share-locked while open, who voted and what was voted, in one statement.
  ballot: ballotStatement('')
}

/**
 * The ballot's statement; the service's carries its journal as one more column (`journal_append`, written only with
 * the ballot), which the baseline leaves out like every journal write.
 */
function ballotStatement (journal: string): string {
  return 'with open_round as (select "id", "current_round" from "elections" where "id" = $1 and "status" = \'open\' ' +
    'and "current_round" = $2 for share), voter as (insert into "election_voters" ("election_id", "round", "voter_unit_id") ' +
    'select "id", "current_round", $3::uuid from open_round returning "election_id", "round"), ' +
    'ballot as (insert into "ballots" ("choices", "election_id", "receipt_hash", "round") select $4::jsonb, "election_id", $5::text, "round" from voter returning "round") ' +
    `select "round"${journal} from ballot`
}

/** The statements of each scenario in the order the service runs them (transaction control included). */
export const EXPECTED: Record<string, string[]> = {
  members: [MEMBERS.cluster, MEMBERS.page],
  ranking: [RANKING.scheme, RANKING.cluster, RANKING.finalization, RANKING.head, INPUTS.members, INPUTS.targets, INPUTS.cards, INPUTS.disciplined],
  save: ['BEGIN;', SAVE.scheme, SAVE.unit, SAVE.card, SAVE.finalization, SAVE.member, SAVE.update,
    INPUTS.members, INPUTS.targets, INPUTS.cards, INPUTS.disciplined, 'COMMIT;'],
  ballot: [BALLOT.admission, 'BEGIN;', ballotStatement(', journal_append($6::jsonb, $7::jsonb)'), 'COMMIT;']
}

/** The service's own bookkeeping on a write, which the baseline leaves out. */
export const JOURNAL = /^(select journal_append\(|insert into "idempotency_keys"|select \* from "idempotency_keys")/
