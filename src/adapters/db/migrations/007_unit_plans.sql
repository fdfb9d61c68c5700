-- The unit's plan (virksomhetsplan, issue 14): one per unit and calendar year, its goals, the staff's
-- comments and proposals while it is open for input, and each goal's follow-up per quarter.
create table unit_plans (
  id uuid primary key,
  tid text not null,
  unit_id text not null,
  year integer not null,
  status text not null check (status in ('draft','input','adopted','reporting','closed')),
  template_version text not null,
  answers jsonb not null default '{}'::jsonb,
  version integer not null default 0,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  adopted_at timestamptz,
  adopted_by text,
  unique (tid, unit_id, year)
);

create table plan_goals (
  id uuid primary key,
  plan_id uuid not null references unit_plans (id) on delete cascade,
  position integer not null,
  goal text not null,
  indicator text,
  baseline double precision,
  target double precision,
  actions text,
  owner_oid text,
  due text,
  -- By id and without a foreign key: a removed goal's links are kept and read as "tidligere mål".
  serves_goal_id uuid,
  carried_from_id uuid,
  outcome text check (outcome in ('continue','adjust','end')),
  version integer not null default 0,
  removed_at timestamptz
);
create index plan_goals_by_plan on plan_goals (plan_id, position);
create index plan_goals_by_serves on plan_goals (serves_goal_id) where serves_goal_id is not null;
create index plan_goals_by_owner on plan_goals (owner_oid) where owner_oid is not null;

create table plan_contributions (
  id uuid primary key,
  plan_id uuid not null references unit_plans (id) on delete cascade,
  goal_id uuid,
  kind text not null check (kind in ('comment','proposal')),
  author_oid text not null,
  text text not null,
  created_at timestamptz not null,
  answer text,
  answered_by text,
  answered_at timestamptz,
  taken_into uuid
);
create index plan_contributions_by_plan on plan_contributions (plan_id, created_at);

create table goal_reports (
  goal_id uuid not null references plan_goals (id) on delete cascade,
  period text not null,
  status text not null check (status in ('reached','on_track','uncertain','not_reached')),
  measured double precision,
  comment text,
  by_oid text not null,
  at timestamptz not null,
  primary key (goal_id, period)
);

-- "Bidrar til": a conversation's plan row or goal names the unit goal it serves.
alter table action_items add column serves_goal_id uuid;
