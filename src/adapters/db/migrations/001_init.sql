-- Samtale schema, PostgreSQL dialect (PGlite and PostgreSQL alike).
create table units (
  tid text not null,
  id text not null,
  name text not null,
  parent_id text,
  primary key (tid, id)
);

create table users (
  tid text not null,
  oid text not null,
  name text not null,
  upn text not null,
  unit_id text,
  manager_oid text,
  roles text[] not null default '{}',
  primary key (tid, oid)
);
create index users_by_manager on users (tid, manager_oid);

-- Every template version ever used is kept, so a conversation renders with the version it started with.
create table template_snapshots (
  key text not null,
  version text not null,
  definition jsonb not null,
  created_at timestamptz not null default now(),
  primary key (key, version)
);

create table template_customisations (
  tid text not null,
  key text not null,
  revision integer not null,
  version text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tid, key, revision)
);

create table conversations (
  id uuid primary key,
  tid text not null,
  template_key text not null,
  template_version text not null,
  period text not null,
  status text not null check (status in ('planned','preparing','held','awaiting_signatures','signed','archived','cancelled')),
  leader_oid text not null,
  employee_oid text not null,
  unit_id text,
  scheduled_at text,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  foreign key (template_key, template_version) references template_snapshots (key, version)
);
create unique index conversations_one_per_period on conversations (tid, template_key, employee_oid, period) where status <> 'cancelled';
create index conversations_by_leader on conversations (tid, leader_oid);
create index conversations_by_employee on conversations (tid, employee_oid);
create index conversations_by_period on conversations (tid, period);

create table answers (
  conversation_id uuid not null references conversations (id) on delete cascade,
  field_id text not null,
  slot text not null check (slot in ('shared','leader','employee')),
  value jsonb,
  version integer not null,
  updated_by text not null,
  updated_at timestamptz not null,
  shared_at timestamptz,
  primary key (conversation_id, field_id, slot)
);

create table action_items (
  id uuid primary key,
  conversation_id uuid not null references conversations (id) on delete cascade,
  field_id text not null,
  position integer not null,
  cells jsonb not null,
  owner_oid text,
  due text,
  status text not null default 'open' check (status in ('open','achieved','partly','not_yet')),
  status_comment text,
  status_updated_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null
);
create index action_items_by_conversation on action_items (conversation_id);
create index action_items_by_owner on action_items (owner_oid);

create table signatures (
  conversation_id uuid not null references conversations (id) on delete cascade,
  party text not null check (party in ('leader','employee')),
  tid text not null,
  oid text not null,
  name text not null,
  upn text not null,
  signed_at timestamptz not null,
  content_hash text not null,
  primary key (conversation_id, party)
);

-- Hash-chained: each event's hash covers the previous one, so an edit or a deletion shows.
create table audit_events (
  seq bigint generated always as identity primary key,
  tid text not null,
  at timestamptz not null,
  actor_oid text not null,
  action text not null,
  subject text not null,
  data jsonb not null,
  prev_hash text not null,
  hash text not null
);
create table audit_head (
  id integer primary key check (id = 1),
  hash text not null
);
insert into audit_head (id, hash) values (1, 'genesis');
