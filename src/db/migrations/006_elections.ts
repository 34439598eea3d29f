// Elections: secret ballots for titles and for next year's head and deputy units, in rounds. Secrecy is in the
// shape of the tables: `election_voters` records who voted in a round (turnout, and the one-ballot rule as its
// primary key); `ballots` records what was voted with no voter, no time and a random id, so no row links the two.
// A ballot's receipt is kept only as its SHA-256, which lets the voter check it was counted.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- candidate_unit_ids: the first round's candidates; winners: [{unitId, votes, round, decidedBy}] across rounds;
    -- eligibility_override: {reason, by} when an admin put forward candidates the ranking does not make eligible.
    create table elections (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      conference_id uuid references conferences (id),
      kind text not null check (kind in ('leadership', 'title')),
      office text check (office in ('head', 'deputy')),
      title_code text,
      term_year integer not null,
      seats integer not null check (seats between 1 and 100),
      candidate_unit_ids jsonb not null,
      eligibility_override jsonb,
      status text not null default 'draft' check (status in ('draft', 'open', 'closed', 'decided')),
      current_round integer not null default 0,
      winners jsonb not null default '[]',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint elections_office_for_leadership check ((kind = 'leadership') = (office is not null)),
      constraint elections_title_code_for_titles check ((kind = 'title') = (title_code is not null))
    );
    create index elections_cluster on elections (cluster_id, term_year, created_at, id);

    -- One row per round; electorate: the member units entitled to vote, fixed when the round opens; tally: the
    -- domain's tally, written when the round closes.
    create table election_rounds (
      election_id uuid not null references elections (id),
      round integer not null check (round >= 1),
      candidate_unit_ids jsonb not null,
      seats integer not null,
      electorate jsonb not null,
      opened_at timestamptz not null default now(),
      closed_at timestamptz,
      tally jsonb,
      primary key (election_id, round)
    );

    create table election_voters (
      election_id uuid not null,
      round integer not null,
      voter_unit_id uuid not null references units (id),
      constraint election_voters_once primary key (election_id, round, voter_unit_id),
      foreign key (election_id, round) references election_rounds (election_id, round)
    );

    create table ballots (
      id uuid primary key default gen_random_uuid(),
      election_id uuid not null,
      round integer not null,
      receipt_hash text not null,
      choices jsonb not null,
      constraint ballots_receipt_unique unique (receipt_hash),
      foreign key (election_id, round) references election_rounds (election_id, round)
    );
    create index ballots_round on ballots (election_id, round);

    -- The cluster's proposals for a title in a year, each with the vote behind it.
    create table title_proposals (
      cluster_id uuid not null references clusters (id),
      year integer not null,
      title_code text not null,
      unit_id uuid not null references units (id),
      election_id uuid not null references elections (id),
      round integer not null,
      votes integer not null,
      ballots_cast integer not null,
      electorate integer not null,
      decided_by text not null check (decided_by in ('votes', 'final_score', 'lots')),
      created_at timestamptz not null default now(),
      constraint title_proposals_once primary key (cluster_id, year, title_code, unit_id)
    );
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    drop table title_proposals;
    drop table ballots;
    drop table election_voters;
    drop table election_rounds;
    drop table elections;
  `)
}
