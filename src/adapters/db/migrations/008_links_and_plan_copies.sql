-- "Bidrar til" for goals written as text (the kontraktsamtale's Punkt 3 hovedmål): the unit goal a
-- field of a conversation serves, by id and without a foreign key, like a plan row's link.
create table field_links (
  conversation_id uuid not null references conversations (id),
  field_id text not null,
  goal_id uuid not null,
  primary key (conversation_id, field_id)
);
create index field_links_by_goal on field_links (goal_id);

-- A unit's plan is archived when it is adopted and again with its year report: one copy of each.
create table plan_archive_copies (
  plan_id uuid not null references unit_plans (id),
  kind text not null check (kind in ('adopted','report')),
  path text not null,
  location text not null,
  checksum text not null,
  archived_at timestamptz not null,
  metadata_checksum text not null,
  primary key (plan_id, kind)
);
