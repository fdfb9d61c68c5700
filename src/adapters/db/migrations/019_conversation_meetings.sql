-- A conversation's time of day and length (Europe/Oslo wall clock; scheduled_at stays the date), and the
-- Teams meeting Samtale created for it in the leader's calendar: the event id, so a move or a cancel
-- finds it, and the meeting chat's thread, so a meeting tab opened in that meeting finds the conversation.
alter table conversations add column scheduled_time text check (scheduled_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
alter table conversations add column duration_minutes integer check (duration_minutes between 5 and 480);

create table conversation_meetings (
  conversation_id uuid primary key references conversations (id) on delete cascade,
  tid text not null,
  -- Whose calendar holds the event: only they can move or cancel it through /me/events.
  organizer_oid text not null,
  event_id text not null,
  join_url text,
  chat_id text,
  state text not null check (state in ('scheduled', 'cancelled')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index conversation_meetings_by_chat on conversation_meetings (tid, chat_id) where chat_id is not null;
