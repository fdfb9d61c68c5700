-- Records lifecycle (issue 17).
-- The kassasjonsdato written into the archive copy's metadata, kept beside it: the retention job's
-- clock. Copies archived before this column have none; the job reads archived_at plus the configured
-- years for them.
alter table archive_copies add column dispose_on date;
create index archive_copies_dispose_on on archive_copies (dispose_on);

-- HR keeps a record past its kassasjonsdato ("bevares"), with the reason. No foreign key: a hold can
-- be placed on what the job is about to take, and it outlives nothing (the record is kept while held).
create table retention_holds (
  conversation_id uuid primary key,
  tid text not null,
  reason text not null,
  placed_by text not null,
  placed_at timestamptz not null
);

-- A record the job has begun to delete (its copies go first): a hold can no longer be placed on it,
-- and a run cut short finishes it.
alter table conversations add column disposing_at timestamptz;

-- Private preparation never shared is deleted some days after the record is archived: when that was done.
alter table conversations add column preparation_disposed_at timestamptz;

-- Rounds HR runs: a template, a period, a deadline, and who is in scope (people from the directory,
-- chosen by unit when the round is defined, kept as a list so the figures do not move under HR).
create table rounds (
  id uuid primary key,
  tid text not null,
  template_key text not null,
  period text not null,
  deadline date not null,
  unit_ids text[] not null,
  created_by text not null,
  created_at timestamptz not null
);
create index rounds_by_tenant on rounds (tid, period);
create index rounds_by_deadline on rounds (deadline);
create table round_people (
  round_id uuid not null references rounds (id) on delete cascade,
  oid text not null,
  primary key (round_id, oid)
);
