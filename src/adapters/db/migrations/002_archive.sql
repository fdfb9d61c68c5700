-- Which archive copies exist for a signed record: one row per part (the record, and salary apart).
create table archive_copies (
  conversation_id uuid not null references conversations (id),
  part text not null check (part in ('record','salary')),
  path text not null,
  location text not null,
  checksum text not null,
  content_hash text not null,
  archived_at timestamptz not null,
  primary key (conversation_id, part)
);
