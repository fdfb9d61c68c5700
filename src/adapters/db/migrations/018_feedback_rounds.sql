-- Anonymous upward feedback before a leader's conversation (issue 18): one round per conversation, who
-- is asked (and whether they have answered), and the answers stored without the person or the time.
create table feedback_rounds (
  id uuid primary key,
  tid text not null,
  conversation_id uuid not null unique references conversations (id) on delete cascade,
  template_key text not null,
  -- The statement keys asked, in order, frozen when the round opens.
  statements text[] not null,
  opened_by text not null,
  opened_at timestamptz not null,
  closes_on date not null,
  closed_at timestamptz,
  -- What the assessed leader chose: keep it private, share it with the superior, or put it in the record.
  shared text not null default 'private' check (shared in ('private','shared','record'))
);

-- Who is asked: tracked apart from the answers, so the reminder goes only to those who have not answered
-- and no answer can be traced to a person.
create table feedback_invitations (
  round_id uuid not null references feedback_rounds (id) on delete cascade,
  oid text not null,
  relation text not null check (relation in ('report','peer')),
  answered boolean not null default false,
  primary key (round_id, oid)
);

-- The answers: no person, no time.
create table feedback_responses (
  round_id uuid not null references feedback_rounds (id) on delete cascade,
  ratings integer[] not null,
  text text
);
create index feedback_responses_by_round on feedback_responses (round_id);
