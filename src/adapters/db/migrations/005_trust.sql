-- Forms people can trust (issue 11).
-- Plan-row cells carry their own versions, so edits to different cells of one row never conflict.
alter table action_items add column cell_meta jsonb not null default '{}'::jsonb;

-- A cancelled conversation remembers its stage, so cancelling can be undone; a reopened record
-- remembers who reopened it and whose signatures that voided, to tell them.
alter table conversations add column cancelled_from text;
alter table conversations add column reopened jsonb;

-- Every follow-up update of a plan item, oldest first: the item's history.
create table follow_up_updates (
  item_id uuid not null references action_items (id) on delete cascade,
  seq bigint generated always as identity,
  status text not null check (status in ('open','achieved','partly','not_yet')),
  comment text,
  at timestamptz not null,
  by_oid text not null,
  primary key (item_id, seq)
);
