-- A finished Kommunekompass round is archived as a PDF/A report, once.
create table kompass_archive_copies (
  round_id uuid primary key references kompass_rounds (id),
  path text not null,
  location text not null,
  checksum text not null,
  archived_at timestamptz not null,
  metadata_checksum text not null
);
