-- When a conversation last changed status: how long a record has waited for signatures.
alter table conversations add column status_changed_at timestamptz;
update conversations set status_changed_at = updated_at;
alter table conversations alter column status_changed_at set not null;

-- The personal chat with each user, stored when the bot is installed for them; removed on uninstall.
create table chat_references (
  tid text not null,
  oid text not null,
  conversation_id text not null,
  service_url text not null,
  bot_id text not null,
  user_id text not null,
  channel_id text not null,
  locale text not null default 'nb',
  installed_at timestamptz not null,
  unreachable_at timestamptz,
  unreachable_reason text,
  primary key (tid, oid)
);

-- One message per person per day (a bundle of what is due), recorded before it is sent. The keys
-- (kind:subject:period:recipient) it carries are each sent once, ever.
create table outbox (
  id text primary key,
  tid text not null,
  recipient_oid text not null,
  day date not null,
  messages jsonb not null,
  status text not null check (status in ('pending','sending','sent','undeliverable')),
  attempts integer not null default 0,
  claimed_at timestamptz,
  activity_id text,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz,
  unique (tid, recipient_oid, day)
);
create index outbox_unsent on outbox (status) where status in ('pending','sending');
create table outbox_keys (
  key text primary key,
  outbox_id text not null references outbox (id)
);
