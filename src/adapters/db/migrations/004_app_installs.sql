-- Proactive installation of the Teams app for people who never opened it: one attempt a day at most.
create table app_installs (
  tid text not null,
  oid text not null,
  requested_on date not null,
  outcome text not null check (outcome in ('installed','already','failed')),
  detail text,
  primary key (tid, oid, requested_on)
);

-- People who removed the app themselves: never installed for them again.
create table chat_opt_outs (
  tid text not null,
  oid text not null,
  at timestamptz not null,
  primary key (tid, oid)
);
