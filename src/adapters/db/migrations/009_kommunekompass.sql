-- Kommunekompasset (issue 15): an organisation's assessment round per year, its assessors' scores per
-- sub-area (in tenths), their notes per area, and the groups' anonymous input.
create table kompass_rounds (
  id uuid primary key,
  tid text not null,
  year integer not null,
  status text not null check (status in ('draft','input','assessment','done')),
  assessors text[] not null,
  version integer not null default 0,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (tid, year)
);

create table kompass_scores (
  round_id uuid not null references kompass_rounds (id) on delete cascade,
  assessor_oid text not null,
  code text not null,
  tenths integer not null check (tenths >= 0),
  justification text,
  at timestamptz not null,
  primary key (round_id, assessor_oid, code)
);

create table kompass_notes (
  round_id uuid not null references kompass_rounds (id) on delete cascade,
  area integer not null,
  kind text not null check (kind in ('styrker','utfordringer','svakheter')),
  text text not null,
  version integer not null,
  by_oid text not null,
  at timestamptz not null,
  primary key (round_id, area, kind)
);

-- Who is asked, and which areas they have answered: tracked apart from the answers, so reminders go
-- only to those who have not answered and no answer can be traced to a person.
create table kompass_invitations (
  round_id uuid not null references kompass_rounds (id) on delete cascade,
  oid text not null,
  grp text not null check (grp in ('politicians','top_leader','unit_leaders','employees','union')),
  answered_areas integer[] not null default '{}',
  primary key (round_id, oid)
);

-- The answers: no person, no time.
create table kompass_responses (
  round_id uuid not null references kompass_rounds (id) on delete cascade,
  area integer not null,
  grp text not null,
  ratings integer[] not null,
  text text
);
create index kompass_responses_by_round on kompass_responses (round_id, area, grp);
