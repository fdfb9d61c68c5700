-- The directory is kept in step with Entra ID by Graph delta rounds (m365 mode): requests read this copy.
-- People who leave stay as inactive rows, so conversations they took part in keep their names.
alter table users add column active boolean not null default true;
-- The full round a person was last seen in: after a full round, anyone not seen has left.
alter table users add column seen_round bigint;
create index users_by_unit on users (tid, unit_id) where active;
create index users_by_name on users (tid, name, oid) where active;

-- Where each tenant's sync stands: the delta link to ask next time, or the next page of a round under
-- way (so a cut round goes on where it stopped).
create table directory_sync (
  tid text primary key,
  delta_link text,
  next_link text,
  round bigint,
  full_round boolean not null default true,
  synced_at timestamptz,
  rounds integer not null default 0,
  -- One sync at a time per tenant, whichever instance or command runs it: a lease, renewed each page.
  claimed_by text,
  claimed_until timestamptz
);
